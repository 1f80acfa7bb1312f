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
		if !p.parsePlainBallot(line) {
			if err := p.parseBallot(line); err != nil {
				return err
			}
		}
		var ok bool
		if line, ok = p.nextLine(); !ok {
			return fmt.Errorf("line %d: the file ends before the '0' line that ends the ballots", p.lineNo)
		}
	}
}

// parsePlainBallot is the fast path for the common line: numbers
// separated by single spaces, ending in 0, every number a candidate not yet
// on the ballot. It reports false, having recorded nothing, for any other
// line, which parseBallot then reads (and explains when it is wrong).
func (p *bltParser) parsePlainBallot(line []byte) bool {
	n := len(p.e.Candidates)
	weight, i := int64(0), 0
	for ; i < len(line) && line[i] >= '0' && line[i] <= '9' && i < 10; i++ {
		weight = weight*10 + int64(line[i]-'0')
	}
	if weight < 1 {
		return false
	}
	p.ballot.start(weight, p.lineNo)
	for i < len(line) && line[i] == ' ' {
		i++
		c, start := 0, i
		for ; i < len(line) && line[i] >= '0' && line[i] <= '9' && i-start < 6; i++ {
			c = c*10 + int(line[i]-'0')
		}
		switch {
		case i == start || c > n || (i < len(line) && line[i] != ' '):
			return false
		case c == 0:
			return i == len(line) && p.ballot.finish() == nil
		case !p.ballot.add(c-1, false):
			return false
		}
	}
	return false
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
	for i := 0; ; i++ {
		end := 0
		for end < len(tok) && tok[end] != '=' {
			end++
		}
		c, err := p.candidate(tok[:end])
		if err != nil {
			return err
		}
		if !p.ballot.add(c, i > 0) {
			return p.errorf("candidate %d is ranked more than once", c+1)
		}
		if end == len(tok) {
			return nil
		}
		tok = tok[end+1:]
	}
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

// ballotBuilder collects ballots and merges identical rankings, so that
// reading allocates per distinct ranking, not per ballot. Each ballot is
// built in a scratch buffer and hashed; only a ranking not seen before is
// copied into the arena that the returned ballots share.
type ballotBuilder struct {
	arena   []int
	equal   []bool // parallel to arena, kept only where some rank is equal
	ranks   []int  // the ballot being read
	eqs     []bool
	mark    []int // mark[c] == current: c is already on the ballot
	current int
	slots   []uint64 // open addressing: hash's top 32 bits, then spec index + 1; 0 is empty
	specs   []ballotSpec
	pending ballotSpec
}

// ballotSpec locates one distinct ranking in the arena.
type ballotSpec struct {
	weight     int64
	start, end int
	line       int
	hasEqual   bool
}

// init sizes the builder for the input: a ballot takes a line and each
// preference follows a space, so these capacities are upper bounds that
// spare the copies of growing.
func (b *ballotBuilder) init(candidates int, data []byte) {
	lines := bytes.Count(data, []byte("\n")) + 1
	b.mark = make([]int, candidates)
	size := 1
	for size < 2*lines {
		size *= 2
	}
	b.slots = make([]uint64, size)
	b.specs = make([]ballotSpec, 0, lines)
	b.arena = make([]int, 0, bytes.Count(data, []byte(" "))+bytes.Count(data, []byte("\t"))+bytes.Count(data, []byte("="))+1)
}

func (b *ballotBuilder) start(weight int64, line int) {
	b.current++
	b.ranks, b.eqs = b.ranks[:0], b.eqs[:0]
	b.pending = ballotSpec{weight: weight, line: line}
}

// add appends candidate c, tied with the previous one when equal is set,
// and reports false if c is already on the ballot.
func (b *ballotBuilder) add(c int, equal bool) bool {
	if b.mark[c] == b.current {
		return false
	}
	b.mark[c] = b.current
	b.ranks = append(b.ranks, c)
	b.eqs = append(b.eqs, equal)
	b.pending.hasEqual = b.pending.hasEqual || equal
	return true
}

// finish merges the pending ballot into an identical earlier ranking, or
// keeps it as a new one.
func (b *ballotBuilder) finish() error {
	h := b.hash()
	tag := h >> 32 << 32
	mask := uint64(len(b.slots) - 1)
	i := h & mask
	for ; b.slots[i] != 0; i = (i + 1) & mask {
		if b.slots[i]>>32<<32 != tag {
			continue // a different ranking, told apart without reading it
		}
		spec := &b.specs[uint32(b.slots[i])-1]
		if b.same(spec) {
			spec.weight += b.pending.weight
			if spec.weight > MaxTotalWeight {
				return fmt.Errorf("line %d: total ballot weight exceeds %d", b.pending.line, MaxTotalWeight)
			}
			return nil
		}
	}
	b.specs = append(b.specs, b.pending)
	b.slots[i] = tag | uint64(len(b.specs))
	spec := &b.specs[len(b.specs)-1]
	spec.start = len(b.arena)
	b.arena = append(b.arena, b.ranks...)
	spec.end = len(b.arena)
	if spec.hasEqual {
		b.equal = append(b.equal, make([]bool, spec.start-len(b.equal))...)
		b.equal = append(b.equal, b.eqs...)
	}
	return nil
}

// hash is FNV-1a over the pending ranking and its equal marks.
func (b *ballotBuilder) hash() uint64 {
	h := uint64(14695981039346656037)
	for i, c := range b.ranks {
		v := uint64(c) << 1
		if b.eqs[i] {
			v |= 1
		}
		h = (h ^ v) * 1099511628211
	}
	return (h ^ uint64(len(b.ranks))) * 1099511628211
}

// same reports whether the pending ranking equals spec's.
func (b *ballotBuilder) same(spec *ballotSpec) bool {
	if spec.end-spec.start != len(b.ranks) || spec.hasEqual != b.pending.hasEqual {
		return false
	}
	for i, c := range b.arena[spec.start:spec.end] {
		if c != b.ranks[i] || (spec.hasEqual && b.equal[spec.start+i] != b.eqs[i]) {
			return false
		}
	}
	return true
}

// ballots returns the distinct rankings, in order of first appearance.
func (b *ballotBuilder) ballots() []Ballot {
	out := make([]Ballot, len(b.specs))
	for i, s := range b.specs {
		out[i] = Ballot{Weight: s.weight, Ranking: b.arena[s.start:s.end:s.end], Line: s.line}
		if s.hasEqual {
			out[i].Equal = b.equal[s.start:s.end:s.end]
		}
	}
	return out
}
