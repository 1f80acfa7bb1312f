package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// The field program's campaigns: the list, a campaign's summary with the
// links to its import, targets and turfs, and the forms that start and
// change one.

// campaignsData is the list of campaigns.
type campaignsData struct {
	Campaigns []*rankfile.Campaign
	CanStart  bool
}

func (s *Server) campaignsPage(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	list, err := s.app.FindCampaigns(r.Context(), actor, 0)
	if err != nil {
		return err
	}
	return s.render(w, r, "campaigns.html", &campaignsData{Campaigns: list, CanStart: actor.CanStartCampaigns()})
}

// campaignData is a campaign's summary page.
type campaignData struct {
	*app.CampaignSummary
	States []rankfile.TurfState
	Done   string
}

func (s *Server) campaignPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	sum, err := s.app.CampaignSummary(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	states := []rankfile.TurfState{rankfile.TurfFree, rankfile.TurfOut, rankfile.TurfBack, rankfile.TurfClosed}
	return s.render(w, r, "campaign.html", &campaignData{CampaignSummary: sum, States: states, Done: r.URL.Query().Get("done")})
}

// campaignFormData is the form that starts or changes a campaign.
type campaignFormData struct {
	Campaign *rankfile.Campaign
	Bodies   []*rankfile.Body
	Kinds    []rankfile.CampaignKind
	Problem  *fieldProblem
}

// campaignFields names the field each of the domain's messages is about.
var campaignFields = map[string]string{
	"a campaign needs a name of at most 120 characters": "name",
	"%q is not a kind of campaign":                      "kind",
	"a campaign belongs to a body":                      "body",
	"keep targets 0 to %d months":                       "retention_months",
}

func (s *Server) newCampaignPage(w http.ResponseWriter, r *http.Request) error {
	c := &rankfile.Campaign{Kind: rankfile.CampaignCandidate, RetentionMonths: 24}
	return s.renderCampaignForm(w, r, http.StatusOK, c, nil)
}

func (s *Server) renderCampaignForm(w http.ResponseWriter, r *http.Request, status int, c *rankfile.Campaign, problem *fieldProblem) error {
	data := &campaignFormData{Campaign: c, Kinds: rankfile.CampaignKinds, Problem: problem}
	if c.ID == 0 {
		bodies, err := s.app.CampaignBodies(r.Context(), req(r).actor)
		if err != nil {
			return err
		}
		data.Bodies = bodies
	}
	return s.renderStatus(w, r, status, "campaign_form.html", data)
}

func (s *Server) createCampaignForm(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	if err := actor.Require(actor.CanStartCampaigns()); err != nil {
		return err
	}
	c := campaignOfForm(r)
	if body, err := strconv.ParseInt(r.FormValue("body"), 10, 64); err == nil {
		c.BodyID = body
	}
	err := s.app.CreateCampaign(r.Context(), actor, c)
	if rankfile.ErrorCode(err) == rankfile.EINVALID {
		return s.renderCampaignForm(w, r, http.StatusBadRequest, c, problemOf(req(r), err, campaignFields))
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/campaigns/"+strconv.FormatInt(c.ID, 10)+"?done=created")
}

// campaignOfForm reads the fields a campaign's form shows.
func campaignOfForm(r *http.Request) *rankfile.Campaign {
	months, err := strconv.Atoi(strings.TrimSpace(r.FormValue("retention_months")))
	if err != nil {
		months = -1 // refused by Validate, by its field
	}
	return &rankfile.Campaign{Name: r.FormValue("name"), Kind: rankfile.CampaignKind(r.FormValue("kind")),
		Description: strings.TrimSpace(r.FormValue("description")), RetentionMonths: months}
}

func (s *Server) editCampaignPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	sum, err := s.app.CampaignSummary(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	if err := req(r).actor.Require(sum.Runs); err != nil {
		return err
	}
	return s.renderCampaignForm(w, r, http.StatusOK, sum.Campaign, nil)
}

func (s *Server) editCampaignForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	f := campaignOfForm(r)
	closed := r.FormValue("closed") == "on"
	ch := app.CampaignChange{Name: &f.Name, Kind: &f.Kind, Description: &f.Description, RetentionMonths: &f.RetentionMonths, Closed: &closed}
	c, err := s.app.UpdateCampaign(r.Context(), req(r).actor, id, ch)
	if rankfile.ErrorCode(err) == rankfile.EINVALID {
		f.ID = id
		return s.renderCampaignForm(w, r, http.StatusBadRequest, f, problemOf(req(r), err, campaignFields))
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/campaigns/"+strconv.FormatInt(c.ID, 10)+"?done=saved")
}

// apiCampaigns lists the campaigns.
func (s *Server) apiCampaigns(w http.ResponseWriter, r *http.Request) error {
	list, err := s.app.FindCampaigns(r.Context(), req(r).actor, 0)
	if err != nil {
		return err
	}
	if list == nil {
		list = []*rankfile.Campaign{}
	}
	return writeJSON(w, http.StatusOK, list)
}

// apiCampaign returns a campaign's summary.
func (s *Server) apiCampaign(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	sum, err := s.app.CampaignSummary(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, sum)
}

// apiCreateCampaign starts a campaign.
func (s *Server) apiCreateCampaign(w http.ResponseWriter, r *http.Request) error {
	var c rankfile.Campaign
	if err := decodeBody(r, &c, `{"body_id": 1, "name": "...", "kind": "candidate|measure|tenant|labor|issue", "description": "...", "retention_months": 24}`); err != nil {
		return err
	}
	c.ID = 0
	if err := s.app.CreateCampaign(r.Context(), req(r).actor, &c); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, &c)
}

// apiUpdateCampaign changes a campaign: the fields given, the others
// kept.
func (s *Server) apiUpdateCampaign(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	var ch app.CampaignChange
	if err := decodeBody(r, &ch, `{"name": "...", "kind": "...", "description": "...", "retention_months": 24, "closed": false}`); err != nil {
		return err
	}
	c, err := s.app.UpdateCampaign(r.Context(), req(r).actor, id, ch)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}
