package rankfile

import (
	"context"
	"time"
)

// RosterRecord is one member as a national list describes them: the canonical
// text of every field the list carries, indexed like RosterFields.
type RosterRecord struct {
	// Line is the line of the file where the record starts (the header is 1).
	Line   int
	Values [NumRosterFields]string
	// ListDate is the list's own date (the list_date column), zero if absent.
	ListDate Date
}

// NationalID returns the record's national id.
func (r *RosterRecord) NationalID() string { return r.Values[FieldNationalID] }

// RecordError rejects one record of a list; the rest of the list imports.
type RecordError struct {
	Line int
	// NationalID is the record's id when it could be read. A rejected record
	// with an id still counts as present on the list, so its member is not
	// marked lapsed because of a typo elsewhere in their row.
	NationalID string
	Reason     string
}

// Error implements the error interface.
func (e *RecordError) Error() string { return e.Reason }

// RosterSource yields the records of one national list in file order.
type RosterSource interface {
	// Next returns the next record, a *RecordError for a record that must be
	// rejected, io.EOF after the last record, or another error when the file
	// cannot be read at all.
	Next() (*RosterRecord, error)
	// Has reports whether the list carries the field; fields it does not
	// carry are left as they are.
	Has(field int) bool
	// UnknownColumns lists the header's columns that rankfile does not know.
	UnknownColumns() []string
}

// ImportOptions are the settings of one import.
type ImportOptions struct {
	// AsOf is the date standing is decided on when the list has no list_date;
	// the import day when zero.
	AsOf Date
	// FileName and Actor are recorded in the import log.
	FileName string
	Actor    string
}

// Rejection names a record that was not imported and why.
type Rejection struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

// ImportReport says what an import did.
type ImportReport struct {
	ID int64 `json:"import_id"`
	// Rows counts data records read: Added + Updated + Unchanged + rejected.
	Rows      int `json:"rows"`
	Added     int `json:"added"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	// Lapsed counts members newly lapsed because they are missing from this list.
	Lapsed         int         `json:"lapsed"`
	Rejected       []Rejection `json:"rejected"`
	UnknownColumns []string    `json:"unknown_columns"`
	// ListDate is the date standing was decided on.
	ListDate Date `json:"list_date"`
	// Warnings point out things a data steward should look at.
	Warnings   []string  `json:"warnings"`
	FileName   string    `json:"file_name,omitempty"`
	Actor      string    `json:"actor,omitempty"`
	FinishedAt time.Time `json:"finished_at"`
}

// RosterService imports national member lists.
type RosterService interface {
	// ImportRoster applies a national list in one transaction: new members
	// are added, changed ones updated with history, and members missing from
	// the list marked lapsed (never deleted). It is all or nothing: on any
	// error other than rejected records nothing changes. Concurrent imports
	// wait for each other. EINVALID when the list holds no valid record.
	ImportRoster(ctx context.Context, src RosterSource, opts ImportOptions) (*ImportReport, error)

	// FindImports returns the import log, newest first.
	FindImports(ctx context.Context, limit int) ([]*ImportReport, error)
}
