package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
)

// plan is who does what in the run, and with which token.
type plan struct {
	Campaign   int64       `json:"campaign"`
	Phonebank  int64       `json:"phonebank"`
	Canvassers []canvasser `json:"canvassers"`
	Callers    []caller    `json:"callers"`
}

// canvasser holds a turf and knocks on its doors.
type canvasser struct {
	MemberID int64   `json:"member_id"`
	Token    string  `json:"token"`
	Turf     int64   `json:"turf"`
	Doors    []int64 `json:"doors"`
}

// caller takes batches of the phonebank.
type caller struct {
	MemberID int64  `json:"member_id"`
	Token    string `json:"token"`
}

// turfDoors is how many doors each canvasser's turf has.
const turfDoors = 30

func prepare(ctx context.Context, db *store.DB, o options) error {
	members, _, err := store.NewMemberService(db).FindMembers(ctx, rankfile.MemberFilter{Standing: rankfile.StandingGood,
		Limit: o.canvassers + o.callers, Brief: true})
	if err != nil {
		return err
	}
	if len(members) < o.canvassers+o.callers {
		return fmt.Errorf("the database has %d members in good standing, fewer than %d", len(members), o.canvassers+o.callers)
	}
	p := &plan{}
	households, err := benchCampaign(ctx, db, p, o.canvassers*turfDoors)
	if err != nil {
		return err
	}
	if err := checkOutTurfs(ctx, db, p, members[:o.canvassers], households); err != nil {
		return err
	}
	if err := startPhonebank(ctx, db, p, members[o.canvassers:], o.batch); err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(p)
}

// benchCampaign imports a campaign of n doors, three people at every
// second door and one at the others, and returns its households.
func benchCampaign(ctx context.Context, db *store.DB, p *plan, n int) ([]*rankfile.Household, error) {
	chapter, err := store.NewBodyService(db).FindBody(ctx, rankfile.BodyFilter{Slug: "los-angeles-chapter"})
	if err != nil {
		return nil, err
	}
	campaigns := store.NewCampaignService(db)
	c := &rankfile.Campaign{BodyID: chapter.ID, Name: "Bench field campaign " + time.Now().Format("15:04:05"), Kind: rankfile.CampaignIssue}
	if err := campaigns.CreateCampaign(ctx, c); err != nil {
		return nil, err
	}
	p.Campaign = c.ID
	m := rankfile.TargetMapping{"external_id": "ID", "first_name": "First", "last_name": "Last", "phone": "Phone",
		"address": "Address", "zip": "Zip", "lat": "Lat", "lon": "Lon"}
	rows, bad, err := rankfile.ReadTargetRows(strings.NewReader(benchList(n)), m)
	if err != nil || bad != nil {
		return nil, fmt.Errorf("the generated list: %v %v", err, bad)
	}
	if _, err := campaigns.ImportTargets(ctx, c.ID, "bench", m, rows); err != nil {
		return nil, err
	}
	return campaigns.Households(ctx, c.ID)
}

// benchList writes a list of n doors along numbered streets.
func benchList(n int) string {
	var b strings.Builder
	b.WriteString("ID,First,Last,Phone,Address,Zip,Lat,Lon\n")
	person := 0
	for door := range n {
		street, number := door/100, 100+2*(door%100)
		lat, lon := 34.05+float64(street)*0.0009, -118.30+float64(door%100)*0.0002
		for range 1 + 2*(door%2) {
			person++
			fmt.Fprintf(&b, "B%d,Voter,Number%d,(213) %03d-%04d,%d W %d St,90026,%.6f,%.6f\n", person, person,
				200+person/10000, person%10000, number, street+1, lat, lon)
		}
	}
	return b.String()
}

// checkOutTurfs makes a turf of turfDoors doors for each canvasser and
// checks it out to her for three hours, with an API token.
func checkOutTurfs(ctx context.Context, db *store.DB, p *plan, members []*rankfile.Member, households []*rankfile.Household) error {
	turfs := store.NewTurfService(db)
	var made []rankfile.NewTurf
	for i := range members {
		t := rankfile.NewTurf{Name: fmt.Sprintf("Bench turf %d", i+1)}
		for _, h := range households[i*turfDoors : (i+1)*turfDoors] {
			t.HouseholdIDs = append(t.HouseholdIDs, h.ID)
		}
		made = append(made, t)
	}
	cut, err := turfs.CreateTurfs(ctx, p.Campaign, made)
	if err != nil {
		return err
	}
	for i, m := range members {
		if err := turfs.CheckOutTurf(ctx, cut[i].ID, m.ID, 0, time.Now().Add(3*time.Hour)); err != nil {
			return err
		}
		token, err := apiToken(ctx, db, m.ID)
		if err != nil {
			return err
		}
		p.Canvassers = append(p.Canvassers, canvasser{MemberID: m.ID, Token: token, Turf: cut[i].ID, Doors: made[i].HouseholdIDs})
	}
	return nil
}

// startPhonebank starts a phonebank over the campaign's people, with the
// callers on it.
func startPhonebank(ctx context.Context, db *store.DB, p *plan, members []*rankfile.Member, batch int) error {
	targets, err := store.NewCampaignService(db).Targets(ctx, p.Campaign)
	if err != nil {
		return err
	}
	var calls []*rankfile.Call
	for _, t := range targets {
		calls = append(calls, &rankfile.Call{TargetID: t.ID, Name: t.FirstName + " " + t.LastName, Phone: t.Phone})
	}
	phonebanks := store.NewPhonebankService(db)
	pb := &rankfile.Phonebank{BodyID: 0, CampaignID: p.Campaign, Name: "Bench calls", Source: rankfile.PhonebankTargets, BatchSize: batch}
	c, err := store.NewCampaignService(db).FindCampaigns(ctx, p.Campaign)
	if err != nil {
		return err
	}
	pb.BodyID = c[0].BodyID
	if err := phonebanks.CreatePhonebank(ctx, pb, calls); err != nil {
		return err
	}
	p.Phonebank = pb.ID
	for _, m := range members {
		if err := phonebanks.AddCaller(ctx, pb.ID, m.ID); err != nil {
			return err
		}
		token, err := apiToken(ctx, db, m.ID)
		if err != nil {
			return err
		}
		p.Callers = append(p.Callers, caller{MemberID: m.ID, Token: token})
	}
	return nil
}

// apiToken gives a member a token for the run.
func apiToken(ctx context.Context, db *store.DB, memberID int64) (string, error) {
	token, _, err := store.NewAuthService(db).CreateAPIToken(ctx, memberID, "bench-field", 1)
	return token, err
}
