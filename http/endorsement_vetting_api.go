package http

import (
	"net/http"
	"time"

	"github.com/rankfile/rankfile"
)

// Vetting's JSON API: a candidate's notes (those the reader may read) and
// interviews, and writing or scheduling one.

// apiNotes is a candidate's notes as the reader may read them.
type apiNotes struct {
	Notes []*rankfile.EndorsementNote `json:"notes"`
	// Withheld counts the notes of others the reader may not read.
	Withheld int `json:"withheld"`
}

func (s *Server) apiEndorsementNotes(w http.ResponseWriter, r *http.Request) error {
	id, err := endorsementCandidateID(r)
	if err != nil {
		return err
	}
	v, err := s.app.EndorsementVetting(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, apiNotes{Notes: v.Notes, Withheld: v.Withheld})
}

func (s *Server) apiAddEndorsementNote(w http.ResponseWriter, r *http.Request) error {
	id, err := endorsementCandidateID(r)
	if err != nil {
		return err
	}
	var n rankfile.EndorsementNote
	if err := decodeBody(r, &n, `a JSON object with "kind" (interview, research or note) and "text"`); err != nil {
		return err
	}
	n.ID, n.CandidateID, n.Author = 0, id, req(r).actor.Name()
	if err := s.app.AddEndorsementNote(r.Context(), req(r).actor, &n); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, &n)
}

// apiInterviews is a candidate's interviews.
type apiInterviews struct {
	Interviews []*rankfile.EndorsementInterview `json:"interviews"`
}

func (s *Server) apiEndorsementInterviews(w http.ResponseWriter, r *http.Request) error {
	id, err := endorsementCandidateID(r)
	if err != nil {
		return err
	}
	v, err := s.app.EndorsementVetting(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, apiInterviews{Interviews: v.Interviews})
}

// apiInterviewRequest is what scheduling an interview takes: its time
// and its place or link; the rest is the interview's.
type apiInterviewRequest struct {
	StartsAt  time.Time `json:"starts_at"`
	EndsAt    time.Time `json:"ends_at"`
	Address   string    `json:"address"`
	OnlineURL string    `json:"online_url"`
}

func (s *Server) apiScheduleInterview(w http.ResponseWriter, r *http.Request) error {
	id, err := endorsementCandidateID(r)
	if err != nil {
		return err
	}
	var in apiInterviewRequest
	if err := decodeBody(r, &in, `a JSON object with "starts_at", and "address" or "online_url"`); err != nil {
		return err
	}
	e := &rankfile.Event{StartsAt: in.StartsAt, EndsAt: in.EndsAt, Address: in.Address, OnlineURL: in.OnlineURL}
	e, err = s.app.ScheduleInterview(r.Context(), req(r).actor, id, e)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, &rankfile.EndorsementInterview{CandidateID: id, EventID: e.ID,
		StartsAt: e.StartsAt, Title: e.Title})
}
