package store_test

import (
	"testing"

	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestElectionsSurviveTheQuestionsMigration puts an election with a
// candidate, a second and a ballot into the schema before questions, and
// checks that migration 00046 keeps them, ids and all, with their foreign
// keys still in force, and takes a question's options, which are no
// member, and its threshold.
func TestElectionsSurviveTheQuestionsMigration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		old, err := store.OpenAtVersion(ctx, dsn, 45)
		if err != nil {
			t.Fatal(err)
		}
		const at = `'2026-01-01 00:00:00'`
		for _, q := range []string{
			`INSERT INTO members (id, national_id, first_name, last_name, list_standing, created_at, updated_at)
				VALUES (7, '7', 'Ana', 'García', 'good', ` + at + `, ` + at + `), (8, '8', 'Bo', 'Li', 'good', ` + at + `, ` + at + `)`,
			`INSERT INTO bodies (id, kind, slug, name, created_at, updated_at) VALUES (1, 'chapter', 'chapter', 'Chapter', ` + at + `, ` + at + `)`,
			`INSERT INTO elections (id, title, body_id, cutoff, nominations_open, nominations_close, voting_open, voting_close,
				seed, created_at) VALUES (3, 'Officers', 1, '2025-12-01', ` + at + `, ` + at + `, ` + at + `, '2026-01-02 00:00:00', 's', ` + at + `)`,
			`INSERT INTO contests (id, election_id, position, title, seats, method) VALUES (4, 3, 0, 'Chair', 1, 'irv')`,
			`INSERT INTO candidates (id, contest_id, member_id, name, status, created_at, nominated_by)
				VALUES (5, 4, 7, 'Ana García', 'accepted', ` + at + `, 8)`,
			`INSERT INTO candidate_seconds (candidate_id, member_id, seconded_at) VALUES (5, 8, ` + at + `)`,
			`INSERT INTO ballots (election_id, id, cast_on) VALUES (3, 'b1', '2026-01-01')`,
			`INSERT INTO ballot_rankings (election_id, ballot_id, contest_id, ranking) VALUES (3, 'b1', 4, '[5]')`,
		} {
			if err := old.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		old.Close()
		db := storetest.Open(t, dsn)
		e, err := store.NewElectionService(db).FindElection(ctx, 3)
		if err != nil {
			t.Fatal(err)
		}
		c := e.Contest(4)
		if c == nil || c.Threshold != "" || len(c.Candidates) != 1 || c.Candidates[0].ID != 5 || c.Candidates[0].MemberID != 7 ||
			c.Candidates[0].NominatedBy != 8 || c.Candidates[0].Seconds != 1 {
			t.Fatalf("after the migration: %+v", c)
		}
		if err := db.Exec(`INSERT INTO contests (id, election_id, position, title, seats, method, threshold)
			VALUES (6, 3, 1, 'Adopt it?', 1, 'question', 'two_thirds')`); err != nil {
			t.Fatalf("a question: %v", err)
		}
		if err := db.Exec(`INSERT INTO candidates (contest_id, member_id, name, status, created_at) VALUES (6, NULL, 'Yes', 'accepted', ` + at + `)`); err != nil {
			t.Errorf("an option, which is no member: %v", err)
		}
		for what, q := range map[string]string{
			"a threshold unknown":             `INSERT INTO contests (election_id, position, title, seats, method, threshold) VALUES (3, 2, 'x', 1, 'question', '67')`,
			"a method unknown":                `INSERT INTO contests (election_id, position, title, seats, method) VALUES (3, 2, 'x', 1, 'borda')`,
			"a candidate of no contest":       `INSERT INTO candidates (contest_id, member_id, name, status, created_at) VALUES (99, 7, 'x', 'accepted', ` + at + `)`,
			"a second of no candidate":        `INSERT INTO candidate_seconds (candidate_id, member_id, seconded_at) VALUES (99, 8, ` + at + `)`,
			"a ranking in no contest":         `INSERT INTO ballot_rankings (election_id, ballot_id, contest_id, ranking) VALUES (3, 'b1', 99, '[]')`,
			"a candidate who is not a member": `INSERT INTO candidates (contest_id, member_id, name, status, created_at) VALUES (4, 99, 'x', 'accepted', ` + at + `)`,
		} {
			if err := db.Exec(q); err == nil {
				t.Errorf("%s was stored: a check or foreign key was lost", what)
			}
		}
	})
}
