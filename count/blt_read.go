package count

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
)

// ReadBLT reads an election in BLT format, the format of OpenSTV, OpaVote
// and Droop:
//
//	<candidates> <seats>
//	-2 -5                    optional: withdrawn candidates
//	[withdrawn 2 5]          optional: the same, Droop's spelling
//	[tie 3 1 2]              optional: tie-breaking order replacing the lot
//	[nick a b c]             optional: nicknames usable on ballot lines
//	<weight> <pref> ... 0    one line per ballot; "a=b" ranks two equally
//	0                        end of ballots
//	"Name"                   one per candidate; quotes are optional
//	"Title"
//
// A byte-order mark, CRLF line ends, blank lines and "#" comments are
// accepted; runs of spaces in a name count as one; anything after the title
// (Wichmann's source and comment fields, notes) is ignored. Identical
// rankings are merged into one Ballot. Every error names the line it
// concerns ("line 7: ...").
func ReadBLT(r io.Reader) (*Election, error) {
	e, err := ReadBLTPacked(r)
	if err != nil {
		return nil, err
	}
	e.Ballots, e.packed = e.packed.ballots(), nil
	return e, nil
}

// ReadBLTPacked reads an election as ReadBLT does but keeps its ballots
// packed, for a count that does not look at them one by one: its Ballots
// is nil and must stay so, while Count, Validate, TotalWeight and WriteBLT
// read the packed ballots. A preference then takes four bytes and a
// ranking twenty, where Ballots takes eight and sixty-four: on a large
// file, less than half the memory and the time.
func ReadBLTPacked(r io.Reader) (*Election, error) {
	if data, unmap, ok := mapFile(r); ok {
		defer unmap()
		return parseMapped(newBLTParser(data))
	}
	data, err := readAll(r)
	if err != nil {
		return nil, err
	}
	return newBLTParser(data).parse()
}

// newBLTParser starts a parse of data, without its byte-order mark. The
// election it returns keeps nothing of data, which may be unmapped.
func newBLTParser(data []byte) *bltParser {
	return &bltParser{data: bytes.TrimPrefix(data, []byte("\uFEFF"))}
}

// readAll reads everything, in one allocation when r can tell its size.
func readAll(r io.Reader) ([]byte, error) {
	f, ok := r.(interface{ Stat() (fs.FileInfo, error) })
	if !ok {
		return io.ReadAll(r)
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return io.ReadAll(r)
	}
	buf := bytes.NewBuffer(make([]byte, 0, fi.Size()+bytes.MinRead))
	_, err = buf.ReadFrom(r)
	return buf.Bytes(), err
}

// bltParser holds the state of one ReadBLT call.
type bltParser struct {
	data   []byte
	pos    int
	lineNo int
	e      Election
	nicks  map[string]int
	ballot ballotBuilder
}

func (p *bltParser) parse() (*Election, error) {
	if err := p.parseHeader(); err != nil {
		return nil, err
	}
	line, err := p.parseOptions()
	if err != nil {
		return nil, err
	}
	if err := p.parseBallots(line); err != nil {
		return nil, err
	}
	if err := p.parseNames(); err != nil {
		return nil, err
	}
	p.e.packed = p.ballot.packed()
	if err := p.e.Validate(); err != nil {
		return nil, err
	}
	return &p.e, nil
}

// nextLine returns the next line that is not blank once its comment is
// removed, with the line's number; ok is false at the end of the data.
func (p *bltParser) nextLine() (line []byte, ok bool) {
	for p.pos < len(p.data) {
		end := bytes.IndexByte(p.data[p.pos:], '\n')
		if end < 0 {
			end = len(p.data) - p.pos
		}
		raw := p.data[p.pos : p.pos+end]
		p.pos = min(p.pos+end+1, len(p.data))
		p.lineNo++
		line = bytes.TrimSpace(stripComment(raw))
		if len(line) > 0 {
			return line, true
		}
	}
	return nil, false
}

// stripComment removes a "#" comment, leaving any "#" inside quotes.
func stripComment(line []byte) []byte {
	if bytes.IndexByte(line, '#') < 0 {
		return line // most lines: found at the speed of a vector search
	}
	quoted := false
	for i, ch := range line {
		switch {
		case ch == '"':
			quoted = !quoted
		case ch == '#' && !quoted:
			return line[:i]
		}
	}
	return line
}

func (p *bltParser) errorf(format string, args ...any) error {
	return fmt.Errorf("line %d: %s", p.lineNo, fmt.Sprintf(format, args...))
}

func (p *bltParser) parseHeader() error {
	line, ok := p.nextLine()
	if !ok {
		return fmt.Errorf("line %d: empty file: expected '<candidates> <seats>'", max(p.lineNo, 1))
	}
	fields := bytes.Fields(line)
	if len(fields) != 2 {
		return p.errorf("expected '<candidates> <seats>', found %q", line)
	}
	n, err1 := strconv.Atoi(string(fields[0]))
	seats, err2 := strconv.Atoi(string(fields[1]))
	if err1 != nil || err2 != nil || n < 1 || seats < 1 {
		return p.errorf("expected two positive whole numbers '<candidates> <seats>', found %q", line)
	}
	if n > MaxCandidates {
		return p.errorf("%d candidates is more than the %d allowed", n, MaxCandidates)
	}
	p.e.Candidates = make([]string, n)
	p.e.Seats = seats
	p.ballot.init(n, p.data[p.pos:])
	return nil
}

