// Package geo places members on the map: ZIP code centroids, branch
// boundaries read from GeoJSON, and point in polygon.
package geo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strconv"
	"strings"
	"sync"

	"github.com/rankfile/rankfile"
)

// zipcodes.tsv.gz holds the centroid of every US ZIP code from GeoNames
// (CC BY 4.0); see ZIPCODES.md for its source and how to rebuild it.
//
//go:embed zipcodes.tsv.gz
var zipTable []byte

// ZipPlace is a ZIP code's centroid and where it is.
type ZipPlace struct {
	Zip    string
	Point  rankfile.Point
	Place  string
	State  string // two-letter code
	County string
}

var (
	zipsOnce sync.Once
	zips     map[string]ZipPlace
	zipList  []ZipPlace
)

// LookupZip returns the place of a five-digit ZIP code.
func LookupZip(zip5 string) (ZipPlace, bool) {
	zipsOnce.Do(loadZips)
	p, ok := zips[zip5]
	return p, ok
}

// ZipsIn returns the ZIP codes of a county, in ZIP order.
func ZipsIn(state, county string) []ZipPlace {
	zipsOnce.Do(loadZips)
	var out []ZipPlace
	for _, p := range zipList {
		if p.State == state && p.County == county {
			out = append(out, p)
		}
	}
	return out
}

// ZipsStartingWith returns the ZIP codes that begin with prefix (a
// three-digit prefix is a region's sectional center), in ZIP order.
func ZipsStartingWith(prefix string) []ZipPlace {
	zipsOnce.Do(loadZips)
	var out []ZipPlace
	for _, p := range zipList {
		if strings.HasPrefix(p.Zip, prefix) {
			out = append(out, p)
		}
	}
	return out
}

// loadZips decodes the embedded table. The table is part of the binary, so
// a malformed one is a build defect and panics.
func loadZips() {
	gz, err := gzip.NewReader(bytes.NewReader(zipTable))
	if err != nil {
		panic("geo: embedded ZIP table: " + err.Error())
	}
	zips = make(map[string]ZipPlace, 42000)
	sc := bufio.NewScanner(gz)
	for sc.Scan() {
		p := parseZipLine(sc.Text())
		zips[p.Zip] = p
		zipList = append(zipList, p)
	}
	if err := sc.Err(); err != nil {
		panic("geo: embedded ZIP table: " + err.Error())
	}
}

func parseZipLine(line string) ZipPlace {
	f := strings.Split(line, "\t")
	if len(f) != 6 {
		panic("geo: embedded ZIP table: bad line " + strconv.Quote(line))
	}
	lat, err1 := strconv.ParseFloat(f[1], 64)
	lon, err2 := strconv.ParseFloat(f[2], 64)
	if err1 != nil || err2 != nil {
		panic("geo: embedded ZIP table: bad coordinates in " + strconv.Quote(line))
	}
	return ZipPlace{Zip: f[0], Point: rankfile.Point{Lat: lat, Lon: lon}, Place: f[3], State: f[4], County: f[5]}
}

// MemberPoint decides where a member is for sorting into branches: their
// own coordinates when known, else the centroid of their mailing ZIP, else
// (when the mailing ZIP is empty or unusable) of their billing ZIP.
func MemberPoint(own *rankfile.Point, mailingZip, billingZip string) (rankfile.Point, bool) {
	if own != nil {
		return *own, true
	}
	zip := rankfile.Zip5(mailingZip)
	if zip == "" {
		zip = rankfile.Zip5(billingZip)
	}
	p, ok := LookupZip(zip)
	return p.Point, ok
}
