package secret

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	t.Run("reads keys in file order, the first one current", func(t *testing.T) {
		r := mustParse(t, keyLines("b", keyB, "a", keyA))
		if got, want := r.CurrentID(), "b"; got != want {
			t.Errorf("current: got %q, want %q", got, want)
		}
		if got, want := r.IDs(), []string{"b", "a"}; !slices.Equal(got, want) {
			t.Errorf("ids: got %q, want %q", got, want)
		}
	})
	t.Run("ignores comments, blank lines, indentation, CRLF and a byte order mark", func(t *testing.T) {
		text := "\ufeff# rotated in May\r\n\r\n  b\t" + keyB + "  \r\n   # old\r\na " + keyA + "\r\n"
		r := mustParse(t, text)
		if got, want := r.IDs(), []string{"b", "a"}; !slices.Equal(got, want) {
			t.Errorf("ids: got %q, want %q", got, want)
		}
	})
	t.Run("reads a single base64 key under an id derived from it", func(t *testing.T) {
		r1, r2 := mustParse(t, keyA+"\n"), mustParse(t, "  "+keyA)
		other := mustParse(t, keyB)
		if r1.CurrentID() != r2.CurrentID() {
			t.Errorf("the same key got ids %q and %q", r1.CurrentID(), r2.CurrentID())
		}
		if r1.CurrentID() == other.CurrentID() {
			t.Errorf("two keys got the same id %q", r1.CurrentID())
		}
		if !validID(r1.CurrentID()) {
			t.Errorf("derived id %q is not a valid id", r1.CurrentID())
		}
	})
	t.Run("writes text that reads back as the same keyring", func(t *testing.T) {
		r := mustParse(t, keyLines("c", keyC, "b", keyB, "a", keyA))
		again := mustParse(t, r.Text())
		if got, want := again.Text(), r.Text(); got != want {
			t.Errorf("text after a round trip: got\n%s\nwant\n%s", got, want)
		}
		sealed, err := r.Seal("x", "t:1")
		if err != nil {
			t.Fatal(err)
		}
		if got, err := again.Open(sealed, "t:1"); err != nil || got != "x" {
			t.Errorf("Open with the reread keyring: got %q, %v, want %q", got, err, "x")
		}
	})
}

func TestParseRefuses(t *testing.T) {
	short := base64.StdEncoding.EncodeToString(make([]byte, 16))
	long := base64.StdEncoding.EncodeToString(make([]byte, 33))
	// keyA with its last character changed so that the unused low bits of
	// the final base64 digit are set: decoders that are not strict accept it.
	sloppy := keyA[:42] + "x="
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"an empty text", "", []string{"test keys holds no key"}},
		{"a text of comments only", "# keys\n\n# none yet\n", []string{"holds no key"}},
		{"bad base64", keyLines("a", keyA, "b", "not*base64!"+keyB[11:]), []string{"line 2, key b", "not valid base64"}},
		{"base64 with stray bits", keyLines("a", sloppy), []string{"line 1, key a", "not valid base64"}},
		{"URL-alphabet base64", keyLines("a", strings.NewReplacer("+", "-", "/", "_").Replace(keyB)), []string{"not valid base64"}},
		{"a single bad base64 key", "notakey", []string{"test keys: the key is not valid base64"}},
		{"a 16-byte key", keyLines("a", short), []string{"line 1, key a", "16 bytes long", "32 random bytes"}},
		{"a 33-byte key", keyLines("a", long), []string{"33 bytes long"}},
		{"a single short key", short, []string{"16 bytes long"}},
		{"a duplicate id", keyLines("a", keyA, "b", keyB, "a", keyC), []string{"line 3", "key id a is already used on line 1"}},
		{"one key under two ids", keyLines("a", keyA, "b", keyA), []string{"line 2", "key b is the same key as a on line 1"}},
		{"a line with three fields", "a " + keyA + " old\n", []string{"line 1", "expected a key id and a base64 key", "found 3 fields"}},
		{"a line with one field", keyLines("a", keyA) + "b\n", []string{"line 2", "found 1 field"}},
		{"an id with a colon", keyLines("a:1", keyA), []string{"line 1", "key id must be"}},
		{"an id of 33 characters", keyLines(strings.Repeat("x", 33), keyA), []string{"key id must be 1 to 32"}},
		{"a key and id swapped", keyA + " a\n", []string{"line 1", "key id must be"}},
	} {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			_, err := Parse("test keys", tc.text)
			wantRefusal(t, err, tc.want...)
			wantNotIn(t, err, keyA, keyB, keyC)
		})
	}
}

func TestKeyringPrintsNoKey(t *testing.T) {
	r := mustParse(t, keyLines("b", keyB, "a", keyA))
	secrets := []string{keyA, keyB}
	for _, k := range r.keys {
		b := k.secret()
		secrets = append(secrets, hex.EncodeToString(b), strings.Trim(fmt.Sprint(b), "[]"), string(b))
	}
	// Structs that hold a keyring in an unexported field, where fmt cannot
	// call Format and walks the fields itself.
	type byPointer struct{ keys *Keyring }
	type byValue struct{ keys Keyring }
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%X", "%q", "%d"} {
		t.Run("hides the keys under "+verb, func(t *testing.T) {
			for _, v := range []any{r, *r, r.keys, r.keys[0], *r.keys[0], r.byID, byPointer{r}, byValue{*r}, &byValue{*r}} {
				got := fmt.Sprintf(verb, v)
				for _, s := range secrets {
					if strings.Contains(got, s) {
						t.Errorf("fmt.Sprintf(%q, %T) = %q gives away a key", verb, v, got)
					}
				}
			}
		})
	}
	t.Run("shows the key ids", func(t *testing.T) {
		if got, want := fmt.Sprint(r), "secret.Keyring{current: b, keys: b a}"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if got, want := fmt.Sprint((*Keyring)(nil)), "<nil>"; got != want {
			t.Errorf("nil keyring: got %q, want %q", got, want)
		}
	})
}

func TestCurrentOnly(t *testing.T) {
	r := mustParse(t, keyLines("b", keyB, "a", keyA))
	only := r.CurrentOnly()
	if got, want := only.IDs(), []string{"b"}; !slices.Equal(got, want) {
		t.Errorf("ids: got %q, want %q", got, want)
	}
	if got, want := r.IDs(), []string{"b", "a"}; !slices.Equal(got, want) {
		t.Errorf("the original keyring changed: got %q, want %q", got, want)
	}
	if got, want := mustParse(t, only.Text()).IDs(), []string{"b"}; !slices.Equal(got, want) {
		t.Errorf("ids read back from its text: got %q, want %q", got, want)
	}
}
