package demo

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/geo"
)

// The demo's field program: Central's campaign for a ballot measure, with
// a voter file of about 5,000 doors along Central's streets imported
// through the same ImportTargets the import page uses, a do-not-contact
// entry or two, and its doors cut into turfs in every state.

// CampaignsSummary is what the demo's field program holds, for the demo
// steps after it (a week of results recorded on its turfs) and the
// demo's printout.
type CampaignsSummary struct {
	CampaignID int64
	Doors      int
	Targets    int
	Turfs      []*rankfile.Turf
	// MemberTurf is checked out to member@example.org until tonight,
	// PairTurf to a pair of Central's members; Returned and Closed are
	// turfs that came back early and that were closed.
	MemberTurf, PairTurf int64
	Returned, Closed     []int64
}

// campaignSource is the name of the demo's voter file, whose mapping is
// kept for its next import.
const campaignSource = "LA County voter file"

// campaignMapping maps the demo voter file's columns.
var campaignMapping = rankfile.TargetMapping{
	rankfile.TargetExternalID: "VOTER_ID", rankfile.TargetFirstName: "FIRST_NAME", rankfile.TargetLastName: "LAST_NAME",
	rankfile.TargetPhone: "PHONE", rankfile.TargetEmail: "EMAIL", rankfile.TargetNumber: "HOUSE_NUM",
	rankfile.TargetStreet: "STREET", rankfile.TargetUnit: "APT", rankfile.TargetCity: "CITY", rankfile.TargetZip: "ZIP",
	rankfile.TargetLat: "LAT", rankfile.TargetLon: "LON",
}

// Campaigns runs Central's campaign as its co-coordinator would, through
// the app functions the pages use.
func Campaigns(ctx context.Context, a *app.App) (*CampaignsSummary, error) {
	coordinator, mine, err := demoActors(ctx, a)
	if err != nil {
		return nil, err
	}
	central := coordinator.Leads[0]
	for _, b := range coordinator.Leads {
		if b.Slug == "central" {
			central = b
		}
	}
	c := &rankfile.Campaign{BodyID: central.ID, Name: "Yes on Measure H: rent control", Kind: rankfile.CampaignMeasure,
		Description: "Knock every renter's door in Central before the March election.", RetentionMonths: 24}
	if err := a.CreateCampaign(ctx, coordinator, c); err != nil {
		return nil, err
	}
	list, err := voterFile()
	if err != nil {
		return nil, err
	}
	done, bad, err := a.ImportTargets(ctx, coordinator, c.ID, campaignSource, campaignMapping, bytes.NewReader(list))
	if err != nil || bad != nil {
		return nil, fmt.Errorf("demo: the voter file: %v %v", err, bad)
	}
	sum := &CampaignsSummary{CampaignID: c.ID, Doors: done.Households, Targets: done.Added}
	if err := doNotContact(ctx, a, c.ID); err != nil {
		return nil, err
	}
	cut, err := a.CutTurfs(ctx, coordinator, c.ID, geo.TurfSize{Target: 60, Min: 40, Max: 80})
	if err != nil {
		return nil, err
	}
	sum.Turfs = cut.Turfs
	return sum, turfStates(ctx, a, coordinator, mine, sum)
}

// doNotContact puts a phone from the voter file and a door on the
// chapter's do-not-contact list, as a data steward would after a call.
func doNotContact(ctx context.Context, a *app.App, campaignID int64) error {
	steward, err := demoAccount(ctx, a, Accounts[0].Email)
	if err != nil {
		return err
	}
	targets, _, err := a.Campaigns.FindTargets(ctx, rankfile.TargetFilter{CampaignID: campaignID, Limit: 40})
	if err != nil {
		return err
	}
	var phone string
	for _, t := range targets {
		if t.Phone != "" {
			phone = t.Phone
		}
	}
	for _, e := range []*rankfile.DoNotContactEntry{{Kind: rankfile.DoNotContactPhone, Value: phone, Reason: "Asked on a call to be taken off every list"},
		{Kind: rankfile.DoNotContactAddress, Value: "1404 Melrose Ave Apt 3", Reason: "Tenant asked at the door"}} {
		if err := a.AddDoNotContact(ctx, steward, e); err != nil {
			return err
		}
	}
	return nil
}

// demoAccount is the actor of a demo account.
func demoAccount(ctx context.Context, a *app.App, email string) (*rankfile.Actor, error) {
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{Email: email})
	if err != nil {
		return nil, err
	}
	return a.Auth.Actor(ctx, m.ID)
}