// parseOptions reads withdrawn lines and [options] and returns the first
// line after them.
func (p *bltParser) parseOptions() ([]byte, error) {
	for {
		line, ok := p.nextLine()
		if !ok {
			return nil, fmt.Errorf("line %d: the file ends before the ballots", p.lineNo)
		}
		var err error
		switch line[0] {
		case '-':
			err = p.parseWithdrawnLine(line)
		case '[':
			err = p.parseOption(line)
		default:
			return line, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func (p *bltParser) parseWithdrawnLine(line []byte) error {
	for _, f := range bytes.Fields(line) {
		c, err := strconv.Atoi(string(f))
		if err != nil || c >= 0 || -c > len(p.e.Candidates) {
			return p.errorf("withdrawn candidates are written -1 to -%d, found %q", len(p.e.Candidates), f)
		}
		p.e.Withdrawn = append(p.e.Withdrawn, -c-1)
	}
	return nil
}

func (p *bltParser) parseOption(line []byte) error {
	if line[len(line)-1] != ']' {
		return p.errorf("option %q does not end with ']' on the same line", line)
	}
	fields := bytes.Fields(line[1 : len(line)-1])
	if len(fields) == 0 {
		return p.errorf("empty option []")
	}
	name, args := string(fields[0]), fields[1:]
	switch name {
	case "nick":
		return p.parseNicks(args)
	case "tie":
		return p.parseCandidateList(args, &p.e.TieOrder)
	case "withdrawn":
		return p.parseCandidateList(args, &p.e.Withdrawn)
	}
	return p.errorf("unsupported BLT option [%s]: rankfile reads [nick], [tie] and [withdrawn]", name)
}

func (p *bltParser) parseNicks(args [][]byte) error {
	if len(args) != len(p.e.Candidates) {
		return p.errorf("[nick] gives %d nicknames for %d candidates", len(args), len(p.e.Candidates))
	}
	p.nicks = make(map[string]int, len(args))
	for i, a := range args {
		if _, dup := p.nicks[string(a)]; dup {
			return p.errorf("nickname %q is given twice", a)
		}
		if _, err := strconv.Atoi(string(a)); err == nil {
			return p.errorf("nickname %q is a number", a)
		}
		p.nicks[string(a)] = i
	}
	return nil
}

func (p *bltParser) parseCandidateList(args [][]byte, into *[]int) error {
	for _, a := range args {
		c, err := p.candidate(a)
		if err != nil {
			return err
		}
		*into = append(*into, c)
	}
	return nil
}

// candidate resolves a ballot token: a number from 1 or a nickname.
func (p *bltParser) candidate(tok []byte) (int, error) {
	if p.nicks != nil {
		if c, ok := p.nicks[string(tok)]; ok {
			return c, nil
		}
	}
	c, ok := parseUint(tok)
	if !ok || c < 1 || c > int64(len(p.e.Candidates)) {
		return 0, p.errorf("%q is not a candidate: expected a number from 1 to %d", tok, len(p.e.Candidates))
	}
	return int(c - 1), nil
}

// parseUint parses a non-empty string of ASCII digits that fits in an int64.
func parseUint(tok []byte) (int64, bool) {
	if len(tok) == 0 || len(tok) > 18 {
		return 0, false
	}
	var n int64
	for _, ch := range tok {
		if ch < '0' || ch > '9' {
			return 0, false
		}
		n = n*10 + int64(ch-'0')
	}
	return n, true
}

// parseNames reads the candidate names and the title. A line holds one
// unquoted name or any number of quoted ones. Runs of white space inside a
// name count as one space. Whatever follows the title is ignored: Wichmann's
// files carry a source, a comment and notes there.
func (p *bltParser) parseNames() error {
	named := 0
	lines := make(map[string]int, len(p.e.Candidates)) // name -> line
	for named <= len(p.e.Candidates) {
		line, ok := p.nextLine()
		if !ok {
			break
		}
		strs, err := p.lineStrings(line)
		if err != nil {
			return err
		}
		for _, s := range strs {
			s = strings.Join(strings.Fields(s), " ")
			switch {
			case named < len(p.e.Candidates):
				if err := p.checkName(s, lines); err != nil {
					return err
				}
				p.e.Candidates[named] = s
			case named == len(p.e.Candidates):
				p.e.Title = s
			}
			named++
		}
	}
	if named < len(p.e.Candidates) {
		return fmt.Errorf("line %d: expected %d candidate names, found %d", p.lineNo, len(p.e.Candidates), named)
	}
	return nil
}

// checkName refuses an empty name or one already given on an earlier line.
func (p *bltParser) checkName(name string, lines map[string]int) error {
	if name == "" {
		return p.errorf("candidate name is empty")
	}
	if l, dup := lines[name]; dup {
		return p.errorf("candidate name %q is already given on line %d", name, l)
	}
	lines[name] = p.lineNo
	return nil
}

// lineStrings splits a names line into its strings.
func (p *bltParser) lineStrings(line []byte) ([]string, error) {
	if line[0] != '"' {
		return []string{string(line)}, nil
	}
	var out []string
	for len(line) > 0 {
		if line[0] != '"' {
			return nil, p.errorf("expected a quoted name, found %q", line)
		}
		end := bytes.IndexByte(line[1:], '"')
		if end < 0 {
			return nil, p.errorf("name %q has no closing quote", line)
		}
		out = append(out, string(line[1:1+end]))
		line = bytes.TrimLeft(line[end+2:], " \t\r")
	}
	return out, nil
}
