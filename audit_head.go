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
	Entries int64  // how many entries the log held
	LastID  int64  // the id of the last of them; 0 for an empty log
	Hash    string // the hash of the last of them; "" for an empty log
	// Views is the head of the log of views (see AuditViewLog), in heads
	// of version 2; nil in a head of version 1, taken when views were
	// chained into the one log.
	Views     *AuditChainHead
	At        time.Time // when the head was taken, to the second
	KeyID     string    // the audit key that signed it
	PublicKey []byte    // the Ed25519 public key of that audit key
	Signature []byte    // the Ed25519 signature of Message
}

// AuditChainHead is one log's part of a head: how many entries it held,
// and the id and hash of the last.
type AuditChainHead struct {
	Entries int64
	LastID  int64
	Hash    string
}

// auditHeadPrefix opens every head: what it is, and then its format's
// version, "v1" or "v2".
const auditHeadPrefix = "rankfile-audit-head"

// Message returns the signed part of the head's line: all of it up to the
// signature.
func (h *AuditHead) Message() string {
	version, views := " v1", ""
	if h.Views != nil {
		version = " v2"
		views = " views=" + strconv.FormatInt(h.Views.Entries, 10) +
			" views-last=" + strconv.FormatInt(h.Views.LastID, 10) + " views-hash=" + h.Views.Hash
	}
	return auditHeadPrefix + version + " entries=" + strconv.FormatInt(h.Entries, 10) +
		" last=" + strconv.FormatInt(h.LastID, 10) + " hash=" + h.Hash + views +
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
	fields := auditHeadFields
	rest, ok := strings.CutPrefix(line, auditHeadPrefix+" v2 ")
	if !ok {
		fields = auditHeadFieldsV1
		rest, ok = strings.CutPrefix(line, auditHeadPrefix+" v1 ")
	}
	if !ok {
		return nil, Errorf(EINVALID, "not an audit head: it should start with %q or %q", auditHeadPrefix+" v2", auditHeadPrefix+" v1")
	}
	v, err := headFields(rest, fields)
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
var auditHeadFields = []string{"entries", "last", "hash", "views", "views-last", "views-hash", "at", "key", "public-key", "signature"}

// auditHeadFieldsV1 are those of a head of version 1, which has no views.
var auditHeadFieldsV1 = []string{"entries", "last", "hash", "at", "key", "public-key", "signature"}

// headFields splits "name=value ..." into a value for each of names, in
// their order, filed by name.
func headFields(s string, names []string) (map[string]string, error) {
	parts := strings.Split(s, " ")
	if len(parts) != len(names) {
		return nil, Errorf(EINVALID, "an audit head has %d fields after its version, not %d", len(parts), len(names))
	}
	values := make(map[string]string, len(parts))
	for i, p := range parts {
		name, value, ok := strings.Cut(p, "=")
		if !ok || name != names[i] {
			return nil, Errorf(EINVALID, "an audit head's field %d should be %s=", i+1, names[i])
		}
		values[name] = value
	}
	return values, nil
}

// headFromFields reads the values of a head's fields.
func headFromFields(v map[string]string) (*AuditHead, error) {
	var err error
	bad := func(name string, e error) {
		if e != nil && err == nil {
			err = Errorf(EINVALID, "an audit head's %s is not valid", name)
			if e == errHeadCount {
				err = e
			}
		}
	}
	h := &AuditHead{KeyID: v["key"]}
	var e error
	main, e := chainHeadFromFields(v["entries"], v["last"], v["hash"])
	bad("entries, last or hash", e)
	if main != nil {
		h.Entries, h.LastID, h.Hash = main.Entries, main.LastID, main.Hash
	}
	if _, ok := v["views"]; ok {
		h.Views, e = chainHeadFromFields(v["views"], v["views-last"], v["views-hash"])
		bad("views", e)
	}
	h.At, e = time.Parse(time.RFC3339, v["at"])
	bad("at", e)
	h.PublicKey, e = base64.StdEncoding.Strict().DecodeString(v["public-key"])
	bad("public-key", e)
	h.Signature, e = base64.StdEncoding.Strict().DecodeString(v["signature"])
	bad("signature", e)
	if err != nil {
		return nil, err
	}
	return h, nil
}

// errHeadCount refuses a log's count and hash that do not go together.
var errHeadCount = Errorf(EINVALID, "an audit head's count and hash do not go together")

// chainHeadFromFields reads one log's count, last id and hash.
func chainHeadFromFields(entries, last, hash string) (*AuditChainHead, error) {
	c := &AuditChainHead{Hash: hash}
	var err error
	if c.Entries, err = strconv.ParseInt(entries, 10, 64); err != nil {
		return nil, err
	}
	if c.LastID, err = strconv.ParseInt(last, 10, 64); err != nil {
		return nil, err
	}
	if c.Entries < 0 || (c.Entries == 0) != (c.Hash == "") {
		return nil, errHeadCount
	}
	return c, nil
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
	views := ""
	if h.Views != nil {
		views = ", " + strconv.FormatInt(h.Views.Entries, 10) + " views"
	}
	return "the head of " + h.At.UTC().Format(time.RFC3339) + " (" + strconv.FormatInt(h.Entries, 10) + " entries" + views + ")"
}
