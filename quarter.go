package rankfile

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Quarter is a quarter of a year, Q from 1 to 4.
type Quarter struct {
	Year int
	Q    int
}

// QuarterOf returns the quarter day d falls in.
func QuarterOf(d Date) Quarter { return Quarter{Year: d.Year, Q: (int(d.Month)-1)/3 + 1} }

// Start returns the quarter's first day.
func (q Quarter) Start() Date { return Date{Year: q.Year, Month: time.Month((q.Q-1)*3 + 1), Day: 1} }

// Add returns the quarter n quarters after q (before, for n < 0).
func (q Quarter) Add(n int) Quarter {
	i := q.Year*4 + q.Q - 1 + n
	return Quarter{Year: i / 4, Q: i%4 + 1}
}

// Count returns how many quarters run from q to r, both included.
func (q Quarter) Count(r Quarter) int { return (r.Year*4 + r.Q) - (q.Year*4 + q.Q) + 1 }

// String writes the quarter as "2026-Q3", as ParseQuarter reads it.
func (q Quarter) String() string { return fmt.Sprintf("%04d-Q%d", q.Year, q.Q) }

// MarshalText writes the quarter as String does, for JSON.
func (q Quarter) MarshalText() ([]byte, error) { return []byte(q.String()), nil }

// ParseQuarter reads "2026-Q3"; EINVALID otherwise.
func ParseQuarter(s string) (Quarter, error) {
	year, q, ok := strings.Cut(strings.ToUpper(strings.TrimSpace(s)), "-Q")
	y, err1 := strconv.Atoi(year)
	n, err2 := strconv.Atoi(q)
	if !ok || err1 != nil || err2 != nil || n < 1 || n > 4 || y < FirstYear || y > LastYear {
		return Quarter{}, Errorf(EINVALID, "a quarter is written as 2026-Q3, not %q", s)
	}
	return Quarter{Year: y, Q: n}, nil
}

// Next returns the quarter after q.
func (q Quarter) Next() Quarter { return q.Add(1) }
