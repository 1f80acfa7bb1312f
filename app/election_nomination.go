package app

import (
	"context"
	"net/mail"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// Nominations: while they are open, members of the electorate nominate
// themselves or another member, whom they name by email address; the
// nominee accepts or declines; other members second. A candidate is on the
// ballot once they have accepted and enough members have seconded. Until
// voting opens a candidate may change their statement and tags, and
// withdraw.

// inElectorate reports whether a member would be on the election's roll
// today: in good standing, and of the electorate's body. The same rule
// makes the roll at the cut-off.
func (a *App) inElectorate(ctx context.Context, e *rankfile.Election, memberID int64) (bool, error) {
	body, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: e.BodyID})
	if err != nil {
		return false, err
	}
	f := rankfile.ElectorateFilter(body, a.Today())
	f.ID = memberID
	_, err = a.Members.FindMember(ctx, f)
	if rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
		return false, nil
	}
	return err == nil, err
}

// InElectorate reports whether the actor would be on the election's roll
// today, and so may take part in its nominations.
func (a *App) InElectorate(ctx context.Context, actor *rankfile.Actor, e *rankfile.Election) (bool, error) {
	if !actor.SignedIn() {
		return false, nil
	}
	return a.inElectorate(ctx, e, actor.Member.ID)
}

// MySeconds returns the candidates of an election the actor has seconded,
// so that the page offers to second only the others.
func (a *App) MySeconds(ctx context.Context, actor *rankfile.Actor, e *rankfile.Election) (map[int64]bool, error) {
	if !actor.SignedIn() {
		return map[int64]bool{}, nil
	}
	return a.Elections.SecondedBy(ctx, e.ID, actor.Member.ID)
}

// nominating returns the election of a contest while its nominations are
// open, once the actor is known to be a member of its electorate.
func (a *App) nominating(ctx context.Context, actor *rankfile.Actor, electionID int64) (*rankfile.Election, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	e, err := a.Election(ctx, electionID)
	if err != nil {
		return nil, err
	}
	if e.StatusAt(a.Now()) != rankfile.ElectionNominating {
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "nominations for %s are not open", e.Title)
	}
	ok, err := a.inElectorate(ctx, e, actor.Member.ID)
	if err != nil {
		return nil, err
	} else if !ok {
		return nil, rankfile.Errorf(rankfile.EFORBIDDEN, "only members of the electorate in good standing take part in nominations")
	}
	return e, nil
}

// Nominate puts a member forward in a contest: the actor themselves when
// email is empty or their own, else the member with that address, who is
// then asked, by email with link (the election's page), to accept. A
// nominee who is not in the electorate, or an address nobody on the roster
// has, gets the same answer as a nomination made, so that nominating tells
// nobody who is a member.
func (a *App) Nominate(ctx context.Context, actor *rankfile.Actor, electionID, contestID int64, email, link string) error {
	e, err := a.nominating(ctx, actor, electionID)
	if err != nil {
		return err
	}
	c := e.Contest(contestID)
	if c == nil {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such contest in %s", e.Title)
	}
	if err := checkQuestionNomination(c); err != nil {
		return err
	}
	nominee := actor.Member
	email = strings.TrimSpace(email)
	if a, err := mail.ParseAddress(email); email != "" && (err != nil || a.Address != email) {
		// A mistyped address is said to be one: that tells nothing of who is a member.
		return rankfile.Errorf(rankfile.EINVALID, "%q is not an email address", email)
	}
	if email != "" && !strings.EqualFold(email, actor.Member.Email) {
		m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{Email: email})
		if rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
			return nil
		} else if err != nil {
			return err
		}
		if ok, err := a.inElectorate(ctx, e, m.ID); err != nil || !ok {
			return err
		}
		nominee = m
	}
	cand := &rankfile.Candidate{ContestID: c.ID, MemberID: nominee.ID, Name: nominee.FullName(),
		Status: rankfile.CandidateNominated, NominatedBy: actor.Member.ID}
	if nominee.ID == actor.Member.ID {
		cand.Status = rankfile.CandidateAccepted
	}
	err = a.Elections.AddCandidate(as(ctx, actor), cand)
	if rankfile.ErrorCode(err) == rankfile.ECONFLICT && nominee.ID != actor.Member.ID {
		return nil // saying that they stand already would name the address's owner
	} else if err != nil {
		return err
	}
	if nominee.ID != actor.Member.ID && nominee.Email != "" && a.Mailer != nil {
		a.sendLater(a.nominationMessage(locale.For(nominee.Preferences.Language), e, c, actor.Member, nominee, link))
	}
	return nil
}

