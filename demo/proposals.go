package demo

import (
	"context"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// Proposals makes the demo's proposals through the web app's operations,
// one at every stage: a resolution two signatures short of its threshold
// that member@example.org can sign (with comments, an accepted friendly
// amendment and an open one), a qualified budget request with paper
// signatures, an endorsement on the agenda, an adopted and a rejected
// proposal, a bylaws amendment before the convention, member's own draft,
// a withdrawn and an expired one. setClock works as for Elections. It
// returns the number of proposals made.
func Proposals(ctx context.Context, a *app.App, setClock func(time.Time), setSetting func(ctx context.Context, key, value string) error) (int, error) {
	d, err := newProposalDemo(ctx, a)
	if err != nil || len(d.signers) < minDemoSigners {
		return 0, err // a demo too small for them has no proposals
	}
	d.setSetting = setSetting
	steps := []func() error{d.nearThreshold, d.qualified, d.scheduled, d.decided, d.convention, d.draft, d.withdrawn,
		func() error { return d.expired(setClock) }}
	for _, step := range steps {
		if err := step(); err != nil {
			return 0, err
		}
	}
	return d.made, nil
}

// proposalDemo is what the demo's proposals are made with.
type proposalDemo struct {
	ctx                      context.Context
	a                        *app.App
	chapter                  *rankfile.Body
	admin, coordinator, mine *rankfile.Actor
	signers                  []*rankfile.Actor // members in good standing, not the demo accounts
	setSetting               func(ctx context.Context, key, value string) error
	made                     int
}

// minDemoSigners is how many members in good standing the demo's
// proposals draw their signers from.
const minDemoSigners = 120

func newProposalDemo(ctx context.Context, a *app.App) (*proposalDemo, error) {
	d := &proposalDemo{ctx: ctx, a: a}
	var err error
	if d.chapter, err = a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: "los-angeles-chapter"}); err != nil {
		return nil, err
	}
	actors := map[string]**rankfile.Actor{Accounts[0].Email: &d.admin, Accounts[1].Email: &d.coordinator, Accounts[2].Email: &d.mine}
	for email, actor := range actors {
		m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{Email: email})
		if err != nil {
			return nil, err
		}
		*actor = &rankfile.Actor{Member: m, Admin: email == Accounts[0].Email, Steward: email == Accounts[0].Email}
	}
	chapter, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: chapterSlug})
	if err != nil {
		return nil, err
	}
	members, _, err := a.Members.FindMembers(ctx, rankfile.MemberFilter{Standing: rankfile.StandingGood, ChapterID: chapter.ID, Limit: 160})
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		if !isAccount(m.Email) {
			d.signers = append(d.signers, &rankfile.Actor{Member: m})
		}
	}
	return d, nil
}

func isAccount(email string) bool {
	for _, acc := range Accounts {
		if acc.Email == email {
			return true
		}
	}
	return false
}

// write stores a draft by the author and opens it for signatures for the
// days given (none: it stays a draft).
func (d *proposalDemo) write(author *rankfile.Actor, p *rankfile.Proposal, days int) error {
	if p.BodyID == 0 {
		p.BodyID = d.chapter.ID
	}
	if err := d.a.CreateProposal(d.ctx, author, p, nil); err != nil {
		return err
	}
	d.made++
	if days == 0 {
		return nil
	}
	return d.a.OpenSignatures(d.ctx, author, p.ID, d.a.Now().Add(time.Duration(days)*24*time.Hour))
}

// sign has signers from the pool sign p, the first from offset; every
// fifth asks to be shown by branch.
func (d *proposalDemo) sign(p *rankfile.Proposal, offset, n int) error {
	for i := range n {
		s := d.signers[(offset+i)%len(d.signers)]
		if err := d.a.Sign(d.ctx, s, p.ID, i%5 == 4); err != nil {
			return err
		}
	}
	return nil
}

