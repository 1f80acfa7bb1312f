package store_test

import (
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

func TestSensitiveFieldsAreStoredSealed(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, october, rankfile.ImportOptions{})
		ana := member(t, db, "1")
		race, _, err := store.StoredSensitive(db, ana.ID)
		if err != nil || !strings.HasPrefix(race, "v1:") || strings.Contains(race, "Latina") {
			t.Fatalf("race is stored as %q (%v), want it sealed", race, err)
		}
		// A re-import that changes it seals the new value as well.
		importList(t, db, list(listHeader, "1,Ana,García,ana@example.org,90026,2027-01-01,Member in Good Standing,true,Black"), rankfile.ImportOptions{})
		race, _, _ = store.StoredSensitive(db, ana.ID)
		if !strings.HasPrefix(race, "v1:") || strings.Contains(race, "Black") {
			t.Errorf("an updated race is stored as %q", race)
		}
		sens, err := store.NewMemberService(db).FindMemberSensitive(ctx, ana.ID)
		if err != nil || sens.Race != "Black" {
			t.Errorf("reading it back: %+v, %v", sens, err)
		}
	})
}

func TestASealedValueDoesNotOpenInAnotherRow(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, list(listHeader,
			"1,Ana,García,ana@example.org,90026,2027-01-01,Member in Good Standing,true,Latina",
			"2,Bo,O'Brien,bo@example.org,91405,2026-10-15,Member,false,White"), rankfile.ImportOptions{})
		anaRace, _, _ := store.StoredSensitive(db, member(t, db, "1").ID)
		bo := member(t, db, "2")
		if err := store.SetStoredRace(db, bo.ID, anaRace); err != nil {
			t.Fatal(err)
		}
		_, err := store.NewMemberService(db).FindMemberSensitive(ctx, bo.ID)
		if rankfile.ErrorCode(err) != rankfile.EINVALID || strings.Contains(rankfile.ErrorMessage(err), "Latina") {
			t.Errorf("Ana's race copied into Bo's row opened: %v", err)
		}
	})
}

func TestWithoutAKeySensitiveFieldsAreRefusedAndNothingChanges(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		keys := db.Keys
		db.Keys = nil
		_, err := tryImport(db, october, rankfile.ImportOptions{})
		if rankfile.ErrorCode(err) != rankfile.EINVALID || !strings.Contains(rankfile.ErrorMessage(err), "no encryption key") {
			t.Fatalf("importing race without a key: %v", err)
		}
		if got := nationalIDs(t, db, rankfile.MemberFilter{}); len(got) != 0 {
			t.Fatalf("the refused import left members behind: %v", got)
		}
		// A list without sensitive values needs no key.
		importList(t, db, list(listHeader, "2,Bo,O'Brien,bo@example.org,91405,2026-10-15,Member,false,"), rankfile.ImportOptions{})

		db.Keys = keys
		importList(t, db, october, rankfile.ImportOptions{})
		db.Keys = nil
		_, err = store.NewMemberService(db).FindMemberSensitive(ctx, member(t, db, "1").ID)
		if rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("reading race without a key: %v", err)
		}
	})
}

func TestResealingMovesEveryValueToTheNewKey(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, list(listHeader,
			"1,Ana,García,ana@example.org,90026,2027-01-01,Member in Good Standing,true,Latina",
			"2,Bo,O'Brien,bo@example.org,91405,2026-10-15,Member,false,White",
			"3,Cy,Nguyễn,cy@example.org,90401,2025-01-01,Lapsed,false,"), rankfile.ImportOptions{})
		old := db.Keys.Keyring()
		text, err := secret.GenerateKeyFile(old)
		if err != nil {
			t.Fatal(err)
		}
		next, err := secret.Parse("rotated", text)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := db.CountUnsealed(ctx, next); n != 2 || err != nil {
			t.Fatalf("before the pass %d values (%v) need the new key, want 2", n, err)
		}
		report, err := db.ResealSensitive(ctx, next)
		if err != nil || report.Resealed != 2 {
			t.Fatalf("reseal: %+v, %v", report, err)
		}
		if n, _ := db.CountUnsealed(ctx, next); n != 0 {
			t.Errorf("after the pass %d values still need the new key", n)
		}
		db.Keys = next.CurrentOnly() // the old key retired
		for id, want := range map[string]string{"1": "Latina", "2": "White"} {
			sens, err := store.NewMemberService(db).FindMemberSensitive(ctx, member(t, db, id).ID)
			if err != nil || sens.Race != want {
				t.Errorf("member %s after rotation: %+v, %v", id, sens, err)
			}
		}
		entries, _ := store.NewAuditService(db).FindAuditEntries(ctx, rankfile.AuditFilter{Action: rankfile.AuditRotateKey})
		if len(entries) != 1 || !strings.Contains(entries[0].Detail, "resealed 2") {
			t.Errorf("the rotation's audit entries: %+v", entries)
		}
		if again, err := db.ResealSensitive(ctx, next); err != nil || again.Resealed != 0 || again.Current != 2 {
			t.Errorf("a second pass: %+v, %v", again, err)
		}
	})
}
