package store_test

import (
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestRegistrationsSurviveTheGuestMigration puts a contact's registration
// and its email into the schema before guests confirmed, and checks that
// the migration keeps both, with the outbox still bound to the
// registration, and that a guest's registration must say when it lapses.
func TestRegistrationsSurviveTheGuestMigration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		old, err := store.OpenAtVersion(ctx, dsn, 16)
		if err != nil {
			t.Fatal(err)
		}
		const at = `'2026-01-01 00:00:00'`
		for _, q := range []string{
			`INSERT INTO bodies (id, kind, slug, name, created_at, updated_at) VALUES (1, 'chapter', 'chapter', 'Chapter', ` + at + `, ` + at + `)`,
			`INSERT INTO events (id, body_id, kind, title, starts_at, ends_at, zone, address, audience, registration,
				check_in_code, created_at, updated_at) VALUES (3, 1, 'social', 'Picnic', '2030-01-01 18:00:00', '2030-01-01 20:00:00',
				'UTC', 'The park', 'public', TRUE, 'ABC123', ` + at + `, ` + at + `)`,
			`INSERT INTO contacts (id, name, email, created_at, updated_at) VALUES (4, 'Ana Ruiz', 'ana@example.net', ` + at + `, ` + at + `)`,
			`INSERT INTO event_registrations (id, event_id, contact_id, status, line, registered_at, token)
				VALUES (5, 3, 4, 'registered', 1, ` + at + `, 'secret')`,
			`INSERT INTO outbox (id, kind, event_id, registration_id, contact_id, state, next_at, created_at)
				VALUES (6, 'registered', 3, 5, 4, 'sent', ` + at + `, ` + at + `)`,
		} {
			if err := old.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		old.Close()
		db := storetest.Open(t, dsn)
		reg, err := store.NewEventService(db).RegistrationByToken(ctx, "secret")
		if err != nil || reg.ID != 5 || reg.Status != rankfile.Registered || reg.Name != "Ana Ruiz" || !reg.ExpiresAt.IsZero() {
			t.Fatalf("after the migration: %+v, %v", reg, err)
		}
		if n, err := store.NewOutboxService(db).FindNotices(ctx, nil, 10); err != nil || len(n) != 1 || n[0].RegistrationID != 5 {
			t.Errorf("the outbox after the migration: %+v, %v", n, err)
		}
		if err := db.Exec(`INSERT INTO outbox (kind, registration_id, state, next_at, created_at)
			VALUES ('registered', 99, 'sent', ` + at + `, ` + at + `)`); err == nil {
			t.Errorf("the outbox took a registration that does not exist: foreign keys are off, or point elsewhere")
		}
		if err := db.Exec(`INSERT INTO contacts (id, name, email, created_at, updated_at)
			VALUES (7, 'Beto', 'beto@example.net', ` + at + `, ` + at + `)`); err != nil {
			t.Fatal(err)
		}
		guest := `INSERT INTO event_registrations (event_id, contact_id, status, line, registered_at, expires_at)
			VALUES (3, 7, 'unconfirmed', 2, ` + at + `, `
		if err := db.Exec(guest + `NULL)`); err == nil {
			t.Errorf("an unconfirmed registration was stored without the time it lapses")
		}
		if err := db.Exec(guest + at + `)`); err != nil {
			t.Errorf("an unconfirmed registration with the time it lapses: %v", err)
		}
	})
}

// TestAGuestKeepsTheLanguageTheyRegisteredIn registers a guest from a
// Spanish page: their contact keeps Spanish, for their emails, and a
// second request from an English page for the same address does not
// change it (anyone may type an address); a language rankfile does not
// speak is refused.
func TestAGuestKeepsTheLanguageTheyRegisteredIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn)
		const at = `'2026-01-01 00:00:00'`
		for _, q := range []string{
			`INSERT INTO bodies (id, kind, slug, name, created_at, updated_at) VALUES (1, 'chapter', 'chapter', 'Chapter', ` + at + `, ` + at + `)`,
			`INSERT INTO events (id, body_id, kind, title, starts_at, ends_at, zone, address, audience, registration,
				check_in_code, created_at, updated_at) VALUES (3, 1, 'social', 'Picnic', '2030-01-01 18:00:00', '2030-01-01 20:00:00',
				'UTC', 'The park', 'public', TRUE, 'ABC123', ` + at + `, ` + at + `)`,
		} {
			if err := db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		events := store.NewEventService(db)
		owed := func(c *rankfile.EventChange) ([]*rankfile.Notice, error) { return c.Notices(), nil }
		reg, err := events.Register(ctx, 3, rankfile.Registrant{Contact: &rankfile.Contact{Name: "Ana Ruiz", Email: "ana@example.net", Language: "es"}}, owed)
		if err != nil {
			t.Fatal(err)
		}
		events.Register(ctx, 3, rankfile.Registrant{Contact: &rankfile.Contact{Name: "Ana Ruiz", Email: "ana@example.net", Language: "en"}}, owed)
		if c, err := events.FindContact(ctx, reg.ContactID); err != nil || c.Language != "es" {
			t.Errorf("the guest's contact: %+v, %v", c, err)
		}
		_, err = events.Register(ctx, 3, rankfile.Registrant{Contact: &rankfile.Contact{Name: "Bo", Email: "bo@example.net", Language: "tlh"}}, owed)
		if rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a language rankfile does not speak: %v", err)
		}
	})
}
