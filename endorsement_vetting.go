package rankfile

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Vetting: the cycle's body interviews each candidate (an event of the
// body's), keeps notes and research on them, restricted as notes of
// one-on-ones are, and writes its recommendation with the vote that
// carried it.

// NoteKind is what a vetting note records.
type NoteKind string

// Kinds of vetting notes.
const (
	NoteInterview NoteKind = "interview" // what was said at an interview
	NoteResearch  NoteKind = "research"  // record, votes, funding, coverage
	NoteGeneral   NoteKind = "note"
)

// NoteKinds lists the kinds in the order forms offer them.
var NoteKinds = []NoteKind{NoteInterview, NoteResearch, NoteGeneral}

// EndorsementNote is a note the cycle's body keeps on a candidate.
type EndorsementNote struct {
	ID          int64     `json:"id"`
	CandidateID int64     `json:"candidate_id"`
	AuthorID    int64     `json:"author_id"`
	Author      string    `json:"author"`
	Kind        NoteKind  `json:"kind"`
	Text        string    `json:"text"`
	CreatedAt   time.Time `json:"created_at"`
}

// maxNote bounds a vetting note.
const maxNote = 50000

// Validate checks a note before it is stored.
func (n *EndorsementNote) Validate() error {
	n.Text = strings.TrimSpace(n.Text)
	switch {
	case !slices.Contains(NoteKinds, n.Kind):
		return FieldErrorf("kind", EINVALID, "a note is of an interview, research or general, not %q", n.Kind)
	case n.Text == "" || utf8.RuneCountInString(n.Text) > maxNote:
		return FieldErrorf("text", EINVALID, "a note needs a text of at most %d characters", maxNote)
	}
	return nil
}

// Recommendation is what the body recommends of a candidate.
type Recommendation string

// Recommendations.
const (
	RecommendEndorse    Recommendation = "endorse"
	RecommendNoEndorse  Recommendation = "do_not_endorse"
	RecommendNoPosition Recommendation = "no_recommendation" // the body could not agree
)

// Recommendations lists them in the order forms offer them.
var Recommendations = []Recommendation{RecommendEndorse, RecommendNoEndorse, RecommendNoPosition}

// EndorsementRecommendation is the body's written recommendation on a
// candidate, with its vote.
type EndorsementRecommendation struct {
	CandidateID int64          `json:"candidate_id"`
	Position    Recommendation `json:"position"`
	// Text is the recommendation as written for members, in markdown.
	Text string `json:"text"`
	// For, Against and Abstain are the body's vote on it; DecidedOn the
	// day of that vote.
	For       int       `json:"for"`
	Against   int       `json:"against"`
	Abstain   int       `json:"abstain"`
	DecidedOn Date      `json:"decided_on"`
	By        string    `json:"by"`
	UpdatedAt time.Time `json:"updated_at"`
}

// maxRecommendation bounds a recommendation's text.
const maxRecommendation = 50000

// Validate checks a recommendation before it is stored.
func (r *EndorsementRecommendation) Validate() error {
	r.Text = strings.TrimSpace(r.Text)
	switch {
	case !slices.Contains(Recommendations, r.Position):
		return FieldErrorf("position", EINVALID, "a recommendation is to endorse, not to endorse, or none, not %q", r.Position)
	case r.Text == "" || utf8.RuneCountInString(r.Text) > maxRecommendation:
		return FieldErrorf("text", EINVALID, "a recommendation needs a text of at most %d characters", maxRecommendation)
	case r.For < 0 || r.Against < 0 || r.Abstain < 0 || r.For+r.Against+r.Abstain == 0:
		return FieldErrorf("for", EINVALID, "give the body's vote on the recommendation: for, against and abstaining")
	case r.DecidedOn.IsZero():
		return FieldErrorf("decided_on", EINVALID, "give the day the body voted")
	}
	return CheckDates("the day the body voted", r.DecidedOn)
}

// EndorsementInterview is an interview of a candidate, held as an event
// of the cycle's body.
type EndorsementInterview struct {
	CandidateID int64     `json:"candidate_id"`
	EventID     int64     `json:"event_id"`
	StartsAt    time.Time `json:"starts_at"`
	Title       string    `json:"title"`
}

// EndorsementVettingService stores the body's notes and interviews (its
// recommendations are kept with the decision, EndorsementDecisionService).
type EndorsementVettingService interface {
	// AddNote stores a vetting note.
	AddNote(ctx context.Context, n *EndorsementNote) error
	// Notes returns a candidate's notes, oldest first.
	Notes(ctx context.Context, candidateID int64) ([]*EndorsementNote, error)
	// AddInterview links an event to the candidate it interviews.
	AddInterview(ctx context.Context, candidateID, eventID int64) error
	// Interviews returns a candidate's interviews, soonest first.
	Interviews(ctx context.Context, candidateID int64) ([]*EndorsementInterview, error)
}
