// Package secret encrypts members' sensitive fields (race, accommodations)
// at rest, with keys kept outside the database.
//
// A Keyring comes from a key file or from the RANKFILE_KEY environment
// variable. Keyring.Seal turns a field into "v1:<key id>:<data>", AES-256-GCM
// under a random nonce, bound to a context that names its column and row;
// Keyring.Open reverses it, for that context only.
//
// What it protects against: anyone who gets the database without the key
// (a copied SQLite file, a stolen backup or dump, an SQL injection that reads
// the table) sees only ciphertext, and cannot move a sealed value to another
// member's row or another column without Open refusing it. What it does not:
// anyone who gets the key as well (a stolen server or disk holding the key
// file, the environment of the process, the memory of the running server, an
// administrator of the server), and anything the server shows on a page to a
// user entitled to see it. It does not hide which fields are empty or roughly
// how long a value is, and someone able to write to the database can blank a
// field or put back an older value sealed for the same row and column.
//
// Format, for recovering data from the key file and this description alone:
// each 32-byte key in the file gives an AES-256 key by HKDF-SHA256 (no salt,
// info "rankfile secret v1: AES-256-GCM for sealed fields"); the data is the
// 12-byte random nonce, the ciphertext and the 16-byte tag, in unpadded URL
// base64; the additional data is "v1:<key id>", a NUL byte, and the context.
// Random nonces allow about 2^32 values per key, far beyond any
// organization's rows times rotations.
//
// Rotation: GenerateKeyFile with the keyring in use returns a key file with
// a new current key first and the old keys kept, which WriteFile puts in
// place; once the server has loaded it, new values are sealed with the new
// key while old ones still open. A pass over the table then calls Reseal on
// every sealed value for which NeedsRotation is true, row by row, while the
// server keeps working. When none is left, the text of CurrentOnly written
// with WriteFile retires the old keys. Replacing a key file with one that
// lacks its current key is refused, because every value sealed with that key
// would be lost.
package secret
