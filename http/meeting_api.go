package http

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

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

// apiVotes lists a meeting's votes with their results.
func (s *Server) apiVotes(w http.ResponseWriter, r *http.Request) error {
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	list, err := s.app.MeetingVotes(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	if list == nil {
		list = []*rankfile.MeetingVote{}
	}
	return writeJSON(w, http.StatusOK, list)
}

// apiOpenVote opens a vote on an agenda item, for a chair.
func (s *Server) apiOpenVote(w http.ResponseWriter, r *http.Request) error {
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	v := &rankfile.MeetingVote{}
	if err := decodeBody(r, v, `a vote: agenda_item_id, kind, question, options, seats, threshold, roll_call`); err != nil {
		return err
	}
	if err := s.app.OpenVote(r.Context(), req(r).actor, id, v); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, v)
}

// apiCastMeetingVote records the caller's vote: {"choice": [0]} picks
// the first option (yes), [] abstains, a ranked vote lists its ranking.
// Sending it again is harmless: the answer says it was already counted.
func (s *Server) apiCastMeetingVote(w http.ResponseWriter, r *http.Request) error {
	id, vid, err := meetingVoteIDs(r)
	if err != nil {
		return err
	}
	var body struct {
		Choice []int `json:"choice"`
	}
	if err := decodeBody(r, &body, `{"choice": [0]}`); err != nil {
		return err
	}
	already, err := s.app.CastMeetingVote(r.Context(), req(r).actor, id, vid, body.Choice)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"counted": true, "already": already})
}

// apiRoomVotes enters the votes a session's host counted in the room.
func (s *Server) apiRoomVotes(w http.ResponseWriter, r *http.Request) error {
	id, vid, err := meetingVoteIDs(r)
	if err != nil {
		return err
	}
	var body struct {
		SessionID int64 `json:"session_id"`
		app.RoomCount
	}
	if err := decodeBody(r, &body, `{"session_id": 1, "members": [...], "counts": [yes, no], "abstain": 0} or "ballots": [[...], ...]`); err != nil {
		return err
	}
	if err := s.app.CastRoomVotes(r.Context(), req(r).actor, id, vid, body.SessionID, &body.RoomCount); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"counted": len(body.Members)})
}

// apiCloseVote closes a vote, for a chair, and returns its result. While
// a session has sent nothing in, it closes only with {"confirm": true};
// an empty body confirms nothing.
func (s *Server) apiCloseVote(w http.ResponseWriter, r *http.Request) error {
	id, vid, err := meetingVoteIDs(r)
	if err != nil {
		return err
	}
	var body struct {
		Confirm bool `json:"confirm"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<10)).Decode(&body); err != nil && err != io.EOF {
		return rankfile.Errorf(rankfile.EINVALID, `the body must be {"confirm": true}, or empty`)
	}
	v, err := s.app.CloseVote(r.Context(), req(r).actor, id, vid, body.Confirm)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

// apiSaveMinutes stores a meeting's minutes: {"text": "..."}.
func (s *Server) apiSaveMinutes(w http.ResponseWriter, r *http.Request) error {
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	var body struct {
		Text string `json:"text"`
	}
	if err := decodeBody(r, &body, `{"text": "..."}`); err != nil {
		return err
	}
	if err := s.app.SaveMinutes(r.Context(), req(r).actor, id, body.Text); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"saved": true})
}

// apiApproveMinutes records that a later meeting approved the minutes:
// {"at_meeting_id": 7}.
func (s *Server) apiApproveMinutes(w http.ResponseWriter, r *http.Request) error {
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	var body struct {
		AtMeetingID int64 `json:"at_meeting_id"`
	}
	if err := decodeBody(r, &body, `{"at_meeting_id": 7}`); err != nil {
		return err
	}
	if err := s.app.ApproveMinutes(r.Context(), req(r).actor, id, body.AtMeetingID); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"approved": true})
}

// apiCheckInSearch finds members by name for a session's host.
func (s *Server) apiCheckInSearch(w http.ResponseWriter, r *http.Request) error {
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	list, _, err := s.app.CheckInSearch(r.Context(), req(r).actor, id, r.URL.Query().Get("q"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, list)
}

// apiMyMeetings lists the meetings the caller attended.
func (s *Server) apiMyMeetings(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	list, err := s.app.MeetingsAttended(r.Context(), actor, actor.ID())
	if err != nil {
		return err
	}
	if list == nil {
		list = []*rankfile.AttendedMeeting{}
	}
	return writeJSON(w, http.StatusOK, list)
}
