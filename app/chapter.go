package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// ChapterStewardChoice is the member's record's word on the chapter
// steward role: the chapter they steward (0 for none), whether the actor
// may change it, and the chapters the actor may make them steward of.
type ChapterStewardChoice struct {
	ChapterID   int64            `json:"chapter_id"`
	ChapterName string           `json:"-"`
	CanChange   bool             `json:"can_change"`
	Chapters    []*rankfile.Body `json:"-"`
}

// Chapters lists the organization's chapters, dissolved ones too.
func (a *App) Chapters(ctx context.Context) ([]*rankfile.Body, error) {
	return a.Bodies.FindBodies(ctx, rankfile.BodyFilter{Kind: rankfile.KindChapter})
}

// ChapterName names the chapter of a member placed in one, in an
// installation of several chapters; "" otherwise, where the chapter goes
// without saying.
func (a *App) ChapterName(ctx context.Context, m *rankfile.Member) (string, error) {
	chapters, err := a.Chapters(ctx)
	if err != nil || len(chapters) < 2 {
		return "", err
	}
	for _, ch := range chapters {
		if ch.ID == m.ChapterID {
			return ch.Name, nil
		}
	}
	return "", nil
}

// chapterStewardChoice works out the member's chapter steward role as the
// actor sees it: an installation with one chapter has no chapter
// stewards, its data stewards being the chapter's.
func (a *App) chapterStewardChoice(ctx context.Context, actor *rankfile.Actor, memberID int64, grants []rankfile.RoleGrant) (ChapterStewardChoice, error) {
	c := ChapterStewardChoice{ChapterID: stewardedChapter(grants)}
	chapters, err := a.Chapters(ctx)
	if err != nil || len(chapters) < 2 {
		return c, err
	}
	for _, ch := range chapters {
		if ch.ID == c.ChapterID {
			c.ChapterName = ch.Name
		}
		if !ch.Dissolved() && actor.CanGrantChapterSteward(ch.ID, memberID) {
			c.Chapters = append(c.Chapters, ch)
		}
	}
	c.CanChange = len(c.Chapters) > 0 && (c.ChapterID == 0 || actor.CanGrantChapterSteward(c.ChapterID, memberID))
	return c, nil
}

// SetChapterSteward makes a member the data steward of a chapter, or
// (chapterID 0) ends their being one, for those who may
// (permission.go: CanGrantChapterSteward) both for the chapter they
// steward now and for the new one.
func (a *App) SetChapterSteward(ctx context.Context, actor *rankfile.Actor, memberID, chapterID int64) error {
	if err := actor.Require(actor.CanNameChapterStewards()); err != nil {
		return err
	}
	grants, err := a.Auth.RoleGrants(ctx, memberID)
	if err != nil {
		return err
	}
	now := stewardedChapter(grants)
	for _, ch := range []int64{now, chapterID} {
		if err := actor.Require(ch == 0 || actor.CanGrantChapterSteward(ch, memberID)); err != nil {
			return err
		}
	}
	if _, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: memberID, Brief: true}); err != nil {
		return err
	}
	switch {
	case chapterID != 0:
		return a.Auth.GrantChapterSteward(as(ctx, actor), memberID, chapterID)
	case now != 0:
		return a.Auth.RevokeRole(as(ctx, actor), memberID, rankfile.RoleChapterSteward)
	}
	return rankfile.Errorf(rankfile.ENOTFOUND, "the member is no chapter's data steward")
}

// stewardedChapter returns the chapter a member's roles make them the
// data steward of, 0 for none.
func stewardedChapter(grants []rankfile.RoleGrant) int64 {
	for _, g := range grants {
		if g.Role == rankfile.RoleChapterSteward {
			return g.ChapterID
		}
	}
	return 0
}
