package geocode_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geocode"
)

// TestLocateReadsEachGeocodersAnswer asks a server that answers as the
// Census geocoder, Nominatim and Photon do, and checks the place each
// gives, the address as the server received it, and the answers that are
// not a place: none found, a server error, something else.
func TestLocateReadsEachGeocodersAnswer(t *testing.T) {
	const addr = "1234 N Main St #5, Los Angeles, CA 90026"
	answers := map[string]string{
		"census":    `{"result":{"input":{},"addressMatches":[{"coordinates":{"x":-118.26,"y":34.07}}]}}`,
		"nominatim": `[{"place_id":1,"lat":"34.07","lon":"-118.26"}]`,
		"photon":    `{"type":"FeatureCollection","features":[{"geometry":{"type":"Point","coordinates":[-118.26,34.07]}}]}`,
		"none":      `{"result":{"addressMatches":[]}}`,
		"nothing":   `[]`,
		"broken":    `<html>`,
		"odd":       `{"hello":1}`,
		"mars":      `[{"lat":"134.07","lon":"-118.26"}]`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got := r.URL.Query().Get("q"); got != addr {
			t.Errorf("the server received %q", got)
		}
		if r.URL.Path == "/down" {
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		w.Write([]byte(answers[strings.TrimPrefix(r.URL.Path, "/")]))
	}))
	defer srv.Close()
	locate := func(path string) (*rankfile.Point, error) {
		c, err := geocode.New(srv.URL+"/"+path+"?q={address}", 1000)
		if err != nil {
			t.Fatal(err)
		}
		return c.Locate(context.Background(), addr)
	}
	for _, shape := range []string{"census", "nominatim", "photon"} {
		if p, err := locate(shape); err != nil || *p != (rankfile.Point{Lat: 34.07, Lon: -118.26}) {
			t.Errorf("%s: %v, %v", shape, p, err)
		}
	}
	for _, none := range []string{"none", "nothing"} {
		if _, err := locate(none); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("%s: %v, want not found", none, err)
		}
	}
	for _, bad := range []string{"down", "broken", "odd", "mars"} {
		if p, err := locate(bad); err == nil || rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
			t.Errorf("%s: %v, %v; want an error that is not 'not found'", bad, p, err)
		}
	}
}

func TestNewRefusesAURLItCannotUse(t *testing.T) {
	for _, u := range []string{"https://geocoding.example.org/search?q=", "ftp://x/{address}", "{address}", "https:///{address}"} {
		if _, err := geocode.New(u, 1); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("%q: %v", u, err)
		}
	}
}
