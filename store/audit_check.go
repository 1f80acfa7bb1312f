package store

import (
	"context"
	"fmt"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
)

// CheckAudit walks each log's chain from its first entry: each entry must
// name the one before it and match its hash, keyed or plain, and no plain
// entry may follow a keyed one. Each head, once its signature is found
// good, must find the entry it names at its place in each log it names
// (heads of version 1 name only the main log). What is wrong goes in the
// check's Problem, the first thing found; the error is for a check that
// could not be made.
func (s *AuditService) CheckAudit(ctx context.Context, heads []*rankfile.AuditHead) (*rankfile.AuditCheck, error) {
	ring := s.db.auditRing()
	main := newChainCheck(ring, len(heads), "the audit log", mainEntryName)
	if err := main.signatures(heads); err != nil || main.check.Problem != "" {
		return main.check, err
	}
	main.file(heads, mainChainHead)
	anchors := &anchorCheck{}
	if s.db.views != nil {
		anchors.logID = s.db.views.id
	}
	if err := s.walkMain(ctx, main, anchors); err != nil || main.check.Problem != "" {
		return main.check, err
	}
	main.finish()
	if s.db.views == nil || main.check.Problem != "" {
		return main.check, nil
	}
	views, err := s.checkViews(ctx, heads, anchors)
	if err != nil {
		return nil, err
	}
	main.check.Views, main.check.Problem = views, views.Problem
	return main.check, nil
}

// checkViews checks the log of views' chain, against the heads and the
// anchors of the main log.
func (s *AuditService) checkViews(ctx context.Context, heads []*rankfile.AuditHead, anchors *anchorCheck) (*rankfile.AuditCheck, error) {
	views := newChainCheck(s.db.auditRing(), len(heads), "the log of views", viewEntryName)
	views.prev = s.db.views.genesis()
	views.file(heads, func(h *rankfile.AuditHead) *rankfile.AuditChainHead { return h.Views })
	for _, a := range anchors.found {
		views.at[a.part.Entries] = append(views.at[a.part.Entries], a)
	}
	err := s.db.views.walk(ctx, func(e *rankfile.AuditEntry) (bool, error) {
		err := views.entry(e) // before the test of Problem, which it may set
		return views.check.Problem == "", err
	})
	if err != nil {
		return nil, err
	}
	views.finish()
	return views.check, nil
}

// anchorCheck gathers, from the main log, the anchors of the current log
// of views (see audit_view_anchor.go), and says what is wrong with the
// ones it finds.
type anchorCheck struct {
	logID string // the current log of views; "" where there is none
	found []headPart
}

// see looks at an entry of the main log, and returns a problem for an
// anchor that cannot be read or for a log of views that was lost.
func (a *anchorCheck) see(e *rankfile.AuditEntry) string {
	switch e.Action {
	case rankfile.AuditNewViewLog:
		return fmt.Sprintf("audit entry %d says the log of views was lost and a new one started: the views it held are gone (%s)", e.ID, e.Detail)
	case rankfile.AuditAnchorViews:
		id, head, ok := parseAnchor(e.Detail)
		if !ok {
			return fmt.Sprintf("audit entry %d anchors the log of views, but its detail cannot be read", e.ID)
		}
		if id == a.logID {
			a.found = append(a.found, headPart{what: mainEntryName(e.ID), part: head})
		}
	}
	return ""
}

// walkMain checks the main log's entries in id order, and gathers the
// anchors of the log of views.
func (s *AuditService) walkMain(ctx context.Context, c *chainCheck, anchors *anchorCheck) error {
	rows, err := s.db.read.QueryContext(ctx, auditSelect+" ORDER BY id")
	if err != nil {
		return s.db.translate(err)
	}
	defer rows.Close()
	for rows.Next() && c.check.Problem == "" {
		e, err := scanAudit(rows)
		if err != nil {
			return err
		}
		if err := c.entry(e); err != nil {
			return err
		}
		if c.check.Problem == "" {
			c.check.Problem = anchors.see(e)
		}
	}
	return s.db.translate(rows.Err())
}

// mainEntryName and viewEntryName name an entry of each log in problems.
func mainEntryName(id int64) string { return fmt.Sprintf("audit entry %d", id) }
func viewEntryName(id int64) string { return fmt.Sprintf("entry %d of the log of views", id) }

// mainChainHead is a head's part for the main log.
func mainChainHead(h *rankfile.AuditHead) *rankfile.AuditChainHead {
	return &rankfile.AuditChainHead{Entries: h.Entries, LastID: h.LastID, Hash: h.Hash}
}

