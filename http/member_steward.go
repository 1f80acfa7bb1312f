package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// A data steward's changes to a member's record from the member's page:
// what the command line's "members override", "members revoke-override"
// and "roles grant|revoke" do.

// setOverrideForm records a standing override; a mistake shows the page
// again with the form as typed and the wrong fields marked.
func (s *Server) setOverrideForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	if actor := req(r).actor; !actor.CanOverrideStanding() {
		return actor.Require(false)
	}
	f := app.OverrideForm{Standing: r.FormValue("standing"), Reason: r.FormValue("reason"), Until: r.FormValue("until")}
	problems := overrideProblems(f, s.app.Today())
	if len(problems) == 0 {
		err = s.app.SetOverride(r.Context(), req(r).actor, id, f)
	}
	switch {
	case len(problems) > 0:
		return s.renderMember(w, r, http.StatusBadRequest, &memberData{Override: f, Problems: problems})
	case rankfile.ErrorCode(err) == rankfile.EINVALID:
		return s.renderMember(w, r, http.StatusBadRequest, &memberData{Override: f, Problem: rankfile.ErrorMessage(err)})
	case err != nil:
		return err
	}
	return redirect(w, r, "/members/"+r.PathValue("id")+"?done=override#standing-h")
}

// overrideProblems checks the form's fields, each against what
// StandingOverride.Validate asks, to mark the ones that are wrong.
func overrideProblems(f app.OverrideForm, today rankfile.Date) map[string]string {
	p := map[string]string{}
	if _, err := rankfile.ParseStanding(f.Standing); err != nil {
		p["standing"] = "override.problem.standing"
	}
	if strings.TrimSpace(f.Reason) == "" {
		p["reason"] = "override.problem.reason"
	}
	if u := strings.TrimSpace(f.Until); u != "" {
		d, err := rankfile.ParseDate(u)
		switch {
		case err != nil || rankfile.CheckDates("", d) != nil:
			p["until"] = "override.problem.until"
		case d.Before(today):
			p["until"] = "override.problem.past"
		}
	}
	return p
}

// clearOverrideForm withdraws a member's standing override.
func (s *Server) clearOverrideForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	if err := s.app.ClearOverride(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	return redirect(w, r, "/members/"+r.PathValue("id")+"?done=cleared#standing-h")
}

// grantRoleForm gives a member the role the form names.
func (s *Server) grantRoleForm(w http.ResponseWriter, r *http.Request) error {
	return s.changeRole(w, r, r.FormValue("role"), true)
}

// revokeRoleForm takes the role of the path away from a member.
func (s *Server) revokeRoleForm(w http.ResponseWriter, r *http.Request) error {
	return s.changeRole(w, r, r.PathValue("role"), false)
}

func (s *Server) changeRole(w http.ResponseWriter, r *http.Request, role string, grant bool) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	if err := s.app.ChangeRole(r.Context(), req(r).actor, id, role, grant); err != nil {
		return err
	}
	done := "granted"
	if !grant {
		done = "revoked"
	}
	return redirect(w, r, "/members/"+r.PathValue("id")+"?done="+done+"#roles-h")
}

// chapterStewardForm makes a member the data steward of the chapter the
// form names, or of none.
func (s *Server) chapterStewardForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	var chapter int64
	if v := r.FormValue("chapter"); v != "" {
		if chapter, err = strconv.ParseInt(v, 10, 64); err != nil {
			// Nobody learns more from a bad form than from a good one.
			if err := req(r).actor.Require(req(r).actor.SignedIn()); err != nil {
				return err
			}
			return rankfile.Errorf(rankfile.EINVALID, "no such chapter")
		}
	}
	if err := s.app.SetChapterSteward(r.Context(), req(r).actor, id, chapter); err != nil {
		return err
	}
	return redirect(w, r, "/members/"+r.PathValue("id")+"?done=chapter_steward#roles-h")
}

// chooseBranchForm records the branch a member chose, as they told a
// steward: a branch's slug, or "home" for the one they live in.
func (s *Server) chooseBranchForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	slug := r.FormValue("branch")
	if slug == "home" {
		slug = ""
	}
	if err := s.app.ChooseBranchFor(r.Context(), req(r).actor, id, slug); err != nil {
		return err
	}
	return redirect(w, r, "/members/"+r.PathValue("id")+"?done=branch#place-h")
}

// setPointForm records where a member lives as "LAT,LON"; empty forgets
// it. A mistake shows the page again with the field as typed, marked.
func (s *Server) setPointForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	typed := r.FormValue("point")
	err = s.app.SetPointFor(r.Context(), req(r).actor, id, typed)
	if rankfile.ErrorCode(err) == rankfile.EINVALID {
		return s.renderMember(w, r, http.StatusBadRequest, &memberData{Point: &typed, Problems: map[string]string{"point": "place.problem.point"}})
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/members/"+r.PathValue("id")+"?done=point#place-h")
}