// nominationMessage asks a nominee to accept or decline.
func (a *App) nominationMessage(l *locale.Localizer, e *rankfile.Election, c *rankfile.Contest, by, nominee *rankfile.Member, link string) *rankfile.Message {
	text := l.T("electionmail.greeting", "Name", nominee.FirstName) + "\n\n" +
		l.T("nominate.mail.text", "By", by.FullName(), "Contest", c.Title, "Election", e.Title,
			"Close", l.DateTime(e.NominationsClose, a.Zone)) + "\n\n" + link + "\n"
	return &rankfile.Message{To: nominee.Email, Subject: l.T("nominate.mail.subject", "Election", e.Title),
		Text: text, Kind: "nomination"}
}

// AnswerNomination accepts or declines a nomination, by the nominee, while
// nominations are open. Declining withdraws it.
func (a *App) AnswerNomination(ctx context.Context, actor *rankfile.Actor, electionID, candidateID int64, accept bool) error {
	e, err := a.nominating(ctx, actor, electionID)
	if err != nil {
		return err
	}
	_, cand := e.Candidate(candidateID)
	if cand == nil || cand.MemberID != actor.Member.ID {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such nomination of yours")
	}
	if cand.Status != rankfile.CandidateNominated {
		return rankfile.Errorf(rankfile.ECONFLICT, "you have answered this nomination already")
	}
	status := rankfile.CandidateWithdrawn
	if accept {
		status = rankfile.CandidateAccepted
	}
	return a.Elections.SetCandidateStatus(as(ctx, actor), cand.ID, status)
}

// Second seconds a nomination: a member of the electorate who is neither
// the nominee nor the one who nominated them, while nominations are open.
func (a *App) Second(ctx context.Context, actor *rankfile.Actor, electionID, candidateID int64) error {
	e, err := a.nominating(ctx, actor, electionID)
	if err != nil {
		return err
	}
	_, cand := e.Candidate(candidateID)
	switch {
	case cand == nil || cand.Status == rankfile.CandidateWithdrawn || cand.MemberID == 0:
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such nomination") // a question's option is none
	case cand.MemberID == actor.Member.ID:
		return rankfile.Errorf(rankfile.EINVALID, "a nominee cannot second their own nomination")
	case cand.NominatedBy == actor.Member.ID:
		return rankfile.Errorf(rankfile.EINVALID, "you nominated %s; a seconder is someone else", cand.Name)
	}
	return a.Elections.Second(as(ctx, actor), cand.ID, actor.Member.ID)
}

// candidateOf returns a candidacy of the actor's, which they may change
// until voting opens.
func (a *App) candidateOf(ctx context.Context, actor *rankfile.Actor, electionID, candidateID int64) (*rankfile.Candidate, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	e, err := a.Election(ctx, electionID)
	if err != nil {
		return nil, err
	}
	_, cand := e.Candidate(candidateID)
	// A question's option (MemberID 0) is nobody's candidacy: it is
	// changed with the election's set-up, before nominations open.
	if cand == nil || cand.MemberID == 0 || (cand.MemberID != actor.Member.ID && !actor.CanRunElection(e)) {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such candidacy of yours")
	}
	return cand, nil
}

// SetStatement changes a candidate's statement (markdown) and the tags they
// declare, by the candidate, until voting opens.
func (a *App) SetStatement(ctx context.Context, actor *rankfile.Actor, electionID, candidateID int64, statement string, tags []string) error {
	cand, err := a.candidateOf(ctx, actor, electionID, candidateID)
	if err != nil {
		return err
	}
	return a.Elections.SetStatement(as(ctx, actor), cand.ID, statement, tags)
}

// Withdraw takes a candidate off the ballot, by the candidate or the
// election's committee, until voting opens.
func (a *App) Withdraw(ctx context.Context, actor *rankfile.Actor, electionID, candidateID int64) error {
	cand, err := a.candidateOf(ctx, actor, electionID, candidateID)
	if err != nil {
		return err
	}
	return a.Elections.SetCandidateStatus(as(ctx, actor), cand.ID, rankfile.CandidateWithdrawn)
}
