package demo

import (
	"slices"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
)

// The demo's endorsement cycle: the Electoral Politics committee's for
// next spring's municipal and state elections, with three races. Their
// candidates answered the questionnaire before last month's general
// meeting, which endorsed Ysa Morales for City Council (sent to national,
// whose answer is awaited; her campaign started) and declined to endorse
// Renata Okafor for the school board, short of the two thirds the bylaws
// ask. The State Assembly race's petition qualified for this month's
// meeting, where the coordinator can put it to the vote.

// endorsementDemo makes the cycle around the meetings.
type endorsementDemo struct {
	*meetingDemo
	chair      *rankfile.Actor // a co-chair of Electoral Politics
	cycle      *rankfile.EndorsementCycle
	races      []*rankfile.EndorsementRace
	candidates map[string]*rankfile.EndorsementCandidate
	petitions  map[string]*rankfile.Proposal
}

// demoQuestions are the chapter's questionnaire, in English and Spanish.
var demoQuestions = []*rankfile.EndorsementQuestion{
	{Text: "Why are you running, and what would you do in your first year in office?",
		TextES: "¿Por qué te postulas y qué harías en tu primer año en el cargo?"},
	{Text: "Will you support universal rent control and oppose any evictions of tenants on strike?",
		TextES: "¿Apoyarás el control universal de alquileres y te opondrás a desalojar a inquilinos en huelga?"},
	{Text: "Will you refuse money from corporate PACs, real estate developers and police unions?",
		TextES: "¿Rechazarás dinero de PAC corporativos, promotores inmobiliarios y sindicatos policiales?"},
	{Text: "How will you work with the chapter and be accountable to its members while in office?",
		TextES: "¿Cómo trabajarás con el capítulo y rendirás cuentas a sus miembros durante tu mandato?"},
}

// demoCandidate is a candidate of the demo and how far they got.
type demoCandidate struct {
	race     int
	name     string
	party    string
	answers  []string // none: the questionnaire was never answered
	position rankfile.Recommendation
	votes    [3]int // the committee's for, against, abstaining
	yes      float64
}

var demoCandidates = []demoCandidate{
	{0, "Ysa Morales", "Democratic Socialists of America", []string{
		"I am a tenant organizer running to put the district's renters first: a right to counsel, rent control and public housing.",
		"Yes, without exception; I have stood on picket lines with the tenant unions of the district.",
		"Yes. I take no corporate, developer or police union money, and I publish every donation.",
		"Monthly open meetings with the chapter, votes explained in writing, and staff hired from the movement."},
		rankfile.RecommendEndorse, [3]int{14, 2, 1}, 0.82},
	{0, "Gil Thornton", "Democratic", []string{
		"To bring business sense to City Hall.", "I support some protections, case by case.",
		"I accept donations within the law.", "My office is open to all residents."},
		rankfile.RecommendNoEndorse, [3]int{1, 15, 1}, 0},
	{1, "Renata Okafor", "Democratic", []string{
		"I am a teacher and a union steward running to fund our public schools.",
		"I support rent control; on strikes I would listen to both sides.",
		"I refuse corporate and police union money; I have taken money from a developer.",
		"Quarterly meetings with the chapter and the teachers' union."},
		rankfile.RecommendEndorse, [3]int{8, 6, 2}, 0.58},
	{2, "Dana Whitfield", "Democratic Socialists of America", []string{
		"A nurse running for Medicare for All in California and a Green New Deal for our district.",
		"Yes.", "Yes, all three.", "I will vote as the chapter's platform asks and report back each month."},
		rankfile.RecommendEndorse, [3]int{11, 1, 0}, 0},
	{2, "Marcus Lee", "Democratic", nil, "", [3]int{}, 0},
}

