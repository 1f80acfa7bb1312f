package rankfile

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// An attempt is one knock on a door or one call: who made it, when, and
// what came of it (the result, and when someone answered, their support,
// the issues they raised, whether they will volunteer, their answers to
// the survey). A canvasser's phone makes each attempt's id (ClientID)
// when it is recorded, offline or not, so that an attempt sent twice
// (the connection dropped before the answer came back) is stored once.

// Channel is how an attempt was made.
type Channel string

// Channels.
const (
	ChannelDoor  Channel = "door"
	ChannelPhone Channel = "phone"
)

// AttemptResult is what came of an attempt.
type AttemptResult string

// Attempt results.
const (
	ResultContact      AttemptResult = "contact"        // someone answered and talked
	ResultNotHome      AttemptResult = "not_home"       // nobody answered
	ResultRefused      AttemptResult = "refused"        // answered and would not talk
	ResultMoved        AttemptResult = "moved"          // the person no longer lives there
	ResultInaccessible AttemptResult = "inaccessible"   // the door could not be reached (gate, dog, locked building)
	ResultDoNotContact AttemptResult = "do_not_contact" // asked never to be contacted again
	ResultWrongNumber  AttemptResult = "wrong_number"   // a call reached someone else
	ResultCallBack     AttemptResult = "call_back"      // asked to be called at another time
)

// AttemptResults lists the results in the order forms show them.
var AttemptResults = []AttemptResult{ResultContact, ResultNotHome, ResultRefused, ResultMoved, ResultInaccessible,
	ResultDoNotContact, ResultWrongNumber, ResultCallBack}

// Attempt is one knock or call.
type Attempt struct {
	ID          int64  `json:"id"`
	ClientID    string `json:"client_id"` // made by the phone: 8 to 64 letters, digits and dashes
	CampaignID  int64  `json:"campaign_id"`
	HouseholdID int64  `json:"household_id,omitempty"` // the door; a call may have none
	TargetID    int64  `json:"target_id,omitempty"`    // who answered, when known
	TurfID      int64  `json:"turf_id,omitempty"`
	// CallID is the line of a phonebank's list a call was made from;
	// MemberID the member called, when the list is of members.
	CallID     int64         `json:"call_id,omitempty"`
	MemberID   int64         `json:"member_id,omitempty"`
	ByMemberID int64         `json:"by_member_id"`
	Channel    Channel       `json:"channel"`
	Result     AttemptResult `json:"result"`
	// Support is 1 (strongly against) to 5 (strongly for), 0 when not
	// asked or not answered.
	Support   int      `json:"support,omitempty"`
	Issues    []string `json:"issues,omitempty"`
	Volunteer bool     `json:"volunteer,omitempty"`
	// KeepInTouch is set when who answered asked to hear from the
	// campaign again: retention then keeps them.
	KeepInTouch bool              `json:"keep_in_touch,omitempty"`
	Answers     map[string]string `json:"answers,omitempty"`
	Notes       string            `json:"notes,omitempty"`
	// CallBackAt is when who answered asked to be called again (a result
	// of call_back).
	CallBackAt time.Time `json:"call_back_at,omitzero"`
	// Met is someone who answered and is not on the list, to be made a
	// target of the door's household (canvass.go); TargetID is then theirs.
	Met *PersonMet `json:"met,omitempty"`
	// At is when the attempt was made, by the phone's clock; RecordedAt
	// when the server stored it.
	At         time.Time `json:"at"`
	RecordedAt time.Time `json:"recorded_at"`
}

// Limits on what an attempt carries.
const (
	MaxAttemptNotes  = 2000
	MaxAttemptIssues = 10
	MaxAnswerLength  = 500
)

