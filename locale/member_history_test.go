package locale_test

import (
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// TestHistoryNotesOfPreferencesAreSaidInTheReadersLanguage: the note a
// change of a member's own choices leaves in their history, kept in
// English, reads part by part in the reader's language; a note that only
// looks like one shows as written.
func TestHistoryNotesOfPreferencesAreSaidInTheReadersLanguage(t *testing.T) {
	note := "language es, mail Membership card only, do not call true, no texts false, weekly email false"
	for _, c := range []struct{ lang, note, want string }{
		{"es", note, "Idioma: español; Correo postal: Solo la tarjeta de membresía; No llamar: sí; No enviar mensajes de texto: no; Correo semanal: no"},
		{"en", note, "Language: Spanish; Mail: Membership card only; Do not call: yes; Do not text: no; Weekly email: no"},
		{"es", "language -", "Idioma: según el navegador"},
		{"en", "language en", "Language: English"},
		{"es", "language es, and more typed", "language es, and more typed"},
	} {
		if got := locale.For(c.lang).HistoryNote(c.note); got != c.want {
			t.Errorf("%s: %q reads %q; want %q", c.lang, c.note, got, c.want)
		}
	}
}

// TestThePrioritiesVoteIsSaidInTheReadersLanguage: the question and the
// agenda item rankfile writes for a convention's priorities vote, kept in
// English, read in Spanish on Spanish pages; a question a chair typed
// shows as typed.
func TestThePrioritiesVoteIsSaidInTheReadersLanguage(t *testing.T) {
	if got := locale.For("es").MeetingText(rankfile.PrioritiesTitle); got != "Las prioridades del próximo año" {
		t.Errorf("in Spanish the priorities vote reads %q", got)
	}
	if got := locale.For("en").MeetingText(rankfile.PrioritiesTitle); got != "Next year's priorities" {
		t.Errorf("in English the priorities vote reads %q", got)
	}
	if got := locale.For("es").MeetingText("Adopt the budget?"); got != "Adopt the budget?" {
		t.Errorf("a typed question reads %q", got)
	}
}
