package store

import (
	"context"
	"database/sql"
	"encoding/json"

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