// Validate checks an attempt as its sender gave it.
func (a *Attempt) Validate() error {
	switch {
	case !validClientID(a.ClientID):
		return FieldErrorf("client_id", EINVALID, "an attempt's id is 8 to 64 letters, digits and dashes")
	case a.Channel != ChannelDoor && a.Channel != ChannelPhone:
		return FieldErrorf("channel", EINVALID, "%q is not a channel: door or phone", a.Channel)
	case a.Channel == ChannelDoor && a.HouseholdID == 0:
		return FieldErrorf("household_id", EINVALID, "a knock is at a door")
	case a.Channel == ChannelPhone && a.CallID == 0:
		return FieldErrorf("call_id", EINVALID, "a call is made from a phonebank's list")
	case a.Result == ResultCallBack && a.Channel == ChannelPhone && a.CallBackAt.IsZero():
		return FieldErrorf("call_back_at", EINVALID, "say when to call back")
	case !slices.Contains(AttemptResults, a.Result):
		return FieldErrorf("result", EINVALID, "%q is not a result", a.Result)
	case a.Support < 0 || a.Support > 5 || (a.Support > 0 && a.Result != ResultContact):
		return FieldErrorf("support", EINVALID, "support is 1 to 5, and only from someone who talked")
	case a.At.IsZero():
		return FieldErrorf("at", EINVALID, "an attempt needs its time")
	}
	return a.validateText()
}

// validateText checks the attempt's free text.
func (a *Attempt) validateText() error {
	a.Notes = strings.TrimSpace(a.Notes)
	if utf8.RuneCountInString(a.Notes) > MaxAttemptNotes {
		return FieldErrorf("notes", EINVALID, "notes are at most %d characters", MaxAttemptNotes)
	}
	if a.Met != nil {
		if a.TargetID != 0 {
			return FieldErrorf("met", EINVALID, "an attempt names who answered or someone met, not both")
		}
		if err := a.Met.Validate(); err != nil {
			return err
		}
	}
	if len(a.Issues) > MaxAttemptIssues {
		return FieldErrorf("issues", EINVALID, "at most %d issues", MaxAttemptIssues)
	}
	for k, v := range a.Answers {
		if utf8.RuneCountInString(k) > 100 || utf8.RuneCountInString(v) > MaxAnswerLength {
			return FieldErrorf("answers", EINVALID, "an answer is at most %d characters", MaxAnswerLength)
		}
	}
	return nil
}

func validClientID(id string) bool {
	if len(id) < 8 || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// FieldResults is what a campaign's attempts came to, for one turf, one
// canvasser, one day, or the whole campaign (Key says which).
type FieldResults struct {
	Key        string `json:"key"`        // the turf's or canvasser's id, the day, or "" for the campaign
	Doors      int    `json:"doors"`      // doors knocked on (or called), each once
	Attempts   int    `json:"attempts"`   // knocks and calls
	Calls      int    `json:"calls"`      // of which calls
	Contacts   int    `json:"contacts"`   // conversations
	Supporters int    `json:"supporters"` // who said 4 or 5 on the support scale
	Volunteers int    `json:"volunteers"` // who said they would volunteer
}

// Ways of counting a campaign's results.
const (
	ResultsByTurf      = "turf"
	ResultsByCanvasser = "canvasser"
	ResultsByDay       = "day"
)

// AuditRecordAttempts is the audit action of recording attempts.
const AuditRecordAttempts = "record_attempts"

// AttemptService keeps campaigns' attempts.
type AttemptService interface {
	// RecordAttempts stores attempts in one transaction, each once: an
	// attempt whose ClientID is stored already is skipped (and reported
	// as a repeat). A result of do_not_contact marks the targets it
	// concerns (the one who answered, or the whole household); a contact
	// marks who answered as heard from on the day, and as wishing to stay
	// in touch when they asked.
	RecordAttempts(ctx context.Context, attempts []*Attempt) (repeats int, err error)
	// HouseholdAttempts lists the attempts at a door, newest first.
	HouseholdAttempts(ctx context.Context, householdID int64) ([]*Attempt, error)
	// FieldResults counts a campaign's attempts by turf, canvasser or day
	// (in that order: turf and canvasser ids, days), or as a whole when by
	// is "". A supporter or volunteer is counted once per door and day.
	FieldResults(ctx context.Context, campaignID int64, by string) ([]*FieldResults, error)
}
