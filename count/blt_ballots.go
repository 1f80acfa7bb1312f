package count

import (
	"bytes"
	"fmt"
)

// parseBallots reads ballot lines, starting with line, up to the "0" that
// ends them.
func (p *bltParser) parseBallots(line []byte) error {
	for {
		if len(line) == 1 && line[0] == '0' {
			return nil
		}
		if err := p.parseBallot(line); err != nil {
			return err
		}
		var ok bool
		if line, ok = p.nextLine(); !ok {
			return fmt.Errorf("line %d: the file ends before the '0' line that ends the ballots", p.lineNo)
		}
	}
}

// parseBallot reads "<weight> <pref> ... 0" without allocating.
func (p *bltParser) parseBallot(line []byte) error {
	tok, rest := nextField(line)
	if tok[0] == '(' {
		return p.errorf("ballot IDs %q are not supported", tok)
	}
	weight, ok := parseUint(tok)
	if !ok || weight < 1 {
		return p.errorf("ballot weight must be a whole number of at least 1, found %q", tok)
	}
	p.ballot.start(weight, p.lineNo)
	ended := false
	for len(rest) > 0 {
		tok, rest = nextField(rest)
		if ended {
			return p.errorf("%q follows the 0 that ends the ballot", tok)
		}
		if len(tok) == 1 && tok[0] == '0' {
			ended = true
			continue
		}
		if err := p.parseRank(tok); err != nil {
			return err
		}
	}
	if !ended {
		return p.errorf("ballot does not end with 0")
	}
	return p.ballot.finish()
}

// parseRank reads one rank: a candidate, or candidates joined by "=".
func (p *bltParser) parseRank(tok []byte) error {
	if tok[0] == '-' {
		return p.errorf("skipped rankings %q are not supported", tok)
	}
	for i, part := range bytes.Split(tok, []byte("=")) {
		c, err := p.candidate(part)
		if err != nil {
			return err
		}
		if !p.ballot.add(c, i > 0) {
			return p.errorf("candidate %d is ranked more than once", c+1)
		}
	}
	return nil
}

// nextField splits off the first run of non-space bytes of s.
func nextField(s []byte) (field, rest []byte) {
	i := 0
	for i < len(s) && !isSpace(s[i]) {
		i++
	}
	field = s[:i]
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return field, s[i:]
}

func isSpace(ch byte) bool {
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f'
}

// ballotBuilder collects ballots into one arena and merges identical
// rankings, so that reading allocates per distinct ranking, not per ballot.
type ballotBuilder struct {
	arena   []int
	equal   []bool
	key     []byte
	mark    []int // mark[c] == current: c is already on the ballot
	current int
	index   map[string]int
	specs   []ballotSpec
	pending ballotSpec
}

// ballotSpec locates one distinct ranking in the arena.
type ballotSpec struct {
	weight     int64
	start, end int
	line       int
	equal      bool
}

func (b *ballotBuilder) init(candidates int) {
	b.mark = make([]int, candidates)
	b.index = make(map[string]int)
}

func (b *ballotBuilder) start(weight int64, line int) {
	b.current++
	b.key = b.key[:0]
	b.pending = ballotSpec{weight: weight, start: len(b.arena), end: len(b.arena), line: line}
}

// add appends candidate c, tied with the previous one when equal is set,
// and reports false if c is already on the ballot.
func (b *ballotBuilder) add(c int, equal bool) bool {
	if b.mark[c] == b.current {
		return false
	}
	b.mark[c] = b.current
	b.arena = append(b.arena, c)
	b.equal = append(b.equal, equal)
	b.pending.end++
	b.pending.equal = b.pending.equal || equal
	flag := 0
	if equal {
		flag = 1
	}
	b.key = append(b.key, byte(c>>7), byte(c<<1)|byte(flag))
	return true
}

// finish merges the pending ballot into an identical earlier ranking, or
// keeps it as a new one.
func (b *ballotBuilder) finish() error {
	if i, ok := b.index[string(b.key)]; ok {
		b.specs[i].weight += b.pending.weight
		b.arena = b.arena[:b.pending.start]
		b.equal = b.equal[:b.pending.start]
		if b.specs[i].weight > MaxTotalWeight {
			return fmt.Errorf("line %d: total ballot weight exceeds %d", b.pending.line, MaxTotalWeight)
		}
		return nil
	}
	b.index[string(b.key)] = len(b.specs)
	b.specs = append(b.specs, b.pending)
	return nil
}

// ballots returns the distinct rankings, in order of first appearance.
func (b *ballotBuilder) ballots() []Ballot {
	out := make([]Ballot, len(b.specs))
	for i, s := range b.specs {
		out[i] = Ballot{Weight: s.weight, Ranking: b.arena[s.start:s.end:s.end], Line: s.line}
		if s.equal {
			out[i].Equal = b.equal[s.start:s.end:s.end]
		}
	}
	return out
}
