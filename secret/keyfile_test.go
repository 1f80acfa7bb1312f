package secret

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// writeKeyFile writes text to a file named keys in a new directory, with
// the given mode, and returns its path.
func writeKeyFile(t *testing.T, text string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "keys")
	if err := os.WriteFile(path, []byte(text), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // past the umask
		t.Fatal(err)
	}
	return path
}

func skipOnWindows(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("permission bits are not checked on Windows")
	}
}

func TestLoadFile(t *testing.T) {
	t.Run("reads a file only its owner may read", func(t *testing.T) {
		for _, mode := range []os.FileMode{0o600, 0o400} {
			r, err := LoadFile(writeKeyFile(t, keyLines("b", keyB, "a", keyA), mode))
			if err != nil {
				t.Fatalf("mode %04o: %v", mode, err)
			}
			if got, want := r.IDs(), []string{"b", "a"}; !slices.Equal(got, want) {
				t.Errorf("ids: got %q, want %q", got, want)
			}
		}
	})
	for _, mode := range []os.FileMode{0o640, 0o604, 0o644, 0o620, 0o602, 0o660, 0o610} {
		t.Run("refuses mode "+mode.String()+" and says how to fix it", func(t *testing.T) {
			skipOnWindows(t)
			path := writeKeyFile(t, keyLines("a", keyA), mode)
			_, err := LoadFile(path)
			wantRefusal(t, err, path, "other users", "chmod 600 "+path)
		})
	}
	t.Run("names the file and line of a bad key", func(t *testing.T) {
		path := writeKeyFile(t, "# keys\na "+keyA[:40]+"\n", 0o600)
		_, err := LoadFile(path)
		wantRefusal(t, err, "key file "+path+", line 2, key a")
	})
	t.Run("refuses a missing file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "keys")
		_, err := LoadFile(path)
		wantRefusal(t, err, path, "does not exist")
	})
	t.Run("refuses a directory", func(t *testing.T) {
		dir := t.TempDir()
		_, err := LoadFile(dir)
		wantRefusal(t, err, "not a regular file")
	})
	t.Run("refuses a file too large to be a key file", func(t *testing.T) {
		path := writeKeyFile(t, keyLines("a", keyA)+strings.Repeat("#\n", maxFileSize), 0o600)
		_, err := LoadFile(path)
		wantRefusal(t, err, "larger than 64 KB")
	})
}

func TestLoad(t *testing.T) {
	env := func(value string) func(string) string {
		return func(name string) string {
			if name == EnvVar {
				return value
			}
			return ""
		}
	}
	t.Run("reads the key file given", func(t *testing.T) {
		r, err := Load(writeKeyFile(t, keyLines("a", keyA), 0o600), env(""))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := r.CurrentID(), "a"; got != want {
			t.Errorf("current: got %q, want %q", got, want)
		}
	})
	t.Run("reads key file text from RANKFILE_KEY", func(t *testing.T) {
		r, err := Load("", env(keyLines("b", keyB, "a", keyA)))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := r.IDs(), []string{"b", "a"}; !slices.Equal(got, want) {
			t.Errorf("ids: got %q, want %q", got, want)
		}
	})
	t.Run("reads a single base64 key from RANKFILE_KEY", func(t *testing.T) {
		r, err := Load("", env(keyA))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := r.CurrentID(), derivedID(r.keys[0].secret()); got != want {
			t.Errorf("current: got %q, want %q", got, want)
		}
	})
	t.Run("names RANKFILE_KEY when its key is bad", func(t *testing.T) {
		bad := keyA[:20] + "!" + keyA[21:]
		_, err := Load("", env(bad))
		wantRefusal(t, err, "RANKFILE_KEY: the key is not valid base64")
		wantNotIn(t, err, bad)
	})
	t.Run("refuses a key file and RANKFILE_KEY together", func(t *testing.T) {
		_, err := Load(writeKeyFile(t, keyLines("a", keyA), 0o600), env(keyB))
		wantRefusal(t, err, "both a key file", "RANKFILE_KEY")
	})
	t.Run("refuses to go on without a key", func(t *testing.T) {
		_, err := Load("", env(""))
		wantRefusal(t, err, "no encryption key")
	})
}

