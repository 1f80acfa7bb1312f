package secret

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRotation follows a rotation through its steps: a value sealed with key
// A, a rotated key file B+A, the value resealed with B, A retired.
func TestRotation(t *testing.T) {
	const race, context = "Pacific Islander", "member_sensitive.race:123"
	path := filepath.Join(t.TempDir(), "keys")
	text, err := GenerateKeyFile(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, text); err != nil {
		t.Fatal(err)
	}
	ringA := mustLoad(t, path)
	idA := ringA.CurrentID()
	sealedA, err := ringA.Seal(race, context)
	if err != nil {
		t.Fatal(err)
	}

	text, err = GenerateKeyFile(ringA)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, text); err != nil {
		t.Fatal(err)
	}
	ringBA := mustLoad(t, path)
	idB := ringBA.CurrentID()

	t.Run("the rotated keyring opens values sealed with the old key", func(t *testing.T) {
		wantOpen(t, ringBA, sealedA, context, race)
	})
	t.Run("values sealed with the old key need rotation", func(t *testing.T) {
		if !ringBA.NeedsRotation(sealedA) {
			t.Errorf("NeedsRotation(sealed with %s) = false under current key %s, want true", idA, idB)
		}
	})
	resealed, err := ringBA.Reseal(sealedA, context)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("resealing uses the new key", func(t *testing.T) {
		if want := "v1:" + idB + ":"; !strings.HasPrefix(resealed, want) {
			t.Errorf("resealed %q: want it to start with %q", resealed, want)
		}
		if ringBA.NeedsRotation(resealed) {
			t.Errorf("NeedsRotation(resealed) = true, want false")
		}
		wantOpen(t, ringBA, resealed, context, race)
	})
	t.Run("resealing a value already under the current key leaves it alone", func(t *testing.T) {
		again, err := ringBA.Reseal(resealed, context)
		if err != nil || again != resealed {
			t.Errorf("got %q, %v, want %q, nil", again, err, resealed)
		}
	})

	if err := WriteFile(path, ringBA.CurrentOnly().Text()); err != nil {
		t.Fatal(err)
	}
	ringB := mustLoad(t, path)
	t.Run("once A is retired, B alone opens the resealed value", func(t *testing.T) {
		wantOpen(t, ringB, resealed, context, race)
	})
	t.Run("once A is retired, the value sealed with A no longer opens", func(t *testing.T) {
		_, err := ringB.Open(sealedA, context)
		wantRefusal(t, err, "sealed with key "+idA+", which the keyring does not have")
		wantNotIn(t, err, race)
	})
	t.Run("the old keyring cannot open what B sealed", func(t *testing.T) {
		_, err := ringA.Open(resealed, context)
		wantRefusal(t, err, "sealed with key "+idB+", which the keyring does not have")
	})
	t.Run("a fresh key file cannot replace the rotated one", func(t *testing.T) {
		fresh, err := GenerateKeyFile(nil)
		if err != nil {
			t.Fatal(err)
		}
		wantRefusal(t, WriteFile(path, fresh), "holds key "+idB)
		wantOpen(t, mustLoad(t, path), resealed, context, race)
	})
}

func TestNeedsRotation(t *testing.T) {
	r := mustParse(t, keyLines("b", keyB, "a", keyA))
	sealedB, err := r.Seal("Black", ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, sealed string
		want         bool
	}{
		{"the empty value needs nothing", "", false},
		{"a value under the current key needs nothing", sealedB, false},
		{"a value under an older key needs resealing", goldens[0].sealed, true},
		{"a value under an unknown key is visited", "v1:zz:" + strings.TrimPrefix(sealedB, "v1:b:"), true},
		{"a value that is not sealed is visited", "Black", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := r.NeedsRotation(tc.sealed); got != tc.want {
				t.Errorf("NeedsRotation(%q) = %t, want %t", trim(tc.sealed), got, tc.want)
			}
		})
	}
	t.Run("resealing a value that is not sealed reports it", func(t *testing.T) {
		_, err := r.Reseal("Black", ctx)
		wantRefusal(t, err, "not sealed")
		wantNotIn(t, err, "Black")
	})
	t.Run("resealing the empty value gives the empty value", func(t *testing.T) {
		got, err := r.Reseal("", ctx)
		if err != nil || got != "" {
			t.Errorf("got %q, %v, want \"\", nil", got, err)
		}
	})
}

func mustLoad(t *testing.T, path string) *Keyring {
	t.Helper()
	r, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func wantOpen(t *testing.T, r *Keyring, sealed, context, want string) {
	t.Helper()
	got, err := r.Open(sealed, context)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if got != want {
		t.Errorf("Open: got %q, want %q", got, want)
	}
}
