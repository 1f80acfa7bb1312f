package demo

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
)

// NationalSize is how many people the national demo's list carries: an
// organization of about 90,000 members in 200 chapters.
const NationalSize = 90_000

// NationalName is the name the national demo's installation goes by.
const NationalName = "National organization"

// ChapterStewardEmail is the national demo's data steward of the Metro DC
// chapter, who sees that chapter's members and no others.
const ChapterStewardEmail = "dc-steward@example.org"

// atLarge is what the list says of a member of no chapter.
const atLarge = "At Large"

// nationalChapter is one of the other chapters as the generator draws
// members for it.
type nationalChapter struct {
	name, state string
	zips        []geo.ZipPlace
}

// nationalChapters reads otherChapters, with the ZIP codes of each.
func nationalChapters() []nationalChapter {
	out := make([]nationalChapter, 0, len(otherChapters))
	for _, spec := range otherChapters {
		f := strings.Split(spec, "|")
		out = append(out, nationalChapter{name: f[0], state: f[1], zips: geo.ZipsStartingWith(f[2])})
	}
	return out
}

// nationalPeople imagines n members of the other chapters, about one in a
// hundred at large, spread over the chapters by a power law of their
// rank, as members crowd into the big cities. Their ids start at firstID.
// The first member of Metro DC is its data steward's account.
func (g *generator) nationalPeople(n, firstID int, listDate rankfile.Date) []*person {
	chapters := nationalChapters()
	cumulative := make([]float64, len(chapters))
	total := 0.0
	for i := range chapters {
		total += 1 / math.Pow(float64(i+3), 0.9)
		cumulative[i] = total
	}
	steward := false
	people := make([]*person, 0, n)
	for i := 0; i < n; i++ {
		p := newPerson(g.rng, firstID+i, g.zips, listDate)
		if g.rng.IntN(100) == 0 {
			p.state, p.chapter = "CA", atLarge
			people = append(people, p)
			continue
		}
		c := chapters[pickIndex(g.rng, cumulative, total)]
		z := c.zips[g.rng.IntN(len(c.zips))]
		p.state, p.chapter, p.city, p.zip = c.state, c.name, z.Place, z.Zip
		if c.name == "Metro DC" && !steward {
			steward = true
			p.first, p.last, p.email = "Imani", "Washington", ChapterStewardEmail
			p.renew(listDate)
		}
		people = append(people, p)
	}
	return people
}

// pickIndex draws an index by the weights whose running sums are
// cumulative.
func pickIndex(rng *rand.Rand, cumulative []float64, total float64) int {
	x := rng.Float64() * total
	for i, c := range cumulative {
		if x < c {
			return i
		}
	}
	return len(cumulative) - 1
}

// nationalBodies are the bodies above the chapters in the national demo.
var nationalBodies = []bodySpec{
	{rankfile.KindCommittee, "National Political Committee", "national-organization",
		"Sixteen members elected by the convention, at least eight of them women and at least five people of color."},
	{rankfile.KindConvention, "2027 National Convention", "national-organization",
		"About 1,200 delegates elected by the chapters; it elects the National Political Committee."},
}

// createNational adds the other chapters and the national bodies under
// the national organization. They are not among org's bodies, whose
// seats the demo fills from the Los Angeles chapter.
func createNational(ctx context.Context, bodies rankfile.BodyService, org *organization) error {
	national := &organization{bodies: map[string]*rankfile.Body{"national-organization": org.bodies["national-organization"]}}
	for _, c := range nationalChapters() {
		spec := bodySpec{rankfile.KindChapter, c.name, "national-organization", "The chapter of " + c.name + "."}
		if err := national.create(ctx, bodies, spec); err != nil {
			return err
		}
	}
	for _, spec := range nationalBodies {
		if err := national.create(ctx, bodies, spec); err != nil {
			return err
		}
	}
	return nil
}

// NationalChapterNames lists the national demo's chapters, Los Angeles's
// body first, as their bodies are named.
func NationalChapterNames() []string {
	names := []string{ChapterName}
	for _, c := range nationalChapters() {
		names = append(names, c.name)
	}
	return names
}

// NationalOrganizationList writes a generated national list of n people,
// dated listDate, spread over the national demo's 200 chapters as its
// import finds them: the demo chapter's ListSize first, then the others'.
func NationalOrganizationList(n int, listDate rankfile.Date) ([]byte, error) {
	g, err := newGenerator(listDate)
	if err != nil {
		return nil, err
	}
	la := min(n, ListSize)
	people := make([]*person, 0, n)
	for id := 1000; len(people) < la; id++ {
		people = append(people, newPerson(g.rng, id, g.zips, listDate))
	}
	people = append(people, g.nationalPeople(n-la, nationalFirstID, listDate)...)
	return listB(people, listDate), nil
}
