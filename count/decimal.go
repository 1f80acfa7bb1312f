package count

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

// Decimal is an exact fixed-point number of votes: Units × 10^-Places.
// Scottish STV counts in units of 0.00001 (Places 5), Meek in units of
// 0.000000001 (Places 9) and IRV in whole votes (Places 0). A Decimal prints
// every place, so 1161 votes under Scottish STV prints as 1161.00000, the
// way the official count sheets print it.
type Decimal struct {
	Units  int64
	Places int
}

// String formats the number with exactly Places decimals.
func (d Decimal) String() string {
	return string(d.appendTo(nil))
}

// Reading writes the number for reading on a page: rounded half away
// from zero to at most places decimals (Meek's nine are noise to a reader
// and crowd a phone). Files and JSON keep every place.
func (d Decimal) Reading(places int) string {
	if d.Places <= places {
		return d.String()
	}
	scale := pow10(d.Places - places)
	u := d.Units
	if u < 0 {
		u -= scale / 2
	} else {
		u += scale / 2
	}
	return Decimal{Units: u / scale, Places: places}.String()
}

// readingPlaces is how many decimals a page shows of a count.
const readingPlaces = 2

// MarshalJSON writes the number as a JSON number with exactly Places
// decimals, so that no value passes through floating point.
func (d Decimal) MarshalJSON() ([]byte, error) {
	return d.appendTo(nil), nil
}

func (d Decimal) appendTo(buf []byte) []byte {
	u := d.Units
	if u < 0 {
		buf = append(buf, '-')
		u = -u
	}
	if d.Places <= 0 {
		return strconv.AppendInt(buf, u, 10)
	}
	scale := pow10(d.Places)
	buf = strconv.AppendInt(buf, u/scale, 10)
	frac := strconv.AppendInt(nil, u%scale, 10)
	buf = append(buf, '.')
	for i := len(frac); i < d.Places; i++ {
		buf = append(buf, '0')
	}
	return append(buf, frac...)
}

// parseDecimal parses a decimal such as "1161.00000" or "-0.5" into units
// of 10^-places; it refuses more decimals than places.
func parseDecimal(s string, places int) (Decimal, error) {
	bad := fmt.Errorf("%q is not a number with at most %d decimals", s, places)
	digits := strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(digits, ".")
	if len(frac) > places || !allDigits(whole) || (frac != "" && !allDigits(frac)) || len(whole) > 18-places {
		return Decimal{}, bad
	}
	units := int64(0)
	for _, ch := range whole + frac {
		units = units*10 + int64(ch-'0')
	}
	units *= pow10(places - len(frac))
	if len(digits) < len(s) {
		units = -units
	}
	return Decimal{Units: units, Places: places}, nil
}

func allDigits(s string) bool {
	for _, ch := range s {
		if ch < '0' || ch > '9' {
			return false
		}
	}
	return s != ""
}

func pow10(n int) int64 {
	p := int64(1)
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

// mulDivFloor returns floor(a×b/c) for non-negative a, b and positive c,
// exactly, through a 128-bit intermediate product. The result must fit in
// an int64, which the callers guarantee by bounding the total weight.
func mulDivFloor(a, b, c int64) int64 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	q, _ := bits.Div64(hi, lo, uint64(c))
	return int64(q)
}

// mulDivCeil returns ceil(a×b/c) for non-negative a, b and positive c.
func mulDivCeil(a, b, c int64) int64 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	q, r := bits.Div64(hi, lo, uint64(c))
	if r != 0 {
		q++
	}
	return int64(q)
}
