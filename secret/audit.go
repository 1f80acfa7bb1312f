package secret

import (
	"bytes"
	"crypto/ed25519"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"fmt"

	"github.com/rankfile/rankfile"
)

// Audit keys key the audit log's hash chain and sign its heads (see the
// package comment for the formats). They sit in the key file beside the
// keys that seal fields, on lines of their own, and are never retired: a
// rotation of the sealing keys carries them over, and every keyed entry
// names the audit key that hashed it, so that entries keyed before any
// change of keys still verify.

// auditLabel starts a key file line that holds an audit key.
const auditLabel = "audit"

// HKDF infos of what an audit key gives: one for the entries' HMAC key and
// one for the seed of the heads' Ed25519 key, so that neither key is ever
// used for the other's job.
const (
	auditMACInfo  = "rankfile audit v1: HMAC-SHA256 of audit entries"
	auditSignInfo = "rankfile audit v1: Ed25519 seed for audit heads"
)

// auditKey is an audit key: its id, its bytes (to write the key file out
// again), the HMAC key and the Ed25519 key derived from them. Like key, it
// keeps its secrets behind functions so that printing one never shows them.
type auditKey struct {
	id     string
	secret func() []byte
	mac    func() []byte
	signer func() ed25519.PrivateKey
	public ed25519.PublicKey
}

// Format prints an audit key as its id alone.
func (k auditKey) Format(f fmt.State, verb rune) { fmt.Fprintf(f, "audit key %s", k.id) }

// newAuditKey derives the HMAC and signing keys of an audit key.
func newAuditKey(id string, secret []byte) (*auditKey, error) {
	mac, err := hkdf.Key(sha256.New, secret, nil, auditMACInfo, 32)
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINTERNAL, "deriving the audit HMAC key: %v", err)
	}
	seed, err := hkdf.Key(sha256.New, secret, nil, auditSignInfo, ed25519.SeedSize)
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINTERNAL, "deriving the audit signing key: %v", err)
	}
	signer := ed25519.NewKeyFromSeed(seed)
	return &auditKey{id: id, secret: func() []byte { return secret }, mac: func() []byte { return mac },
		signer: func() ed25519.PrivateKey { return signer }, public: signer.Public().(ed25519.PublicKey)}, nil
}

// AuditKeyID returns the id of the audit key that keys new entries and
// signs heads, or "" when the keyring has no audit key (a key file written
// before audit keys existed, a bare key in RANKFILE_KEY, or no keyring).
func (r *Keyring) AuditKeyID() string {
	if r == nil || len(r.audit) == 0 {
		return ""
	}
	return r.audit[0].id
}

// AuditKeyIDs returns the ids of every audit key, the current one first.
func (r *Keyring) AuditKeyIDs() []string {
	if r == nil {
		return nil
	}
	ids := make([]string, len(r.audit))
	for i, k := range r.audit {
		ids[i] = k.id
	}
	return ids
}

// auditKeyByID returns the audit key id, or an EINVALID error saying the
// keyring lacks it.
func (r *Keyring) auditKeyByID(id string) (*auditKey, error) {
	for _, k := range r.auditKeys() {
		if k.id == id {
			return k, nil
		}
	}
	return nil, rankfile.Errorf(rankfile.EINVALID, "the key file holds no audit key %s", id)
}

func (r *Keyring) auditKeys() []*auditKey {
	if r == nil {
		return nil
	}
	return r.audit
}

// AuditMAC returns the HMAC-SHA256 of message under the HMAC key of audit
// key id. It returns EINVALID when the keyring has no such audit key.
func (r *Keyring) AuditMAC(id string, message []byte) ([]byte, error) {
	k, err := r.auditKeyByID(id)
	if err != nil {
		return nil, err
	}
	h := hmac.New(sha256.New, k.mac())
	h.Write(message)
	return h.Sum(nil), nil
}

// SignAudit signs message with the Ed25519 key of the current audit key
// (AuditKeyID). It returns EINVALID when the keyring has no audit key.
func (r *Keyring) SignAudit(message []byte) ([]byte, error) {
	if r.AuditKeyID() == "" {
		return nil, errNoAuditKey
	}
	return ed25519.Sign(r.audit[0].signer(), message), nil
}

// CheckAuditSignature checks a signature that names audit key id and its
// public key: the keyring must hold that audit key, its public key must be
// the one named, and the signature must be good for message. A head can
// carry any public key, so only the key derived from the key file says
// who signed. It returns EINVALID saying which check failed.
func (r *Keyring) CheckAuditSignature(id string, public, message, signature []byte) error {
	k, err := r.auditKeyByID(id)
	if err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "it names audit key %s, which the key file does not hold", id)
	}
	if !bytes.Equal(public, k.public) {
		return rankfile.Errorf(rankfile.EINVALID, "its public key is not that of audit key %s", id)
	}
	if !ed25519.Verify(k.public, message, signature) {
		return rankfile.Errorf(rankfile.EINVALID, "its signature is not audit key %s's signature of what it says", id)
	}
	return nil
}

// errNoAuditKey says what to do about a keyring without an audit key.
var errNoAuditKey = rankfile.Errorf(rankfile.EINVALID,
	"the key file holds no audit key: rankfile key add-audit adds one (key files made by rankfile key generate have one)")

// AuditPublicKey returns the Ed25519 public key of audit key id, with
// which anyone can check the heads it signed. It returns EINVALID when the
// keyring has no such audit key.
func (r *Keyring) AuditPublicKey(id string) (ed25519.PublicKey, error) {
	k, err := r.auditKeyByID(id)
	if err != nil {
		return nil, err
	}
	return k.public, nil
}

// GenerateAuditKey returns the text of a key file that holds every key of
// old and a new random audit key before old's audit keys: it keys the
// entries recorded from then on, and old's keep verifying the entries they
// keyed. It adds the first audit key to a key file written before audit
// keys existed, and replaces an audit key that may have leaked.
func GenerateAuditKey(old *Keyring) (string, error) {
	if old == nil || len(old.keys) == 0 {
		return "", rankfile.Errorf(rankfile.EINVALID, "an audit key is added to a key file: there is none")
	}
	k, err := generateAuditKey(old)
	if err != nil {
		return "", err
	}
	next := newKeyring(old.keys)
	next.audit = append([]*auditKey{k}, old.audit...)
	return next.Text(), nil
}

// generateAuditKey makes a random audit key with an id no audit key of
// old has.
func generateAuditKey(old *Keyring) (*auditKey, error) {
	for range 100 {
		k, err := generateKey(nil)
		if err != nil {
			return nil, err
		}
		if _, err := old.auditKeyByID(k.id); err != nil {
			return newAuditKey(k.id, k.secret())
		}
	}
	return nil, rankfile.Errorf(rankfile.EINTERNAL, "no free audit key id after 100 random tries")
}
