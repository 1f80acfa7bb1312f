package rankfile

import (
	"context"
	"time"
)

// Audit actions.
const (
	AuditViewContact     = "view_contact"   // saw another member's contact details
	AuditSearchRoster    = "search_roster"  // searched the roster
	AuditSearchNames     = "search_names"   // searched members by name, to check them in
	AuditExportRoster    = "export_roster"  // exported members
	AuditViewSensitive   = "view_sensitive" // saw sensitive fields
	AuditImport          = "import_roster"  // imported a national list
	AuditLoadBranches    = "load_branches"  // loaded branch boundaries
	AuditOverride        = "standing_override"
	AuditChooseBranch    = "choose_branch"
	AuditSetPoint        = "set_point"
	AuditGrantRole       = "grant_role"
	AuditRevokeRole      = "revoke_role"
	AuditChangeBodies    = "change_bodies" // bodies, seats, positions
	AuditDecideJoin      = "decide_join"
	AuditRotateKey       = "rotate_key"
	AuditCreateAPIToken  = "create_api_token"
	AuditRevokeAPIToken  = "revoke_api_token" // revoked a personal API token, or all of a member's
	AuditDownloadOwnData = "download_own_data"
	AuditSignInLink      = "sign_in_link"    // an operator made a member's sign-in link
	AuditChangeElection  = "change_election" // set up an election, its contests or candidates
	AuditCountElection   = "count_election"  // counted an election and published the result
	AuditPaperSignature  = "paper_signature" // entered a signature collected on paper
	AuditHideComment     = "hide_comment"    // hid a comment under the code of conduct
	AuditOpenVote        = "open_vote"       // opened a vote at a meeting
	AuditRoomVotes       = "room_votes"      // entered votes counted by hand or on paper in a session's room
	AuditCloseVote       = "close_vote"      // closed a meeting's vote, publishing its result
	AuditMinutes         = "minutes"         // wrote or approved a meeting's minutes
	AuditChangeEvent     = "change_event"    // put an event on the calendar, changed or cancelled it
	AuditSendWeekly      = "send_weekly"     // sent the weekly email to the members
)

// AuditEntry is one entry of the audit log: who did what to whom, when.
// Each entry's hash covers the entry before it, so a changed, removed or
// reordered entry breaks the chain.
type AuditEntry struct {
	ID        int64     `json:"id"`
	At        time.Time `json:"at"`
	ActorID   int64     `json:"actor_id,omitempty"`
	Actor     string    `json:"actor"`
	Action    string    `json:"action"`
	SubjectID int64     `json:"subject_id,omitempty"`
	Detail    string    `json:"detail,omitempty"`
	PrevHash  string    `json:"prev_hash"`
	Hash      string    `json:"hash"`
}

// AuditFilter selects audit entries. Zero fields do not filter.
type AuditFilter struct {
	ActorID   int64
	SubjectID int64
	Action    string
	Limit     int
}

// AuditService keeps the append-only audit log.
type AuditService interface {
	// Record appends an entry for the actor in ctx.
	Record(ctx context.Context, action string, subjectID int64, detail string) error
	// FindAuditEntries returns entries, newest first.
	FindAuditEntries(ctx context.Context, f AuditFilter) ([]*AuditEntry, error)
	// VerifyAudit checks the whole chain and returns how many entries it
	// checked; EINVALID names the first entry that breaks it.
	VerifyAudit(ctx context.Context) (int, error)
}
