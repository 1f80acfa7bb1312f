package app

import (
	"context"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
)

// Paper ballots of in-person voters: a member of the election's committee
// enters a batch (who voted on paper, and their ballots), another confirms
// it, and only then are its voters marked on the roll and its ballots put
// in the box, together. The count at the close waits for pending batches.

// PaperDesk is the committee's page of paper ballots.
type PaperDesk struct {
	Election *rankfile.Election
	Batches  []*rankfile.PaperBatch
	// Names names the members the batches mention.
	Names map[int64]string
}

// runningElection returns an election the actor runs.
func (a *App) runningElection(ctx context.Context, actor *rankfile.Actor, electionID int64) (*rankfile.Election, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	e, err := a.Election(ctx, electionID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanRunElection(e)); err != nil {
		return nil, err
	}
	return e, nil
}

// PaperDesk returns an election's paper batches, for its committee.
func (a *App) PaperDesk(ctx context.Context, actor *rankfile.Actor, electionID int64) (*PaperDesk, error) {
	e, err := a.runningElection(ctx, actor, electionID)
	if err != nil {
		return nil, err
	}
	batches, err := a.Papers.PaperBatches(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	d := &PaperDesk{Election: e, Batches: batches, Names: map[int64]string{}}
	for _, b := range batches {
		for _, id := range append([]int64{b.EnteredBy, b.DecidedBy}, b.VoterIDs...) {
			if _, known := d.Names[id]; known || id == 0 {
				continue
			}
			m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: id, Brief: true})
			if err != nil {
				return nil, err
			}
			d.Names[id] = m.FullName()
		}
	}
	return d, nil
}

// EnterPaperBatch enters a batch: the voters' email addresses, and one
// line per paper ballot giving, contest by contest (separated by "|"), the
// numbers of the candidates as the ballot lists them, first choice first:
// "2 1 3 | 4 1". A contest left empty is one the voter abstained in.
func (a *App) EnterPaperBatch(ctx context.Context, actor *rankfile.Actor, electionID int64, emails, lines []string) (*rankfile.PaperBatch, error) {
	e, err := a.runningElection(ctx, actor, electionID)
	if err != nil {
		return nil, err
	}
	b := &rankfile.PaperBatch{ElectionID: e.ID, EnteredBy: actor.Member.ID}
	for _, email := range emails {
		id, err := a.paperVoter(ctx, e, email)
		if err != nil {
			return nil, err
		}
		b.VoterIDs = append(b.VoterIDs, id)
	}
	for i, line := range lines {
		ballot, err := paperBallot(e, line)
		if err != nil {
			return nil, rankfile.Errorf(rankfile.EINVALID, "paper ballot %d (%q): %s", i+1, line, rankfile.ErrorMessage(err))
		}
		b.Ballots = append(b.Ballots, ballot)
	}
	return b, a.Papers.EnterPaperBatch(as(ctx, actor), b)
}

// paperVoter finds a voter of a batch on the roll, not yet voted.
func (a *App) paperVoter(ctx context.Context, e *rankfile.Election, email string) (int64, error) {
	// Members off the roll and addresses nobody has get one answer: the
	// committee runs this election's roll, not the roster.
	offRoll := rankfile.Errorf(rankfile.EINVALID, "nobody on the roll has the address %s", email)
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{Email: email, Brief: true})
	if rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
		return 0, offRoll
	} else if err != nil {
		return 0, err
	}
	roll, err := a.Elections.Roll(ctx, e.ID, m.ID)
	switch {
	case err != nil:
		return 0, err
	case !roll.OnRoll:
		return 0, offRoll
	case roll.Voted:
		return 0, rankfile.Errorf(rankfile.EINVALID, "%s (%s) has voted already", m.FullName(), email)
	}
	return m.ID, nil
}

// paperBallot reads one paper ballot's line.
func paperBallot(e *rankfile.Election, line string) (*rankfile.Ballot, error) {
	parts := strings.Split(line, "|")
	if len(parts) > len(e.Contests) {
		return nil, rankfile.Errorf(rankfile.EINVALID, "%d contests written, the ballot has %d", len(parts), len(e.Contests))
	}
	b := &rankfile.Ballot{Rankings: map[int64][]int64{}}
	for i, part := range parts {
		c := e.Contests[i]
		listed := c.Ballot()
		for _, field := range strings.Fields(part) {
			n, err := strconv.Atoi(field)
			if err != nil || n < 1 || n > len(listed) {
				return nil, rankfile.Errorf(rankfile.EINVALID, "%s: %q is not a number from 1 to %d", c.Title, field, len(listed))
			}
			b.Rankings[c.ID] = append(b.Rankings[c.ID], listed[n-1].ID)
		}
	}
	return b, e.CheckBallot(b)
}

// ConfirmPaperBatch confirms a batch another member of the committee
// entered.
func (a *App) ConfirmPaperBatch(ctx context.Context, actor *rankfile.Actor, electionID, batchID int64) error {
	if _, err := a.runningElection(ctx, actor, electionID); err != nil {
		return err
	}
	return a.Papers.ConfirmPaperBatch(as(ctx, actor), electionID, batchID, actor.Member.ID)
}

// RejectPaperBatch sets aside a batch another member of the committee
// entered.
func (a *App) RejectPaperBatch(ctx context.Context, actor *rankfile.Actor, electionID, batchID int64) error {
	if _, err := a.runningElection(ctx, actor, electionID); err != nil {
		return err
	}
	return a.Papers.RejectPaperBatch(as(ctx, actor), electionID, batchID, actor.Member.ID)
}
