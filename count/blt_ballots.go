package count

import (
	"bytes"
	"fmt"
	"math"
	"slices"
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

// packedBallots holds the ballots of a BLT file as the reader found them:
// every distinct ranking once, end to end in one arena of two-byte
// candidate indexes. A large file then costs two bytes a preference,
// where a Ballot per ranking costs 64 bytes and eight a preference; on a
// machine where fresh memory is slow to touch that is most of the time a
// count takes.
type packedBallots struct {
	prefs  []uint16 // all rankings, end to end (MaxCandidates fits)
	start  []int32  // ranking i is prefs[start[i]:start[i+1]]
	weight []int64
	line   []int32 // the line each ranking was first read from
	equal  []bool  // parallel to prefs, nil when no rank is equal
}

// len returns the number of distinct rankings.
func (p *packedBallots) len() int { return len(p.weight) }

// ranking returns ranking i.
func (p *packedBallots) ranking(i int) []uint16 { return p.prefs[p.start[i]:p.start[i+1]] }

// equalMarks returns ranking i's equal marks, nil when it has none.
func (p *packedBallots) equalMarks(i int) []bool {
	if p.equal == nil {
		return nil
	}
	marks := p.equal[p.start[i]:p.start[i+1]:p.start[i+1]]
	if !slices.Contains(marks, true) {
		return nil
	}
	return marks
}

// ballot returns ranking i as a Ballot of its own.
func (p *packedBallots) ballot(i int) Ballot {
	b := Ballot{Weight: p.weight[i], Line: int(p.line[i]), Equal: p.equalMarks(i)}
	for _, c := range p.ranking(i) {
		b.Ranking = append(b.Ranking, int(c))
	}
	return b
}

// ballots returns every ranking as a Ballot, the rankings sharing one
// arena.
func (p *packedBallots) ballots() []Ballot {
	arena := make([]int, len(p.prefs))
	for i, c := range p.prefs {
		arena[i] = int(c)
	}
	out := make([]Ballot, p.len())
	for i := range out {
		s, e := p.start[i], p.start[i+1]
		out[i] = Ballot{Weight: p.weight[i], Ranking: arena[s:e:e], Line: int(p.line[i]), Equal: p.equalMarks(i)}
	}
	return out
}

// hasEmpty reports whether some ranking ranks nobody.
func (p *packedBallots) hasEmpty() bool {
	for i := range p.len() {
		if p.start[i] == p.start[i+1] {
			return true
		}
	}
	return false
}

// firstEqual returns the first ranking with an equal rank, or -1.
func (p *packedBallots) firstEqual() int {
	for i := range p.len() {
		if p.equalMarks(i) != nil {
			return i
		}
	}
	return -1
}

// ballotBuilder collects ballots and merges identical rankings, so that
// reading allocates per distinct ranking, not per ballot. Each ballot is
// read onto the end of the arena and hashed; a ranking seen before only
// adds its weight and is taken off the arena again.
type ballotBuilder struct {
	out     packedBallots
	hashes  []uint32 // per ranking, to tell rankings apart without reading them
	slots   []uint32 // open addressing: ranking index + 1; 0 is empty
	mark    []int    // mark[c] == current: c is already on the ballot
	current int
	weight  int64 // of the ballot being read
	line    int
	total   int64 // of all ballots read
}

// init sizes the builder for the input: a ballot takes a line and each
// preference follows a space, so these capacities are upper bounds that
// spare the copies of growing (capacity never written costs no memory).
func (b *ballotBuilder) init(candidates int, data []byte) {
	lines := bytes.Count(data, []byte("\n")) + 1
	b.mark = make([]int, candidates)
	size := 1
	for size < 2*lines {
		size *= 2
	}
	b.slots = make([]uint32, size)
	b.hashes = make([]uint32, 0, lines)
	b.out = packedBallots{
		prefs:  make([]uint16, 0, bytes.Count(data, []byte(" "))+bytes.Count(data, []byte("\t"))+bytes.Count(data, []byte("="))+1),
		start:  make([]int32, 1, lines+1),
		weight: make([]int64, 0, lines),
		line:   make([]int32, 0, lines),
	}
}

func (b *ballotBuilder) start(weight int64, line int) {
	b.current++
	b.weight, b.line = weight, line
	b.truncate(b.pendingFrom())
}

// truncate takes the arena back to n preferences.
func (b *ballotBuilder) truncate(n int) {
	b.out.prefs = b.out.prefs[:n]
	if b.out.equal != nil {
		b.out.equal = b.out.equal[:n]
	}
}

// pendingFrom returns where the ballot being read starts in the arena.
func (b *ballotBuilder) pendingFrom() int { return int(b.out.start[len(b.out.start)-1]) }

// add appends candidate c, tied with the previous one when equal is set,
// and reports false if c is already on the ballot.
func (b *ballotBuilder) add(c int, equal bool) bool {
	if b.mark[c] == b.current {
		return false
	}
	b.mark[c] = b.current
	if equal && b.out.equal == nil {
		b.out.equal = make([]bool, len(b.out.prefs), cap(b.out.prefs))
	}
	b.out.prefs = append(b.out.prefs, uint16(c))
	if b.out.equal != nil {
		b.out.equal = append(b.out.equal, equal)
	}
	return true
}

// finish merges the pending ballot into an identical earlier ranking, or
// keeps it as a new one.
func (b *ballotBuilder) finish() error {
	if len(b.out.prefs) > math.MaxInt32 || b.line > math.MaxInt32 {
		return fmt.Errorf("line %d: the file holds more preferences than rankfile counts", b.line)
	}
	if b.total += b.weight; b.total > MaxTotalWeight {
		return fmt.Errorf("line %d: total ballot weight exceeds %d", b.line, MaxTotalWeight)
	}
	from := b.pendingFrom()
	h := b.hash(from)
	tag := uint32(h >> 32)
	mask := uint64(len(b.slots) - 1)
	i := h & mask
	for ; b.slots[i] != 0; i = (i + 1) & mask {
		k := int(b.slots[i] - 1)
		if b.hashes[k] != tag || !b.same(k, from) {
			continue
		}
		b.out.weight[k] += b.weight
		b.truncate(from) // a ranking seen before: its copy goes
		return nil
	}
	b.slots[i] = uint32(b.out.len() + 1)
	b.hashes = append(b.hashes, tag)
	b.out.weight = append(b.out.weight, b.weight)
	b.out.line = append(b.out.line, int32(b.line))
	b.out.start = append(b.out.start, int32(len(b.out.prefs)))
	return nil
}

// hash is FNV-1a over the pending ranking, from from, and its equal marks.
func (b *ballotBuilder) hash(from int) uint64 {
	h := uint64(14695981039346656037)
	for i, c := range b.out.prefs[from:] {
		v := uint64(c) << 1
		if b.out.equal != nil && b.out.equal[from+i] {
			v |= 1
		}
		h = (h ^ v) * 1099511628211
	}
	return (h ^ uint64(len(b.out.prefs)-from)) * 1099511628211
}

// same reports whether ranking k equals the pending one, from from.
func (b *ballotBuilder) same(k, from int) bool {
	s, e := b.out.start[k], b.out.start[k+1]
	if !slices.Equal(b.out.prefs[s:e], b.out.prefs[from:]) {
		return false
	}
	return b.out.equal == nil || slices.Equal(b.out.equal[s:e], b.out.equal[from:])
}

// packed returns the distinct rankings, in order of first appearance, and
// lets the table that merged them go.
func (b *ballotBuilder) packed() *packedBallots {
	b.slots, b.hashes, b.mark = nil, nil, nil
	b.truncate(b.pendingFrom())
	return &b.out
}
