package secret

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/rankfile/rankfile"
)

// EnvVar is the environment variable that may hold the keyring instead of a
// key file: either the full text of a key file or a single base64 key.
const EnvVar = "RANKFILE_KEY"

// maxFileSize bounds a key file. A real one is a few hundred bytes; the
// bound stops a wrong path (a database, a log) from being read whole.
const maxFileSize = 64 << 10

// Load returns the keyring from the key file at path or, when path is "",
// from the environment variable RANKFILE_KEY read through getenv. Giving
// both is refused, since it would be unclear which one seals; giving
// neither is refused too, since rankfile must not store sensitive fields
// without a key.
func Load(path string, getenv func(string) string) (*Keyring, error) {
	env := getenv(EnvVar)
	switch {
	case path != "" && env != "":
		return nil, rankfile.Errorf(rankfile.EINVALID,
			"both a key file (%s) and %s are set: use one, so that it is clear which key seals", path, EnvVar)
	case path != "":
		return LoadFile(path)
	case env != "":
		return Parse(EnvVar, env)
	}
	return nil, rankfile.Errorf(rankfile.EINVALID,
		"no encryption key: give a key file or set %s (a new key file can be generated)", EnvVar)
}

// LoadFile reads the keyring from the key file at path. On Unix it refuses
// a file that users other than its owner may read or change: the key is
// what keeps a copied database unreadable, so it must be kept closer than
// the database.
func LoadFile(path string) (*Keyring, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, rankfile.Errorf(rankfile.EINVALID, "key file %s does not exist", path)
	} else if err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "cannot open the key file: %v", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "cannot read the key file: %v", err)
	}
	if err := checkMode(path, info); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "cannot read the key file: %v", err)
	}
	if len(data) > maxFileSize {
		return nil, rankfile.Errorf(rankfile.EINVALID,
			"key file %s is larger than %d KB: is it the key file?", path, maxFileSize>>10)
	}
	return Parse("key file "+path, string(data))
}

// checkMode refuses anything but a regular file, and on Unix a file with
// any permission for its group or for others.
func checkMode(path string, info fs.FileInfo) error {
	if !info.Mode().IsRegular() {
		return rankfile.Errorf(rankfile.EINVALID, "key file %s is not a regular file", path)
	}
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		return nil // permission bits there do not say who may read the file
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return rankfile.Errorf(rankfile.EINVALID,
			"key file %s may be read or changed by other users (mode %04o): run chmod 600 %s",
			path, perm, path)
	}
	return nil
}

// GenerateKeyFile returns the text of a key file whose first, current key
// is new and random. Given the keyring in use, it keeps all of that
// keyring's keys after the new one, so that values sealed before still
// open, and all its audit keys: this is the first step of a rotation. Given
// nil, it returns a key file for a new installation, with a new audit key
// too.
func GenerateKeyFile(old *Keyring) (string, error) {
	k, err := generateKey(old)
	if err != nil {
		return "", err
	}
	if old != nil {
		next := newKeyring(append([]*key{k}, old.keys...))
		next.audit = old.audit
		return next.Text(), nil
	}
	a, err := generateAuditKey(nil)
	if err != nil {
		return "", err
	}
	next := newKeyring([]*key{k})
	next.audit = []*auditKey{a}
	return next.Text(), nil
}

// generateKey makes a random key with a random id that old does not use.
func generateKey(old *Keyring) (*key, error) {
	secret := make([]byte, KeySize)
	if _, err := rand.Read(secret); err != nil {
		return nil, rankfile.Errorf(rankfile.EINTERNAL, "reading random bytes: %v", err)
	}
	for range 100 {
		idBytes := make([]byte, 4)
		if _, err := rand.Read(idBytes); err != nil {
			return nil, rankfile.Errorf(rankfile.EINTERNAL, "reading random bytes: %v", err)
		}
		id := hex.EncodeToString(idBytes)
		if old == nil || old.byID[id] == nil {
			return newKey(id, secret)
		}
	}
	return nil, rankfile.Errorf(rankfile.EINTERNAL, "no free key id after 100 random tries")
}

// WriteFile writes text, which must be a valid key file, to path with mode
// 0600. The file is replaced atomically: a crash leaves the old file or
// the new one, never half of one. Replacing a key file is refused when the
// new text drops the current key of the old one, since values sealed with
// it would no longer open: rotate (GenerateKeyFile with the keyring in use)
// instead. Older keys may be dropped, which retires them once every value
// has been resealed; audit keys may not. A path that is a symbolic link is followed, so that
// the file it points to is the one replaced.
func WriteFile(path, text string) error {
	next, err := Parse("the new key file", text)
	if err != nil {
		return err
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	if err := checkReplace(path, next); err != nil {
		return err
	}
	return writeAtomic(path, []byte(text))
}

// checkReplace refuses to replace the key file at path, if there is one,
// with a keyring that lacks its current key or any of its audit keys.
func checkReplace(path string, next *Keyring) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "cannot read the key file to be replaced: %v", err)
	}
	old, err := Parse("key file "+path, string(data))
	if err != nil {
		return rankfile.Errorf(rankfile.EINVALID,
			"%s exists and is not a key file rankfile can read, so it is left alone: %s",
			path, rankfile.ErrorMessage(err))
	}
	cur := old.keys[0]
	if k := next.byID[cur.id]; k == nil || !bytes.Equal(k.secret(), cur.secret()) {
		return rankfile.Errorf(rankfile.EINVALID,
			"%s holds key %s, which seals current values, and the new text drops it: rotate the key file (new key first, old keys kept) instead of replacing it",
			path, cur.id)
	}
	return checkAuditKeysKept(path, old, next)
}

// checkAuditKeysKept refuses a new keyring that drops an audit key of the
// old one: the audit log's entries keyed with it would no longer verify.
func checkAuditKeysKept(path string, old, next *Keyring) error {
	for _, k := range old.audit {
		kept, err := next.auditKeyByID(k.id)
		if err != nil || !bytes.Equal(kept.secret(), k.secret()) {
			return rankfile.Errorf(rankfile.EINVALID,
				"%s holds audit key %s, and the new text drops it: the audit log's entries keyed with it would no longer verify, so audit keys are never removed",
				path, k.id)
		}
	}
	return nil
}

// writeAtomic writes data to a temporary file with mode 0600 beside path,
// flushes it and renames it over path.
func writeAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".rankfile-keys-*.tmp")
	if err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "cannot write the key file: %v", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := writeAndSync(f, data); err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "cannot write the key file: %v", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "cannot write the key file: %v", err)
	}
	syncDir(dir)
	return nil
}

// writeAndSync sets the mode (CreateTemp already uses 0600; saying it again
// keeps the promise if that ever changes), writes, flushes and closes.
func writeAndSync(f *os.File, data []byte) error {
	if err := f.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		return err
	}
	if _, err := f.Write(data); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	return f.Close()
}

// syncDir flushes the directory entry of a rename, where the system allows
// it; the file itself is already on disk, so a failure here only risks the
// old name surviving a crash, and is not reported.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}