// turfStates checks turfs out and back as a Saturday's canvass leaves
// them: one with member@example.org until tonight, one with a pair, two
// returned early, three closed, the rest free.
func turfStates(ctx context.Context, a *app.App, coordinator, mine *rankfile.Actor, sum *CampaignsSummary) error {
	if len(sum.Turfs) < 8 {
		return fmt.Errorf("demo: only %d turfs cut", len(sum.Turfs))
	}
	pair, err := pairOfCanvassers(ctx, a)
	if err != nil {
		return err
	}
	now := a.Now().In(a.Zone)
	tonight := time.Date(now.Year(), now.Month(), now.Day(), 21, 0, 0, 0, a.Zone)
	if !tonight.After(now.Add(time.Hour)) {
		tonight = now.Add(3 * time.Hour)
	}
	ids := func(i int) int64 { return sum.Turfs[i].ID }
	sum.MemberTurf, sum.PairTurf = ids(0), ids(1)
	sum.Returned, sum.Closed = []int64{ids(2), ids(3)}, []int64{ids(4), ids(5), ids(6)}
	steps := []func() error{
		func() error { return a.CheckOutTurf(ctx, coordinator, ids(0), mine.ID(), 0, tonight) },
		func() error { return a.CheckOutTurf(ctx, coordinator, ids(1), pair[0], pair[1], now.Add(26*time.Hour)) },
	}
	for _, id := range append(sum.Returned, sum.Closed...) {
		steps = append(steps, func() error { return a.CheckOutTurf(ctx, coordinator, id, pair[0], 0, tonight) },
			func() error { return a.ReturnTurf(ctx, coordinator, id) })
	}
	for _, id := range sum.Closed {
		steps = append(steps, func() error { return a.CloseTurf(ctx, coordinator, id) })
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// pairOfCanvassers returns two of Central's members in good standing who
// are not demo accounts, to canvass as a pair.
func pairOfCanvassers(ctx context.Context, a *app.App) ([2]int64, error) {
	members, _, err := a.Members.FindMembers(ctx, rankfile.MemberFilter{BranchSlug: "central", Standing: rankfile.StandingGood, Limit: 10})
	var pair [2]int64
	n := 0
	for _, m := range members {
		if n < 2 && !isAccount(m.Email) {
			pair[n], n = m.ID, n+1
		}
	}
	if err == nil && n < 2 {
		err = fmt.Errorf("demo: no pair of canvassers in Central")
	}
	return pair, err
}

// Central's streets in the demo, running east and west across the
// branch, each at its latitude, and the ZIP code along it.
var campaignStreets = []struct {
	name string
	lat  float64
	zip  string
}{
	{"Sunset Blvd", 34.0978, "90026"}, {"Fountain Ave", 34.0940, "90029"}, {"Santa Monica Blvd", 34.0905, "90029"},
	{"Lexington Ave", 34.0870, "90029"}, {"Melrose Ave", 34.0836, "90029"}, {"Clinton St", 34.0800, "90004"},
	{"Rosewood Ave", 34.0766, "90004"}, {"Beverly Blvd", 34.0731, "90004"}, {"W 1st St", 34.0696, "90004"},
	{"W 3rd St", 34.0662, "90020"}, {"W 6th St", 34.0628, "90020"}, {"Wilshire Blvd", 34.0594, "90010"},
}

// Names of the demo's voters.
var (
	voterFirst = []string{"Maria", "Jose", "Guadalupe", "Luis", "Ana", "Carlos", "Rosa", "Juan", "Sofia", "Miguel", "Grace",
		"David", "Linh", "Minh", "Ji-woo", "Hyun", "Aram", "Anahit", "Tamar", "James", "Keisha", "Andre", "Emily", "Noah",
		"Olivia", "Daniel", "Jasmine", "Marcus", "Priya", "Arjun", "Fatima", "Omar", "Leticia", "Rogelio", "Maribel", "Tomas"}
	voterLast = []string{"Garcia", "Hernandez", "Lopez", "Martinez", "Gonzalez", "Rodriguez", "Perez", "Sanchez", "Ramirez",
		"Flores", "Nguyen", "Tran", "Kim", "Park", "Lee", "Sargsyan", "Petrosyan", "Hovhannisyan", "Johnson", "Williams",
		"Brown", "Jones", "Davis", "Miller", "Wilson", "Patel", "Shah", "Cruz", "Reyes", "Morales", "Castillo", "Santos"}
)

// voterFile writes the demo's voter file: houses and apartment buildings
// along Central's streets, about 1.6 voters a door, most with a phone.
func voterFile() ([]byte, error) {
	r := rand.New(rand.NewPCG(24, 2026))
	locator, err := geo.NewLocator(Branches())
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"VOTER_ID", "FIRST_NAME", "LAST_NAME", "PHONE", "EMAIL", "HOUSE_NUM", "STREET", "APT", "CITY", "ZIP", "LAT", "LON"})
	voter := 0
	for _, s := range campaignStreets {
		for lot := 0; lot < 300; lot++ {
			lon := -118.300 + float64(lot/2)*0.0004
			lat := s.lat + 0.00012*float64(1-2*(lot%2)) // odd numbers on the north side
			if locator.Locate(rankfile.Point{Lat: lat, Lon: lon}) != "central" {
				continue
			}
			number := strconv.Itoa(1000 + (lot/2)*4 + 1 - lot%2)
			units := []string{""}
			if r.IntN(10) == 0 { // an apartment building
				units = nil
				for u := 1; u <= 4+r.IntN(9); u++ {
					units = append(units, strconv.Itoa(u))
				}
			}
			for _, unit := range units {
				voter = writeHousehold(w, r, voter, number, unit, s.name, s.zip, lat, lon)
			}
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// writeHousehold writes the voters of one door, most sharing a last name.
func writeHousehold(w *csv.Writer, r *rand.Rand, voter int, number, unit, street, zip string, lat, lon float64) int {
	people := 1 + r.IntN(2)
	if r.IntN(10) == 0 {
		people += 1 + r.IntN(2)
	}
	last := voterLast[r.IntN(len(voterLast))]
	for range people {
		voter++
		phone, email := "", ""
		if r.IntN(10) < 8 {
			phone = fmt.Sprintf("(%d) %d-%04d", []int{213, 323}[r.IntN(2)], 200+r.IntN(800), r.IntN(10000))
		}
		first := voterFirst[r.IntN(len(voterFirst))]
		if r.IntN(5) == 0 {
			email = fmt.Sprintf("%s.%s%d@example.net", first, last, voter)
		}
		w.Write([]string{fmt.Sprintf("LA%08d", 10_000_000+voter), first, last, phone, email, number, street, unit,
			"Los Angeles", zip, strconv.FormatFloat(lat, 'f', 6, 64), strconv.FormatFloat(lon, 'f', 6, 64)})
		if r.IntN(8) == 0 {
			last = voterLast[r.IntN(len(voterLast))] // a roommate
		}
	}
	return voter
}
