package meetingload

import (
	"context"
	"fmt"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
)

// Check closes the vote and fails unless its box holds exactly one
// ballot for each member marked as voted, and every member whose vote was
// acknowledged is marked; it returns what it found, to print.
func Check(ctx context.Context, db *store.DB, voteID int64, ackedMembers []int64) (string, error) {
	acked := map[int64]bool{}
	for _, id := range ackedMembers {
		acked[id] = true
	}
	meetings := store.NewMeetingService(db)
	marked, err := meetings.VotedMembers(ctx, voteID)
	if err != nil {
		return "", err
	}
	for _, id := range marked {
		delete(acked, id)
	}
	missing := len(acked)
	ballots := 0
	_, err = meetings.CloseVote(ctx, voteID, func(v *rankfile.MeetingVote, box []*rankfile.CastBallot) (*rankfile.VoteResult, error) {
		ballots = len(box)
		return &rankfile.VoteResult{Summary: fmt.Sprintf("%d ballots", len(box))}, nil
	}, nil, nil)
	if err != nil {
		return "", err
	}
	found := fmt.Sprintf("members marked as voted: %d; ballots in the box: %d; acknowledged votes not counted: %d", len(marked), ballots, missing)
	if missing > 0 || ballots != len(marked) {
		return found, fmt.Errorf("the box does not hold exactly one ballot for each acknowledged vote")
	}
	return found, nil
}
