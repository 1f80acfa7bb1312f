package secret

import (
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
)

// FuzzOpen feeds arbitrary values and contexts to Open. Open must never
// panic, and must return a plaintext only for a value Seal produced for that
// context: here, only for the golden values, the one set of sealed values
// that stays the same in every fuzzing process (Seal's nonces are random).
// Any other success would mean a value can be forged or spelled two ways.
func FuzzOpen(f *testing.F) {
	r := mustParse(f, keyLines("b", keyB, "a", keyA))
	for _, g := range goldens {
		f.Add(g.sealed, g.context)
		f.Add(g.sealed, g.context+"4")
		f.Add(strings.Replace(g.sealed, "v1:a:", "v1:b:", 1), g.context)
		f.Add(g.sealed[:len(g.sealed)-2], g.context)
	}
	f.Add("", ctx)
	f.Add("Pacific Islander", ctx)
	f.Add("v1:", ctx)
	f.Add("v1:a:", ctx)
	f.Add("v1:a:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", ctx)
	f.Add("v9:a:x", ctx)
	f.Fuzz(func(t *testing.T, sealed, context string) {
		got, err := r.Open(sealed, context)
		if err != nil {
			if got != "" {
				t.Errorf("Open returned %q beside its error", got)
			}
			checkErr(t, err, context)
			return
		}
		want, ok := goldenPlaintext(sealed, context)
		if !ok {
			t.Fatalf("Open(%q, %q) = %q: a value Seal did not produce opened", sealed, context, got)
		}
		if got != want {
			t.Fatalf("Open(%q, %q) = %q, want %q", sealed, context, got, want)
		}
	})
}

// FuzzSealOpen seals arbitrary values for arbitrary contexts and checks that
// each opens to itself for its own context and for no other.
func FuzzSealOpen(f *testing.F) {
	r := mustParse(f, keyLines("b", keyB, "a", keyA))
	for _, g := range goldens {
		f.Add(g.plaintext, g.context)
	}
	f.Add("", "x")
	f.Add("\x00\xff", ":")
	f.Fuzz(func(t *testing.T, plaintext, context string) {
		if context == "" {
			return // refused; TestOpenBindsContext covers it
		}
		sealed, err := r.Seal(plaintext, context)
		if err != nil {
			t.Fatal(err)
		}
		got, err := r.Open(sealed, context)
		if err != nil || got != plaintext {
			t.Fatalf("Open(Seal(%q, %q)) = %q, %v", plaintext, context, got, err)
		}
		if plaintext == "" {
			return
		}
		if got, err := r.Open(sealed, context+"\x00"); err == nil {
			t.Fatalf("opened for another context: %q", got)
		}
	})
}

// goldenPlaintext returns the plaintext of a golden value sealed for
// context, or the empty plaintext for the empty value.
func goldenPlaintext(sealed, context string) (string, bool) {
	if sealed == "" {
		return "", true
	}
	for _, g := range goldens {
		if g.sealed == sealed && g.context == context {
			return g.plaintext, true
		}
	}
	return "", false
}

// checkErr fails the test unless err is a domain error that gives away no
// key and no golden plaintext. The context is left out of the check, since
// messages quote it on purpose.
func checkErr(t *testing.T, err error, context string) {
	t.Helper()
	if code := rankfile.ErrorCode(err); code != rankfile.EINVALID && code != rankfile.EINTERNAL {
		t.Fatalf("code %q for %v", code, err)
	}
	msg := rankfile.ErrorMessage(err)
	for _, s := range []string{keyA, keyB, goldens[0].plaintext, goldens[1].plaintext, goldens[2].plaintext} {
		if strings.Contains(msg, s) && !strings.Contains(context, s) {
			t.Fatalf("message %q gives away %q", msg, s)
		}
	}
}
