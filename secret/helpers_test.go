package secret

import (
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
)

// Keys used only by tests. They are fixed so that values sealed with them
// once (the golden values below) must keep opening in every later version.
const (
	keyA = "9luWgT47Tu+zxcNLrVovAUVDysWndjGG9RAdfP11MQw="
	keyB = "3vNndC6JOnQ9BArDrwihEmZIKUoPWqZ/pJCg0bRl400="
	keyC = "34Wg4fN5ta7h69ACfaFE8k5EqoVLqXgfhYD6v7NAd08="
)

// golden is a value sealed by Seal with keyA under id "a", kept so that a
// change to the format or to the key derivation, which would make every
// stored value unreadable, fails the tests.
type golden struct {
	sealed, context, plaintext string
}

var goldens = []golden{
	{"v1:a:wXUjI9mCA5j3JipFhEMV3vc3Zvi_XbQhdQdu2ZSANmKNMKlSskHyKKcDggw", "member_sensitive.race:123", "Pacific Islander"},
	{"v1:a:Uqq0ZYmQxQ4RBVa1ht0pG7H4tytVzw8quHMl0p-XetWwy0pnVYUb02I0oSPB2PBJEPj6JoT8uGECwaM", "member_sensitive.accommodations:123", "ASL interpreter; step-free room"},
	{"v1:a:ZzZkRuw0uHhH529GFtk5f0HJbgPk0f_LnPWvYfsBv91Cnv-VRsgqhTzb88Tmtch-ag", "member_sensitive.race:7", "Afrolatina – négra"},
}

// keyLines returns key file text with one line per id and key, in order.
func keyLines(pairs ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(pairs); i += 2 {
		b.WriteString(pairs[i] + " " + pairs[i+1] + "\n")
	}
	return b.String()
}

// mustParse parses key file text built by keyLines or fails the test.
func mustParse(tb testing.TB, text string) *Keyring {
	tb.Helper()
	r, err := Parse("test keys", text)
	if err != nil {
		tb.Fatalf("Parse: %v", err)
	}
	return r
}

// wantRefusal fails the test unless err is an EINVALID error whose message
// contains every one of parts.
func wantRefusal(tb testing.TB, err error, parts ...string) {
	tb.Helper()
	wantCode(tb, err, rankfile.EINVALID, parts...)
}

// wantCode fails the test unless err has the given code and its message
// contains every one of parts.
func wantCode(tb testing.TB, err error, code string, parts ...string) {
	tb.Helper()
	if err == nil {
		tb.Fatalf("got no error, want a %s error", code)
	}
	if got := rankfile.ErrorCode(err); got != code {
		tb.Fatalf("code: got %q, want %q (%v)", got, code, err)
	}
	msg := rankfile.ErrorMessage(err)
	for _, part := range parts {
		if !strings.Contains(msg, part) {
			tb.Errorf("message %q: want it to contain %q", msg, part)
		}
	}
}

// wantNotIn fails the test if err's text contains any of secrets.
func wantNotIn(tb testing.TB, err error, secrets ...string) {
	tb.Helper()
	for _, s := range secrets {
		if s != "" && strings.Contains(err.Error(), s) {
			tb.Errorf("error %q gives away %q", err, s)
		}
	}
}
