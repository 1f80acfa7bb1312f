package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/rankfile/rankfile"
)

// TargetSources returns the mappings of a campaign's sources by name.
func (s *CampaignService) TargetSources(ctx context.Context, campaignID int64) (map[string]rankfile.TargetMapping, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT name, mapping FROM target_sources WHERE campaign_id = $1`, campaignID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	out := map[string]rankfile.TargetMapping{}
	for rows.Next() {
		var name, mapping string
		if err := rows.Scan(&name, &mapping); err != nil {
			return nil, err
		}
		m := rankfile.TargetMapping{}
		if err := json.Unmarshal([]byte(mapping), &m); err != nil {
			return nil, err
		}
		out[name] = m
	}
	return out, rows.Err()
}

// Targets lists a campaign's targets by household and name.
func (s *CampaignService) Targets(ctx context.Context, campaignID int64) ([]*rankfile.Target, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+targetColumns+` FROM targets WHERE campaign_id = $1
		ORDER BY household_id, last_name, first_name, id`, campaignID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	return scanTargets(rows)
}

const targetColumns = `id, campaign_id, COALESCE(household_id, 0), COALESCE(source_id, 0), external_id, first_name,
	last_name, phone, email, COALESCE(member_id, 0), do_not_contact, keep_in_touch, last_heard_on, created_at`

// targetColumnsT are targetColumns of the alias t, for a join.
const targetColumnsT = `t.id, t.campaign_id, COALESCE(t.household_id, 0), COALESCE(t.source_id, 0), t.external_id,
	t.first_name, t.last_name, t.phone, t.email, COALESCE(t.member_id, 0), t.do_not_contact, t.keep_in_touch,
	t.last_heard_on, t.created_at`

func scanTargets(rows *sql.Rows) ([]*rankfile.Target, error) {
	defer rows.Close()
	var out []*rankfile.Target
	for rows.Next() {
		c := &rankfile.Target{}
		if err := rows.Scan(&c.ID, &c.CampaignID, &c.HouseholdID, &c.SourceID, &c.ExternalID, &c.FirstName,
			&c.LastName, &c.Phone, &c.Email, &c.MemberID, &c.DoNotContact, &c.KeepInTouch, &c.LastHeardOn,
			&c.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// FindTargets lists a campaign's targets matching the filter, by street,
// number, unit and name, with how many match in all.
func (s *CampaignService) FindTargets(ctx context.Context, f rankfile.TargetFilter) ([]*rankfile.Target, int, error) {
	w := &where{}
	w.add("t.campaign_id = $%d", f.CampaignID)
	if f.HouseholdID != 0 {
		w.add("t.household_id = $%d", f.HouseholdID)
	}
	if q := strings.ToLower(strings.TrimSpace(f.Query)); q != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(q) + "%"
		w.add(`(LOWER(t.first_name) LIKE $%[1]d ESCAPE '\' OR LOWER(t.last_name) LIKE $%[1]d ESCAPE '\'
			OR LOWER(COALESCE(h.number || ' ' || h.street, '')) LIKE $%[1]d ESCAPE '\')`, like)
	}
	from := ` FROM targets t LEFT JOIN households h ON h.id = t.household_id` + w.sql()
	var total int
	if err := s.db.read.QueryRowContext(ctx, `SELECT COUNT(*)`+from, w.args...).Scan(&total); err != nil {
		return nil, 0, s.db.translate(err)
	}
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+targetColumnsT+from+
		` ORDER BY h.street, h.number, h.unit, t.last_name, t.first_name, t.id`+limitSQL(f.Offset, f.Limit), w.args...)
	if err != nil {
		return nil, 0, s.db.translate(err)
	}
	found, err := scanTargets(rows)
	return found, total, err
}

// FindTarget returns one target.
func (s *CampaignService) FindTarget(ctx context.Context, id int64) (*rankfile.Target, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+targetColumns+` FROM targets WHERE id = $1`, id)
	if err != nil {
		return nil, s.db.translate(err)
	}
	found, err := scanTargets(rows)
	if err == nil && len(found) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such target")
	}
	if err != nil {
		return nil, err
	}
	return found[0], nil
}

// FindHousehold returns one household.
func (s *CampaignService) FindHousehold(ctx context.Context, id int64) (*rankfile.Household, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+householdColumns+` FROM households WHERE id = $1`, id)
	if err != nil {
		return nil, s.db.translate(err)
	}
	found, err := scanHouseholds(rows)
	if err == nil && len(found) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such household")
	}
	if err != nil {
		return nil, err
	}
	return found[0], nil
}

// LinkTarget links a target to the member they became, or unlinks it
// with 0; a member is one target of a campaign at most.
func (s *CampaignService) LinkTarget(ctx context.Context, targetID, memberID int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		var campaignID int64
		err := tx.QueryRowContext(ctx, `SELECT campaign_id FROM targets WHERE id = $1`, targetID).Scan(&campaignID)
		if err == sql.ErrNoRows {
			return rankfile.Errorf(rankfile.ENOTFOUND, "no such target")
		} else if err != nil {
			return err
		}
		var other int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM targets WHERE campaign_id = $1 AND member_id = $2 AND id <> $3`,
			campaignID, memberID, targetID).Scan(&other)
		if err == nil {
			return rankfile.Errorf(rankfile.ECONFLICT, "the member is linked to another of the campaign's targets already (%d)", other)
		} else if err != sql.ErrNoRows {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE targets SET member_id = $1 WHERE id = $2`, nullID(memberID), targetID); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditLinkTarget, memberID, "target "+itoa(targetID))
	})
}
