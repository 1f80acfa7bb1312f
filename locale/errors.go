package locale

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"time"

	"github.com/rankfile/rankfile"
)

// The server's messages (rankfile.Errorf) are written in English in the
// code, where they are made. A page says them in its reader's language
// through a catalog per language that maps each English format to its
// translation, catalogs/errors.<tag>.json; an English word given to a
// format as a %s argument (a status, a kind of thing) is looked up there
// too. A message the catalog lacks stays English, and the locale tests
// check that none is lacking. The JSON API answers in English always.

// serverMessages holds, for each language but English, the translations
// of the server's messages, by English format.
var serverMessages = sync.OnceValue(loadServerMessages)

func loadServerMessages() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, l := range Languages[1:] {
		b, err := catalogs.ReadFile("catalogs/errors." + l.Tag + ".json")
		if err != nil {
			panic("locale: server messages " + l.Tag + ": " + err.Error()) // a build defect
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			panic("locale: server messages " + l.Tag + ": " + err.Error())
		}
		out[l.Tag] = m
	}
	return out
}

// ServerMessages returns the translations of the server's messages into
// the language with the tag, by English format, for the tests.
func ServerMessages(tag string) map[string]string { return serverMessages()[tag] }

// Error says an error's message in the localizer's language. Errors that
// are not the reader's to see get the generic message of
// rankfile.ErrorMessage.
func (l *Localizer) Error(err error) string {
	var e *rankfile.Error
	if !errors.As(err, &e) || e.Format == "" {
		return rankfile.ErrorMessage(err)
	}
	format, ok := serverMessages()[l.lang][e.Format]
	if !ok && l.lang != Languages[0].Tag {
		return e.Message
	} else if !ok {
		format = e.Format // English says its dates its own way too
	}
	verbs := Verbs(e.Format)
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		args[i] = l.errorArg(a, i < len(verbs) && verbs[i] == 's')
	}
	return fmt.Sprintf(format, args...)
}

// errorArg says one argument of a server message in the language: a date
// the language's way, a wrapped error translated, and, for a %s, an
// English word the catalog knows.
func (l *Localizer) errorArg(a any, word bool) any {
	switch v := a.(type) {
	case rankfile.Date:
		if word {
			return l.Date(v)
		}
	case *rankfile.Error:
		return l.Error(v)
	}
	if v := reflect.ValueOf(a); word && v.Kind() == reflect.String {
		if t, ok := serverMessages()[l.lang][v.String()]; ok {
			return t
		}
	}
	return a
}

// Verbs lists the verbs of a format's arguments, in order: 's' for %s,
// 'q' for %q, and so on; %% takes no argument.
func Verbs(format string) []rune {
	var out []rune
	rs := []rune(format)
	for i := 0; i < len(rs); i++ {
		if rs[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(rs) && (rs[j] == '+' || rs[j] == '-' || rs[j] == '#' || rs[j] == ' ' || rs[j] == '.' ||
			rs[j] == '[' || rs[j] == ']' || (rs[j] >= '0' && rs[j] <= '9')) {
			j++
		}
		if j < len(rs) && rs[j] != '%' {
			out = append(out, rs[j])
		}
		i = j
	}
	return out
}

// Note says a note of a record (rankfile.NoteMessage) in the language,
// with its times in the chapter's zone; a plain note, typed by someone
// or written before notes were messages, is returned as it is.
func (l *Localizer) Note(note string, zone *time.Location) string {
	id, values, ok := rankfile.ParseNote(note)
	if !ok {
		return note
	}
	var args []any
	for k := range values {
		v := values.Get(k)
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			args = append(args, k, l.DateTime(t, zone))
			continue
		}
		args = append(args, k, v)
	}
	return l.T(id, args...)
}
