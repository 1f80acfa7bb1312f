package http_test

import "github.com/rankfile/rankfile"

// spanishRecords adds to the Spanish test's world what rankfile writes
// into records itself, kept in English, that pages must say in the
// reader's language: a convention's priorities vote, open, with the
// agenda item it is on, and a member's change of their own choices in
// their history. It returns the pages that show them, by who reads them.
func (w *world) spanishRecords() map[string][]string {
	w.t.Helper()
	m, _ := w.convention()
	if _, err := w.app.OpenPrioritiesVote(ctx, w.actor("coordinator"), m.ID); err != nil {
		w.t.Fatal(err)
	}
	yes, mail := true, "Yes"
	p := rankfile.Preferences{Language: "es", MailPreference: &mail, DoNotCall: &yes, TextOptOut: &yes}
	if err := w.app.SetPreferences(ctx, w.actor("member"), p); err != nil {
		w.t.Fatal(err)
	}
	path := "/meetings/" + itoa(m.ID)
	return map[string][]string{
		"coordinator": {path, path + "/screen", path + "/host"},
		"admin":       {path + "/agenda"},
		"member":      {path},
		"steward":     {"/members/" + itoa(w.member(roles["member"]).ID)},
	}
}
