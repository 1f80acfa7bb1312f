package http

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/rankfile/rankfile"
)

// A campaign's script page, for those who run it: the script in English
// and Spanish, the survey's questions one a line ("key | question |
// option / option"), the issues one a line, and the volunteer ask. It
// works on a phone with no JavaScript: every part is a text area.

// scriptData is the script page.
type scriptData struct {
	Campaign  *rankfile.Campaign
	Script    *rankfile.CampaignScript
	Questions string // the questions as typed, one a line
	Issues    string
	Done      bool
	Problem   string
}

// campaignID reads the campaign id of the path.
func campaignID(r *http.Request) (int64, error) { return pathID(r, "id", "campaign") }

func (s *Server) campaignScriptPage(w http.ResponseWriter, r *http.Request) error {
	id, err := campaignID(r)
	if err != nil {
		return err
	}
	if err := s.app.CanEditCampaignScript(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	cs, err := s.app.CampaignScript(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	d := scriptData{Script: cs, Questions: formatQuestions(cs.Questions), Issues: strings.Join(cs.Issues, "\n"),
		Done: r.URL.Query().Get("done") == "saved"}
	return s.renderScript(w, r, http.StatusOK, d)
}

// renderScript shows the script page of d's script's campaign.
func (s *Server) renderScript(w http.ResponseWriter, r *http.Request, status int, d scriptData) error {
	found, err := s.app.FindCampaigns(r.Context(), req(r).actor, d.Script.CampaignID)
	if err != nil {
		return err
	}
	d.Campaign = found[0]
	return s.renderStatus(w, r, status, "campaign_script.html", d)
}

// saveCampaignScriptForm writes the script; one with a mistake comes back
// as typed, with the mistake said.
func (s *Server) saveCampaignScriptForm(w http.ResponseWriter, r *http.Request) error {
	id, err := campaignID(r)
	if err != nil {
		return err
	}
	cs := &rankfile.CampaignScript{CampaignID: id, Script: r.FormValue("script"), ScriptES: r.FormValue("script_es"),
		Issues: lines(r.FormValue("issues")), VolunteerAsk: r.FormValue("volunteer_ask")}
	cs.Questions, err = parseQuestions(r.FormValue("questions"))
	if err == nil {
		err = s.app.SetCampaignScript(r.Context(), req(r).actor, cs)
	}
	if code := rankfile.ErrorCode(err); code == rankfile.EINVALID {
		d := scriptData{Script: cs, Questions: r.FormValue("questions"), Issues: r.FormValue("issues"), Problem: req(r).l.Error(err)}
		return s.renderScript(w, r, statuses[code], d)
	} else if err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/campaigns/%d/script?done=saved", id))
}

// parseQuestions reads the survey's questions, one a line: "key |
// question" for one answered in words, "key | question | option / option"
// for a choice.
func parseQuestions(text string) ([]rankfile.SurveyQuestion, error) {
	var out []rankfile.SurveyQuestion
	for i, line := range lines(text) {
		parts := strings.Split(line, "|")
		if len(parts) < 2 || len(parts) > 3 {
			return nil, rankfile.FieldErrorf("questions", rankfile.EINVALID, "question line %d: write key | question | option / option", i+1)
		}
		q := rankfile.SurveyQuestion{Key: strings.TrimSpace(parts[0]), Question: strings.TrimSpace(parts[1]), Kind: rankfile.QuestionText}
		if len(parts) == 3 {
			q.Kind, q.Options = rankfile.QuestionChoice, strings.Split(parts[2], "/")
		}
		out = append(out, q)
	}
	return out, nil
}

// formatQuestions writes questions as parseQuestions reads them.
func formatQuestions(qs []rankfile.SurveyQuestion) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString(q.Key + " | " + q.Question)
		if q.Kind == rankfile.QuestionChoice {
			b.WriteString(" | " + strings.Join(q.Options, " / "))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func (s *Server) apiCampaignScript(w http.ResponseWriter, r *http.Request) error {
	id, err := campaignID(r)
	if err != nil {
		return err
	}
	cs, err := s.app.CampaignScript(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, cs)
}

func (s *Server) apiSetCampaignScript(w http.ResponseWriter, r *http.Request) error {
	id, err := campaignID(r)
	if err != nil {
		return err
	}
	var cs rankfile.CampaignScript
	if err := decodeBody(r, &cs, "a JSON object with the script, questions, issues and volunteer_ask"); err != nil {
		return err
	}
	cs.CampaignID = id
	if err := s.app.SetCampaignScript(r.Context(), req(r).actor, &cs); err != nil {
		return err
	}
	return s.apiCampaignScript(w, r)
}
