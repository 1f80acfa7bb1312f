package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
)

// The audit log's entries are hashed two ways. Entries recorded with an
// audit key in the key file are keyed: the hash is an HMAC-SHA256 under
// that key, written "hmac-sha256:<key id>:<hex>", so that nobody without
// the key can compute one, and a log rewritten by someone who can write
// the database but has no key does not verify. Entries recorded before
// there was an audit key are plain SHA-256 (hex): the log is append-only,
// so they stay as they were and are verified as before. Once an entry is
// keyed, every later one must be. The secret package's documentation
// describes both, for auditors.

// errAuditKeyNeeded refuses to chain a plain entry after a keyed one.
var errAuditKeyNeeded = rankfile.Errorf(rankfile.EINVALID,
	"the audit log is keyed and no audit key is set: give the key file that keys it "+
		"(--key-file or RANKFILE_KEY); an entry without it would break the chain")

// auditRing returns the keyring in use, or nil.
func (db *DB) auditRing() *secret.Keyring {
	if db.Keys == nil {
		return nil
	}
	return db.Keys.Keyring()
}

// hashAudit hashes an entry about to be chained after e.PrevHash: keyed
// with the current audit key when there is one, plain otherwise, unless
// the entry before is keyed, which only a keyed entry may follow.
func hashAudit(ring *secret.Keyring, e *rankfile.AuditEntry) (string, error) {
	if id := ring.AuditKeyID(); id != "" {
		return keyedAuditHash(ring, id, e)
	}
	if strings.HasPrefix(e.PrevHash, rankfile.AuditKeyedPrefix) {
		return "", errAuditKeyNeeded
	}
	return plainAuditHash(e), nil
}

// keyedAuditHash is the entry's hash under audit key id.
func keyedAuditHash(ring *secret.Keyring, id string, e *rankfile.AuditEntry) (string, error) {
	mac, err := ring.AuditMAC(id, auditMessage(e))
	if err != nil {
		return "", err
	}
	return rankfile.AuditKeyedPrefix + id + ":" + hex.EncodeToString(mac), nil
}

// auditMessage is what a keyed hash covers: the entry's fields (all but
// its own id and hash), each as a netstring ("<length>:<bytes>,"), in a
// fixed order, the time in microseconds since 1970 UTC and ids in decimal
// (0 for none). Lengths make the encoding unambiguous in any language.
func auditMessage(e *rankfile.AuditEntry) []byte {
	b := make([]byte, 0, 96+len(e.Actor)+len(e.Action)+len(e.Detail)+len(e.PrevHash))
	for _, f := range [...]string{strconv.FormatInt(e.At.UnixMicro(), 10), strconv.FormatInt(e.ActorID, 10),
		e.Actor, e.Action, strconv.FormatInt(e.SubjectID, 10), e.Detail, e.PrevHash} {
		b = strconv.AppendInt(b, int64(len(f)), 10)
		b = append(b, ':')
		b = append(b, f...)
		b = append(b, ',')
	}
	return b
}

// keyedHashID returns the audit key id a keyed hash names.
func keyedHashID(hash string) string {
	id, _, _ := strings.Cut(strings.TrimPrefix(hash, rankfile.AuditKeyedPrefix), ":")
	return id
}

// plainAuditHash is the SHA-256 of the entry's fields (all but its own id
// and hash) in a fixed JSON form, the previous entry's hash among them: the
// hash of the entries recorded before there was an audit key.
func plainAuditHash(e *rankfile.AuditEntry) string {
	b, err := json.Marshal(struct {
		At        string `json:"at"`
		ActorID   int64  `json:"actor_id"`
		Actor     string `json:"actor"`
		Action    string `json:"action"`
		SubjectID int64  `json:"subject_id"`
		Detail    string `json:"detail"`
		PrevHash  string `json:"prev_hash"`
	}{e.At.UTC().Format(time.RFC3339Nano), e.ActorID, e.Actor, e.Action, e.SubjectID, e.Detail, e.PrevHash})
	if err != nil {
		panic(err) // strings and numbers always encode
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
