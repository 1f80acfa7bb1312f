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
// blank lines and lines starting with # are ignored. A text that is a
// single base64 key and nothing else (the short form of RANKFILE_KEY) is a
// keyring of that key alone, under an id derived from it. Source names where
// the text came from ("key file /etc/rankfile/keys", "RANKFILE_KEY") in
// error messages, which give line numbers but never key material.
func Parse(source, text string) (*Keyring, error) {
	text = strings.TrimPrefix(text, "\ufeff")
	if fields := strings.Fields(text); len(fields) == 1 && !strings.HasPrefix(fields[0], "#") {
		return parseBareKey(source, fields[0])
	}
	var keys []*key
	where := map[string]int{} // id -> line
	for i, line := range strings.Split(text, "\n") {
		k, err := parseLine(source, i+1, line)
		if err != nil {
			return nil, err
		}
		if k == nil {
			continue
		}
		if err := checkUnique(source, i+1, k, keys, where); err != nil {
			return nil, err
		}
		keys = append(keys, k)
		where[k.id] = i + 1
	}
	if len(keys) == 0 {
		return nil, rankfile.Errorf(rankfile.EINVALID,
			"%s holds no key: it needs a line \"id base64key\" (a new key file can be generated)", source)
	}
	return newKeyring(keys), nil
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

// parseLine reads one line of a key file: nil for a blank or comment line.
func parseLine(source string, n int, line string) (*key, error) {
	line = strings.TrimSpace(line)
	if line == "" || strings.HasPrefix(line, "#") {
		return nil, nil
	}
	fields := strings.Fields(line)
	if len(fields) != 2 {
		return nil, rankfile.Errorf(rankfile.EINVALID,
			"%s, line %d: expected a key id and a base64 key separated by a space, found %s", source, n, countFields(len(fields)))
	}
	if !validID(fields[0]) {
		// The id is not quoted: a line with its fields swapped would
		// otherwise put the key into the message.
		return nil, rankfile.Errorf(rankfile.EINVALID,
			"%s, line %d: the key id must be 1 to %d letters, digits, hyphens or underscores", source, n, maxIDLen)
	}
	secret, err := decodeKey(fields[1])
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "%s, line %d, key %s: %s", source, n, fields[0], err.Error())
	}
	return newKey(fields[0], secret)
}

func countFields(n int) string {
	if n == 1 {
		return "1 field"
	}
	return fmt.Sprintf("%d fields", n)
}

// checkUnique refuses a key whose id or bytes an earlier line already has:
// two keys under one id would make opening ambiguous, and one key under two
// ids is almost always a line copied by mistake.
func checkUnique(source string, n int, k *key, keys []*key, where map[string]int) error {
	if prev, dup := where[k.id]; dup {
		return rankfile.Errorf(rankfile.EINVALID,
			"%s, line %d: key id %s is already used on line %d; every key needs its own id", source, n, k.id, prev)
	}
	for _, other := range keys {
		if bytes.Equal(other.secret(), k.secret()) {
			return rankfile.Errorf(rankfile.EINVALID,
				"%s, line %d: key %s is the same key as %s on line %d", source, n, k.id, other.id, where[other.id])
		}
	}
	return nil
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
