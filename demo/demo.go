// Package demo fills an empty rankfile with a realistic chapter: about
// 3,500 members over Los Angeles County in five branches, imported through
// the real importer from two generated national lists (last month's and
// this month's, so members have history), with neighborhood
// groups, a steering committee, committees, working groups and caucuses,
// and people in their seats. Everything is generated from a fixed seed.
package demo

import (
	"bytes"
	"context"
	_ "embed"
	"math/rand/v2"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
	"github.com/rankfile/rankfile/roster"
)

// BranchesGeoJSON holds the demo's five branch boundaries.
//
//go:embed branches.geojson
var BranchesGeoJSON []byte

// Branches returns the demo's five branch boundaries.
func Branches() []rankfile.Jurisdiction {
	js, err := geo.ReadJurisdictions(bytes.NewReader(BranchesGeoJSON))
	if err != nil {
		panic("demo: embedded branches: " + err.Error()) // a build defect
	}
	return js
}

// Services are what the demo uses to set up a chapter: the same services
// every other part of rankfile uses.
type Services struct {
	Roster   rankfile.RosterService
	Bodies   rankfile.BodyService
	Branches rankfile.BranchService
	Members  rankfile.MemberService
	// Neighborhoods draws the neighborhood groups and places members in them.
	Neighborhoods rankfile.NeighborhoodService
}

// ChapterName and TimeZone are the demo chapter's name and where it is.
const (
	ChapterName = "Los Angeles chapter"
	TimeZone    = "America/Los_Angeles"
)

// Account is a demo member with a known email address, to sign in as.
type Account struct {
	Email string `json:"email"`
	Role  string `json:"role"`
}

// Accounts are the demo's members with known addresses.
var Accounts = []Account{
	{"steward@example.org", "data steward and admin"},
	{"coordinator@example.org", "co-coordinator of the Central branch, on the communications team"},
	{"member@example.org", "member in good standing in Central"},
	{"lapsed@example.org", "lapsed member"},
}

// Summary says what the demo made.
type Summary struct {
	LastMonth, ThisMonth *rankfile.ImportReport
	Branches             *rankfile.BranchReport
	Neighborhoods        *rankfile.NeighborhoodReport
	Bodies               int
	Positions            int
}

// ListSize is how many people national's list carries each month in the
// demo; about 3,500 of them are dues-paying members.
const ListSize = 4300

// Fill sets up the demo chapter as of today in an empty database, with
// national lists of listSize people (ListSize for the demo as described;
// more to measure a chapter of another size).
func Fill(ctx context.Context, s Services, today rankfile.Date, listSize int) (*Summary, error) {
	return fill(ctx, s, today, listSize, 0)
}

// FillNational sets up the demo chapter as one of the 200 chapters of the
// national organization, whose list of nationalSize people (NationalSize
// for the demo as described) carries the chapter's listSize and the other
// chapters' members, each placed in their chapter by the import.
func FillNational(ctx context.Context, s Services, today rankfile.Date, listSize, nationalSize int) (*Summary, error) {
	if nationalSize < listSize+len(otherChapters) {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the national demo needs a list of at least %d people", listSize+len(otherChapters))
	}
	return fill(ctx, s, today, listSize, nationalSize-listSize)
}

// fill sets up the demo, with others people on the list besides the
// chapter's in the chapters of the national demo (none for the chapter's
// own demo).
func fill(ctx context.Context, s Services, today rankfile.Date, listSize, others int) (*Summary, error) {
	if listSize < len(Accounts) {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the demo needs a list of at least %d people", len(Accounts))
	}
	g, err := newGenerator(today)
	if err != nil {
		return nil, err
	}
	g.listSize, g.others = listSize, others
	org, err := createOrganization(ctx, s.Bodies)
	if err != nil {
		return nil, err
	}
	if others > 0 {
		if err := createNational(ctx, s.Bodies, org); err != nil {
			return nil, err
		}
	}
	sum := &Summary{}
	if sum.LastMonth, err = g.importList(ctx, s.Roster, listB(g.lastMonth(), g.lastDate)); err != nil {
		return nil, err
	}
	if sum.Branches, err = s.Branches.LoadBranches(ctx, g.jurisdictions, rankfile.BranchOptions{Actor: "demo", ChapterSlug: chapterSlug}); err != nil {
		return nil, err
	}
	if sum.ThisMonth, err = g.importList(ctx, s.Roster, listB(g.thisMonth(), g.thisDate)); err != nil {
		return nil, err
	}
	if err := createNeighborhoods(ctx, s.Bodies, org); err != nil {
		return nil, err
	}
	if sum.Neighborhoods, err = loadNeighborhoods(ctx, s); err != nil {
		return nil, err
	}
	p := &placer{s: s, rng: g.rng, start: g.thisDate.AddDays(-200), today: today, org: org}
	if err := p.fillSeats(ctx); err != nil {
		return nil, err
	}
	sum.Bodies, sum.Positions = len(org.bodies), p.count
	return sum, nil
}

