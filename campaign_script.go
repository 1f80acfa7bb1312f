package rankfile

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// A campaign's script is what its canvassers and callers say and ask at
// each door: the script itself (Markdown, with a Spanish version for those
// who canvass in Spanish), the survey's questions, the issues a canvasser
// ticks when someone raises them, and the volunteer ask. Those who run the
// campaign write it; those who hold one of its turfs read it, on the phone
// and on the printed walk sheet.

// QuestionKind is how a survey question is answered.
type QuestionKind string

// Question kinds.
const (
	QuestionChoice QuestionKind = "choice" // one of its options
	QuestionText   QuestionKind = "text"   // free text
)

// SurveyQuestion is one question of a campaign's survey. Its Key names
// the answer in an attempt's Answers, so that a question reworded keeps
// its answers.
type SurveyQuestion struct {
	Key      string       `json:"key"`
	Question string       `json:"question"`
	Kind     QuestionKind `json:"kind"`
	Options  []string     `json:"options,omitempty"`
}

// CampaignScript is a campaign's script and survey.
type CampaignScript struct {
	CampaignID   int64            `json:"campaign_id"`
	Script       string           `json:"script"`
	ScriptES     string           `json:"script_es,omitempty"`
	Questions    []SurveyQuestion `json:"questions"`
	Issues       []string         `json:"issues"`
	VolunteerAsk string           `json:"volunteer_ask,omitempty"`
	UpdatedAt    time.Time        `json:"updated_at,omitzero"`
}

// Limits on a script.
const (
	MaxScriptLength   = 20000
	MaxSurveyQuestion = 20
	MaxQuestionOption = 10
	MaxScriptIssues   = 30
)

// ScriptFor returns the script in a language: the Spanish version to
// those who read Spanish when there is one, else the script.
func (s *CampaignScript) ScriptFor(lang string) string {
	if lang == "es" && strings.TrimSpace(s.ScriptES) != "" {
		return s.ScriptES
	}
	return s.Script
}

// Validate checks a script as its writer gave it, trimming its text.
func (s *CampaignScript) Validate() error {
	s.Script, s.ScriptES = strings.TrimSpace(s.Script), strings.TrimSpace(s.ScriptES)
	s.VolunteerAsk = strings.TrimSpace(s.VolunteerAsk)
	switch {
	case utf8.RuneCountInString(s.Script) > MaxScriptLength || utf8.RuneCountInString(s.ScriptES) > MaxScriptLength:
		return FieldErrorf("script", EINVALID, "a script is at most %d characters", MaxScriptLength)
	case utf8.RuneCountInString(s.VolunteerAsk) > 500:
		return FieldErrorf("volunteer_ask", EINVALID, "the volunteer ask is at most %d characters", 500)
	case len(s.Questions) > MaxSurveyQuestion:
		return FieldErrorf("questions", EINVALID, "a survey has at most %d questions", MaxSurveyQuestion)
	}
	if err := s.validateIssues(); err != nil {
		return err
	}
	keys := map[string]bool{}
	for i := range s.Questions {
		q := &s.Questions[i]
		if err := q.Validate(); err != nil {
			return err
		}
		if keys[q.Key] {
			return FieldErrorf("questions", EINVALID, "two questions have the key %q", q.Key)
		}
		keys[q.Key] = true
	}
	return nil
}

// validateIssues trims the issues and refuses empty, long or repeated ones.
func (s *CampaignScript) validateIssues() error {
	if len(s.Issues) > MaxScriptIssues {
		return FieldErrorf("issues", EINVALID, "at most %d issues", MaxScriptIssues)
	}
	for i, issue := range s.Issues {
		s.Issues[i] = strings.TrimSpace(issue)
		if s.Issues[i] == "" || utf8.RuneCountInString(s.Issues[i]) > 80 {
			return FieldErrorf("issues", EINVALID, "an issue is 1 to %d characters", 80)
		}
		if slices.Contains(s.Issues[:i], s.Issues[i]) {
			return FieldErrorf("issues", EINVALID, "the issue %q is listed twice", s.Issues[i])
		}
	}
	return nil
}

// Validate checks one question: a key of small letters, digits and
// underscores, the question, and for a choice two to ten options.
func (q *SurveyQuestion) Validate() error {
	q.Question = strings.TrimSpace(q.Question)
	for i := range q.Options {
		q.Options[i] = strings.TrimSpace(q.Options[i])
	}
	switch {
	case !validQuestionKey(q.Key):
		return FieldErrorf("questions", EINVALID, "%q is not a question key: 1 to 40 small letters, digits and underscores", q.Key)
	case q.Question == "" || utf8.RuneCountInString(q.Question) > 300:
		return FieldErrorf("questions", EINVALID, "question %q needs its text, at most %d characters", q.Key, 300)
	case q.Kind == QuestionText && len(q.Options) > 0:
		return FieldErrorf("questions", EINVALID, "question %q is answered in words and has no options", q.Key)
	case q.Kind == QuestionChoice && (len(q.Options) < 2 || len(q.Options) > MaxQuestionOption):
		return FieldErrorf("questions", EINVALID, "question %q needs 2 to %d options", q.Key, MaxQuestionOption)
	case q.Kind != QuestionChoice && q.Kind != QuestionText:
		return FieldErrorf("questions", EINVALID, "%q is not a kind of question: choice or text", q.Kind)
	}
	for i, o := range q.Options {
		if o == "" || utf8.RuneCountInString(o) > 100 || slices.Contains(q.Options[:i], o) {
			return FieldErrorf("questions", EINVALID, "question %q has an empty, long or repeated option", q.Key)
		}
	}
	return nil
}

func validQuestionKey(k string) bool {
	if k == "" || len(k) > 40 {
		return false
	}
	for _, r := range k {
		if !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z') {
			return false
		}
	}
	return true
}

// AuditChangeScript is the audit action of writing a campaign's script.
const AuditChangeScript = "change_script"

// CampaignScriptService keeps campaigns' scripts.
type CampaignScriptService interface {
	// CampaignScript returns a campaign's script, empty when none is
	// written yet; ENOTFOUND when there is no such campaign.
	CampaignScript(ctx context.Context, campaignID int64) (*CampaignScript, error)
	// SetCampaignScript stores a campaign's script in place of the one
	// it had: ENOTFOUND when there is no such campaign.
	SetCampaignScript(ctx context.Context, s *CampaignScript) error
}
