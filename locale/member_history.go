package locale

import (
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/rankfile/rankfile"
)

// Field names a field of a member's record as a member's history shows its
// changes. The fields rankfile keeps itself (a branch, a standing
// override) are in the catalogs as "field." and the name; the national
// list's columns show by the names the list gives them, as data stewards
// know them from the file.
func (l *Localizer) Field(name string) string {
	s, err := l.l.Localize(&i18n.LocalizeConfig{MessageID: "field." + name})
	if err != nil {
		return name
	}
	return s
}

// historyNotes are the notes rankfile writes into members' histories, in
// English as the record keeps them (the API and the command line show
// them so), with the message each is said by on the pages.
var historyNotes = map[string]string{
	"branch boundaries loaded":    "history.note.boundaries",
	"branch chosen by the member": "history.note.chosen",
	"coordinates recorded":        "history.note.coordinates",
	"override revoked":            "history.note.revoked",
}

// missingNote starts the note of a member the national list left out; the
// list's date follows it.
const missingNote = "missing from the list of "

// HistoryNote says a note of a member's history in the localizer's
// language when rankfile wrote it; a note a person typed (an override's
// reason) shows as typed.
func (l *Localizer) HistoryNote(note string) string {
	if id, ok := historyNotes[note]; ok {
		return l.T(id)
	}
	if day, ok := strings.CutPrefix(note, missingNote); ok {
		if d, err := rankfile.ParseDate(day); err == nil && !d.IsZero() {
			return l.T("history.note.missing", "Date", d)
		}
	}
	return note
}
