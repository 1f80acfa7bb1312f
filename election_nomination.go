package rankfile

import "strings"

// Candidate statuses.
const (
	CandidateNominated = "nominated" // waiting for the nominee to accept
	CandidateAccepted  = "accepted"  // on the ballot
	CandidateWithdrawn = "withdrawn" // withdrew; off the ballot
)

// Candidate is a member standing in a contest.
type Candidate struct {
	ID        int64  `json:"id"`
	ContestID int64  `json:"contest_id"`
	MemberID  int64  `json:"member_id"`
	Name      string `json:"name"`
	// Statement is the candidate's statement, in markdown.
	Statement string `json:"statement"`
	// Tags are what the candidate declares of themselves for reserved
	// seats (such as "woman"); they are public.
	Tags   []string `json:"tags"`
	Status string   `json:"status"`
	// NominatedBy is the member who put the candidate forward; 0 when the
	// election's committee did.
	NominatedBy int64 `json:"-"`
	// Seconds is how many members have seconded the nomination; Qualified
	// says whether that is as many as the election asks for.
	Seconds   int  `json:"seconds"`
	Qualified bool `json:"qualified"`
	// HasPhoto says whether the candidate gave a photo.
	HasPhoto bool `json:"has_photo"`
}

// OnBallot reports whether voters may rank the candidate: the nominee
// accepted, and enough members seconded.
func (c *Candidate) OnBallot() bool { return c.Status == CandidateAccepted && c.Qualified }

// Ballot returns the candidates the contest's ballot lists, in the order
// it lists them: paper ballots number them so, and the count names them so.
func (c *Contest) Ballot() []*Candidate {
	var out []*Candidate
	for _, cand := range c.Candidates {
		if cand.OnBallot() {
			out = append(out, cand)
		}
	}
	return out
}

// offBallot says why a candidate is not on the ballot.
func (c *Candidate) offBallot() string {
	switch {
	case c.Status == CandidateNominated:
		return "the nomination was not accepted"
	case c.Status == CandidateAccepted && !c.Qualified:
		return "too few seconders"
	}
	return c.Status
}

// MarkQualified says of each candidate whether their seconds suffice: at
// least the election's Seconders. A question's options are nobody's
// nomination and need none.
func (e *Election) MarkQualified() {
	for _, c := range e.Contests {
		for _, cand := range c.Candidates {
			cand.Qualified = cand.Seconds >= e.Seconders || c.IsQuestion()
		}
	}
}

// Candidate returns the election's candidate with the id, and its contest.
func (e *Election) Candidate(id int64) (*Contest, *Candidate) {
	for _, c := range e.Contests {
		if cand := c.Candidate(id); cand != nil {
			return c, cand
		}
	}
	return nil, nil
}

// MaxStatement bounds a candidate's statement, in bytes.
const MaxStatement = 20000

// CheckStatement refuses a statement too long, and tags that are empty,
// long or many.
func CheckStatement(statement string, tags []string) error {
	if len(statement) > MaxStatement {
		return Errorf(EINVALID, "a statement may be up to %d characters", MaxStatement)
	}
	if len(tags) > 10 {
		return Errorf(EINVALID, "up to 10 tags")
	}
	for _, t := range tags {
		if t = strings.TrimSpace(t); t == "" || len(t) > 40 || strings.ContainsAny(t, ",\"\n") ||
			strings.ContainsRune(formulaStarts, rune(t[0])) {
			return Errorf(EINVALID, "a tag is a word or two, without commas or quotes, beginning with a letter or digit: %q", t)
		}
	}
	return nil
}
