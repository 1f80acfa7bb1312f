package demo

import (
	"context"
	"math/rand/v2"

	"github.com/rankfile/rankfile"
)

// organization remembers the bodies the demo made, by slug.
type organization struct {
	bodies map[string]*rankfile.Body
}

type bodySpec struct {
	kind   rankfile.BodyKind
	name   string
	parent string // slug
	about  string
}

var chapterBodies = []bodySpec{
	{rankfile.KindNational, "National organization", "", "The national organization, of about 90,000 members in 200 chapters."},
	{rankfile.KindChapter, "Los Angeles chapter", "national-organization", "The chapter for Los Angeles County."},
	{rankfile.KindSteeringCommittee, "Steering Committee", "los-angeles-chapter", "Elected each year by the chapter's members: five at-large members and four officers."},
	{rankfile.KindCommittee, "Housing & Homelessness", "los-angeles-chapter", "Tenant organizing and housing justice."},
	{rankfile.KindCommittee, "Electoral Politics", "los-angeles-chapter", "Endorsements and campaigns for socialist candidates and ballot measures."},
	{rankfile.KindCommittee, "Political Education", "los-angeles-chapter", "Reading groups, trainings and the new member orientation."},
	{rankfile.KindCommittee, "Healthcare", "los-angeles-chapter", "The campaign for single-payer healthcare."},
	{rankfile.KindCommittee, "Labor", "los-angeles-chapter", "Solidarity with workers organizing in Los Angeles."},
	{rankfile.KindCommittee, "Immigrant Justice", "los-angeles-chapter", "Rapid response and immigrant rights."},
	{rankfile.KindCommittee, "Climate Justice", "los-angeles-chapter", "A Green New Deal for Los Angeles."},
	{rankfile.KindWorkingGroup, "Tech", "los-angeles-chapter", "Keeps the chapter's tools running."},
	{rankfile.KindWorkingGroup, "Mutual Aid", "los-angeles-chapter", "Brake-light clinics, food and supply drives."},
	{rankfile.KindWorkingGroup, "Childcare", "los-angeles-chapter", "Childcare at meetings and events."},
	{rankfile.KindCaucus, "Socialist Feminist Caucus", "los-angeles-chapter", "Socialist feminism in the chapter's work."},
	{rankfile.KindCaucus, "Disability Justice Caucus", "los-angeles-chapter", "Access and disability justice."},
}

// neighborhoods are the neighborhood groups of each branch.
var neighborhoods = map[string][]string{
	"central":                 {"Echo Park / Silver Lake", "Koreatown", "Hollywood"},
	"eastside-sgv":            {"Boyle Heights", "Highland Park", "Pasadena"},
	"san-fernando-valley":     {"North Hollywood", "Van Nuys / Panorama City", "Pacoima"},
	"westside":                {"Santa Monica / Venice", "Culver City / Palms"},
	"south-central-inglewood": {"Inglewood", "Leimert Park"},
}

// branchOrder lists the branches in a fixed order, for repeatable demos.
var branchOrder = []string{"central", "eastside-sgv", "san-fernando-valley", "westside", "south-central-inglewood"}

func createOrganization(ctx context.Context, bodies rankfile.BodyService) (*organization, error) {
	org := &organization{bodies: map[string]*rankfile.Body{}}
	for _, spec := range chapterBodies {
		if err := org.create(ctx, bodies, spec); err != nil {
			return nil, err
		}
	}
	return org, nil
}

func (org *organization) create(ctx context.Context, bodies rankfile.BodyService, spec bodySpec) error {
	b := &rankfile.Body{Kind: spec.kind, Slug: rankfile.Slugify(spec.name), Name: spec.name, Description: spec.about,
		ContactEmail: rankfile.Slugify(spec.name) + "@example.org"}
	if p := org.bodies[spec.parent]; p != nil {
		b.ParentID = p.ID
	}
	if err := bodies.CreateBody(ctx, b); err != nil {
		return err
	}
	org.bodies[b.Slug] = b
	return nil
}

// createNeighborhoods adds the neighborhood groups once the branches,
// which loading the boundaries created, exist.
func createNeighborhoods(ctx context.Context, bodies rankfile.BodyService, org *organization) error {
	for _, slug := range branchOrder {
		branch, err := bodies.FindBody(ctx, rankfile.BodyFilter{Slug: slug})
		if err != nil {
			return err
		}
		org.bodies[slug] = branch
		for _, name := range neighborhoods[slug] {
			spec := bodySpec{rankfile.KindNeighborhoodGroup, name, slug, "A neighborhood group of the " + branch.Name + " branch."}
			if err := org.create(ctx, bodies, spec); err != nil {
				return err
			}
		}
	}
	return nil
}

// placer puts members in seats and committees.
type placer struct {
	s     Services
	rng   *rand.Rand
	start rankfile.Date
	today rankfile.Date
	org   *organization
	count int
	taken map[int64]bool // members already holding a seat
}
