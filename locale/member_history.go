package locale

import (
	"slices"
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
	// Neighborhood groups: their boundaries, a member's choice, and the
	// re-sort after each national list.
	"neighborhood group boundaries loaded":    "history.note.neighborhoods",
	"neighborhood group chosen by the member": "history.note.neighborhood.chosen",
	"national list imported":                  "history.note.imported",
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
	if said, ok := l.preferencesNote(note); ok {
		return said
	}
	if day, ok := strings.CutPrefix(note, missingNote); ok {
		if d, err := rankfile.ParseDate(day); err == nil && !d.IsZero() {
			return l.T("history.note.missing", "Date", d)
		}
	}
	return note
}

// preferenceParts are the parts of the note a change of a member's own
// choices writes, "language es, mail Yes, do not call false" (the store's
// describePreferences), by their English start, with the message each is
// said by; the value follows the start.
var preferenceParts = []struct{ prefix, id string }{
	{"language ", "history.prefs.language"},
	{"mail ", "history.prefs.mail"},
	{"do not call ", "history.prefs.calls"},
	{"no texts ", "history.prefs.texts"},
	{"weekly email ", "history.prefs.weekly"},
}

// preferencesNote says the note of a change of preferences in the
// localizer's language, part by part; ok is false for any other note.
func (l *Localizer) preferencesNote(note string) (said string, ok bool) {
	if !strings.HasPrefix(note, preferenceParts[0].prefix) {
		return "", false
	}
	var out []string
	for _, part := range strings.Split(note, ", ") {
		i := slices.IndexFunc(preferenceParts, func(p struct{ prefix, id string }) bool {
			return strings.HasPrefix(part, p.prefix)
		})
		if i < 0 {
			return "", false
		}
		value := strings.TrimPrefix(part, preferenceParts[i].prefix)
		out = append(out, l.T(preferenceParts[i].id, "Value", l.preferenceValue(preferenceParts[i].id, value)))
	}
	return strings.Join(out, "; "), true
}

// preferenceValue says a value of a preference: a language by its name,
// a choice of mail as the profile says it, yes or no; a value the
// catalogs lack shows as written.
func (l *Localizer) preferenceValue(id, value string) string {
	key := id + "." + value
	switch id {
	case "history.prefs.mail":
		key = "profile.mail." + value
	case "history.prefs.calls", "history.prefs.texts", "history.prefs.weekly":
		key = "history.prefs." + value
	}
	s, err := l.l.Localize(&i18n.LocalizeConfig{MessageID: key})
	if err != nil {
		return value
	}
	return s
}
