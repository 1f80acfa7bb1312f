package rankfile

import (
	"bytes"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// AuditHead is what the audit log held at a moment, signed with the audit
// key: how many entries, and the id and hash of the last. Whoever keeps a
// head can later show that the log held that entry at that place, since
// every entry's hash covers all the entries before it; the secret package's
// documentation describes its line format and signature.
type AuditHead struct {
	Entries   int64     // how many entries the log held
	LastID    int64     // the id of the last of them; 0 for an empty log
	Hash      string    // the hash of the last of them; "" for an empty log
	At        time.Time // when the head was taken, to the second
	KeyID     string    // the audit key that signed it
	PublicKey []byte    // the Ed25519 public key of that audit key
	Signature []byte    // the Ed25519 signature of Message
}

// auditHeadPrefix opens every head: what it is and its format's version.
const auditHeadPrefix = "rankfile-audit-head v1"

// Message returns the signed part of the head's line: all of it up to the
// signature.
func (h *AuditHead) Message() string {
	return auditHeadPrefix + " entries=" + strconv.FormatInt(h.Entries, 10) +
		" last=" + strconv.FormatInt(h.LastID, 10) + " hash=" + h.Hash +
		" at=" + h.At.UTC().Format(time.RFC3339) + " key=" + h.KeyID +
		" public-key=" + base64.StdEncoding.EncodeToString(h.PublicKey)
}

// String returns the head as one line of text, without a line end.
func (h *AuditHead) String() string {
	return h.Message() + " signature=" + base64.StdEncoding.EncodeToString(h.Signature)
}

// ParseAuditHead reads a head from its line, as String writes it. It
// returns EINVALID for anything String could not have written; the
// signature is not checked here, since that needs the audit key.
func ParseAuditHead(line string) (*AuditHead, error) {
	line = strings.TrimRight(line, "\r\n")
	rest, ok := strings.CutPrefix(line, auditHeadPrefix+" ")
	if !ok {
		return nil, Errorf(EINVALID, "not an audit head: it should start with %q", auditHeadPrefix)
	}
	v, err := headFields(rest)
	if err != nil {
		return nil, err
	}
	h, err := headFromFields(v)
	if err != nil {
		return nil, err
	}
	if h.String() != line {
		return nil, Errorf(EINVALID, "not an audit head as rankfile writes it: a field is spelled another way")
	}
	return h, nil
}

// auditHeadFields are the fields of a head's line, in their order.
var auditHeadFields = []string{"entries", "last", "hash", "at", "key", "public-key", "signature"}

// headFields splits "name=value ..." into the values of auditHeadFields.
func headFields(s string) ([]string, error) {
	parts := strings.Split(s, " ")
	if len(parts) != len(auditHeadFields) {
		return nil, Errorf(EINVALID, "an audit head has %d fields after its version, not %d", len(parts), len(auditHeadFields))
	}
	values := make([]string, len(parts))
	for i, p := range parts {
		name, value, ok := strings.Cut(p, "=")
		if !ok || name != auditHeadFields[i] {
			return nil, Errorf(EINVALID, "an audit head's field %d should be %s=", i+1, auditHeadFields[i])
		}
		values[i] = value
	}
	return values, nil
}

// headFromFields reads the values of auditHeadFields.
func headFromFields(v []string) (*AuditHead, error) {
	h := &AuditHead{Hash: v[2], KeyID: v[4]}
	var err error
	bad := func(name string, e error) bool {
		if e != nil && err == nil {
			err = Errorf(EINVALID, "an audit head's %s is not valid", name)
		}
		return e != nil
	}
	var e error
	h.Entries, e = strconv.ParseInt(v[0], 10, 64)
	bad("entries", e)
	h.LastID, e = strconv.ParseInt(v[1], 10, 64)
	bad("last", e)
	h.At, e = time.Parse(time.RFC3339, v[3])
	bad("at", e)
	h.PublicKey, e = base64.StdEncoding.Strict().DecodeString(v[5])
	bad("public-key", e)
	h.Signature, e = base64.StdEncoding.Strict().DecodeString(v[6])
	if bad("signature", e) || err != nil {
		return nil, err
	}
	if h.Entries < 0 || (h.Entries == 0) != (h.Hash == "") {
		return nil, Errorf(EINVALID, "an audit head's count and hash do not go together")
	}
	return h, nil
}

// ParseAuditHeads reads a file of heads, one a line, as the server appends
// them; blank lines and lines starting with # are skipped. An error names
// the line.
func ParseAuditHeads(text []byte) ([]*AuditHead, error) {
	var heads []*AuditHead
	for i, line := range bytes.Split(text, []byte("\n")) {
		s := strings.TrimSpace(string(line))
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		h, err := ParseAuditHead(s)
		if err != nil {
			return nil, Errorf(EINVALID, "line %d: %s", i+1, ErrorMessage(err))
		}
		heads = append(heads, h)
	}
	if len(heads) == 0 {
		return nil, Errorf(EINVALID, "no audit head found")
	}
	return heads, nil
}

// Describe names the head in messages: its time and count.
func (h *AuditHead) Describe() string {
	return "the head of " + h.At.UTC().Format(time.RFC3339) + " (" + strconv.FormatInt(h.Entries, 10) + " entries)"
}
