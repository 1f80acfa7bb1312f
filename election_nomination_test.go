package rankfile_test

import (
	"testing"

	"github.com/rankfile/rankfile"
)

// TestACandidateQualifiesWithEnoughSeconds checks the rule the store
// applies as it reads an election: a nomination needs the election's
// number of seconds, and only then does an accepted nominee reach the
// ballot.
func TestACandidateQualifiesWithEnoughSeconds(t *testing.T) {
	short := &rankfile.Candidate{Status: rankfile.CandidateAccepted, Seconds: 1}
	enough := &rankfile.Candidate{Status: rankfile.CandidateAccepted, Seconds: 2}
	e := &rankfile.Election{Seconders: 2, Contests: []*rankfile.Contest{{Candidates: []*rankfile.Candidate{short, enough}}}}
	e.MarkQualified()
	if short.Qualified || short.OnBallot() {
		t.Errorf("1 second of 2 needed: qualified %v, on the ballot %v; want neither", short.Qualified, short.OnBallot())
	}
	if !enough.Qualified || !enough.OnBallot() {
		t.Errorf("2 seconds of 2 needed: qualified %v, on the ballot %v; want both", enough.Qualified, enough.OnBallot())
	}
}
