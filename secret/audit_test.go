package secret

import (
	"crypto/ed25519"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// auditLines is a key file of key a, then audit key x (keyC).
var auditLines = keyLines("a", keyA) + "audit x " + keyC + "\n"

// TestAuditKeysFollowTheDescription derives an audit key's HMAC and signing
// keys as the package comment says, with the standard library alone, and
// checks them against the keyring's and against values fixed once: a change
// of derivation would leave every keyed entry unverifiable.
func TestAuditKeysFollowTheDescription(t *testing.T) {
	r := mustParse(t, auditLines)
	raw, _ := base64.StdEncoding.DecodeString(keyC)
	macKey, _ := hkdf.Key(sha256.New, raw, nil, "rankfile audit v1: HMAC-SHA256 of audit entries", 32)
	seed, _ := hkdf.Key(sha256.New, raw, nil, "rankfile audit v1: Ed25519 seed for audit heads", 32)
	message := []byte("3:abc,")
	h := hmac.New(sha256.New, macKey)
	h.Write(message)
	got, err := r.AuditMAC("x", message)
	if err != nil || !hmac.Equal(got, h.Sum(nil)) {
		t.Errorf("AuditMAC = %x, %v; want %x", got, err, h.Sum(nil))
	}
	if want := "183775fcfbce6352ebd3da94aca832f757c8d9e955bea589870e8609b8ed97e0"; hex.EncodeToString(got) != want {
		t.Errorf("AuditMAC = %x; want the fixed value %s", got, want)
	}
	public, err := r.AuditPublicKey("x")
	if want := ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey); err != nil || !public.Equal(want) {
		t.Errorf("AuditPublicKey = %x, %v; want %x", public, err, want)
	}
	if want := "rrV5X8a6/4i11DzLe5utnPMiVwo0Vu8Cgzs3A/atf20="; base64.StdEncoding.EncodeToString(public) != want {
		t.Errorf("AuditPublicKey = %s; want the fixed value %s", base64.StdEncoding.EncodeToString(public), want)
	}
	sig, err := r.SignAudit(message)
	if err != nil || !ed25519.Verify(public, message, sig) {
		t.Errorf("SignAudit: %v; the signature does not check with the public key", err)
	}
}

func TestAuditKeysInKeyFiles(t *testing.T) {
	t.Run("a new key file has an audit key", func(t *testing.T) {
		text, err := GenerateKeyFile(nil)
		if err != nil {
			t.Fatal(err)
		}
		r := mustParse(t, text)
		if r.AuditKeyID() == "" || !strings.Contains(text, "\naudit "+r.AuditKeyID()+" ") {
			t.Errorf("no audit key in a new key file:\n%s", text)
		}
		if printed := fmt.Sprintf("%v %+v %#v", r, *r, r.audit[0]); strings.Contains(printed, base64.StdEncoding.EncodeToString(r.audit[0].secret())) {
			t.Errorf("printing the keyring shows the audit key: %s", printed)
		}
	})
	t.Run("reads audit lines, the first current", func(t *testing.T) {
		r := mustParse(t, auditLines+"audit y "+keyB+"\n")
		if got := r.AuditKeyIDs(); !slices.Equal(got, []string{"x", "y"}) || r.AuditKeyID() != "x" || r.CurrentID() != "a" {
			t.Errorf("audit keys %q, current %q, sealing key %q", got, r.AuditKeyID(), r.CurrentID())
		}
		if again := mustParse(t, r.Text()); !slices.Equal(again.AuditKeyIDs(), r.AuditKeyIDs()) {
			t.Errorf("Text does not keep the audit keys:\n%s", r.Text())
		}
	})
	t.Run("refuses an audit id twice", func(t *testing.T) {
		_, err := Parse("test keys", auditLines+"audit x "+keyB+"\n")
		wantRefusal(t, err, "line 3", "audit key id x is already used on line 2")
	})
	t.Run("refuses a sealing key used as an audit key", func(t *testing.T) {
		_, err := Parse("test keys", keyLines("a", keyA)+"audit x "+keyA+"\n")
		wantRefusal(t, err, "line 2: audit key x is the same key as a on line 1")
		wantNotIn(t, err, keyA)
	})
	t.Run("a file of audit keys alone has no key", func(t *testing.T) {
		_, err := Parse("test keys", "audit x "+keyC+"\n")
		wantRefusal(t, err, "holds no key")
	})
	t.Run("without an audit key, nothing is keyed or signed", func(t *testing.T) {
		r := mustParse(t, keyLines("a", keyA))
		if _, err := r.SignAudit([]byte("x")); err == nil {
			t.Error("signed without an audit key")
		}
		if _, err := r.AuditMAC("x", []byte("x")); err == nil {
			t.Error("keyed without an audit key")
		}
		var none *Keyring
		if none.AuditKeyID() != "" {
			t.Error("a nil keyring has an audit key")
		}
	})
}

func TestRotationsKeepAuditKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys")
	if err := WriteFile(path, auditLines); err != nil {
		t.Fatal(err)
	}
	old := mustLoad(t, path)
	text, err := GenerateKeyFile(old)
	if err != nil {
		t.Fatal(err)
	}
	rotated := mustParse(t, text)
	if !slices.Equal(rotated.AuditKeyIDs(), []string{"x"}) || !slices.Equal(rotated.CurrentOnly().AuditKeyIDs(), []string{"x"}) {
		t.Errorf("the rotated key file's audit keys: %q, retired: %q", rotated.AuditKeyIDs(), rotated.CurrentOnly().AuditKeyIDs())
	}
	if err := WriteFile(path, text); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, rotated.CurrentOnly().Text()); err != nil {
		t.Fatal(err)
	}
	err = WriteFile(path, keyLines(rotated.CurrentID(), base64.StdEncoding.EncodeToString(rotated.keys[0].secret())))
	wantRefusal(t, err, "holds audit key x, and the new text drops it")
	if mustLoad(t, path).AuditKeyID() != "x" {
		t.Error("the refused text replaced the key file")
	}

	text, err = GenerateAuditKey(mustLoad(t, path))
	if err != nil {
		t.Fatal(err)
	}
	added := mustParse(t, text)
	if ids := added.AuditKeyIDs(); len(ids) != 2 || ids[1] != "x" || ids[0] == "x" || added.CurrentID() != rotated.CurrentID() {
		t.Errorf("after adding an audit key: audit %q, sealing key %q", ids, added.CurrentID())
	}
	if err := WriteFile(path, text); err != nil {
		t.Fatal(err)
	}
}
