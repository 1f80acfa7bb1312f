package store_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// benchTargets is how many people a voter file for the import benchmark
// lists: a council district's.
const benchTargets = 200_000

// benchVoterRows is a generated voter file of benchTargets people, three
// to a door on every other door, read once (reading is not what the
// benchmark measures).
var benchVoterRows = sync.OnceValue(func() []rankfile.TargetRow {
	var b strings.Builder
	b.WriteString(voterHeader)
	for i := range benchTargets {
		door := i / 2
		fmt.Fprintf(&b, "V%d,Voter,Number%d,(213) %03d-%04d,,%d W %d St,900%02d,%.6f,%.6f\n", i, i, 200+i/10000, i%10000,
			100+2*(door%500), 1+door/500, door%100, 34.0+float64(door/500)*0.0009, -118.3+float64(door%500)*0.0002)
	}
	rows, bad, err := rankfile.ReadTargetRows(strings.NewReader(b.String()), voterList)
	if err != nil || bad != nil {
		panic(fmt.Sprint(err, bad))
	}
	return rows
})

// BenchmarkImportTargets imports a voter file of 200,000 people into a new
// campaign. Reproduce with
//
//	go test ./store -run '^$' -bench ImportTargets -benchtime 3x
func BenchmarkImportTargets(b *testing.B) {
	rows := benchVoterRows()
	benchEach(b, func(b *testing.B, dsn func() string) {
		db := storetest.Open(b, dsn())
		s, c := newCampaignB(b, db)
		for b.Loop() {
			b.StopTimer()
			next := &rankfile.Campaign{BodyID: c.BodyID, Name: "Round", Kind: rankfile.CampaignMeasure}
			if err := s.CreateCampaign(ctx, next); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			done, err := s.ImportTargets(ctx, next.ID, "voter file", voterList, rows)
			if err != nil || done.Added != benchTargets {
				b.Fatalf("imported %+v, %v", done, err)
			}
		}
		reportRows(b, benchTargets)
	})
}

// newCampaignB is newCampaign for a benchmark: a campaign of a body.
func newCampaignB(b *testing.B, db *store.DB) (*store.CampaignService, *rankfile.Campaign) {
	b.Helper()
	body := &rankfile.Body{Kind: rankfile.KindChapter, Slug: "chapter", Name: "Chapter"}
	if err := store.NewBodyService(db).CreateBody(ctx, body); err != nil {
		b.Fatal(err)
	}
	s := store.NewCampaignService(db)
	c := &rankfile.Campaign{BodyID: body.ID, Name: "Yes on H", Kind: rankfile.CampaignMeasure}
	if err := s.CreateCampaign(ctx, c); err != nil {
		b.Fatal(err)
	}
	return s, c
}
