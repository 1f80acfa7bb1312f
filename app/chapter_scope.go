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
	all, err := a.Bodies.FindBodies(ctx, rankfile.BodyFilter{})
	if err != nil {
		return rankfile.MemberFilter{}, err
	}
	byID := make(map[int64]*rankfile.Body, len(all))
	for _, b := range all {
		byID[b.ID] = b
	}
	return rankfile.MemberFilter{ChapterID: rankfile.ChapterOf(bodyID, byID)}, nil
}