// nearThreshold is the resolution member@example.org can sign: 48 of 50.
func (d *proposalDemo) nearThreshold() error {
	p := &rankfile.Proposal{Kind: rankfile.ProposalResolution, Title: "Fare-free buses for Los Angeles",
		Summary: "The chapter campaigns for fare-free Metro buses, with the bus riders' union.",
		Text: rankfile.ProposalText{
			Whereas: []string{"fares keep the riders who most depend on buses away from jobs, schools and clinics;",
				"the fare-free pilot raised ridership without raising costs by much;"},
			Resolved: []string{"the chapter joins the bus riders' union's campaign for permanent fare-free buses;",
				"the campaign reports to the general meeting every three months."},
			Description: "Canvass bus stops in every branch for six months, starting in January. Needs 40 volunteers and $1,500 for printing.",
			Priorities:  "Public goods for the working class.",
			Goals:       "The transit working group's goal of a campaign with a union partner."},
		Links: []string{"https://example.org/fare-free-pilot-report"}}
	if err := d.write(d.coordinator, p, 21); err != nil {
		return err
	}
	amended := p.Text
	amended.Resolved = append([]string{}, amended.Resolved...)
	amended.Resolved[0] = "the chapter joins the bus riders' union's campaign for permanent fare-free buses and trains;"
	friendly, err := d.a.ProposeAmendment(d.ctx, d.signers[60], p.ID, amended, "Trains serve the same riders.")
	if err != nil {
		return err
	}
	if err := d.a.DecideAmendment(d.ctx, d.coordinator, p.ID, friendly.ID, true); err != nil {
		return err
	}
	other := amended
	other.Description += " Add Saturday canvasses."
	if _, err := d.a.ProposeAmendment(d.ctx, d.signers[61], p.ID, other, "Weekday canvasses leave out working members."); err != nil {
		return err
	}
	for i, c := range []string{"Yes! The pilot worked; let's make it permanent.",
		"Can we coordinate with the Eastside branch's tenant canvass, so we knock on the same doors once?"} {
		if _, err := d.a.Comment(d.ctx, d.signers[62+i], p.ID, c); err != nil {
			return err
		}
	}
	return d.sign(p, 0, 48)
}

// qualified is a budget request that reached its threshold, partly on paper.
func (d *proposalDemo) qualified() error {
	p := &rankfile.Proposal{Kind: rankfile.ProposalBudget, Title: "Tenant union defense fund: $5,000",
		Summary: "A fund to support tenant unions facing retaliatory evictions.",
		Text:    rankfile.ProposalText{Description: "$5,000 from the reserve, spent by the housing committee over the year, reported quarterly."}}
	if err := d.write(d.coordinator, p, 30); err != nil {
		return err
	}
	if err := d.sign(p, 40, 46); err != nil {
		return err
	}
	for _, s := range d.signers[100:104] {
		if err := d.a.EnterPaperSignature(d.ctx, d.admin, p.ID, s.Member.ID); err != nil {
			return err
		}
	}
	return nil
}

// scheduled is an endorsement that qualified for the next general
// meeting, whose agenda takes it up (see meetingDemo.upcoming).
func (d *proposalDemo) scheduled() error {
	p := &rankfile.Proposal{Kind: rankfile.ProposalEndorsement, Title: endorsementTitle,
		Summary: "The chapter endorses the measure and canvasses for it.",
		Text:    rankfile.ProposalText{Resolved: []string{"the chapter endorses the renters' protection measure."}}}
	if err := d.write(d.coordinator, p, 30); err != nil {
		return err
	}
	return d.sign(p, 20, 50)
}

// endorsementTitle is the title of the endorsement the next general
// meeting takes up.
const endorsementTitle = "Endorse the renters' protection ballot measure"

// decided are three proposals the September general meeting, held
// online, decided; adopting the first formed the Strike Support working
// group, its author its interim co-chair, and adopting the last dissolved
// the Census Outreach working group, its work done (see dissolving).
func (d *proposalDemo) decided() error {
	var agenda []*rankfile.AgendaItem
	notes := map[int64]string{}
	dissolve, err := d.dissolving()
	if err != nil {
		return err
	}
	for i, adopted := range []bool{true, false} {
		p := &rankfile.Proposal{Kind: rankfile.ProposalNewBody, Title: "Form a strike support working group",
			Text:  rankfile.ProposalText{Description: "A working group to support organizing drives and strikes in the region."},
			Forms: &rankfile.BodyFormation{Kind: rankfile.KindWorkingGroup, Name: "Strike Support", ParentID: d.chapter.ID}}
		note := "Adopted 214 to 31"
		if !adopted {
			p.Kind, p.Title, p.Forms, note = rankfile.ProposalCampaign, "A chapter podcast", nil, "Not adopted, 58 to 120"
			p.Text.Description = "A weekly podcast about the chapter's campaigns."
		}
		if err := d.write(d.coordinator, p, 30); err != nil {
			return err
		}
		if err := d.sign(p, 50+i*10, 50); err != nil {
			return err
		}
		agenda = append(agenda, &rankfile.AgendaItem{Kind: rankfile.AgendaProposal, Title: p.Title, ProposalID: p.ID})
		notes[p.ID] = note
	}
	agenda = append(agenda, &rankfile.AgendaItem{Kind: rankfile.AgendaProposal, Title: dissolve.Title, ProposalID: dissolve.ID})
	notes[dissolve.ID] = "Adopted 190 to 12"
	y, mo, day := d.a.Now().In(d.a.Zone).AddDate(0, 0, -55).Date()
	m := &rankfile.Meeting{BodyID: d.chapter.ID, Kind: rankfile.MeetingChapter, Title: "September general meeting",
		StartsAt: time.Date(y, mo, day, 19, 0, 0, 0, d.a.Zone), Format: rankfile.Online, Quorum: rankfile.Quorum{Count: 60},
		Sessions: []*rankfile.MeetingSession{{Name: "Online", Link: "https://meet.example.org/general"}}, Agenda: agenda}
	if err := d.a.CreateMeeting(d.ctx, d.admin, m); err != nil {
		return err
	}
	for _, item := range agenda {
		adopted := strings.HasPrefix(notes[item.ProposalID], "Adopted")
		if err := d.a.DecideProposal(d.ctx, d.admin, item.ProposalID, adopted, notes[item.ProposalID]); err != nil {
			return err
		}
	}
	return nil
}

