package http

import (
	"fmt"
	"net/http"
)

// A canvass's page names the campaign whose turfs it hands out at its
// check-in; those who manage it and run the campaign set it.

// setCanvassCampaignForm makes a canvass hand out turfs of a campaign.
func (s *Server) setCanvassCampaignForm(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	campaign, err := formID(r, "campaign")
	if err == nil {
		err = s.app.SetCanvassCampaign(r.Context(), req(r).actor, id, campaign)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/events/%d?done=shift#shift-heading", id))
}

// apiSetCanvassCampaign is setCanvassCampaignForm's twin in the JSON API.
func (s *Server) apiSetCanvassCampaign(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	var body struct {
		CampaignID int64 `json:"campaign_id"`
	}
	if err := decodeBody(r, &body, "a canvass's campaign: campaign_id, 0 for none"); err != nil {
		return err
	}
	if err := s.app.SetCanvassCampaign(r.Context(), req(r).actor, id, body.CampaignID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