// newEndorsementDemo finds a co-chair of Electoral Politics, who runs
// the demo's cycle.
func newEndorsementDemo(m *meetingDemo) (*endorsementDemo, error) {
	body, err := m.a.Bodies.FindBody(m.ctx, rankfile.BodyFilter{Slug: "electoral-politics"})
	if err != nil {
		return nil, err
	}
	positions, err := m.a.Bodies.FindPositions(m.ctx, rankfile.PositionFilter{BodyID: body.ID, ActiveOn: m.a.Today()})
	if err != nil {
		return nil, err
	}
	d := &endorsementDemo{meetingDemo: m, candidates: map[string]*rankfile.EndorsementCandidate{}, petitions: map[string]*rankfile.Proposal{}}
	for _, p := range positions {
		if p.SeatID != 0 {
			if d.chair, err = m.a.Auth.Actor(m.ctx, p.MemberID); err != nil {
				return nil, err
			}
			return d, nil
		}
	}
	return nil, rankfile.Errorf(rankfile.ENOTFOUND, "Electoral Politics has no co-chair")
}

// prepare makes the cycle, as the committee's co-chair, from seventy days
// before the meeting at: its races and questions, the candidates' links
// and answers, interviews and recommendations, and the petitions of the
// first two races signed until they qualify. It returns the agenda items
// the meeting decides.
func (d *endorsementDemo) prepare(at time.Time, setClock func(time.Time)) ([]*rankfile.AgendaItem, error) {
	setClock(at.AddDate(0, 0, -70))
	due := at.AddDate(0, 0, -45)
	d.cycle = &rankfile.EndorsementCycle{BodyID: d.body(), DecidingBodyID: d.chapter.ID,
		Name: "2027 municipal and state elections", ElectionDate: d.a.Today().AddDays(150),
		QuestionnaireDue: due, PublishAt: due.Add(48 * time.Hour), Threshold: rankfile.ThresholdTwoThirds}
	d.races = []*rankfile.EndorsementRace{{Office: "Los Angeles City Council", District: "District 13"},
		{Office: "LAUSD Board of Education", District: "District 5"}, {Office: "California State Assembly", District: "District 52"}}
	if err := d.a.CreateEndorsementCycle(d.ctx, d.chair, d.cycle, d.races); err != nil {
		return nil, err
	}
	if _, err := d.a.SetEndorsementQuestions(d.ctx, d.chair, d.cycle.ID, demoQuestions); err != nil {
		return nil, err
	}
	if err := d.invite(); err != nil {
		return nil, err
	}
	setClock(at.AddDate(0, 0, -40))
	if err := d.vet(d.races[0], d.races[1]); err != nil {
		return nil, err
	}
	setClock(at.AddDate(0, 0, -30))
	var items []*rankfile.AgendaItem
	for i, name := range []string{"Ysa Morales", "Renata Okafor"} {
		p, err := d.petition(name, 40+60*i, 58)
		if err != nil {
			return nil, err
		}
		items = append(items, &rankfile.AgendaItem{Kind: rankfile.AgendaProposal, Title: p.Title, ProposalID: p.ID})
	}
	return items, nil
}

// body is the id of the body the co-chair leads: Electoral Politics.
func (d *endorsementDemo) body() int64 {
	for _, b := range d.chair.Leads {
		if b.Slug == "electoral-politics" {
			return b.ID
		}
	}
	return d.chair.Leads[0].ID
}

// invite adds the candidates, makes their links, and has all but the last
// answer and submit the questionnaire.
func (d *endorsementDemo) invite() error {
	questions, err := d.a.Endorsements.Questions(d.ctx, d.cycle.ID, 0)
	if err != nil {
		return err
	}
	for _, dc := range demoCandidates {
		c := &rankfile.EndorsementCandidate{RaceID: d.races[dc.race].ID, Name: dc.name, Party: dc.party,
			Email: strings.ToLower(strings.ReplaceAll(dc.name, " ", ".")) + "@campaign.example.net"}
		if err := d.a.SaveEndorsementCandidate(d.ctx, d.chair, c); err != nil {
			return err
		}
		d.candidates[dc.name] = c
		link, err := d.a.NewQuestionnaireLink(d.ctx, d.chair, c.ID, func(secret string) string { return secret })
		if err != nil {
			return err
		}
		if dc.answers == nil {
			continue
		}
		var answers []rankfile.EndorsementAnswer
		for i, q := range questions {
			answers = append(answers, rankfile.EndorsementAnswer{QuestionID: q.ID, Answer: dc.answers[i]})
		}
		if err := d.a.SaveAnswersByLink(d.ctx, link.URL, answers, true); err != nil {
			return err
		}
	}
	return nil
}

