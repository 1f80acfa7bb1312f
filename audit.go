package rankfile

import (
	"context"
	"strings"
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
	AuditAddAuditKey     = "add_audit_key" // added an audit key, which keys the log from this entry on
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
	AuditPriorities      = "priorities"      // adopted a convention's priorities by the count of its delegates' rankings
	AuditMinutes         = "minutes"         // wrote or approved a meeting's minutes
	AuditChangeEvent     = "change_event"    // put an event on the calendar, changed or cancelled it
	AuditSendWeekly      = "send_weekly"     // sent the weekly email to the members
	AuditChangeMeeting   = "change_meeting"  // called, changed or cancelled a meeting, or changed its agenda
	AuditNewViewLog      = "new_view_log"    // started a log of views in place of one missing from beside the database
	AuditAnchorViews     = "anchor_views"    // wrote the log of views' head into the main log, which then covers it
	AuditSetLadder       = "set_ladder"      // wrote the chapter's ladder of stages

	AuditViewConversations = "view_conversations"   // read the conversations logged about a member
	AuditLogConversation   = "log_conversation"     // logged a one-on-one with a member
	AuditRefusedLog        = "refused_conversation" // tried to log a conversation with someone not theirs to call
	AuditAssignOrganizer   = "assign_organizer"     // gave a member to an organizer
	AuditEndAssignment     = "end_assignment"       // sent a member back to their branch's queue
)

// AuditViewLog names the log of views: on SQLite, the frequent views
// (roster searches, looks at contact and sensitive details, name searches
// at check-in) are chained into a log of their own, in a file beside the
// database, so that recording a view never commits to the database itself
// (a commit there makes every reading connection start afresh). Every
// other entry is in the main log, which the views' entries name by "".
const AuditViewLog = "views"

// Audit actions of neighborhood groups: loading their boundaries, and a
// member's choice of group.
const (
	AuditLoadNeighborhoods  = "load_neighborhoods"
	AuditChooseNeighborhood = "choose_neighborhood"
)

// AuditEntry is one entry of the audit log: who did what to whom, when.
// Each entry's hash covers the entry before it, so a changed, removed or
// reordered entry breaks the chain. Entries recorded with an audit key are
// keyed (HMAC-SHA256, see the secret package), so that nobody without the
// key can compute their hashes; entries recorded before there was one are
// plain SHA-256.
type AuditEntry struct {
	// Log is the log the entry is in: "" for the main one, AuditViewLog
	// for the log of views. Each log numbers its entries from 1.
	Log       string    `json:"log,omitempty"`
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

// AuditKeyedPrefix starts the hash of every keyed entry, followed by the
// audit key's id, a colon and the HMAC in hexadecimal.
const AuditKeyedPrefix = "hmac-sha256:"

// Keyed reports whether the entry's hash is keyed.
func (e *AuditEntry) Keyed() bool { return strings.HasPrefix(e.Hash, AuditKeyedPrefix) }

// AuditCheck is what a check of the whole audit log found.
type AuditCheck struct {
	Entries      int         // entries checked, from the first
	Keyed        int         // how many of them are keyed
	FirstKeyedID int64       // the first keyed entry's id; 0 when none is
	Last         *AuditEntry // the last entry; nil for an empty log
	Heads        int         // kept heads checked against the log
	// Problem says what is wrong, "" when nothing is: which entry was
	// changed, removed or reordered, whether the log was cut short or
	// rewritten since a kept head, or a head forged. It is the first
	// problem found in either log.
	Problem string
	// Views is the check of the log of views (see AuditViewLog), nil where
	// there is none (PostgreSQL keeps views in the main log).
	Views *AuditCheck
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
	// RecordWhile is Record that runs prepare while the entry is being
	// committed, and returns prepare's error once the entry is committed:
	// a page about to show what the entry records is written meanwhile,
	// and sent only when RecordWhile returns nil.
	RecordWhile(ctx context.Context, action string, subjectID int64, detail string, prepare func() error) error
	// FindAuditEntries returns entries, newest first.
	FindAuditEntries(ctx context.Context, f AuditFilter) ([]*AuditEntry, error)
	// CheckAudit walks the whole chain and checks each head against it:
	// its signature, and that the log still holds the entry it names at
	// its place. What is wrong goes in the check's Problem; the error is
	// for a check that could not be made (EINVALID: keyed entries or heads
	// and no audit key to check them with).
	CheckAudit(ctx context.Context, heads []*AuditHead) (*AuditCheck, error)
	// SignAuditHead returns the log's head, signed with the audit key;
	// EINVALID when there is no audit key.
	SignAuditHead(ctx context.Context) (*AuditHead, error)
}
