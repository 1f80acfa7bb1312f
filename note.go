package rankfile

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// A note rankfile writes into a record (a proposal's history) is read
// later by people in their own languages, so it is stored as a message id
// and its arguments, not as English: "msg:proposal.note.collecting?
// Needed=50&Deadline=2026-12-20T16:19:00Z". locale.Localizer.Note says it
// in the reader's language. Notes written before, and notes people typed,
// are plain text and are shown as they are.

// notePrefix marks a note that is a message.
const notePrefix = "msg:"

// NoteMessage writes a note as a message id with name, value pairs; a
// time is kept to the second in UTC, to be written in the reader's way.
func NoteMessage(id string, args ...any) string {
	v := url.Values{}
	for i := 0; i+1 < len(args); i += 2 {
		a := args[i+1]
		if t, ok := a.(time.Time); ok {
			a = t.UTC().Format(time.RFC3339)
		}
		v.Set(fmt.Sprint(args[i]), fmt.Sprint(a))
	}
	return notePrefix + id + "?" + v.Encode()
}

// ParseNote reads a note written by NoteMessage: its message id and its
// arguments. ok is false for a plain note.
func ParseNote(note string) (id string, args url.Values, ok bool) {
	rest, ok := strings.CutPrefix(note, notePrefix)
	if !ok {
		return "", nil, false
	}
	id, query, _ := strings.Cut(rest, "?")
	args, err := url.ParseQuery(query)
	if err != nil || id == "" {
		return "", nil, false
	}
	return id, args, true
}
