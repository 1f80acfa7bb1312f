package store

import (
	"context"
	"fmt"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
)

// CheckAudit walks the chain from the first entry: each entry must name
// the one before it and match its hash, keyed or plain, and no plain entry
// may follow a keyed one. Each head, once its signature is found good,
// must find the entry it names at its place. What is wrong goes in the
// check's Problem, the first thing found; the error is for a check that
// could not be made.
func (s *AuditService) CheckAudit(ctx context.Context, heads []*rankfile.AuditHead) (*rankfile.AuditCheck, error) {
	c := &chainCheck{ring: s.db.auditRing(), check: &rankfile.AuditCheck{Heads: len(heads)}}
	if err := c.signatures(heads); err != nil || c.check.Problem != "" {
		return c.check, err
	}
	if err := s.db.flushAudit(ctx); err != nil {
		return nil, err
	}
	rows, err := s.db.read.QueryContext(ctx, auditSelect+" ORDER BY id")
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	for rows.Next() && c.check.Problem == "" {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		if err := c.entry(e); err != nil {
			return c.check, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, s.db.translate(err)
	}
	c.finish()
	return c.check, nil
}

// chainCheck is a check of the chain under way.
type chainCheck struct {
	ring  *secret.Keyring
	check *rankfile.AuditCheck
	prev  string
	// at holds the heads by the number of entries they name.
	at map[int64][]*rankfile.AuditHead
}

// errNoAuditKeyToCheck says that keyed entries or heads need the key file.
func errNoAuditKeyToCheck(what string) error {
	return rankfile.Errorf(rankfile.EINVALID,
		"%s, and no audit key is set: give the key file that holds it (--key-file or RANKFILE_KEY) to check it", what)
}

// signatures checks every head's signature, and files the heads by place.
func (c *chainCheck) signatures(heads []*rankfile.AuditHead) error {
	c.at = map[int64][]*rankfile.AuditHead{}
	for _, h := range heads {
		if c.ring.AuditKeyID() == "" {
			return errNoAuditKeyToCheck(h.Describe() + " is signed with audit key " + h.KeyID)
		}
		if err := c.ring.CheckAuditSignature(h.KeyID, h.PublicKey, []byte(h.Message()), h.Signature); err != nil {
			c.check.Problem = fmt.Sprintf("%s is forged: %s", h.Describe(), rankfile.ErrorMessage(err))
			return nil
		}
		c.at[h.Entries] = append(c.at[h.Entries], h)
	}
	return nil
}

// entry checks the next entry of the chain.
func (c *chainCheck) entry(e *rankfile.AuditEntry) error {
	problem, err := c.hashProblem(e)
	if err != nil || problem != "" {
		c.check.Problem = problem
		return err
	}
	c.prev, c.check.Last = e.Hash, e
	c.check.Entries++
	if e.Keyed() {
		c.check.Keyed++
		if c.check.FirstKeyedID == 0 {
			c.check.FirstKeyedID = e.ID
		}
	}
	c.check.Problem = c.headProblem(e)
	return nil
}

// hashProblem says what is wrong with e's place in the chain or its hash.
func (c *chainCheck) hashProblem(e *rankfile.AuditEntry) (string, error) {
	if e.PrevHash != c.prev {
		return fmt.Sprintf("audit entry %d does not follow the entry before it: entries were removed, added or reordered", e.ID), nil
	}
	want := plainAuditHash(e)
	if e.Keyed() {
		id := keyedHashID(e.Hash)
		if c.ring.AuditKeyID() == "" {
			return "", errNoAuditKeyToCheck(fmt.Sprintf("audit entry %d is keyed with audit key %s", e.ID, id))
		}
		var err error
		if want, err = keyedAuditHash(c.ring, id, e); err != nil {
			return fmt.Sprintf("audit entry %d names audit key %s, which the key file does not hold: it was forged, or the key file is not the one that keyed the log", e.ID, id), nil
		}
	} else if c.check.Keyed > 0 {
		return fmt.Sprintf("audit entry %d is not keyed, but entries before it are: it was written by someone without the audit key", e.ID), nil
	}
	if want != e.Hash {
		return fmt.Sprintf("audit entry %d does not match its hash: it was changed", e.ID), nil
	}
	return "", nil
}

// headProblem checks the heads that name the place e is at.
func (c *chainCheck) headProblem(e *rankfile.AuditEntry) string {
	for _, h := range c.at[int64(c.check.Entries)] {
		if h.LastID != e.ID || h.Hash != e.Hash {
			return fmt.Sprintf("the audit log was rewritten: %s names entry %d with hash %s as the last, "+
				"but entry number %d is now entry %d with hash %s", h.Describe(), h.LastID, h.Hash, c.check.Entries, e.ID, e.Hash)
		}
	}
	delete(c.at, int64(c.check.Entries))
	return ""
}

// finish checks what only the whole log tells: that it is as long as every
// head says, and that it is keyed when the key file has an audit key.
func (c *chainCheck) finish() {
	if c.check.Problem != "" {
		return
	}
	for n, heads := range c.at {
		if n > int64(c.check.Entries) {
			c.check.Problem = fmt.Sprintf("the audit log was cut short: it holds %d entries, but %s held %d, the last entry %d",
				c.check.Entries, heads[0].Describe(), n, heads[0].LastID)
			return
		}
	}
	if id := c.ring.AuditKeyID(); id != "" && c.check.Entries > 0 && c.check.Keyed == 0 {
		c.check.Problem = fmt.Sprintf("none of the audit log's %d entries is keyed, though the key file holds audit key %s: "+
			"the log was rewritten by someone without the key, unless nothing has been recorded since the key was added "+
			"(the next entry recorded keys the log)", c.check.Entries, id)
	}
}
