package store

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// What rankfile makes at random: secrets stored only as their hashes,
// codes typed on a phone, and ids that say nothing of when or in what order
// they were made.

// newSecret returns a random secret and the hash to store.
func newSecret(prefix string) (secret, hash string) {
	b := make([]byte, 32)
	rand.Read(b) // crypto/rand.Read never fails
	secret = prefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, hashSecret(secret)
}

// hashSecret is what is stored of a secret: its SHA-256, in hex. A
// secret is random and long, so it needs no salt or slow hash.
func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// codeAlphabet writes session codes without letters and digits that are
// read one for another (0 and O, 1 and I).
const codeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// sessionCode makes a six-character code to type on a phone.
func sessionCode() string {
	b := make([]byte, 6)
	rand.Read(b) // crypto/rand.Read never fails
	for i := range b {
		b[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	return string(b)
}

// randomHex returns n random bytes in hex: ids that say nothing of when
// or in what order they were made.
func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}
