package secret

import (
	"os"
	"testing"
)

func TestWatchedFollowsRotationAndKeepsTheLastGoodKeyring(t *testing.T) {
	skipOnWindows(t)
	path := writeKeyFile(t, keyLines("a", keyA), 0o600)
	w, err := Watch(path)
	if err != nil {
		t.Fatal(err)
	}
	w.interval = 0 // look at the file on every call
	sealed, err := w.Keyring().Seal("Pacific Islander", "member_sensitive.race:1")
	if err != nil || w.Keyring().CurrentID() != "a" {
		t.Fatalf("before rotation: %v, current %q", err, w.Keyring().CurrentID())
	}

	if err := WriteFile(path, keyLines("b", keyB, "a", keyA)); err != nil {
		t.Fatal(err)
	}
	ring := w.Keyring()
	if ring.CurrentID() != "b" {
		t.Fatalf("after rotation the current key is %q, want b", ring.CurrentID())
	}
	if got, err := ring.Open(sealed, "member_sensitive.race:1"); err != nil || got != "Pacific Islander" {
		t.Fatalf("a value sealed before rotation: %q, %v", got, err)
	}

	for _, bad := range []struct {
		text string
		mode os.FileMode
	}{{"not a key file\n", 0o600}, {keyLines("c", keyC), 0o644}} {
		if err := os.WriteFile(path, []byte(bad.text), bad.mode); err != nil {
			t.Fatal(err)
		}
		os.Chmod(path, bad.mode)
		if got := w.Keyring().CurrentID(); got != "b" {
			t.Errorf("a bad key file (%q, mode %o) replaced the keyring: current %q", bad.text, bad.mode, got)
		}
	}
}

func TestWatchRefusesAMissingOrOpenKeyFile(t *testing.T) {
	skipOnWindows(t)
	_, err := Watch(t.TempDir() + "/none.keys")
	wantRefusal(t, err, "does not exist")
	_, err = Watch(writeKeyFile(t, keyLines("a", keyA), 0o644))
	wantRefusal(t, err, "chmod 600")
}