// chainCheck is a check of one log's chain under way.
type chainCheck struct {
	ring  *secret.Keyring
	check *rankfile.AuditCheck
	prev  string
	// log names the log in problems.
	log string
	// name names an entry of the log by its id, in problems.
	name func(id int64) string
	// at holds the heads by the number of entries they name in the log,
	// each with its part for the log.
	at map[int64][]headPart
}

// headPart is what names a place in the log being checked: a kept head,
// or an anchor in the main log, and its part for the log.
type headPart struct {
	what string // a head's Describe, or the anchor entry's name
	part *rankfile.AuditChainHead
}

// newChainCheck starts the check of a log.
func newChainCheck(ring *secret.Keyring, heads int, log string, name func(int64) string) *chainCheck {
	return &chainCheck{ring: ring, check: &rankfile.AuditCheck{Heads: heads}, log: log, name: name, at: map[int64][]headPart{}}
}

// file files the heads that name the log by the number of entries they
// say it held; part gives a head's part for the log, nil when it has none.
func (c *chainCheck) file(heads []*rankfile.AuditHead, part func(*rankfile.AuditHead) *rankfile.AuditChainHead) {
	for _, h := range heads {
		if p := part(h); p != nil {
			c.at[p.Entries] = append(c.at[p.Entries], headPart{h.Describe(), p})
		}
	}
}

// errNoAuditKeyToCheck says that keyed entries or heads need the key file.
func errNoAuditKeyToCheck(what string) error {
	return rankfile.Errorf(rankfile.EINVALID,
		"%s, and no audit key is set: give the key file that holds it (--key-file or RANKFILE_KEY) to check it", what)
}

// signatures checks every head's signature.
func (c *chainCheck) signatures(heads []*rankfile.AuditHead) error {
	for _, h := range heads {
		if c.ring.AuditKeyID() == "" {
			return errNoAuditKeyToCheck(h.Describe() + " is signed with audit key " + h.KeyID)
		}
		if err := c.ring.CheckAuditSignature(h.KeyID, h.PublicKey, []byte(h.Message()), h.Signature); err != nil {
			c.check.Problem = fmt.Sprintf("%s is forged: %s", h.Describe(), rankfile.ErrorMessage(err))
			return nil
		}
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
		return fmt.Sprintf("%s does not follow the entry before it: entries were removed, added or reordered", c.name(e.ID)), nil
	}
	want := plainAuditHash(e)
	if e.Keyed() {
		id := keyedHashID(e.Hash)
		if c.ring.AuditKeyID() == "" {
			return "", errNoAuditKeyToCheck(fmt.Sprintf("%s is keyed with audit key %s", c.name(e.ID), id))
		}
		var err error
		if want, err = keyedAuditHash(c.ring, id, e); err != nil {
			return fmt.Sprintf("%s names audit key %s, which the key file does not hold: it was forged, or the key file is not the one that keyed the log", c.name(e.ID), id), nil
		}
	} else if c.check.Keyed > 0 {
		return fmt.Sprintf("%s is not keyed, but entries before it are: it was written by someone without the audit key", c.name(e.ID)), nil
	}
	if want != e.Hash {
		return fmt.Sprintf("%s does not match its hash: it was changed", c.name(e.ID)), nil
	}
	return "", nil
}

// headProblem checks the heads that name the place e is at.
func (c *chainCheck) headProblem(e *rankfile.AuditEntry) string {
	for _, h := range c.at[int64(c.check.Entries)] {
		if h.part.LastID != e.ID || h.part.Hash != e.Hash {
			return fmt.Sprintf("%s was rewritten: %s names %s with hash %s as the last, "+
				"but entry number %d is now %s with hash %s", c.log, h.what, c.name(h.part.LastID), h.part.Hash, c.check.Entries, c.name(e.ID), e.Hash)
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
			c.check.Problem = fmt.Sprintf("%s was cut short: it holds %d entries, but %s held %d, the last %s",
				c.log, c.check.Entries, heads[0].what, n, c.name(heads[0].part.LastID))
			return
		}
	}
	if id := c.ring.AuditKeyID(); id != "" && c.check.Entries > 0 && c.check.Keyed == 0 {
		c.check.Problem = fmt.Sprintf("none of the %d entries of %s is keyed, though the key file holds audit key %s: "+
			"the log was rewritten by someone without the key, unless nothing has been recorded in it since the key was added "+
			"(the next entry recorded keys the log)", c.check.Entries, c.log, id)
	}
}
