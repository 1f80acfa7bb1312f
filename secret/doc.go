// Package secret encrypts members' sensitive fields (race, accommodations)
// at rest, with keys kept outside the database, and holds the audit keys
// that key the audit log's hash chain and sign its heads.
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
//
// # Audit keys
//
// A key file may also hold audit keys, on lines "audit <id> <base64key>"
// (the id and key as above); the first is current. Audit keys are never
// retired: rotation carries them over, WriteFile refuses a text that drops
// one, and GenerateAuditKey puts a new one first (rankfile key add-audit),
// after which the older ones still check what they keyed. A bare key in
// RANKFILE_KEY has none.
//
// What they protect against: the audit log is append-only in the database,
// but whoever can write the database can drop that guard. Entries recorded
// with an audit key carry an HMAC under it, so without the key nobody can
// produce entries that verify, or rewrite the log after a change: verify
// fails. A cut-off tail leaves a chain that verifies; heads, signed counts
// and hashes kept outside the database, catch it. What they do not protect
// against: whoever has the key file can rewrite the log and sign heads for
// it, except that heads kept outside before then still disagree with it.
//
// Format, for checking the log from the key file and this description:
//
// An audit key's 32 bytes give two keys by HKDF-SHA256 with no salt: a
// 32-byte HMAC key (info "rankfile audit v1: HMAC-SHA256 of audit
// entries") and a 32-byte Ed25519 seed (info "rankfile audit v1: Ed25519
// seed for audit heads"; the key pair is RFC 8032's from that seed).
//
// There are two logs, each a chain of its own, read in id order: the
// main log (table audit_log of the database) and, with SQLite, the log of
// views (table entries of the file beside the database named as it is
// with "-audit-views" after; its at column is already in microseconds and
// its 0 ids name nobody). Each entry's prev_hash is the hash of the entry
// before it in its log; the main log's first entry follows "", and the
// log of views' first follows "views:<id>", where id is the file's own id
// (table view_log), so that neither log's entries pass for the other's.
// The main log anchors the log of views: its entries of action
// anchor_views have the detail "log=<id> views=<n> last=<id> hash=<hash>",
// the log of views' head when the anchor was written, checked as a head's
// part for the log of views is; an entry of action new_view_log says a log
// of views was lost. A keyed entry's
// hash is "hmac-sha256:<audit key id>:" and the lowercase hex of the
// HMAC-SHA256, under that audit key's HMAC key, of seven netstrings
// ("<length in bytes, decimal>:<bytes>,"), in this order: the entry's time
// as microseconds since 1970-01-01 UTC in decimal, actor_id in decimal (0
// when empty), actor, action, subject_id in decimal (0 when empty), detail
// and prev_hash, the text fields as their UTF-8 bytes. An entry recorded
// before there was an audit key is plain: its hash is the lowercase hex
// SHA-256 of the compact JSON object {"at","actor_id","actor","action",
// "subject_id","detail","prev_hash"} in that order, as Go's encoding/json
// writes it (at in RFC 3339 UTC with the fraction's trailing zeros dropped,
// ids 0 when empty, and <, > and & escaped as <, > and &).
// No plain entry may follow a keyed one, and a log checked with a key file
// that has an audit key must hold a keyed entry unless it is empty.
//
// A head is one line:
//
//	rankfile-audit-head v2 entries=<n> last=<id> hash=<hash> views=<n> views-last=<id> views-hash=<hash> at=<time> key=<audit key id> public-key=<base64> signature=<base64>
//
// where n is how many entries the main log held, id and hash are those of
// the n-th entry in id order (0 and empty for an empty log), views,
// views-last and views-hash say the same of the log of views (0, 0 and
// empty where there is none), the time is RFC
// 3339 UTC to the second, and public-key (32 bytes) and signature (64
// bytes) are in standard base64 with padding. The signature is Ed25519, by
// the named audit key's key pair, of the line's bytes before
// " signature=". A head checks a log when its signature is good under the
// public key derived from the key file (the public key in the head proves
// nothing by itself: anyone can sign with a key of their own; compare it
// with one published earlier) and each log still has at least as many
// entries as the head says, the last of them with that id and hash. Heads
// of version 1 ("rankfile-audit-head v1", without the three views fields)
// were written when views were chained into the main log, and name the
// main log alone.
package secret
