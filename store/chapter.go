package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// chapterPlacement reads the chapters members are placed in: every chapter
// body not dissolved (see rankfile.ChapterPlacement).
func (tx *Tx) chapterPlacement(ctx context.Context) (*rankfile.ChapterPlacement, error) {
	chapters, err := findBodies(ctx, tx, rankfile.BodyFilter{Kind: rankfile.KindChapter})
	if err != nil {
		return nil, err
	}
	live := chapters[:0]
	for _, c := range chapters {
		if !c.Dissolved() {
			live = append(live, c)
		}
	}
	return rankfile.NewChapterPlacement(live), nil
}

// placeMembers places the whole roster in chapters again, after the
// chapters changed. The list names a few hundred chapters for any number
// of members, so each name is placed once and its members moved together;
// members added by hand, who have no list chapter, go with the name "".
func (tx *Tx) placeMembers(ctx context.Context) error {
	p, err := tx.chapterPlacement(ctx)
	if err != nil {
		return err
	}
	names, err := tx.listChapters(ctx)
	if err != nil {
		return err
	}
	for _, name := range names {
		_, err := tx.ExecContext(ctx, `UPDATE members SET chapter_id = $1
			WHERE COALESCE(chapter_id, 0) <> COALESCE($1, 0) AND id IN (
				SELECT m.id FROM members m LEFT JOIN member_details d ON d.member_id = m.id
				WHERE `+tx.db.detailKeySQL(rankfile.FieldChapter)+` = $2)`, nullID(p.Place(name)), name)
		if err != nil {
			return err
		}
	}
	return nil
}

// listChapters returns every chapter name the roster's lists gave.
func (tx *Tx) listChapters(ctx context.Context) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT `+tx.db.detailKeySQL(rankfile.FieldChapter)+`
		FROM members m LEFT JOIN member_details d ON d.member_id = m.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name sql.NullString
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name.String)
	}
	return names, rows.Err()
}