// vet interviews the candidates of the races who answered, notes what was
// said, and writes the committee's recommendation on each.
func (d *endorsementDemo) vet(races ...*rankfile.EndorsementRace) error {
	for _, dc := range demoCandidates {
		c := d.candidates[dc.name]
		if dc.position == "" || !slices.Contains(races, d.races[dc.race]) {
			continue
		}
		if _, err := d.a.ScheduleInterview(d.ctx, d.chair, c.ID, &rankfile.Event{StartsAt: d.a.Now().Add(48 * time.Hour).Truncate(time.Hour),
			Zone: d.a.Zone.String(), Address: "Chapter office, 3101 W 6th St, Los Angeles, CA 90020"}); err != nil {
			return err
		}
		note := &rankfile.EndorsementNote{CandidateID: c.ID, Kind: rankfile.NoteInterview,
			Text: "Interviewed by four members of the committee. " + dc.answers[3]}
		if err := d.a.AddEndorsementNote(d.ctx, d.chair, note); err != nil {
			return err
		}
		rec := &rankfile.EndorsementRecommendation{CandidateID: c.ID, Position: dc.position,
			Text: recommendationText(dc), For: dc.votes[0], Against: dc.votes[1], Abstain: dc.votes[2], DecidedOn: d.a.Today().AddDays(3)}
		if err := d.a.SetEndorsementRecommendation(d.ctx, d.chair, rec); err != nil {
			return err
		}
	}
	return nil
}

// recommendationText is the committee's recommendation as written for
// members.
func recommendationText(dc demoCandidate) string {
	switch dc.position {
	case rankfile.RecommendEndorse:
		return "The Electoral Politics committee recommends that the chapter endorse " + dc.name +
			". The questionnaire's answers and the interview show a candidate who will stand with the chapter's campaigns, " +
			"and who takes no corporate money."
	case rankfile.RecommendNoEndorse:
		return "The committee recommends that the chapter not endorse " + dc.name +
			": the candidate does not commit to rent control or to refusing developers' money."
	}
	return "The committee could not agree on " + dc.name + "."
}

// petition has a member start the petition for the candidate and n
// members sign it, from offset in the pool of signers.
func (d *endorsementDemo) petition(name string, offset, n int) (*rankfile.Proposal, error) {
	p, err := d.a.StartEndorsementPetition(d.ctx, d.signers[offset], d.candidates[name].ID)
	if err != nil {
		return nil, err
	}
	d.petitions[name], d.made = p, d.made+1
	return p, d.sign(p, offset+1, n)
}

// decide takes the meeting's votes on the petitions, by the cycle's two
// thirds, each member voting yes as its candidate's share says.
func (d *endorsementDemo) decide(m *rankfile.Meeting, items []*rankfile.AgendaItem) error {
	for i, item := range items {
		yes := demoCandidates[0].yes
		if i == 1 {
			yes = demoCandidates[2].yes
		}
		for _, it := range m.Agenda {
			if it.ProposalID == item.ProposalID {
				item = it
			}
		}
		v := &rankfile.MeetingVote{AgendaItemID: item.ID, Threshold: d.cycle.Threshold}
		if err := d.takeVote(m, v, func(int) []int { return []int{d.pick(yes)} }); err != nil {
			return err
		}
	}
	return nil
}

// national sends the endorsed candidate's request to national, with the
// chapter's campaign plan; national has not answered yet.
func (d *endorsementDemo) national() error {
	return d.a.RequestNationalEndorsement(d.ctx, d.chair, d.candidates["Ysa Morales"].ID,
		"The chapter's field program knocks every renter's door in the district twice before the primary: "+
			"weekly canvasses from the Central branch, a phonebank of the chapter's members each Tuesday, "+
			"and a day of action at the district's largest buildings.")
}

// later vets the State Assembly race this month and has its petition
// qualify for this month's meeting; it returns the petition.
func (d *endorsementDemo) later(setClock func(time.Time)) (*rankfile.Proposal, error) {
	setClock(d.a.Now().AddDate(0, 0, -12))
	defer setClock(time.Time{})
	if err := d.vet(d.races[2]); err != nil {
		return nil, err
	}
	setClock(d.a.Now().AddDate(0, 0, 4))
	return d.petition("Dana Whitfield", 10, 55)
}
