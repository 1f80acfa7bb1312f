package http

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
)

// meJSON is who the caller is.
type meJSON struct {
	Member         *rankfile.Member `json:"member"`
	Steward        bool             `json:"steward"`
	Admin          bool             `json:"admin"`
	Communications bool             `json:"communications"`
	Leads          []string         `json:"leads"`
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) error {
	a := req(r).actor
	if err := a.Require(a.SignedIn()); err != nil {
		return err
	}
	me := meJSON{Member: a.Member, Steward: a.Steward, Admin: a.Admin, Communications: a.Communications, Leads: []string{}}
	for _, b := range a.Leads {
		me.Leads = append(me.Leads, b.Slug)
	}
	return writeJSON(w, http.StatusOK, me)
}

func (s *Server) apiMyData(w http.ResponseWriter, r *http.Request) error {
	d, err := s.app.MyData(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, d)
}

func (s *Server) apiSetPreferences(w http.ResponseWriter, r *http.Request) error {
	var p rankfile.Preferences
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<16)).Decode(&p); err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "the body must be a JSON object of preferences: %v", err)
	}
	if err := s.app.SetPreferences(r.Context(), req(r).actor, p); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

func (s *Server) apiMember(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such member")
	}
	m, _, err := s.app.Member(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, m)
}
