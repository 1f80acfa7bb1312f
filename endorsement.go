package rankfile

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Endorsements: how the chapter decides which candidates to back. A body
// (the electoral working group) runs an endorsement cycle for an election:
// the races it considers, a questionnaire each candidate answers through a
// secret link, interviews and research, and the body's written
// recommendation. Members petition for a candidate's endorsement (a
// proposal of kind endorsement, one per candidate, each member signing one
// per race), and a general meeting of the deciding body votes on it at the
// threshold the bylaws set. An endorsed candidate is sent to national for
// its endorsement, becomes a campaign of the field program, and after the
// election has its result and the chapter's accountability reviews.

// EndorsementCycle is one election's endorsement process.
type EndorsementCycle struct {
	ID int64 `json:"id"`
	// BodyID runs the cycle: it vets the candidates and recommends.
	BodyID int64 `json:"body_id"`
	// DecidingBodyID decides the endorsements, at its general meeting: the
	// chapter, usually. Candidates' petitions are proposals before it.
	DecidingBodyID int64  `json:"deciding_body_id"`
	Name           string `json:"name"`
	ElectionDate   Date   `json:"election_date"`
	// QuestionnaireDue is when candidates' links stop taking answers;
	// PublishAt is when members see the answers submitted.
	QuestionnaireDue time.Time `json:"questionnaire_due"`
	PublishAt        time.Time `json:"publish_at"`
	// DecideBy is the day of the general meeting meant to decide; zero
	// when not yet set.
	DecideBy Date `json:"decide_by,omitzero"`
	// Threshold is the share of the votes an endorsement needs at the
	// general meeting, as the bylaws set it.
	Threshold Threshold `json:"threshold"`
	// QuestionnaireVersion is the version of the questions candidates
	// invited now are sent (see EndorsementQuestion).
	QuestionnaireVersion int       `json:"questionnaire_version"`
	CreatedAt            time.Time `json:"created_at"`
}

// DefaultEndorsementThreshold is the share of the votes an endorsement
// needs unless a cycle sets another: the bylaws of most chapters ask two
// thirds for an electoral endorsement.
const DefaultEndorsementThreshold = ThresholdTwoThirds

// Limits on what a cycle holds.
const (
	maxCycleName = 200
	maxRaceText  = 200
	maxRaceSeats = 50
	// MaxRaces bounds a cycle's races.
	MaxRaces = 100
)

// Validate checks a cycle before it is stored, filling in its threshold.
func (c *EndorsementCycle) Validate() error {
	c.Name = strings.TrimSpace(c.Name)
	if c.Threshold == "" {
		c.Threshold = DefaultEndorsementThreshold
	}
	switch {
	case c.Name == "" || utf8.RuneCountInString(c.Name) > maxCycleName:
		return FieldErrorf("name", EINVALID, "an endorsement cycle needs a name of at most %d characters", maxCycleName)
	case c.BodyID == 0:
		return FieldErrorf("body", EINVALID, "an endorsement cycle is run by a body")
	case c.DecidingBodyID == 0:
		return FieldErrorf("deciding_body", EINVALID, "an endorsement cycle names the body whose meeting decides")
	case c.ElectionDate.IsZero():
		return FieldErrorf("election_date", EINVALID, "an endorsement cycle needs the election's date")
	case c.QuestionnaireDue.IsZero():
		return FieldErrorf("questionnaire_due", EINVALID, "say when the questionnaire is due")
	case c.PublishAt.IsZero():
		return FieldErrorf("publish_at", EINVALID, "say when members see the answers")
	case c.PublishAt.Before(c.QuestionnaireDue):
		return FieldErrorf("publish_at", EINVALID, "the answers are published once the questionnaire is due, not before")
	case !c.DecideBy.IsZero() && c.DecideBy.After(c.ElectionDate):
		return FieldErrorf("decide_by", EINVALID, "the chapter decides before the election, not after it")
	case c.Threshold == ThresholdPlurality || !slices.Contains(Thresholds, c.Threshold):
		return FieldErrorf("threshold", EINVALID, "an endorsement needs a majority, two thirds or three quarters")
	}
	if err := CheckDates("the election's date", c.ElectionDate, c.DecideBy); err != nil {
		return err
	}
	return CheckTimes("the questionnaire's dates", c.QuestionnaireDue, c.PublishAt)
}