func TestGenerateKeyFile(t *testing.T) {
	t.Run("makes a new key file of one random key", func(t *testing.T) {
		text1, err := GenerateKeyFile(nil)
		if err != nil {
			t.Fatal(err)
		}
		text2, err := GenerateKeyFile(nil)
		if err != nil {
			t.Fatal(err)
		}
		r1, r2 := mustParse(t, text1), mustParse(t, text2)
		if len(r1.keys) != 1 || len(r2.keys) != 1 {
			t.Fatalf("keys: got %d and %d, want 1 and 1", len(r1.keys), len(r2.keys))
		}
		if r1.CurrentID() == r2.CurrentID() || string(r1.keys[0].secret()) == string(r2.keys[0].secret()) {
			t.Errorf("two new key files share an id or a key")
		}
		if !strings.HasPrefix(text1, "# rankfile encryption keys") {
			t.Errorf("text does not open with the header comment:\n%s", text1)
		}
	})
	t.Run("puts a new key first and keeps the old ones in order", func(t *testing.T) {
		old := mustParse(t, keyLines("b", keyB, "a", keyA))
		text, err := GenerateKeyFile(old)
		if err != nil {
			t.Fatal(err)
		}
		r := mustParse(t, text)
		ids := r.IDs()
		if got, want := ids[1:], []string{"b", "a"}; !slices.Equal(got, want) {
			t.Errorf("old ids: got %q, want %q", got, want)
		}
		if slices.Contains(old.IDs(), ids[0]) {
			t.Errorf("new id %q is already in the keyring", ids[0])
		}
		if got, want := r.Text(), text; got != want {
			t.Errorf("text is not the keyring's own text: got\n%s\nwant\n%s", got, want)
		}
	})
}

func TestWriteFile(t *testing.T) {
	t.Run("writes the text with mode 0600", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "keys")
		text := keyLines("a", keyA)
		if err := WriteFile(path, text); err != nil {
			t.Fatal(err)
		}
		wantFile(t, path, text)
	})
	t.Run("replaces a rotated file atomically, tightening its mode", func(t *testing.T) {
		path := writeKeyFile(t, keyLines("a", keyA), 0o644)
		text := keyLines("b", keyB, "a", keyA)
		if err := WriteFile(path, text); err != nil {
			t.Fatal(err)
		}
		wantFile(t, path, text)
		wantOnly(t, filepath.Dir(path), "keys")
	})
	t.Run("replaces the file a symbolic link points to, keeping the link", func(t *testing.T) {
		skipOnWindows(t)
		target := writeKeyFile(t, keyLines("a", keyA), 0o600)
		link := filepath.Join(t.TempDir(), "keys")
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		text := keyLines("b", keyB, "a", keyA)
		if err := WriteFile(link, text); err != nil {
			t.Fatal(err)
		}
		wantFile(t, target, text)
		if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link (%v)", link, err)
		}
	})
	t.Run("retires older keys", func(t *testing.T) {
		path := writeKeyFile(t, keyLines("b", keyB, "a", keyA), 0o600)
		text := mustParse(t, keyLines("b", keyB, "a", keyA)).CurrentOnly().Text()
		if err := WriteFile(path, text); err != nil {
			t.Fatal(err)
		}
		wantFile(t, path, text)
	})
	t.Run("refuses to replace a key file with one that lacks its current key", func(t *testing.T) {
		old := keyLines("b", keyB, "a", keyA)
		path := writeKeyFile(t, old, 0o600)
		err := WriteFile(path, keyLines("c", keyC, "a", keyA))
		wantRefusal(t, err, "holds key b", "rotate the key file")
		wantFile(t, path, old)
		wantOnly(t, filepath.Dir(path), "keys")
	})
	t.Run("refuses a current key that kept its id but not its bytes", func(t *testing.T) {
		old := keyLines("b", keyB)
		path := writeKeyFile(t, old, 0o600)
		err := WriteFile(path, keyLines("b", keyC))
		wantRefusal(t, err, "holds key b")
		wantFile(t, path, old)
	})
	t.Run("refuses to replace a file it cannot read as a key file", func(t *testing.T) {
		path := writeKeyFile(t, "members.db is here\n", 0o600)
		err := WriteFile(path, keyLines("a", keyA))
		wantRefusal(t, err, "is not a key file rankfile can read")
		wantFile(t, path, "members.db is here\n")
	})
	t.Run("refuses text that is not a valid key file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "keys")
		err := WriteFile(path, keyLines("a", keyA, "a", keyB))
		wantRefusal(t, err, "the new key file, line 2")
		wantOnly(t, filepath.Dir(path))
	})
	t.Run("refuses a directory that does not exist", func(t *testing.T) {
		err := WriteFile(filepath.Join(t.TempDir(), "no", "keys"), keyLines("a", keyA))
		wantRefusal(t, err, "cannot write the key file")
	})
}

// wantFile fails the test unless the file at path holds text and, on Unix,
// has mode 0600.
func wantFile(t *testing.T, path, text string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(data); got != text {
		t.Errorf("file: got\n%s\nwant\n%s", got, text)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := info.Mode().Perm(), os.FileMode(0o600); runtime.GOOS != "windows" && got != want {
		t.Errorf("mode: got %04o, want %04o", got, want)
	}
}

// wantOnly fails the test unless dir holds exactly the named files: no
// temporary file may be left behind.
func wantOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, names) {
		t.Errorf("files in %s: got %q, want %q", dir, got, names)
	}
}
