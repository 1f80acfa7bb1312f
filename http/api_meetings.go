package http

import (
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
)

// meetingID reads the meeting id of the path.
func meetingID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return 0, rankfile.Errorf(rankfile.ENOTFOUND, "no such meeting")
	}
	return id, nil
}

// apiMeetings lists meetings in the order they start.
func (s *Server) apiMeetings(w http.ResponseWriter, r *http.Request) error {
	list, err := s.app.ListMeetings(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	if list == nil {
		list = []*rankfile.Meeting{}
	}
	return writeJSON(w, http.StatusOK, list)
}

// apiCreateMeeting calls a meeting.
func (s *Server) apiCreateMeeting(w http.ResponseWriter, r *http.Request) error {
	m := &rankfile.Meeting{}
	if err := decodeBody(r, m, "a meeting: body_id, kind, title, starts_at, format, quorum, sessions, agenda"); err != nil {
		return err
	}
	if err := s.app.CreateMeeting(r.Context(), req(r).actor, m); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, m)
}

// apiMeeting returns a meeting with its sessions' attendance counts and
// quorum.
func (s *Server) apiMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	page, err := s.app.Meeting(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, page)
}

// apiCheckIn checks the caller in with a session's code ({"code": "..."}),
// or, for a session's host, a member into it ({"session_id", "member_id"}).
func (s *Server) apiCheckIn(w http.ResponseWriter, r *http.Request) error {
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	var body struct {
		Code      string `json:"code"`
		SessionID int64  `json:"session_id"`
		MemberID  int64  `json:"member_id"`
	}
	if err := decodeBody(r, &body, `{"code": "ABC234"} or {"session_id": 1, "member_id": 2}`); err != nil {
		return err
	}
	ctx, actor := r.Context(), req(r).actor
	if body.Code != "" {
		ses, err := s.app.SelfCheckIn(ctx, actor, id, body.Code)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, map[string]any{"session_id": ses.ID, "member_id": actor.ID()})
	}
	if err := s.app.CheckIn(ctx, actor, id, body.SessionID, body.MemberID); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"session_id": body.SessionID, "member_id": body.MemberID})
}

// apiAttendance lists who is checked in, for the meeting's hosts.
func (s *Server) apiAttendance(w http.ResponseWriter, r *http.Request) error {
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	list, err := s.app.Attendance(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	if list == nil {
		list = []*rankfile.Attendance{}
	}
	return writeJSON(w, http.StatusOK, list)
}