// dissolving sets up the Census Outreach working group and writes the
// proposal that dissolves it, signed and qualified for the general
// meeting: once dissolved, it keeps its page and history but no form
// offers it any more.
func (d *proposalDemo) dissolving() (*rankfile.Proposal, error) {
	b := &rankfile.Body{Kind: rankfile.KindWorkingGroup, Slug: "census-outreach", Name: "Census Outreach", ParentID: d.chapter.ID,
		Description: "Turned members out to make sure Los Angeles was counted."}
	if err := d.a.CreateBody(d.ctx, d.admin, b); err != nil {
		return nil, err
	}
	p := &rankfile.Proposal{Kind: rankfile.ProposalOther, Title: "Dissolve the Census Outreach working group", Dissolves: b.ID,
		Text: rankfile.ProposalText{Description: "The count is over and the working group's members have moved to other work."}}
	if err := d.write(d.coordinator, p, 30); err != nil {
		return nil, err
	}
	return p, d.sign(p, 70, 50)
}

// convention is the chapter's convention, taking resolutions and bylaws
// amendments for sixty days, and a bylaws amendment collecting for it.
func (d *proposalDemo) convention() error {
	c := &rankfile.Body{Kind: rankfile.KindConvention, Slug: "chapter-convention", Name: "Chapter Convention",
		ParentID: d.chapter.ID, Description: "The chapter's convention: delegates decide resolutions, bylaws amendments and next year's priorities."}
	if err := d.a.Bodies.CreateBody(d.ctx, c); err != nil {
		return err
	}
	lastDay := rankfile.DateOf(d.a.Now().In(d.a.Zone).AddDate(0, 0, 60))
	if err := d.setSetting(d.ctx, rankfile.SubmissionsClose(c.Slug), lastDay.String()); err != nil {
		return err
	}
	p := &rankfile.Proposal{Kind: rankfile.ProposalBylaws, BodyID: c.ID, Title: "Two-year terms for the steering committee",
		Text: rankfile.ProposalText{Whereas: []string{"a one-year term ends as officers learn the work;"},
			Resolved: []string{"Article V, section 2 reads \"Officers serve terms of two years.\""}}}
	if err := d.write(d.coordinator, p, 45); err != nil {
		return err
	}
	return d.sign(p, 80, 12)
}

// draft is member@example.org's own draft, which only she sees.
func (d *proposalDemo) draft() error {
	return d.write(d.mine, &rankfile.Proposal{Kind: rankfile.ProposalCampaign, Title: "Childcare at every general meeting",
		Summary: "The chapter provides childcare at general meetings, so that parents can take part."}, 0)
}

// withdrawn is a proposal its author withdrew.
func (d *proposalDemo) withdrawn() error {
	p := &rankfile.Proposal{Kind: rankfile.ProposalOther, Title: "Move general meetings to Sundays"}
	if err := d.write(d.coordinator, p, 14); err != nil {
		return err
	}
	if err := d.sign(p, 90, 7); err != nil {
		return err
	}
	return d.a.WithdrawProposal(d.ctx, d.coordinator, p.ID)
}

// expired is a proposal whose signatures closed ten days ago, short.
func (d *proposalDemo) expired(setClock func(time.Time)) error {
	now := d.a.Now()
	setClock(now.Add(-40 * 24 * time.Hour))
	defer setClock(time.Time{})
	p := &rankfile.Proposal{Kind: rankfile.ProposalCampaign, Title: "A chapter soccer league"}
	if err := d.write(d.coordinator, p, 30); err != nil {
		return err
	}
	if err := d.sign(p, 110, 9); err != nil {
		return err
	}
	setClock(time.Time{})
	return d.a.CatchUpProposals(d.ctx)
}
