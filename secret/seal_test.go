package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"sync"
	"testing"

	"github.com/rankfile/rankfile"
)

const ctx = "member_sensitive.race:123"

func TestSealOpen(t *testing.T) {
	r := mustParse(t, keyLines("b", keyB, "a", keyA))
	for _, plaintext := range []string{
		"Black",
		"Afrolatina – négra",
		"Diné (Navajo) 🪶",
		"需要手语翻译",
		"גישה לכיסא גלגלים",
		"line one\nline two\ttabbed",
		"NUL \x00 and bytes that are not UTF-8: \xff\xfe",
		strings.Repeat("a long accommodation note ", 4000),
	} {
		t.Run("round-trips "+trim(plaintext), func(t *testing.T) {
			sealed, err := r.Seal(plaintext, ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(sealed, "v1:b:") {
				t.Errorf("sealed %q does not start with v1:b:", trim(sealed))
			}
			if strings.Contains(sealed, plaintext) {
				t.Errorf("sealed value holds the plaintext")
			}
			got, err := r.Open(sealed, ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got != plaintext {
				t.Errorf("got %q, want %q", trim(got), trim(plaintext))
			}
		})
	}
	t.Run("seals the empty value to the empty text", func(t *testing.T) {
		sealed, err := r.Seal("", ctx)
		if err != nil || sealed != "" {
			t.Errorf("Seal: got %q, %v, want \"\", nil", sealed, err)
		}
		got, err := r.Open("", ctx)
		if err != nil || got != "" {
			t.Errorf("Open: got %q, %v, want \"\", nil", got, err)
		}
	})
	t.Run("seals the same value differently every time", func(t *testing.T) {
		seen := map[string]bool{}
		for range 1000 {
			sealed, err := r.Seal("Black", ctx)
			if err != nil {
				t.Fatal(err)
			}
			if seen[sealed] {
				t.Fatalf("sealed %q twice", sealed)
			}
			seen[sealed] = true
		}
	})
	t.Run("uses only characters safe in a TEXT column, a URL or CSV", func(t *testing.T) {
		sealed, err := r.Seal(strings.Repeat("\xff?/+", 100), ctx)
		if err != nil {
			t.Fatal(err)
		}
		if i := strings.IndexFunc(sealed[len("v1:b:"):], func(c rune) bool {
			return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')
		}); i >= 0 {
			t.Errorf("sealed value has %q", sealed[len("v1:b:")+i])
		}
	})
}

func TestOpenGolden(t *testing.T) {
	r := mustParse(t, keyLines("b", keyB, "a", keyA))
	for _, g := range goldens {
		t.Run("opens a value sealed by an earlier version for "+g.context, func(t *testing.T) {
			got, err := r.Open(g.sealed, g.context)
			if err != nil {
				t.Fatal(err)
			}
			if got != g.plaintext {
				t.Errorf("got %q, want %q", got, g.plaintext)
			}
		})
	}
	t.Run("follows the documented construction", func(t *testing.T) {
		// Decrypting without the package shows that the format is what
		// the package says it is, so that the data can be recovered from
		// the key file and the description alone.
		secret, _ := base64.StdEncoding.DecodeString(keyA)
		aesKey, err := hkdf.Key(sha256.New, secret, nil, "rankfile secret v1: AES-256-GCM for sealed fields", 32)
		if err != nil {
			t.Fatal(err)
		}
		block, _ := aes.NewCipher(aesKey)
		gcm, _ := cipher.NewGCM(block)
		g := goldens[0]
		data, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(g.sealed, "v1:a:"))
		if err != nil {
			t.Fatal(err)
		}
		got, err := gcm.Open(nil, data[:12], data[12:], []byte("v1:a\x00"+g.context))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != g.plaintext {
			t.Errorf("got %q, want %q", got, g.plaintext)
		}
	})
}

func TestOpenBindsContext(t *testing.T) {
	r := mustParse(t, keyLines("a", keyA))
	sealed, err := r.Seal("Pacific Islander", "member_sensitive.race:123")
	if err != nil {
		t.Fatal(err)
	}
	for _, other := range []string{
		"member_sensitive.race:124",
		"member_sensitive.race:1234",
		"member_sensitive.race:12",
		"member_sensitive.accommodations:123",
		"member_sensitive.race:123 ",
		"Member_sensitive.race:123",
	} {
		t.Run("refuses the value for "+other, func(t *testing.T) {
			got, err := r.Open(sealed, other)
			wantRefusal(t, err, "sealed with key a does not open for "+`"`+other+`"`, "altered, or it belongs to another field or row")
			wantNotIn(t, err, "Pacific Islander", sealed)
			if got != "" {
				t.Errorf("got %q with the error, want \"\"", got)
			}
		})
	}
	t.Run("refuses an empty context, to seal and to open", func(t *testing.T) {
		_, err := r.Seal("Pacific Islander", "")
		wantCode(t, err, rankfile.EINTERNAL, "needs a context")
		_, err = r.Open(sealed, "")
		wantCode(t, err, rankfile.EINTERNAL, "needs a context")
		_, err = r.Open("", "")
		wantCode(t, err, rankfile.EINTERNAL, "needs a context")
	})
}

func TestOpenRefuses(t *testing.T) {
	ra := mustParse(t, keyLines("a", keyA))
	rab := mustParse(t, keyLines("a", keyA, "b", keyB))
	g := goldens[0]
	body := strings.TrimPrefix(g.sealed, "v1:a:")
	for _, tc := range []struct {
		name, sealed string
		want         []string
	}{
		{"a plaintext left in the column", "Pacific Islander", []string{"not sealed: expected v1:<key id>:<data>"}},
		{"a value with no key id", "v1:" + body, []string{"not sealed"}},
		{"a value with an empty key id", "v1::" + body, []string{"not sealed"}},
		{"a key id with a bad character", "v1:a.b:" + body, []string{"not sealed"}},
		{"a later format", "v2:a:" + body, []string{"sealed in format v2, which this version of rankfile cannot read"}},
		{"a capitalised prefix", "V1:a:" + body, []string{"not sealed"}},
		{"an unknown key id", "v1:zz:" + body, []string{"sealed with key zz, which the keyring does not have: was the key file replaced instead of rotated?"}},
		{"a line break in the data", "v1:a:" + body[:10] + "\n" + body[10:], []string{"key a is damaged", "not valid base64"}},
		{"padding on the data", "v1:a:" + body + "=", []string{"not valid base64"}},
		{"the standard alphabet", "v1:a:" + strings.NewReplacer("-", "+", "_", "/").Replace(body), []string{"not valid base64"}},
		{"stray bits in the last character", "v1:a:" + body[:len(body)-1] + string(body[len(body)-1]^1), []string{"not valid base64"}},
		{"data shorter than a nonce and a tag", "v1:a:" + body[:36], []string{"too short"}},
		{"empty data", "v1:a:", []string{"too short"}},
		{"a truncated tag", "v1:a:" + encoding.EncodeToString(mustDecode(t, body)[:len(mustDecode(t, body))-1]), []string{"does not open"}},
		{"the key id of another key of the keyring", "v1:b:" + body, []string{"sealed with key b does not open"}},
	} {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			got, err := rab.Open(tc.sealed, g.context)
			wantRefusal(t, err, tc.want...)
			wantNotIn(t, err, g.plaintext, body, keyA, keyB)
			if got != "" {
				t.Errorf("got %q with the error, want \"\"", got)
			}
		})
	}
	t.Run("refuses every single-bit change", func(t *testing.T) {
		data := mustDecode(t, body)
		for i := range len(data) * 8 {
			changed := append([]byte(nil), data...)
			changed[i/8] ^= 1 << (i % 8)
			_, err := ra.Open("v1:a:"+encoding.EncodeToString(changed), g.context)
			if err == nil {
				t.Fatalf("bit %d changed: got no error", i)
			}
			wantRefusal(t, err, "does not open")
		}
	})
	t.Run("refuses to work without a keyring", func(t *testing.T) {
		var none *Keyring
		_, err := none.Seal("x", ctx)
		wantCode(t, err, rankfile.EINTERNAL, "needs a keyring")
		_, err = new(Keyring).Open(g.sealed, ctx)
		wantCode(t, err, rankfile.EINTERNAL, "needs a keyring")
		_, err = new(Keyring).Reseal(g.sealed, ctx)
		wantCode(t, err, rankfile.EINTERNAL, "needs a keyring")
		if got := new(Keyring).CurrentID(); got != "" {
			t.Errorf("CurrentID: got %q, want \"\"", got)
		}
	})
}

func TestSealConcurrently(t *testing.T) {
	r := mustParse(t, keyLines("b", keyB, "a", keyA))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 200 {
				sealed, err := r.Seal("Black", ctx)
				if err != nil {
					t.Error(err)
					return
				}
				if got, err := r.Open(sealed, ctx); err != nil || got != "Black" {
					t.Errorf("goroutine %d: got %q, %v, want %q", i, got, err, "Black")
					return
				}
			}
		})
	}
	wg.Wait()
}

func mustDecode(t *testing.T, body string) []byte {
	t.Helper()
	data, err := encoding.DecodeString(body)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// trim shortens a long value for a subtest name or a message.
func trim(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
