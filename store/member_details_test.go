package store_test

import (
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestDetailsMoveToTheirKeys puts members into the schema whose details
// were kept under the list's column names and checks that the migration
// keeps every detail, quotes and accents and all, under its short key:
// the member reads the same, the stored row is as an import writes it,
// and a chapter added afterwards places the member by the list's chapter.
func TestDetailsMoveToTheirKeys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		old, err := store.OpenAtVersion(ctx, dsn, 47)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			`INSERT INTO members (id, national_id, first_name, last_name, list_standing, created_at, updated_at)
				VALUES (7, '7', 'Ana', 'García', 'good', '2026-01-01 00:00:00', '2026-01-01 00:00:00'),
				(8, '8', 'Bo', 'Brown', 'good', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
			`INSERT INTO member_details (member_id, details) VALUES (7,
				'{"mailing_address1":"12 \"Old\" Rd\\2","mailing_city":"San José","mailing_state":"CA",` +
				`"membership_status":"Member in Good Standing","union_name":"UAW","dsa_chapter":"Metro DC"}'),
				(8, '{}')`,
		} {
			if err := old.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		old.Close()
		db := storetest.Open(t, dsn)
		ana := member(t, db, "7")
		if ana.Mailing.Line1 != `12 "Old" Rd\2` || ana.Mailing.City != "San José" || ana.Mailing.State != "CA" ||
			ana.MembershipStatus != "Member in Good Standing" || ana.UnionName != "UAW" || ana.Chapter != "Metro DC" {
			t.Errorf("after the migration: %+v", ana)
		}
		if bo := member(t, db, "8"); bo.Mailing.City != "" || bo.Chapter != "" {
			t.Errorf("empty details after the migration: %+v", bo)
		}
		want := `{"ma1":"12 \"Old\" Rd\\2","mci":"San José","mst":"CA","mss":"Member in Good Standing","unn":"UAW","chp":"Metro DC"}`
		if got, err := store.StoredDetails(db, ana.ID); err != nil || got != want {
			t.Errorf("stored details %s (%v), want %s", got, err, want)
		}
		createChapter(t, db, "Los Angeles")
		dc := createChapter(t, db, "Metro DC")
		if got := member(t, db, "7").ChapterID; got != dc.ID {
			t.Errorf("Ana is in chapter %d, want Metro DC's %d", got, dc.ID)
		}
	})
}

// TestAnImportStoresDetailsUnderTheirKeys checks a new member's row as an
// import writes it.
func TestAnImportStoresDetailsUnderTheirKeys(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, nationalList, rankfile.ImportOptions{})
		got, err := store.StoredDetails(db, member(t, db, "2").ID)
		if want := `{"mss":"Member in Good Standing","chp":"Metro DC"}`; err != nil || got != want {
			t.Errorf("stored details %s (%v), want %s", got, err, want)
		}
	})
}
