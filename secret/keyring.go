package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
)

// KeySize is the length in bytes of every key in a keyring: 32 random bytes,
// written in base64 as 44 characters.
const KeySize = 32

// maxIDLen bounds key ids. Ids are written into every sealed value, so they
// stay short; the bound also keeps a pasted key from passing for an id.
const maxIDLen = 32

// sealInfo separates the AES key that seals fields from any other key that a
// later feature may derive from the same key file (a keyed hash for looking
// sealed values up, say), so that one file can serve both without reuse.
const sealInfo = "rankfile secret v1: AES-256-GCM for sealed fields"

// Keyring holds the keys that seal and open sensitive fields: the current
// key, which seals, and older keys, which still open values sealed before a
// rotation. It also holds the audit keys, if any (see audit.go). A Keyring never changes once loaded and is safe for concurrent
// use. Printing it shows key ids only. Keyrings come from Parse, Load and
// LoadFile; the zero Keyring holds no key and refuses to seal or open.
type Keyring struct {
	keys  []*key // keys[0] is the current key
	byID  map[string]*key
	audit []*auditKey // audit[0] keys new audit entries
}

// key is one entry of a keyring: its id, its bytes (kept so that a rotated
// key file can be written out again) and the cipher derived from them.
//
// The bytes sit behind a function because fmt prints a function as an
// address, whatever the verb and however deep in a value: a struct that
// holds a keyring in an unexported field, where Format methods are not
// called, still cannot print a key into a log line.
type key struct {
	id     string
	secret func() []byte
	aead   cipher.AEAD
}

// Format prints a key as its id alone. Like Keyring.Format, it has a value
// receiver so that it serves pointers and values alike.
func (k key) Format(f fmt.State, verb rune) { fmt.Fprintf(f, "key %s", k.id) }

// Format prints a keyring as its key ids alone, whatever the verb, so that
// logging one by mistake never writes a key. Its receiver is a value so that
// a Keyring printed by value is covered as well as a *Keyring.
func (r Keyring) Format(f fmt.State, verb rune) {
	if len(r.keys) == 0 {
		fmt.Fprint(f, "secret.Keyring{}")
		return
	}
	fmt.Fprintf(f, "secret.Keyring{current: %s, keys: %s", r.CurrentID(), strings.Join(r.IDs(), " "))
	if len(r.audit) > 0 {
		fmt.Fprintf(f, ", audit: %s", strings.Join(r.AuditKeyIDs(), " "))
	}
	fmt.Fprint(f, "}")
}

// CurrentID returns the id of the key that seals new values, or "" for
// the zero Keyring, which holds no key.
func (r *Keyring) CurrentID() string {
	if len(r.keys) == 0 {
		return ""
	}
	return r.keys[0].id
}

// IDs returns the ids of every key, the current one first, in file order.
func (r *Keyring) IDs() []string {
	ids := make([]string, len(r.keys))
	for i, k := range r.keys {
		ids[i] = k.id
	}
	return ids
}

// CurrentOnly returns a keyring that holds only the current sealing key,
// and every audit key: audit keys are never retired. Write its Text once
// every stored value has been resealed with the current key, to retire the
// older sealing keys.
func (r *Keyring) CurrentOnly() *Keyring {
	if len(r.keys) == 0 {
		return r
	}
	return &Keyring{keys: r.keys[:1:1], byID: map[string]*key{r.keys[0].id: r.keys[0]}, audit: r.audit}
}

// fileHeader opens every key file rankfile writes, so that whoever opens
// one knows what it is, what the order means and what losing it costs.
const fileHeader = `# rankfile encryption keys: one key a line, "id base64key".
# The first key seals new values; every key opens values sealed with it.
# Keep this file private (chmod 600) and back it up apart from the database:
# without it, the sealed fields of every member are lost.
`

// auditHeader comes before the audit keys of a key file.
const auditHeader = `# Audit keys, "audit id base64key": the first keys new audit log entries
# and signs its heads. Never remove one: entries name the key that hashed them.
`

// Text returns the keyring in key file form: a header comment, one
// "id base64key" line per key, the current key first, then the audit keys
// as "audit id base64key" lines, the current one first.
func (r *Keyring) Text() string {
	var b strings.Builder
	b.WriteString(fileHeader)
	for _, k := range r.keys {
		fmt.Fprintf(&b, "%s %s\n", k.id, base64.StdEncoding.EncodeToString(k.secret()))
	}
	if len(r.audit) > 0 {
		b.WriteString(auditHeader)
	}
	for _, k := range r.audit {
		fmt.Fprintf(&b, "%s %s %s\n", auditLabel, k.id, base64.StdEncoding.EncodeToString(k.secret()))
	}
	return b.String()
}

// newKeyring builds a keyring from keys in order, the first one current.
func newKeyring(keys []*key) *Keyring {
	r := &Keyring{keys: keys, byID: make(map[string]*key, len(keys))}
	for _, k := range keys {
		r.byID[k.id] = k
	}
	return r
}

// newKey derives the sealing cipher of a key from its bytes.
func newKey(id string, secret []byte) (*key, error) {
	aesKey, err := hkdf.Key(sha256.New, secret, nil, sealInfo, 32)
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINTERNAL, "deriving the sealing key: %v", err)
	}
	block, err := aes.NewCipher(aesKey)
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINTERNAL, "making the AES cipher: %v", err)
	}
	aead, err := cipher.NewGCMWithRandomNonce(block)
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINTERNAL, "making the GCM cipher: %v", err)
	}
	return &key{id: id, secret: func() []byte { return secret }, aead: aead}, nil
}

// validID reports whether id may name a key: 1 to 32 ASCII letters, digits,
// hyphens or underscores. The colon, which separates the parts of a sealed
// value, is among the characters left out.
func validID(id string) bool {
	if id == "" || len(id) > maxIDLen {
		return false
	}
	for _, c := range []byte(id) {
		if !isIDByte(c) {
			return false
		}
	}
	return true
}

func isIDByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// derivedID names a key given without an id (a single base64 key in
// RANKFILE_KEY). It is a hash of the key, so the same key gets the same id
// wherever it is loaded, and a key file written from it keeps opening the
// values it sealed.
func derivedID(secret []byte) string {
	sum := sha256.Sum256(append([]byte("rankfile key id\x00"), secret...))
	return hex.EncodeToString(sum[:4])
}
