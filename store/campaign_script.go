package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/rankfile/rankfile"
)

// Campaigns' scripts and surveys (migration 00041), kept by the campaign
// service: a script is part of its campaign.

// CampaignScript returns a campaign's script, empty when none is written.
func (s *CampaignService) CampaignScript(ctx context.Context, campaignID int64) (*rankfile.CampaignScript, error) {
	if _, err := s.FindCampaigns(ctx, campaignID); err != nil {
		return nil, err
	}
	out := &rankfile.CampaignScript{CampaignID: campaignID, Questions: []rankfile.SurveyQuestion{}, Issues: []string{}}
	var questions, issues string
	err := s.db.read.QueryRowContext(ctx, `SELECT script, script_es, questions, issues, volunteer_ask, updated_at
		FROM campaign_scripts WHERE campaign_id = $1`, campaignID).Scan(&out.Script, &out.ScriptES, &questions, &issues,
		&out.VolunteerAsk, &out.UpdatedAt)
	if err == sql.ErrNoRows {
		return out, nil
	}
	if err != nil {
		return nil, s.db.translate(err)
	}
	if err := json.Unmarshal([]byte(questions), &out.Questions); err != nil {
		return nil, err
	}
	return out, json.Unmarshal([]byte(issues), &out.Issues)
}

// SetCampaignScript stores a campaign's script in place of the one it had.
func (s *CampaignService) SetCampaignScript(ctx context.Context, cs *rankfile.CampaignScript) error {
	if err := cs.Validate(); err != nil {
		return err
	}
	if _, err := s.FindCampaigns(ctx, cs.CampaignID); err != nil {
		return err
	}
	questions, _ := json.Marshal(nonNilQuestions(cs.Questions))
	issues, _ := json.Marshal(nonNil(cs.Issues))
	return s.db.inTx(ctx, func(tx *Tx) error {
		cs.UpdatedAt = tx.now
		if _, err := tx.ExecContext(ctx, `INSERT INTO campaign_scripts (campaign_id, script, script_es, questions,
			issues, volunteer_ask, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (campaign_id) DO UPDATE
			SET script = excluded.script, script_es = excluded.script_es, questions = excluded.questions,
			issues = excluded.issues, volunteer_ask = excluded.volunteer_ask, updated_at = excluded.updated_at`,
			cs.CampaignID, cs.Script, cs.ScriptES, string(questions), string(issues), cs.VolunteerAsk, tx.stamp); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeScript, cs.CampaignID, "")
	})
}

func nonNilQuestions(q []rankfile.SurveyQuestion) []rankfile.SurveyQuestion {
	if q == nil {
		return []rankfile.SurveyQuestion{}
	}
	return q
}
