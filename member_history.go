package rankfile

import "time"

// Kinds of member change.
const (
	ChangeAdded       = "added"       // first seen on a national list
	ChangeUpdated     = "updated"     // a newer list changed fields
	ChangeLapsed      = "lapsed"      // missing from a newer list
	ChangeOverride    = "override"    // the chapter set or revoked a standing override
	ChangeBranch      = "branch"      // the member's branch changed
	ChangePreferences = "preferences" // the member set their own preferences
)

// MemberChange is one entry of a member's history: what changed, when, and
// whether an import or a person did it.
type MemberChange struct {
	ID       int64     `json:"id"`
	MemberID int64     `json:"member_id"`
	At       time.Time `json:"at"`
	Kind     string    `json:"kind"`
	// ImportID is the import that made the change; 0 when a person did.
	ImportID int64 `json:"import_id,omitempty"`
	// Actor names the person who made the change; "" for imports.
	Actor string `json:"actor,omitempty"`
	// Note explains the change in words, e.g. a reason.
	Note    string        `json:"note,omitempty"`
	Changes []FieldChange `json:"changes,omitempty"`
}

// FieldChange is one field's old and new value. Sensitive fields appear with
// Redacted set and no values, so history never copies them.
type FieldChange struct {
	Field    string `json:"field"`
	Old      string `json:"old,omitempty"`
	New      string `json:"new,omitempty"`
	Redacted bool   `json:"redacted,omitempty"`
}
