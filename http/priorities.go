package http

import (
	"bytes"
	"html/template"
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
)

// A convention's priorities: the chair opens the priorities vote from the
// meeting's page, and the count's record has a page of its own, with its
// rounds and the ballots to count again.

// openPrioritiesVoteForm opens a convention meeting's priorities vote.
func (s *Server) openPrioritiesVoteForm(w http.ResponseWriter, r *http.Request) error {
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	_, err = s.app.OpenPrioritiesVote(r.Context(), req(r).actor, id)
	return s.meetingAction(w, r, "opened", err)
}

// prioritiesView is the record of the count that adopted priorities.
type prioritiesView struct {
	P *rankfile.Priorities
	// Count is the count's rounds, counted again from the record.
	Count template.HTML
}

// prioritiesPage shows adopted priorities and their count.
func (s *Server) prioritiesPage(w http.ResponseWriter, r *http.Request) error {
	id, err := prioritiesID(r)
	if err != nil {
		return err
	}
	p, rep, err := s.app.PrioritiesRecord(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := rep.WriteHTMLIn(&buf, req(r).l.T); err != nil {
		return err
	}
	// The count's own template escapes every name it writes.
	return s.render(w, r, "priorities.html", prioritiesView{P: p, Count: template.HTML(buf.String())})
}

// prioritiesBLT serves the record's ballots, for `rankfile tally`.
func (s *Server) prioritiesBLT(w http.ResponseWriter, r *http.Request) error {
	id, err := prioritiesID(r)
	if err != nil {
		return err
	}
	p, _, err := s.app.PrioritiesRecord(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return sendFile(w, textPlain, p.BallotsFile(), []byte(p.BLT))
}

func prioritiesID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return 0, rankfile.Errorf(rankfile.ENOTFOUND, "no such priorities")
	}
	return id, nil
}
