package http

import (
	"encoding/json"
	"net/http"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// profileData is what the profile page shows and edits.
type profileData struct {
	Member   *rankfile.Member
	Wishes   rankfile.ContactPreferences
	Branches []*rankfile.Body
	Saved    bool
	// Training is the member's courses and qualifications.
	Training *app.TrainingRecord
}

// BranchName is the name of the member's branch, "" when they have none.
func (d profileData) BranchName() string {
	for _, b := range d.Branches {
		if b.Slug == d.Member.Branch.Slug {
			return b.Name
		}
	}
	return ""
}

func (s *Server) profilePage(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	if err := actor.Require(actor.SignedIn()); err != nil {
		return err
	}
	branches, err := s.app.BranchesOf(r.Context(), actor.Member.ChapterID)
	if err != nil {
		return err
	}
	training, err := s.app.TrainingRecord(r.Context(), actor, actor.ID())
	if err != nil {
		return err
	}
	return s.render(w, r, "member_profile.html", profileData{Member: actor.Member, Wishes: actor.Member.ContactWishes(),
		Branches: branches, Saved: r.URL.Query().Get("saved") == "1", Training: training})
}

// saveProfile records the member's preferences and branch choice. Each
// contact choice is "list" (follow the national list), or the member's own.
func (s *Server) saveProfile(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	if err := actor.Require(actor.SignedIn()); err != nil {
		return err
	}
	p := rankfile.Preferences{Language: r.FormValue("language"),
		DoNotCall: choice(r.FormValue("do_not_call")), TextOptOut: choice(r.FormValue("text_opt_out"))}
	if mail := r.FormValue("mail_preference"); mail != "list" && mail != "" {
		p.MailPreference = &mail
	}
	if r.FormValue("weekly_shown") == "1" { // an unticked box sends nothing
		weekly := r.FormValue("weekly_email") == "yes"
		p.WeeklyEmail = &weekly
	}
	if err := s.app.SetPreferences(r.Context(), actor, p); err != nil {
		return err
	}
	if branch := r.FormValue("branch"); branch != "keep" && branch != "" {
		if branch == "home" {
			branch = ""
		}
		if err := s.app.ChooseBranch(r.Context(), actor, branch); err != nil {
			return err
		}
	}
	return redirect(w, r, "/profile?saved=1")
}

// choice reads a yes/no/list form value.
func choice(v string) *bool {
	switch v {
	case "yes":
		t := true
		return &t
	case "no":
		f := false
		return &f
	}
	return nil
}

// myData sends everything rankfile holds about the member, as JSON.
func (s *Server) myData(w http.ResponseWriter, r *http.Request) error {
	d, err := s.app.MyData(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	body, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Disposition", `attachment; filename="my-rankfile-data.json"`)
	_, err = w.Write(append(body, '\n'))
	return err
}
