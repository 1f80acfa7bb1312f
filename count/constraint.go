package count

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Constraint reserves seats: at least or at most N of the elected must carry
// Tag.
type Constraint struct {
	// Tag is the tag the constraint counts.
	Tag string
	// AtMost selects "at most N"; otherwise the constraint is "at least N".
	AtMost bool
	// N is the number of seats reserved (at least) or allowed (at most).
	N int
}

// String writes the constraint the way ParseConstraint reads it.
func (c Constraint) String() string {
	op := ">="
	if c.AtMost {
		op = "<="
	}
	return c.Tag + op + strconv.Itoa(c.N)
}

// MarshalText writes the constraint as its String.
func (c Constraint) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// ParseConstraint parses "TAG>=N" (at least N elected carry TAG) or
// "TAG<=N" (at most N).
func ParseConstraint(s string) (Constraint, error) {
	for _, op := range []string{">=", "<="} {
		tag, num, ok := strings.Cut(s, op)
		if !ok {
			continue
		}
		tag = strings.TrimSpace(tag)
		n, err := strconv.Atoi(strings.TrimSpace(num))
		if tag == "" || err != nil || n < 0 {
			break
		}
		return Constraint{Tag: tag, AtMost: op == "<=", N: n}, nil
	}
	return Constraint{}, fmt.Errorf("constraint %q: write TAG>=N (at least N) or TAG<=N (at most N) with N a whole number", s)
}

// Tags maps a candidate's name to the tags the candidate carries.
type Tags map[string][]string

// ReadTags reads a tags file: CSV, one candidate a line, "name,tag,tag...".
// Blank lines are skipped; a name given twice is refused. Errors name the
// line.
func ReadTags(r io.Reader) (Tags, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	tags := Tags{}
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return tags, nil
		}
		if err != nil {
			return nil, fmt.Errorf("tags: %w", err)
		}
		line, _ := cr.FieldPos(0)
		name := unescapeCell(strings.TrimSpace(rec[0]))
		if name == "" {
			return nil, fmt.Errorf("tags line %d: the first field must name a candidate", line)
		}
		if first, dup := seen[name]; dup {
			return nil, fmt.Errorf("tags line %d: %q is already tagged on line %d", line, name, first)
		}
		seen[name] = line
		tags[name] = cleanTags(rec[1:])
	}
}

// unescapeCell undoes what keeps a cell from being read as a formula when
// the file is opened in a spreadsheet: an apostrophe before = + - or @.
func unescapeCell(f string) string {
	if len(f) > 1 && f[0] == '\'' && strings.ContainsRune("=+-@", rune(f[1])) {
		return f[1:]
	}
	return f
}

// cleanTags trims the tags and drops empty ones.
func cleanTags(fields []string) []string {
	var out []string
	for _, f := range fields {
		if f = unescapeCell(strings.TrimSpace(f)); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// candidateTags resolves tags by name to tags by candidate index, refusing
// names that are not candidates.
func candidateTags(names []string, tags Tags) ([][]string, error) {
	byName := make(map[string]int, len(names))
	for i, n := range names {
		byName[n] = i
	}
	out := make([][]string, len(names))
	for name, t := range tags {
		i, ok := byName[name]
		if !ok {
			return nil, fmt.Errorf("tags name %q, who is not a candidate", name)
		}
		out[i] = t
	}
	return out, nil
}
