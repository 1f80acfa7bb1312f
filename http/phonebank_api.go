package http

import (
	"net/http"
	"slices"

	"github.com/rankfile/rankfile"
)

// Phonebanks' JSON API: the same services as the pages. A caller's app
// takes a batch (POST .../claim), dials, and sends what came of each call
// (POST .../calls), each with an id it made, so that sending again after
// a dropped connection stores each call once.

func (s *Server) apiPhonebanks(w http.ResponseWriter, r *http.Request) error {
	list, err := s.app.FindPhonebanks(r.Context(), req(r).actor, 0)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, nonNilList(list))
}

const phonebankShape = "a phonebank: body_id (or campaign_id with source \"targets\"), name, source (\"targets\" or \"roster\"), " +
	"and optionally filter, script, batch_size, retry_hours, max_tries, cooldown_days and event_id"

func (s *Server) apiCreatePhonebank(w http.ResponseWriter, r *http.Request) error {
	p := &rankfile.Phonebank{}
	if err := decodeBody(r, p, phonebankShape); err != nil {
		return err
	}
	p.ID = 0
	if err := s.app.CreatePhonebank(r.Context(), req(r).actor, p); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, p)
}

func (s *Server) apiPhonebank(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "phonebank")
	if err != nil {
		return err
	}
	v, err := s.app.Phonebank(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

func (s *Server) apiClaimCalls(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "phonebank")
	if err != nil {
		return err
	}
	calls, err := s.app.ClaimCalls(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, nonNilList(calls))
}

const callsShape = `{"calls": [...]}, each call with client_id, call_id, result, at, and optionally support, issues, ` +
	`volunteer, keep_in_touch, answers, notes and call_back_at`

// maxCallBatch is the most calls one request may carry: a caller's app
// sends what it holds, a batch or a few.
const maxCallBatch = 100

func (s *Server) apiRecordCalls(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "phonebank")
	if err != nil {
		return err
	}
	var in struct {
		Calls []*rankfile.Attempt `json:"calls"`
	}
	if err := decodeBody(r, &in, callsShape); err != nil {
		return err
	}
	if len(in.Calls) == 0 || len(in.Calls) > maxCallBatch || slices.Contains(in.Calls, nil) {
		return rankfile.Errorf(rankfile.EINVALID, "send 1 to %d calls at a time", maxCallBatch)
	}
	repeats, err := s.app.RecordCalls(r.Context(), req(r).actor, id, in.Calls)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]int{"stored": len(in.Calls) - repeats, "repeats": repeats})
}

func (s *Server) apiAddCaller(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "phonebank")
	if err != nil {
		return err
	}
	var body struct {
		MemberID int64 `json:"member_id"`
	}
	if err := decodeBody(r, &body, "a caller: member_id"); err != nil {
		return err
	}
	if err := s.app.AddCaller(r.Context(), req(r).actor, id, body.MemberID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) apiTopUpPhonebank(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "phonebank")
	if err != nil {
		return err
	}
	added, err := s.app.TopUpPhonebank(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]int{"added": added})
}

func (s *Server) apiClosePhonebank(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "phonebank")
	if err != nil {
		return err
	}
	if err := s.app.ClosePhonebank(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
