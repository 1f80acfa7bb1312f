package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/rankfile/rankfile"
)

// RosterService imports national member lists. It implements
// rankfile.RosterService.
type RosterService struct{ db *DB }

// NewRosterService returns the roster service of db.
func NewRosterService(db *DB) *RosterService { return &RosterService{db: db} }

var _ rankfile.RosterService = (*RosterService)(nil)

// ImportRoster applies a national list in one transaction. It holds the
// roster lock for the whole import, so a second import waits for the first
// and then sees its result.
func (s *RosterService) ImportRoster(ctx context.Context, src rankfile.RosterSource, opts rankfile.ImportOptions) (*rankfile.ImportReport, error) {
	var report *rankfile.ImportReport
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.lock(ctx, "roster"); err != nil {
			return err
		}
		imp, err := newImporter(ctx, tx, src, opts)
		if err != nil {
			return err
		}
		defer imp.close()
		if report, err = imp.run(ctx); err != nil {
			return err
		}
		_, err = tx.resortNeighborhoods(ctx, 0, opts.Actor, "national list imported")
		return err
	})
	if err != nil {
		return nil, err
	}
	s.db.refreshStatistics(ctx)
	return report, nil
}

// FindImports returns the import log, newest first.
func (s *RosterService) FindImports(ctx context.Context, limit int) ([]*rankfile.ImportReport, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.db.read.QueryContext(ctx, `
		SELECT id, file_name, actor, list_date, rows_read, added, updated, unchanged, lapsed,
		       unknown_columns, warnings, finished_at
		FROM imports ORDER BY id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.ImportReport
	for rows.Next() {
		r, err := scanImport(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, r := range out {
		if r.Rejected, err = s.rejections(ctx, r.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func scanImport(rows interface{ Scan(...any) error }) (*rankfile.ImportReport, error) {
	r := &rankfile.ImportReport{}
	var unknown, warnings string
	err := rows.Scan(&r.ID, &r.FileName, &r.Actor, &r.ListDate, &r.Rows, &r.Added, &r.Updated,
		&r.Unchanged, &r.Lapsed, &unknown, &warnings, &r.FinishedAt)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(unknown), &r.UnknownColumns); err != nil {
		return nil, fmt.Errorf("import %d: %w", r.ID, err)
	}
	if err := json.Unmarshal([]byte(warnings), &r.Warnings); err != nil {
		return nil, fmt.Errorf("import %d: %w", r.ID, err)
	}
	return r, nil
}

func (s *RosterService) rejections(ctx context.Context, importID int64) ([]rankfile.Rejection, error) {
	rows, err := s.db.read.QueryContext(ctx,
		`SELECT line, reason FROM import_rejections WHERE import_id = $1 ORDER BY line`, importID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []rankfile.Rejection{}
	for rows.Next() {
		var r rankfile.Rejection
		if err := rows.Scan(&r.Line, &r.Reason); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
