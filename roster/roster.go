// Package roster reads the member lists the national organization sends its
// chapters. Two header generations exist (about 2018-2020 with AK_ID, and
// 2021 on with actionkit_id); both read into the same fields, and columns
// national adds later are reported and skipped.
package roster

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/rankfile/rankfile"
)

// Reader reads the records of one national list. It implements
// rankfile.RosterSource.
type Reader struct {
	csv      *csv.Reader
	header   header
	seen     map[string]int // national id -> line it first appeared on
	finished bool
}

// NewReader reads the header of a national list. A file that is not a
// national list at all is refused here, before anything is imported.
func NewReader(r io.Reader) (*Reader, error) {
	cr := csv.NewReader(skipBOM(r))
	cr.ReuseRecord = true
	names, err := cr.Read()
	if err == io.EOF {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the file is empty: it is not a national member list")
	} else if err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the first line is not a CSV header: %v", err)
	}
	h, err := parseHeader(names)
	if err != nil {
		return nil, err
	}
	cr.FieldsPerRecord = len(names)
	return &Reader{csv: cr, header: h, seen: make(map[string]int)}, nil
}

// skipBOM drops a UTF-8 byte-order mark, which spreadsheet programs write.
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		br.Discard(3)
	}
	return br
}

// Has reports whether the list carries the field.
func (r *Reader) Has(field int) bool { return r.header.has[field] }

// UnknownColumns lists header columns rankfile does not know.
func (r *Reader) UnknownColumns() []string { return r.header.unknown }

// Next returns the next record, a *rankfile.RecordError for a record that
// must be rejected, or io.EOF after the last one.
func (r *Reader) Next() (*rankfile.RosterRecord, error) {
	if r.finished {
		return nil, io.EOF
	}
	fields, err := r.csv.Read()
	if err == io.EOF {
		r.finished = true
		return nil, io.EOF
	}
	if err != nil {
		return nil, r.readError(err, fields)
	}
	line, _ := r.csv.FieldPos(0)
	rec, recErr := r.header.record(fields, line)
	if recErr != nil {
		return nil, recErr
	}
	return rec, r.checkRepeat(rec)
}

// readError turns a CSV error into a rejection of one record, or into a
// fatal error when the rest of the file cannot be trusted.
func (r *Reader) readError(err error, fields []string) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("reading the list: %w", err)
	}
	if errors.Is(pe.Err, csv.ErrFieldCount) {
		return &rankfile.RecordError{
			Line:       pe.StartLine,
			NationalID: r.header.nationalID(fields),
			Reason:     fmt.Sprintf("has %d fields, the header has %d", len(fields), r.header.width),
		}
	}
	if errors.Is(pe.Err, csv.ErrQuote) && pe.Line > pe.StartLine {
		// An unclosed quote swallows every line after it. Importing the
		// rest would wrongly lapse everyone on those lines.
		r.finished = true
		return rankfile.Errorf(rankfile.EINVALID,
			"line %d: a quoted field is never closed, so lines %d-%d cannot be read; fix the quote and import again",
			pe.StartLine, pe.StartLine, pe.Line)
	}
	return &rankfile.RecordError{Line: pe.StartLine, Reason: fmt.Sprintf("is not valid CSV: %v", pe.Err)}
}

// checkRepeat rejects a national id that already appeared in this file.
func (r *Reader) checkRepeat(rec *rankfile.RosterRecord) error {
	id := rec.NationalID()
	if first, ok := r.seen[id]; ok {
		return &rankfile.RecordError{
			Line:       rec.Line,
			NationalID: id,
			Reason:     fmt.Sprintf("national id %s already appears on line %d", id, first),
		}
	}
	// The id is a piece of the whole line the CSV reader read: kept as it
	// is, it would keep every line of the list in memory (30 MB of a list
	// of 100,000) until the import ends.
	r.seen[strings.Clone(id)] = rec.Line
	return nil
}

// describeColumns lists names for messages, shortened when long.
func describeColumns(names []string) string {
	const max = 8
	if len(names) > max {
		return strings.Join(names[:max], ", ") + ", ..."
	}
	return strings.Join(names, ", ")
}
