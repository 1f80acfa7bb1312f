package secret

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
)

// Parse reads a keyring from the text of a key file: one key a line, an id
// and the base64 of 32 bytes separated by spaces, the current key first;
// lines "audit id base64key" hold audit keys, the current one first; blank
// lines and lines starting with # are ignored. A text that is a single
// base64 key and nothing else (the short form of RANKFILE_KEY) is a
// keyring of that key alone, under an id derived from it, with no audit
// key. Source names where the text came from ("key file
// /etc/rankfile/keys", "RANKFILE_KEY") in error messages, which give line
// numbers but never key material.
func Parse(source, text string) (*Keyring, error) {
	text = strings.TrimPrefix(text, "\ufeff")
	if fields := strings.Fields(text); len(fields) == 1 && !strings.HasPrefix(fields[0], "#") {
		return parseBareKey(source, fields[0])
	}
	p := &parsing{source: source, where: map[string]int{}, auditWhere: map[string]int{}}
	for i, line := range strings.Split(text, "\n") {
		if err := p.line(i+1, line); err != nil {
			return nil, err
		}
	}
	if len(p.keys) == 0 {
		return nil, rankfile.Errorf(rankfile.EINVALID,
			"%s holds no key: it needs a line \"id base64key\" (a new key file can be generated)", source)
	}
	r := newKeyring(p.keys)
	r.audit = p.audit
	return r, nil
}

// parsing is a key file being read: the keys so far and where they were.
type parsing struct {
	source            string
	keys              []*key
	audit             []*auditKey
	where, auditWhere map[string]int // id -> line
	secrets           []parsedSecret
}

// parsedSecret is the bytes of a key read so far, to refuse the same key twice.
type parsedSecret struct {
	name  string // "a" for key a, "audit key b"
	line  int
	bytes []byte
}

// line reads line n of the file.
func (p *parsing) line(n int, line string) error {
	fields := strings.Fields(line)
	if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
		return nil
	}
	if fields[0] == auditLabel && len(fields) == 3 {
		return p.auditLine(n, fields[1], fields[2])
	}
	if len(fields) != 2 {
		return rankfile.Errorf(rankfile.EINVALID,
			"%s, line %d: expected a key id and a base64 key separated by a space (or \"audit\", an id and a key), found %s",
			p.source, n, countFields(len(fields)))
	}
	id, secret, err := p.decode(n, fields[0], fields[1])
	if err != nil {
		return err
	}
	if prev, dup := p.where[id]; dup {
		return rankfile.Errorf(rankfile.EINVALID,
			"%s, line %d: key id %s is already used on line %d; every key needs its own id", p.source, n, id, prev)
	}
	k, err := newKey(id, secret)
	if err == nil {
		err = p.remember(n, "key "+id, id, secret)
	}
	p.keys, p.where[id] = append(p.keys, k), n
	return err
}

// auditLine reads an "audit id base64key" line.
func (p *parsing) auditLine(n int, id, field string) error {
	id, secret, err := p.decode(n, id, field)
	if err != nil {
		return err
	}
	if prev, dup := p.auditWhere[id]; dup {
		return rankfile.Errorf(rankfile.EINVALID,
			"%s, line %d: audit key id %s is already used on line %d; every audit key needs its own id", p.source, n, id, prev)
	}
	k, err := newAuditKey(id, secret)
	if err == nil {
		err = p.remember(n, "audit key "+id, "audit key "+id, secret)
	}
	p.audit, p.auditWhere[id] = append(p.audit, k), n
	return err
}

// decode checks a line's id and decodes its key.
func (p *parsing) decode(n int, id, field string) (string, []byte, error) {
	if !validID(id) {
		// The id is not quoted: a line with its fields swapped would
		// otherwise put the key into the message.
		return "", nil, rankfile.Errorf(rankfile.EINVALID,
			"%s, line %d: the key id must be 1 to %d letters, digits, hyphens or underscores", p.source, n, maxIDLen)
	}
	secret, err := decodeKey(field)
	if err != nil {
		return "", nil, rankfile.Errorf(rankfile.EINVALID, "%s, line %d, key %s: %s", p.source, n, id, err.Error())
	}
	return id, secret, nil
}

// remember refuses a key whose bytes an earlier line already has (one key
// under two ids, or for two jobs, is almost always a line copied by
// mistake) and otherwise remembers it.
func (p *parsing) remember(n int, what, name string, secret []byte) error {
	for _, s := range p.secrets {
		if bytes.Equal(s.bytes, secret) {
			return rankfile.Errorf(rankfile.EINVALID,
				"%s, line %d: %s is the same key as %s on line %d", p.source, n, what, s.name, s.line)
		}
	}
	p.secrets = append(p.secrets, parsedSecret{name: name, line: n, bytes: secret})
	return nil
}

// parseBareKey reads the short form: one base64 key with no id.
func parseBareKey(source, field string) (*Keyring, error) {
	secret, err := decodeKey(field)
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "%s: %s", source, err.Error())
	}
	k, err := newKey(derivedID(secret), secret)
	if err != nil {
		return nil, err
	}
	return newKeyring([]*key{k}), nil
}

func countFields(n int) string {
	if n == 1 {
		return "1 field"
	}
	return fmt.Sprintf("%d fields", n)
}

// decodeKey decodes the base64 of one key. Its errors are plain messages for
// the caller to place, and never quote the text, which may be a key with a
// typo in it.
func decodeKey(field string) ([]byte, error) {
	secret, err := base64.StdEncoding.Strict().DecodeString(field)
	if err != nil {
		return nil, errors.New("the key is not valid base64 (standard alphabet with = padding, as from 'openssl rand -base64 32')")
	}
	if len(secret) != KeySize {
		return nil, fmt.Errorf("the key is %d bytes long; keys are %d random bytes (44 base64 characters)", len(secret), KeySize)
	}
	return secret, nil
}
