package count

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteBLT writes the election in BLT format: withdrawn candidates as a line
// of negative numbers, a tie order as "[tie ...]", equal rankings as "a=b"
// and every name quoted. ReadBLT reads the result back to the same election,
// with identical rankings merged.
func WriteBLT(w io.Writer, e *Election) error {
	if err := e.Validate(); err != nil {
		return err
	}
	if err := checkWritableNames(e); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%d %d\n", len(e.Candidates), e.Seats)
	writeWithdrawn(bw, e.Withdrawn)
	if len(e.TieOrder) > 0 {
		bw.WriteString("[tie")
		for _, c := range e.TieOrder {
			bw.WriteString(" " + strconv.Itoa(c+1))
		}
		bw.WriteString("]\n")
	}
	var buf []byte
	for _, b := range e.Ballots {
		buf = appendBallot(buf[:0], b)
		bw.Write(buf)
	}
	if e.packed != nil {
		for i := range e.packed.len() {
			buf = appendBallot(buf[:0], e.packed.ballot(i))
			bw.Write(buf)
		}
	}
	bw.WriteString("0\n")
	for _, name := range e.Candidates {
		bw.WriteString(`"` + name + "\"\n")
	}
	bw.WriteString(`"` + e.Title + "\"\n")
	return bw.Flush()
}

// checkWritableNames refuses names that BLT cannot hold: it has no escape
// for a double quote and no way to continue a line.
func checkWritableNames(e *Election) error {
	for i, name := range append(append([]string(nil), e.Candidates...), e.Title) {
		if strings.ContainsAny(name, "\"\r\n") {
			what := "the title"
			if i < len(e.Candidates) {
				what = fmt.Sprintf("candidate %d's name", i+1)
			}
			return fmt.Errorf("%s %q contains a double quote or line break, which BLT cannot represent", what, name)
		}
	}
	return nil
}

func writeWithdrawn(bw *bufio.Writer, withdrawn []int) {
	if len(withdrawn) == 0 {
		return
	}
	for i, c := range withdrawn {
		if i > 0 {
			bw.WriteByte(' ')
		}
		bw.WriteString(strconv.Itoa(-(c + 1)))
	}
	bw.WriteByte('\n')
}

// appendBallot appends one ballot line to buf.
func appendBallot(buf []byte, b Ballot) []byte {
	buf = strconv.AppendInt(buf, b.Weight, 10)
	for i, c := range b.Ranking {
		if b.Equal != nil && b.Equal[i] {
			buf = append(buf, '=')
		} else {
			buf = append(buf, ' ')
		}
		buf = strconv.AppendInt(buf, int64(c+1), 10)
	}
	return append(buf, " 0\n"...)
}
