package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rankfile/rankfile"
)

// ChooseBranch records the branch a member chose instead of the one they
// live in; slug "" clears the choice.
func (s *MemberService) ChooseBranch(ctx context.Context, memberID int64, slug, by string) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		var chosen, chapter sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT chosen_branch_id, chapter_id FROM members WHERE id = $1`, memberID).Scan(&chosen, &chapter)
		if err == sql.ErrNoRows {
			return rankfile.Errorf(rankfile.ENOTFOUND, "no such member")
		} else if err != nil {
			return err
		}
		slugs, chapters, err := branchIndex(ctx, tx)
		if err != nil {
			return err
		}
		newID, err := branchID(slugs, slug)
		if err != nil {
			return err
		}
		if c := chapters[newID]; newID != 0 && c != 0 && c != chapter.Int64 {
			return rankfile.Errorf(rankfile.EINVALID, "the branch %s is another chapter's", slug)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE members SET chosen_branch_id = $1, updated_at = $2 WHERE id = $3`,
			nullID(newID), tx.now, memberID); err != nil {
			return err
		}
		if err := tx.touchRoster(ctx); err != nil {
			return err
		}
		err = tx.recordAuditedChange(ctx, rankfile.AuditChooseBranch, &rankfile.MemberChange{
			MemberID: memberID, Kind: rankfile.ChangeBranch, Actor: by, Note: "branch chosen by the member",
			Changes: []rankfile.FieldChange{{Field: "chosen_branch", Old: slugs[chosen.Int64], New: slug}},
		})
		if err != nil {
			return err
		}
		_, err = tx.resortNeighborhoods(ctx, memberID, by, "branch chosen by the member")
		return err
	})
}

// branchID finds a branch by slug; "" is no branch.
func branchID(slugs map[int64]string, slug string) (int64, error) {
	if slug == "" {
		return 0, nil
	}
	for id, s := range slugs {
		if s == slug {
			return id, nil
		}
	}
	return 0, rankfile.Errorf(rankfile.ENOTFOUND, "no branch %q", slug)
}

// SetPoint records a member's own coordinates and places them in the
// branch the point lies in, with history.
func (s *MemberService) SetPoint(ctx context.Context, memberID int64, p *rankfile.Point, by string) error {
	if p != nil {
		if err := p.Validate(); err != nil {
			return err
		}
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		m, err := tx.placedMember(ctx, memberID)
		if err != nil {
			return err
		}
		sorter, err := newBranchSorter(ctx, tx)
		if err != nil {
			return err
		}
		located := sorter.locate(m.chapter, p, m.mailingZip, m.billZip)
		var lat, lon any
		if p != nil {
			lat, lon = p.Lat, p.Lon
		}
		if _, err := tx.ExecContext(ctx, `UPDATE members SET lat = $1, lon = $2, located_branch_id = $3,
			updated_at = $4 WHERE id = $5`, lat, lon, nullID(located), tx.stamp, memberID); err != nil {
			return err
		}
		if _, err := tx.resortNeighborhoods(ctx, memberID, by, "coordinates recorded"); err != nil {
			return err
		}
		if err := tx.touchRoster(ctx); err != nil {
			return err
		}
		changes := []rankfile.FieldChange{{Field: "point", Old: m.point.String(), New: p.String()}}
		if located != m.located && m.chosen == 0 {
			changes = append(changes, rankfile.FieldChange{Field: "branch", Old: sorter.slugs[m.located], New: sorter.slugs[located]})
		}
		return tx.recordAuditedChange(ctx, rankfile.AuditSetPoint, &rankfile.MemberChange{MemberID: memberID, Kind: rankfile.ChangeBranch,
			Actor: by, Note: "coordinates recorded", Changes: changes})
	})
}

// SetPreferences records the member's own choices, with history.
func (s *MemberService) SetPreferences(ctx context.Context, memberID int64, p rankfile.Preferences) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.memberExists(ctx, memberID); err != nil {
			return err
		}
		// A weekly email left unsaid keeps the member's choice: a client
		// that knows nothing of it must not sign them up again.
		_, err := tx.ExecContext(ctx, `INSERT INTO member_preferences (member_id, language, mail_preference,
			do_not_call, text_opt_out, weekly_email, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (member_id) DO UPDATE SET language = excluded.language,
			mail_preference = excluded.mail_preference, do_not_call = excluded.do_not_call,
			text_opt_out = excluded.text_opt_out,
			weekly_email = COALESCE(excluded.weekly_email, member_preferences.weekly_email),
			updated_at = excluded.updated_at`,
			memberID, p.Language, ptrArg(p.MailPreference), ptrArg(p.DoNotCall), ptrArg(p.TextOptOut),
			ptrArg(p.WeeklyEmail), tx.stamp)
		if err != nil {
			return err
		}
		if err := tx.touchRoster(ctx); err != nil { // the actor carries the language
			return err
		}
		return tx.recordChange(ctx, &rankfile.MemberChange{MemberID: memberID, Kind: rankfile.ChangePreferences,
			Actor: rankfile.ActorFrom(ctx).Name(), Note: describePreferences(p)})
	})
}

func describePreferences(p rankfile.Preferences) string {
	parts := []string{"language " + orDash(p.Language)}
	if p.MailPreference != nil {
		parts = append(parts, "mail "+*p.MailPreference)
	}
	if p.DoNotCall != nil {
		parts = append(parts, sprintf("do not call %v", *p.DoNotCall))
	}
	if p.TextOptOut != nil {
		parts = append(parts, sprintf("no texts %v", *p.TextOptOut))
	}
	if p.WeeklyEmail != nil {
		parts = append(parts, sprintf("weekly email %v", *p.WeeklyEmail))
	}
	return strings.Join(parts, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
