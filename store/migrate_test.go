package store_test

import (
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestNamesAndPhonesMoveToColumns puts a member into the schema before
// names and phones had columns and checks that the migration moves them
// out of the details, leaving the other details as they were.
func TestNamesAndPhonesMoveToColumns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		old, err := store.OpenAtVersion(ctx, dsn, 2)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			`INSERT INTO members (id, national_id, first_name, last_name, list_standing, created_at, updated_at)
				VALUES (7, '7', 'Ana', 'García', 'good', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
			`INSERT INTO member_details (member_id, details) VALUES (7,
				'{"middle_name":"María","suffix":"Jr.","best_phone":"1","mobile_phone":"2","home_phone":"3","union_name":"UAW"}')`,
		} {
			if err := old.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		old.Close()
		db := storetest.Open(t, dsn)
		ana := member(t, db, "7")
		if ana.MiddleName != "María" || ana.Suffix != "Jr." || ana.BestPhone != "1" || ana.MobilePhone != "2" ||
			ana.HomePhone != "3" || ana.UnionName != "UAW" {
			t.Errorf("after the migration: %+v", ana)
		}
		brief, _, err := store.NewMemberService(db).FindMembers(ctx, rankfile.MemberFilter{Brief: true})
		if err != nil || len(brief) != 1 || brief[0].FullName() != "Ana María García Jr." || brief[0].Phone() != "2" {
			t.Errorf("brief after the migration: %+v, %v", brief, err)
		}
	})
}
