package app

import (
	"context"
	"fmt"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// termMessage composes the notice to one of a body's leaders that a term
// in one of its seats ends soon, or says why it is no longer owed: the
// position was ended early, or moved, since.
func (a *App) termMessage(ctx context.Context, n *rankfile.Notice, base string) (*rankfile.Message, string, error) {
	ps, err := a.Bodies.FindPositions(ctx, rankfile.PositionFilter{ID: n.PositionID})
	if err != nil {
		return nil, "", err
	} else if len(ps) == 0 || ps[0].EndOn.Before(a.Today()) {
		return nil, "the position ended or was removed since", nil
	}
	p := ps[0]
	b, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: p.BodyID})
	if err != nil {
		return nil, "", err
	}
	_, seat, err := a.seatOf(ctx, b.Slug, p.SeatID)
	if err != nil {
		return nil, "", err
	}
	holder, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: p.MemberID})
	if err != nil {
		return nil, "", err
	}
	to, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: n.MemberID})
	if err != nil || to.Email == "" {
		return nil, "no email address", err
	}
	l := locale.For(to.Preferences.Language)
	text := l.T("electionmail.greeting", "Name", to.FirstName) + "\n\n" +
		l.T("termmail.text", "Holder", holder.FullName(), "Seat", l.Seat(seat.Title), "Body", b.Name, "End", l.Date(p.EndOn)) + "\n\n" +
		base + "/bodies/" + b.Slug + "\n"
	return &rankfile.Message{To: to.Email, Subject: l.T("termmail.subject", "Seat", l.Seat(seat.Title), "Body", b.Name),
		Text: text, Kind: "term-ending", ID: fmt.Sprintf("notice-%d", n.ID)}, "", nil
}
