package http

import (
	"net/http"

	"github.com/rankfile/rankfile"
)

// One-on-ones through the JSON API: the same operations as the pages.

// apiPeople returns the caller's people, grouped in the order to call them.
func (s *Server) apiPeople(w http.ResponseWriter, r *http.Request) error {
	list, err := s.app.People(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, list)
}

// apiQueue returns a branch's members waiting for an organizer.
func (s *Server) apiQueue(w http.ResponseWriter, r *http.Request) error {
	q, err := s.app.Queue(r.Context(), req(r).actor, r.PathValue("slug"), queueShown)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, q)
}

// assignJSON is an assignment as the API takes it.
type assignJSON struct {
	OrganizerID int64  `json:"organizer_id"`
	Reason      string `json:"reason"`
}

// apiAssign gives a member to an organizer, ending any earlier assignment.
func (s *Server) apiAssign(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	var a assignJSON
	if err := decodeBody(r, &a, `{"organizer_id": 123, "reason": "new|returning|manual"}`); err != nil {
		return err
	}
	asg, err := s.app.Assign(r.Context(), req(r).actor, id, a.OrganizerID, rankfile.AssignReason(a.Reason))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, asg)
}

// apiUnassign sends a member back to their branch's queue.
func (s *Server) apiUnassign(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	if err := s.app.Unassign(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// apiConversations returns the conversations with a member the caller
// may read; forbidden when they may neither read nor log any.
func (s *Server) apiConversations(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	actor := req(r).actor
	c, err := s.app.Conversations(r.Context(), actor, id)
	if err != nil {
		return err
	} else if c == nil {
		return actor.Require(false)
	}
	return writeJSON(w, http.StatusOK, c)
}

// conversationJSON is a conversation as the API takes it.
type conversationJSON struct {
	On           rankfile.Date `json:"on"`
	Method       string        `json:"method"`
	Notes        string        `json:"notes"`
	Tags         []string      `json:"tags"`
	Availability string        `json:"availability"`
	NextStep     string        `json:"next_step"`
	Assessment   int           `json:"assessment"`
	FollowUpOn   rankfile.Date `json:"follow_up_on"`
}

// apiLogConversation logs a conversation with a member.
func (s *Server) apiLogConversation(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	var in conversationJSON
	if err := decodeBody(r, &in, `{"on": "YYYY-MM-DD", "method": "call|text|in_person|video|email", "notes": "...", "tags": ["..."], "availability": "...", "next_step": "...", "assessment": 0, "follow_up_on": "YYYY-MM-DD or omitted"}`); err != nil {
		return err
	}
	c := &rankfile.Conversation{MemberID: id, On: in.On, Method: rankfile.ContactMethod(in.Method), Notes: in.Notes,
		Tags: in.Tags, Availability: in.Availability, NextStep: in.NextStep, Assessment: in.Assessment, FollowUpOn: in.FollowUpOn}
	if err := s.app.LogConversation(r.Context(), req(r).actor, c); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, c)
}