// generator imagines the chapter's people and how they change in a month.
type generator struct {
	rng                *rand.Rand
	zips               map[string][]geo.ZipPlace
	jurisdictions      []rankfile.Jurisdiction
	thisDate, lastDate rankfile.Date
	people             []*person
	listSize           int
	// others is how many members of other chapters the national demo's
	// list carries besides the chapter's listSize.
	others int
}

func newGenerator(today rankfile.Date) (*generator, error) {
	js := Branches()
	loc, err := geo.NewLocator(js)
	if err != nil {
		return nil, err
	}
	g := &generator{rng: rand.New(rand.NewPCG(2026, 11)), zips: zipsByBranch(loc), jurisdictions: js}
	g.thisDate = rankfile.Date{Year: today.Year, Month: today.Month, Day: 1}
	prev := g.thisDate.AddDays(-1)
	g.lastDate = rankfile.Date{Year: prev.Year, Month: prev.Month, Day: 1}
	return g, nil
}

func (g *generator) importList(ctx context.Context, rs rankfile.RosterService, list []byte) (*rankfile.ImportReport, error) {
	src, err := roster.NewReader(bytes.NewReader(list))
	if err != nil {
		return nil, err
	}
	return rs.ImportRoster(ctx, src, rankfile.ImportOptions{FileName: "national-list.csv", Actor: "demo"})
}

// lastMonth imagines last month's list, with the demo accounts first.
func (g *generator) lastMonth() []*person {
	g.people = demoAccounts(g.rng, g.zips, g.lastDate)
	for id := 1000; len(g.people) < g.listSize; id++ {
		g.people = append(g.people, newPerson(g.rng, id, g.zips, g.lastDate))
	}
	g.people = append(g.people, g.nationalPeople(g.others, nationalFirstID, g.lastDate)...)
	return g.people
}

// nationalFirstID is the first national id of the other chapters' members.
const nationalFirstID = 2_000_000

// thisMonth changes last month's people as a month does: some leave the
// list, some renew or fall behind, some move, and new members join.
func (g *generator) thisMonth() []*person {
	var out []*person
	for i, p := range g.people {
		good := p.status == "Member in Good Standing"
		switch n := g.rng.IntN(100); {
		case i < len(Accounts), p.email == ChapterStewardEmail:
		case n < 3:
			continue // gone from national's list
		case n < 10:
			if !good {
				p.renew(g.thisDate)
			}
		case n < 12 && p.chapter == "": // a move within Los Angeles
			z := pickZip(g.rng, g.zips)
			p.city, p.zip = z.Place, z.Zip
		case n < 14:
			if good {
				p.status, p.monthly = "Member", "past_due"
			}
		}
		out = append(out, p)
	}
	for id := 1000 + len(g.people); len(out) < g.listSize+g.others; id++ {
		out = append(out, newPerson(g.rng, id, g.zips, g.thisDate))
	}
	return out
}

// demoAccounts are the members with known addresses, placed in Central.
func demoAccounts(rng *rand.Rand, zips map[string][]geo.ZipPlace, listDate rankfile.Date) []*person {
	names := [][2]string{{"Dana", "Reyes"}, {"Marcus", "Johnson"}, {"Ana", "Morales"}, {"Luis", "Ortega"}}
	var out []*person
	for i, a := range Accounts {
		p := newPerson(rng, 900001+i, zips, listDate)
		p.first, p.last, p.email, p.zip, p.city = names[i][0], names[i][1], a.Email, "90026", "Los Angeles"
		if a.Email == "lapsed@example.org" {
			p.status, p.xdate, p.monthly = "Lapsed", listDate.AddDays(-200), "canceled_by_user"
		} else {
			p.renew(listDate)
		}
		out = append(out, p)
	}
	return out
}

// NationalList writes a generated national list of n members in the
// current header generation, dated listDate: the same people the demo
// imports, for trying imports and measuring them at any size.
func NationalList(n int, listDate rankfile.Date) ([]byte, error) {
	g, err := newGenerator(listDate)
	if err != nil {
		return nil, err
	}
	people := make([]*person, 0, n)
	for id := 1000; len(people) < n; id++ {
		people = append(people, newPerson(g.rng, id, g.zips, listDate))
	}
	return listB(people, listDate), nil
}
