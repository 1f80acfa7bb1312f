package store_test

import (
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// Benchmark figures for one-on-ones (BENCHMARKS.md):
//
//	go test -run '^$' -bench BenchmarkPeople -benchtime 200x ./store/

// Sizes of the people-list benchmark: the organizer's people, how many of
// them were called (twice each), and the rest of the chapter's
// assignments, to other organizers, with a conversation each.
const (
	benchPeople      = 200
	benchCalled      = 150
	benchOtherPeople = 5_000
	benchOrganizers  = 50
)

// BenchmarkPeople reads an organizer's 200 people, with their last
// contacts and follow-ups, in a chapter of 100,000 members where 5,000
// more are assigned to 50 other organizers.
func BenchmarkPeople(b *testing.B) {
	benchList()
	benchEach(b, func(b *testing.B, dsn func() string) {
		db := storetest.Open(b, dsn())
		benchImport(b, db)
		s := store.NewOneOnOneService(db)
		organizer := int64(1)
		next := int64(1000)
		for i := 0; i < benchPeople+benchOtherPeople; i++ {
			to := organizer
			if i >= benchPeople {
				to = 2 + int64(i%benchOrganizers)
			}
			if err := s.Assign(ctx, &rankfile.Assignment{MemberID: next, OrganizerID: to, Reason: rankfile.AssignNew}); err != nil {
				b.Fatal(err)
			}
			calls := 0
			switch {
			case i < benchCalled:
				calls = 2
			case i >= benchPeople:
				calls = 1
			}
			for j := 0; j < calls; j++ {
				c := &rankfile.Conversation{MemberID: next, AuthorID: to, On: rankfile.MustParseDate("2026-10-01").AddDays(j * 14),
					Method: rankfile.MethodCall, Notes: "Talked about the rent strike and the next general meeting.",
					FollowUpOn: rankfile.MustParseDate("2026-11-01")}
				if err := s.CreateConversation(ctx, c); err != nil {
					b.Fatal(err)
				}
			}
			next++
		}
		b.ResetTimer()
		for b.Loop() {
			people, err := s.People(ctx, organizer)
			if err != nil || len(people) != benchPeople {
				b.Fatalf("%d people, %v", len(people), err)
			}
		}
	})
}
