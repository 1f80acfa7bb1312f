package http

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/rankfile/rankfile"
)

// ladderJSON is the chapter's ladder in the API: its text, and its stages
// as read from it.
type ladderJSON struct {
	Text   string          `json:"text"`
	Stages rankfile.Ladder `json:"stages,omitempty"`
}

func (s *Server) apiLadder(w http.ResponseWriter, r *http.Request) error {
	l, err := s.app.Ladder(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, ladderJSON{Text: l.String(), Stages: l})
}

func (s *Server) apiSetLadder(w http.ResponseWriter, r *http.Request) error {
	var in ladderJSON
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<16)).Decode(&in); err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "the body must be a JSON object with the ladder's text: %v", err)
	}
	if err := s.app.SetLadder(r.Context(), req(r).actor, in.Text); err != nil {
		return err
	}
	return s.apiLadder(w, r)
}

// pathJSON is a member's place on the ladder in the API.
type pathJSON struct {
	Stage string         `json:"stage"`
	Next  string         `json:"next,omitempty"`
	Needs []pathNeedJSON `json:"needs"`
}

// pathNeedJSON is a rule of the next stage the member does not yet meet.
type pathNeedJSON struct {
	Counter string `json:"counter"`
	Min     int    `json:"min"`
	Days    int    `json:"days,omitempty"`
	Have    int    `json:"have"`
}

func (s *Server) apiMyPath(w http.ResponseWriter, r *http.Request) error {
	p, err := s.app.MyPath(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	out := pathJSON{Stage: p.Stage, Needs: []pathNeedJSON{}}
	if p.Next != nil {
		out.Next = p.Next.Key
	}
	for _, n := range p.Needs {
		out.Needs = append(out.Needs, pathNeedJSON{Counter: n.Rule.Counter, Min: n.Rule.Min, Days: n.Rule.Days, Have: n.Have})
	}
	return writeJSON(w, http.StatusOK, out)
}
