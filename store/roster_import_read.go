package store

import (
	"context"
	"errors"
	"io"

	"github.com/rankfile/rankfile"
)

// readItem is one result of RosterSource.Next, with what the importer can
// work out from the record alone.
type readItem struct {
	rec *rankfile.RosterRecord
	err error

	asOf        rankfile.Date
	standing    rankfile.Standing
	standingErr error
	hash        string
	// details are a new member's details, as member_details holds them.
	details string
	// memberArgs are the values of a new member's row, addColumns order,
	// but for the id, which only the writer can give.
	memberArgs []any
}

// readAll reads the list and applies each record.
func (imp *importer) readAll(ctx context.Context) error {
	batches, stop := readAhead(imp.src, imp.prepare)
	defer stop()
	for batch := range batches {
		for i := range batch {
			if err := imp.item(ctx, &batch[i]); err != nil {
				return err
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// item handles one thing the list yielded: a record, a rejection, the end
// or a failure to read.
func (imp *importer) item(ctx context.Context, it *readItem) error {
	var rejected *rankfile.RecordError
	switch {
	case it.err == io.EOF:
		return nil
	case errors.As(it.err, &rejected):
		imp.report.Rows++
		imp.markSeen(rejected.NationalID)
		imp.reject(rejected.Line, rejected.Reason)
		return nil
	case it.err != nil:
		return it.err
	}
	imp.report.Rows++
	return imp.record(ctx, it)
}

// readAhead reads the list in a goroutine of its own and hands records over
// in batches, prepared, so that on two cores parsing the file and working
// out each record overlap writing the database. The last batch ends with
// io.EOF or the error that stopped the reading. stop releases the goroutine
// if the consumer gives up early.
//
// The reader may run up to two COPYs ahead (readAheadRecords): while
// PostgreSQL writes one batch of new members, the next is read and
// prepared, instead of the reader waiting on a full queue while the server
// works and the server then waiting on the reader. With a queue of a
// thousand records, half a COPY, 90,000 members took 0.2 s longer to go in.
func readAhead(src rankfile.RosterSource, prepare func(*readItem)) (<-chan []readItem, func()) {
	const batchSize = 256
	out := make(chan []readItem, readAheadRecords/batchSize)
	done := make(chan struct{})
	go func() {
		defer close(out)
		for {
			batch, last := readBatch(src, prepare, batchSize)
			select {
			case out <- batch:
			case <-done:
				return
			}
			if last {
				return
			}
		}
	}()
	return out, func() { close(done) }
}

// readAheadRecords is how many records the reader may hold ready: two
// COPYs' worth.
const readAheadRecords = 2 * copyRows

// readBatch reads up to n items; last is true when the list has ended.
func readBatch(src rankfile.RosterSource, prepare func(*readItem), n int) (batch []readItem, last bool) {
	batch = make([]readItem, 0, n)
	for len(batch) < n {
		rec, err := src.Next()
		it := readItem{rec: rec, err: err}
		if err == nil {
			prepare(&it)
		}
		batch = append(batch, it)
		var rejected *rankfile.RecordError
		if err != nil && !errors.As(err, &rejected) {
			return batch, true
		}
	}
	return batch, false
}
