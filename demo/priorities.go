package demo

import (
	"time"

	"github.com/rankfile/rankfile"
)

// The chapter convention held forty days ago, whose delegates ranked the
// five resolutions before it in its priorities vote: the count adopted
// three as this year's priorities, which the chapter's page shows, with
// the count's record. Made through the operations the pages use.

// conventionResolutions are the resolutions before the demo's convention.
var conventionResolutions = []struct{ title, resolved string }{
	{"Build tenant unions in every branch", "each branch organizes at least one tenant union this year."},
	{"Medicare for All: a statewide campaign", "the chapter joins the statewide campaign for single-payer health care."},
	{"Fare-free transit", "the chapter campaigns for fare-free buses and trains in the county."},
	{"Support union drives at the ports", "the chapter's labor working group supports organizing drives at the ports."},
	{"A chapter childcare fund", "the chapter funds childcare at its meetings and events."},
}

// convention holds the convention's priorities vote.
func (d *meetingDemo) convention(setClock func(time.Time)) error {
	c, err := d.a.Bodies.FindBody(d.ctx, rankfile.BodyFilter{Slug: "chapter-convention"})
	if err != nil {
		return err
	}
	y, mo, day := d.a.Now().In(d.a.Zone).AddDate(0, 0, -40).Date()
	at := time.Date(y, mo, day, 10, 0, 0, 0, d.a.Zone)
	setClock(at.Add(-30 * 24 * time.Hour))
	defer setClock(time.Time{})
	delegates := append([]*rankfile.Actor{d.coordinator}, d.signers[:30]...)
	if err := d.seatDelegates(c, delegates); err != nil {
		return err
	}
	agenda, err := d.resolutions(c)
	if err != nil {
		return err
	}
	setClock(at)
	m := &rankfile.Meeting{BodyID: c.ID, Kind: rankfile.MeetingConvention, Title: "Chapter convention", StartsAt: at,
		Format: rankfile.InPerson, Quorum: rankfile.Quorum{Count: 16}, Agenda: agenda,
		Sessions: []*rankfile.MeetingSession{{Name: "Convention floor", Place: "Union hall", ChairID: d.coordinator.ID()}}}
	if err := d.a.CreateMeeting(d.ctx, d.admin, m); err != nil {
		return err
	}
	for _, delegate := range delegates {
		if err := d.a.CheckIn(d.ctx, d.coordinator, m.ID, m.Sessions[0].ID, delegate.ID()); err != nil {
			return err
		}
	}
	setClock(at.Add(3 * time.Hour))
	return d.prioritiesVote(m, delegates)
}

// seatDelegates gives the delegates their places in the convention.
func (d *meetingDemo) seatDelegates(c *rankfile.Body, delegates []*rankfile.Actor) error {
	start := rankfile.DateOf(d.a.Now().In(d.a.Zone).AddDate(0, -1, 0))
	for _, delegate := range delegates {
		p := &rankfile.Position{MemberID: delegate.ID(), BodyID: c.ID, StartOn: start}
		if err := d.a.Bodies.CreatePosition(d.ctx, p); err != nil {
			return err
		}
	}
	return nil
}

// resolutions writes the resolutions before the convention, each signed
// by enough members to qualify, and returns them as its agenda.
func (d *meetingDemo) resolutions(c *rankfile.Body) ([]*rankfile.AgendaItem, error) {
	var agenda []*rankfile.AgendaItem
	for i, r := range conventionResolutions {
		p := &rankfile.Proposal{Kind: rankfile.ProposalResolution, BodyID: c.ID, Title: r.title,
			Text: rankfile.ProposalText{Resolved: []string{r.resolved}}}
		if err := d.write(d.coordinator, p, 20); err != nil {
			return nil, err
		}
		if err := d.sign(p, 30+i*12, rankfile.DefaultBodyThreshold); err != nil {
			return nil, err
		}
		agenda = append(agenda, &rankfile.AgendaItem{Kind: rankfile.AgendaProposal, Title: p.Title, ProposalID: p.ID})
	}
	return agenda, nil
}

// prioritiesVote opens the priorities vote, has each delegate rank two to
// four resolutions, and closes it: the count adopts the priorities.
func (d *meetingDemo) prioritiesVote(m *rankfile.Meeting, delegates []*rankfile.Actor) error {
	v, err := d.a.OpenPrioritiesVote(d.ctx, d.coordinator, m.ID)
	if err != nil {
		return err
	}
	for _, delegate := range delegates {
		ranking := d.rng.Perm(len(v.Options))[:2+d.rng.IntN(3)]
		if d.rng.Float64() < 0.5 { // tenant unions are a favourite
			ranking = append([]int{0}, without(ranking, 0)...)
		}
		if _, err := d.a.CastMeetingVote(d.ctx, delegate, m.ID, v.ID, ranking); err != nil {
			return err
		}
	}
	_, err = d.a.CloseVote(d.ctx, d.coordinator, m.ID, v.ID, false)
	return err
}

// without returns the ranking without option o.
func without(ranking []int, o int) []int {
	var out []int
	for _, r := range ranking {
		if r != o {
			out = append(out, r)
		}
	}
	return out
}
