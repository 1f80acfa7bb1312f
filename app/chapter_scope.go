package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// chapterScope selects the members a body draws on when it may draw on
// any member: those of its chapter, or every member for a body of the
// national organization. An installation of one chapter has every member
// in it, so there it selects everyone.
func (a *App) chapterScope(ctx context.Context, bodyID int64) (rankfile.MemberFilter, error) {
	byID, err := a.bodiesByID(ctx)
	return rankfile.MemberFilter{ChapterID: rankfile.ChapterOf(bodyID, byID)}, err
}

// BranchesOf lists the branches a member of the chapter may be placed in:
// the chapter's own, or every branch in no chapter.
func (a *App) BranchesOf(ctx context.Context, chapterID int64) ([]*rankfile.Body, error) {
	branches, err := a.BranchList(ctx)
	if err != nil {
		return nil, err
	}
	byID, err := a.bodiesByID(ctx)
	if err != nil {
		return nil, err
	}
	var out []*rankfile.Body
	for _, b := range branches {
		if c := rankfile.ChapterOf(b.ID, byID); b.Kind == rankfile.KindBranch && (c == 0 || c == chapterID) {
			out = append(out, b)
		}
	}
	return out, nil
}