// Published reports whether members see the answers submitted at now.
func (c *EndorsementCycle) Published(now time.Time) bool { return !now.Before(c.PublishAt) }

// EndorsementRace is an office the cycle considers: the office, its
// district (with its boundary on the map, when known) and how many seats
// the election fills.
type EndorsementRace struct {
	ID       int64  `json:"id"`
	CycleID  int64  `json:"cycle_id"`
	Position int    `json:"position"`
	Office   string `json:"office"`
	District string `json:"district,omitempty"`
	Seats    int    `json:"seats"`
	// Geometry is the district's GeoJSON Polygon or MultiPolygon in WGS
	// 84, or nil.
	Geometry json.RawMessage `json:"geometry,omitempty"`
}

// Validate checks a race before it is stored; a race fills one seat
// unless it says more.
func (r *EndorsementRace) Validate() error {
	r.Office, r.District = strings.TrimSpace(r.Office), strings.TrimSpace(r.District)
	if r.Seats == 0 {
		r.Seats = 1
	}
	switch {
	case r.Office == "" || utf8.RuneCountInString(r.Office) > maxRaceText:
		return FieldErrorf("office", EINVALID, "a race needs an office of at most %d characters", maxRaceText)
	case utf8.RuneCountInString(r.District) > maxRaceText:
		return FieldErrorf("district", EINVALID, "a district's name has at most %d characters", maxRaceText)
	case r.Seats < 1 || r.Seats > maxRaceSeats:
		return FieldErrorf("seats", EINVALID, "a race fills 1 to %d seats", maxRaceSeats)
	}
	return nil
}

// Title names the race: "City Council, District 4".
func (r *EndorsementRace) Title() string {
	if r.District == "" {
		return r.Office
	}
	return r.Office + ", " + r.District
}

// EndorsementCycleFilter selects cycles. Zero fields do not filter.
type EndorsementCycleFilter struct {
	ID     int64
	BodyID int64
}

// EndorsementService stores endorsement cycles, their races, candidates,
// questionnaires, vetting, national requests and reviews.
type EndorsementService interface {
	// CreateCycle stores a cycle with its races, and the questions of the
	// cycle before it of the same body as its questionnaire's version 1.
	CreateCycle(ctx context.Context, c *EndorsementCycle, races []*EndorsementRace) error
	// UpdateCycle changes a cycle's name, dates and threshold.
	UpdateCycle(ctx context.Context, c *EndorsementCycle) error
	// FindCycles returns cycles, the latest election first.
	FindCycles(ctx context.Context, f EndorsementCycleFilter) ([]*EndorsementCycle, error)
	// SaveRace adds a race to a cycle (no id) or changes one.
	SaveRace(ctx context.Context, r *EndorsementRace) error
	// Races returns a cycle's races in order.
	Races(ctx context.Context, cycleID int64) ([]*EndorsementRace, error)
	// FindRace returns the race with the id.
	FindRace(ctx context.Context, id int64) (*EndorsementRace, error)

	EndorsementCandidateService
	EndorsementDecisionService
	EndorsementQuestionnaireService
	EndorsementVettingService
}

// Audit actions of endorsements.
const (
	// AuditChangeEndorsement is the action of setting up a cycle, its
	// races, candidates and questions, and of recording the steps after.
	AuditChangeEndorsement = "change_endorsement"
	// AuditVetting is the action of writing a vetting note or a
	// recommendation.
	AuditVetting = "vetting"
)
