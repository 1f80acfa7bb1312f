package http

import (
	"net/http"

	"github.com/rankfile/rankfile/app"
)

// A member's record for the member and the data stewards, and the
// stewards' changes to it, through the JSON API.

// apiMemberRecord returns a member's history, positions and roles, for
// the member and the data stewards. Someone the caller may not see is
// not found; one whose record is not theirs to read is forbidden.
func (s *Server) apiMemberRecord(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	actor := req(r).actor
	if _, _, err := s.app.Member(r.Context(), actor, id); err != nil {
		return err
	}
	rec, err := s.app.MemberRecordOf(r.Context(), actor, id)
	if err != nil {
		return err
	} else if rec == nil {
		return actor.Require(false)
	}
	return writeJSON(w, http.StatusOK, rec)
}

// overrideJSON is a standing override as the API takes it.
type overrideJSON struct {
	Standing string `json:"standing"`
	Reason   string `json:"reason"`
	Until    string `json:"until"`
}

// apiSetOverride records a standing override, for a data steward.
func (s *Server) apiSetOverride(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	var o overrideJSON
	if err := decodeBody(r, &o, `{"standing": "good|member|lapsed", "reason": "...", "until": "YYYY-MM-DD or empty"}`); err != nil {
		return err
	}
	f := app.OverrideForm{Standing: o.Standing, Reason: o.Reason, Until: o.Until}
	if err := s.app.SetOverride(r.Context(), req(r).actor, id, f); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// apiClearOverride withdraws a member's standing override.
func (s *Server) apiClearOverride(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	if err := s.app.ClearOverride(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// apiGrantRole gives a member the role of the path.
func (s *Server) apiGrantRole(w http.ResponseWriter, r *http.Request) error {
	return s.apiChangeRole(w, r, true)
}

// apiRevokeRole takes the role of the path away from a member.
func (s *Server) apiRevokeRole(w http.ResponseWriter, r *http.Request) error {
	return s.apiChangeRole(w, r, false)
}

func (s *Server) apiChangeRole(w http.ResponseWriter, r *http.Request, grant bool) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	if err := s.app.ChangeRole(r.Context(), req(r).actor, id, r.PathValue("role"), grant); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// apiChapterSteward makes a member the data steward of a chapter, or of
// none (chapter_id 0).
func (s *Server) apiChapterSteward(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	var in struct {
		ChapterID int64 `json:"chapter_id"`
	}
	if err := decodeBody(r, &in, `{"chapter_id": N}`); err != nil {
		return err
	}
	if err := s.app.SetChapterSteward(r.Context(), req(r).actor, id, in.ChapterID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
