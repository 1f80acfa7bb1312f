// Package geocode finds where an address is by asking a geocoding service
// the chapter chooses, by URL: the US Census Bureau's geocoder (free, no
// key), a Nominatim of its own or LocationIQ, or a Pelias or Photon
// server. The URL holds {address} where the address goes; the answer is
// read in whichever of their shapes it comes.
package geocode

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/rankfile/rankfile"
)

// Setting is the setting that holds the geocoder's URL.
const Setting = "geocoder_url"

// Client asks one geocoding service, no faster than its rate.
type Client struct {
	template string
	http     *http.Client
	limit    *rate.Limiter
}

// maxAnswer bounds what is read of an answer: one address's is small.
const maxAnswer = 1 << 20

// New returns a client of the service at template, which must be an http
// or https URL holding {address}, asked at most perSecond times a second
// (Nominatim's public servers allow one).
func New(template string, perSecond float64) (*Client, error) {
	u, err := url.Parse(strings.ReplaceAll(template, "{address}", "x"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || !strings.Contains(template, "{address}") {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the geocoder's URL must be http or https and hold {address}")
	}
	return &Client{
		template: template,
		http:     &http.Client{Timeout: 15 * time.Second},
		limit:    rate.NewLimiter(rate.Limit(perSecond), 1),
	}, nil
}

// Locate returns where the address is: ENOTFOUND when the service knows
// no such place, any other error when it could not be asked.
func (c *Client) Locate(ctx context.Context, address string) (*rankfile.Point, error) {
	if err := c.limit.Wait(ctx); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.ReplaceAll(c.template, "{address}", url.QueryEscape(address)), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "rankfile (a chapter's field program)")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("asking the geocoder: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("the geocoder answered %s", resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return nil, fmt.Errorf("reading the geocoder's answer: %w", err)
	}
	return readAnswer(body)
}

// answer holds the shapes geocoders answer in: Nominatim's list of
// places, the Census geocoder's address matches, GeoJSON features.
type answer struct {
	places []struct{ Lat, Lon string }
	Result *struct {
		AddressMatches []struct{ Coordinates struct{ X, Y float64 } }
	} `json:"result"`
	Features []struct {
		Geometry struct{ Coordinates []float64 }
	} `json:"features"`
}

// readAnswer finds the first place in an answer.
func readAnswer(body []byte) (*rankfile.Point, error) {
	var a answer
	if err := json.Unmarshal(body, &a.places); err == nil {
		return nominatimPlace(a)
	}
	if err := json.Unmarshal(body, &a); err != nil {
		return nil, fmt.Errorf("the geocoder's answer is not JSON a geocoder gives: %w", err)
	}
	switch {
	case a.Result != nil && len(a.Result.AddressMatches) > 0:
		c := a.Result.AddressMatches[0].Coordinates
		return checked(c.Y, c.X)
	case len(a.Features) > 0 && len(a.Features[0].Geometry.Coordinates) >= 2:
		c := a.Features[0].Geometry.Coordinates
		return checked(c[1], c[0])
	case a.Result != nil || a.Features != nil:
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "the geocoder knows no such address")
	}
	return nil, fmt.Errorf("the geocoder's answer is not one rankfile reads")
}

func nominatimPlace(a answer) (*rankfile.Point, error) {
	if len(a.places) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "the geocoder knows no such address")
	}
	lat, err1 := strconv.ParseFloat(a.places[0].Lat, 64)
	lon, err2 := strconv.ParseFloat(a.places[0].Lon, 64)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("the geocoder gave %q, %q for a place", a.places[0].Lat, a.places[0].Lon)
	}
	return checked(lat, lon)
}

// checked refuses a "place" that is not on Earth.
func checked(lat, lon float64) (*rankfile.Point, error) {
	p := &rankfile.Point{Lat: lat, Lon: lon}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("the geocoder gave a place not on Earth: %w", err)
	}
	return p, nil
}
