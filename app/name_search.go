package app

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/rankfile/rankfile"
)

// Hosts at the door, who are volunteers and not data stewards, find people
// by name. Such a search matches names alone and only among the people the
// host may check in: matching an email address or a ZIP it does not show
// would let a host rebuild an address a character at a time, or list who
// lives in a ZIP. Each search is audited, and a host's searches are
// limited, so that paging through the roster by name is slow and seen.

// maxNameMatches bounds a search by name: enough for a name, too few to
// page through the roster.
const maxNameMatches = 20

// Name searches: a host checking 300 people in over half an hour types a
// few searches a person, far below this; a script paging through the
// roster by every two letters meets it within a minute.
const (
	nameSearchBurst = 120
	nameSearchEvery = time.Second
)

// nameSearchLimits keeps each actor's allowance of searches by name.
type nameSearchLimits struct {
	mu     sync.Mutex
	actors map[int64]*rate.Limiter
}

// allow reports whether the member may search once more now.
func (l *nameSearchLimits) allow(memberID int64) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.actors == nil {
		l.actors = map[int64]*rate.Limiter{}
	}
	lim := l.actors[memberID]
	if lim == nil {
		lim = rate.NewLimiter(rate.Every(nameSearchEvery), nameSearchBurst)
		l.actors[memberID] = lim
	}
	return lim.Allow()
}

// countSearch takes one search from the actor's allowance: counted with
// the other servers of the database when there are (a.SharedLimits, a
// sliding window of nameSearchBurst searches in as many seconds: the same
// pace), else in memory.
func (a *App) countSearch(ctx context.Context, actor *rankfile.Actor) error {
	var allowed bool
	if a.SharedLimits != nil {
		allowed = SharedAllow(ctx, a.SharedLimits, "name-search", strconv.FormatInt(actor.ID(), 10),
			nameSearchBurst, nameSearchBurst*nameSearchEvery)
	} else {
		allowed = a.nameSearches.allow(actor.ID())
	}
	if !allowed {
		return rankfile.Errorf(rankfile.ETOOMANY, "too many searches in a short time: wait a minute")
	}
	return nil
}

// searchNames finds members whose names begin with the query among those
// each scope selects (several scopes: members of any of several bodies),
// in name order, for a host's search described by what (for the audit
// log), and says how many matched, so that a page can say when more did
// than it shows. At least two letters are needed, and an address is
// refused.
func (a *App) searchNames(ctx context.Context, actor *rankfile.Actor, scopes []rankfile.MemberFilter, query, what string) ([]*rankfile.Member, int, error) {
	switch query = strings.TrimSpace(query); {
	case strings.Contains(query, "@"):
		return nil, 0, rankfile.Errorf(rankfile.EINVALID, "search by name: email addresses are not searched here")
	case len([]rune(query)) < 2:
		return nil, 0, rankfile.Errorf(rankfile.EINVALID, "type at least two letters of a name")
	}
	if err := a.countSearch(ctx, actor); err != nil {
		return nil, 0, err
	}
	found, matched, err := a.findInScopes(ctx, scopes, query)
	if err != nil {
		return nil, 0, err
	}
	return found, matched, a.Audit.Record(as(ctx, actor), rankfile.AuditSearchNames, 0,
		fmt.Sprintf("%s: %q, %d shown", what, query, len(found)))
}

// findInScopes runs a search by name in each scope and merges the results
// in name order, each member once, at most maxNameMatches of them. It
// counts the matches too: exactly when all are shown or there is one
// scope, else the sum of the scopes' counts, where a member of two bodies
// counts twice.
func (a *App) findInScopes(ctx context.Context, scopes []rankfile.MemberFilter, query string) ([]*rankfile.Member, int, error) {
	var found []*rankfile.Member
	matched := 0
	for _, f := range scopes {
		f.Name, f.Limit, f.Brief = query, maxNameMatches, true
		list, total, err := a.Members.FindMembers(ctx, f)
		if err != nil {
			return nil, 0, err
		}
		matched += total
		for _, m := range list {
			if !slices.ContainsFunc(found, func(f *rankfile.Member) bool { return f.ID == m.ID }) {
				found = append(found, m)
			}
		}
	}
	slices.SortStableFunc(found, byName)
	if len(found) < maxNameMatches {
		matched = len(found)
	}
	return found[:min(len(found), maxNameMatches)], matched, nil
}

// byName orders members as the roster does: last name, first name, folded.
func byName(a, b *rankfile.Member) int {
	if c := strings.Compare(rankfile.FoldName(a.LastName), rankfile.FoldName(b.LastName)); c != 0 {
		return c
	}
	return strings.Compare(rankfile.FoldName(a.FirstName), rankfile.FoldName(b.FirstName))
}

// inScopes reports whether a member is among those one of the scopes
// selects: whether a host may check them in.
func (a *App) inScopes(ctx context.Context, scopes []rankfile.MemberFilter, memberID int64) (bool, error) {
	for _, f := range scopes {
		f.ID, f.Limit = memberID, 1
		list, _, err := a.Members.FindMembers(ctx, f)
		if err != nil || len(list) > 0 {
			return err == nil, err
		}
	}
	return false, nil
}

// scopedMember returns a member a host looked up by id (a code shown on a
// phone), counted and audited like a search: not found unless one of the
// scopes holds them.
func (a *App) scopedMember(ctx context.Context, actor *rankfile.Actor, scopes []rankfile.MemberFilter, memberID int64, what string) (*rankfile.Member, error) {
	if err := a.countSearch(ctx, actor); err != nil {
		return nil, err
	}
	ok, err := a.inScopes(ctx, scopes, memberID)
	if err != nil {
		return nil, err
	}
	if err := a.Audit.Record(as(ctx, actor), rankfile.AuditSearchNames, memberID, fmt.Sprintf("%s: found %v", what, ok)); err != nil {
		return nil, err
	}
	if !ok {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such member among those checked in here")
	}
	return a.Members.FindMember(ctx, rankfile.MemberFilter{ID: memberID, Brief: true})
}
