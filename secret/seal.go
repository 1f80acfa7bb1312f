package secret

import (
	"encoding/base64"
	"strings"

	"github.com/rankfile/rankfile"
)

// prefix starts every sealed value: the format version, then a colon. A
// later format would take another version so that old values stay readable.
const prefix = "v1:"

// encoding writes the nonce and ciphertext of a sealed value. The URL
// alphabet without padding keeps the value free of characters that need
// quoting in SQL, URLs or CSV.
var encoding = base64.RawURLEncoding

// overhead is what sealing adds to a plaintext: a 12-byte random nonce and
// a 16-byte GCM tag.
const overhead = 12 + 16

// Seal encrypts plaintext with the current key and returns text to store in
// place of it: "v1:<key id>:<base64 of nonce and ciphertext>". Context names
// the place the value belongs to, a column and a row such as
// "member_sensitive.race:123"; the value opens only for the same context, so
// that a sealed value copied to another row or column does not open there.
// The empty plaintext seals to "", so that a field with no value stays
// plainly empty and costs nothing. Seal returns EINTERNAL for an empty
// context or a keyring with no key, both mistakes of the caller.
func (r *Keyring) Seal(plaintext, context string) (string, error) {
	if err := r.check(context); err != nil {
		return "", err
	}
	if plaintext == "" {
		return "", nil
	}
	k := r.keys[0]
	data := k.aead.Seal(nil, nil, []byte(plaintext), additionalData(k.id, context))
	return prefix + k.id + ":" + encoding.EncodeToString(data), nil
}

// Open decrypts a value made by Seal for the same context, with whichever
// key of the keyring sealed it. Open("") returns "". It returns EINVALID for
// a value that is not in the sealed format, that names a key the keyring
// does not have, or that does not open (altered, or sealed for another
// context); the messages name the key id and the context but never include
// the plaintext, the sealed data or a key. Like Seal, it returns EINTERNAL
// for an empty context or a keyring with no key.
func (r *Keyring) Open(sealed, context string) (string, error) {
	if err := r.check(context); err != nil {
		return "", err
	}
	if sealed == "" {
		return "", nil
	}
	id, data, err := parseSealed(sealed)
	if err != nil {
		return "", err
	}
	k, ok := r.byID[id]
	if !ok {
		return "", rankfile.Errorf(rankfile.EINVALID,
			"the value was sealed with key %s, which the keyring does not have: was the key file replaced instead of rotated?", id)
	}
	plaintext, err := k.aead.Open(nil, nil, data, additionalData(id, context))
	if err != nil {
		return "", rankfile.Errorf(rankfile.EINVALID,
			"the value sealed with key %s does not open for %q: it was altered, or it belongs to another field or row", id, context)
	}
	return string(plaintext), nil
}

// NeedsRotation reports whether sealed should be resealed: it is a value
// sealed with a key other than the current one, or it is not a sealed value
// at all, so that a pass over the table visits it and Open reports what is
// wrong with it rather than the pass skipping it in silence. The empty
// value needs nothing.
func (r *Keyring) NeedsRotation(sealed string) bool {
	if sealed == "" {
		return false
	}
	id, _, err := parseSealed(sealed)
	return err != nil || len(r.keys) == 0 || id != r.keys[0].id
}

// Reseal returns sealed as sealed with the current key: unchanged if it
// already is, otherwise opened with its own key and sealed again. A
// rotation runs it over every sealed field, row by row.
func (r *Keyring) Reseal(sealed, context string) (string, error) {
	if err := r.check(context); err != nil {
		return "", err
	}
	if !r.NeedsRotation(sealed) {
		return sealed, nil
	}
	plaintext, err := r.Open(sealed, context)
	if err != nil {
		return "", err
	}
	return r.Seal(plaintext, context)
}

// check refuses to work without a key or without a context: a value sealed
// with no context could be moved to any row.
func (r *Keyring) check(context string) error {
	if r == nil || len(r.keys) == 0 {
		return rankfile.Errorf(rankfile.EINTERNAL, "sealing fields needs a keyring loaded from a key file or RANKFILE_KEY")
	}
	if context == "" {
		return rankfile.Errorf(rankfile.EINTERNAL, "sealing a field needs a context naming its column and row")
	}
	return nil
}

// additionalData is what GCM authenticates beside the ciphertext: the
// format, the key id and the caller's context. The key id cannot hold a NUL
// byte, so the context, last, cannot be confused with the parts before it.
func additionalData(id, context string) []byte {
	return []byte(prefix + id + "\x00" + context)
}

// parseSealed splits a sealed value into its key id and data, refusing
// anything Seal could not have written. Encodings are compared after a
// round trip so that no second spelling of a sealed value (line breaks,
// stray bits) opens too.
func parseSealed(sealed string) (id string, data []byte, err error) {
	rest, ok := strings.CutPrefix(sealed, prefix)
	if !ok {
		return "", nil, notSealed(sealed)
	}
	id, body, ok := strings.Cut(rest, ":")
	if !ok || !validID(id) {
		return "", nil, rankfile.Errorf(rankfile.EINVALID, "the value is not sealed: expected v1:<key id>:<data>")
	}
	data, err = encoding.DecodeString(body)
	if err != nil || encoding.EncodeToString(data) != body {
		return "", nil, rankfile.Errorf(rankfile.EINVALID, "the value sealed with key %s is damaged: its data is not valid base64", id)
	}
	if len(data) < overhead {
		return "", nil, rankfile.Errorf(rankfile.EINVALID, "the value sealed with key %s is damaged: it is too short", id)
	}
	return id, data, nil
}

// notSealed describes a value without the v1 prefix. A value in a later
// format gets its version named, so that a server older than the data says
// so; nothing else of the value is repeated, since it may be a plaintext.
func notSealed(sealed string) error {
	version, _, ok := strings.Cut(sealed, ":")
	if ok && len(version) > 1 && len(version) <= 4 && version[0] == 'v' && allDigits(version[1:]) {
		return rankfile.Errorf(rankfile.EINVALID,
			"the value is sealed in format %s, which this version of rankfile cannot read", version)
	}
	return rankfile.Errorf(rankfile.EINVALID, "the value is not sealed: expected v1:<key id>:<data>")
}

func allDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
