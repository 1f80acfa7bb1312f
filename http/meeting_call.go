package http

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
)

// The pages a body's leaders call a meeting on and change it on: one
// session, or one in each branch (the chapter's general meeting held as
// simultaneous branch meetings), each with its chair and secretary named
// from the body's members. A form that fails comes back as it was sent,
// each mistake marked at its field.

// meetingForm is the form that calls or changes a meeting, as sent.
type meetingForm struct {
	ID       int64 // 0 when calling a meeting
	Bodies   []*rankfile.Body
	Body     *rankfile.Body
	Branched bool
	Title    string
	Kind     string
	Format   string
	Starts   string
	Ends     string
	Quorum   string
	Percent  string
	Sessions []*sessionForm
	Kinds    []rankfile.MeetingKind
	Formats  []rankfile.MeetingFormat
	// Problems holds what is wrong with each field, by the field's name.
	Problems map[string]formProblem
	// Problem is what is wrong with the whole, when no field is to blame.
	Problem string
}

// sessionForm is one session's part of the form.
type sessionForm struct {
	ID, BranchID                        int64
	Name, Chair, Secretary, Place, Link string
}

// formProblem is a mistake in a field: a catalog key and the name typed,
// or the message of the service's error, said in the reader's language.
type formProblem struct{ Key, Name, Message string }

// problemOf puts a fixable error of the service on the form: next to the
// field it is about (rankfile.FieldError), in the form's own words for a
// problem it knows (with the name typed in it), else above the form; in
// the reader's language.
func (f *meetingForm) problemOf(rq *request, err error, typed string) {
	fe := rankfile.FieldOf(err)
	if fe == nil {
		f.Problem = rq.l.Error(err)
		return
	}
	p := formProblem{Key: nameProblems[fe.Problem], Name: typed}
	if rankfile.ErrorCode(err) == rankfile.ETOOMANY {
		p.Key = "meetingform.problem.toomany"
	}
	if p.Key == "" {
		p.Message = rq.l.Error(err)
	}
	f.Problems[fe.Field] = p
}

// nameProblems are the form's own words for a name typed for a session's
// chair or secretary that finds no one or several (rankfile.FieldError's
// Problem).
var nameProblems = map[string]string{
	"unknown":   "meetingform.problem.noone",
	"ambiguous": "meetingform.problem.several",
}

// ProblemOf returns the problem of a field, or nil.
func (f *meetingForm) ProblemOf(field string) *formProblem {
	if p, ok := f.Problems[field]; ok {
		return &p
	}
	return nil
}

// Field names a session's field in the form.
func (s *sessionForm) Field(i int, name string) string { return rankfile.SessionField(i, name) }

func newMeetingForm() *meetingForm {
	return &meetingForm{Kinds: rankfile.MeetingKinds, Formats: []rankfile.MeetingFormat{rankfile.InPerson, rankfile.Online, rankfile.Hybrid},
		Problems: map[string]formProblem{}, Kind: string(rankfile.MeetingBody), Format: string(rankfile.InPerson)}
}

// newMeetingPage shows the form that calls a meeting, of the body the
// reader came from (?body=ID), or asks which body first.
func (s *Server) newMeetingPage(w http.ResponseWriter, r *http.Request) error {
	ctx, actor := r.Context(), req(r).actor
	f := newMeetingForm()
	var err error
	if f.Bodies, err = s.app.CallableBodies(ctx, actor); err != nil {
		return err
	}
	bodyID, err := strconv.ParseInt(r.URL.Query().Get("body"), 10, 64)
	if err != nil || bodyID == 0 {
		return s.render(w, r, "meeting_form.html", f)
	}
	if f.Body, err = s.app.FindCallableBody(ctx, actor, bodyID); err != nil {
		return err
	}
	f.Branched = r.URL.Query().Get("branched") == "1"
	if f.Body.Kind == rankfile.KindChapter {
		f.Kind = string(rankfile.MeetingChapter)
	}
	return s.render(w, r, "meeting_form.html", f.withSessions(s, r))
}

// withSessions gives the form its sessions' rows: one for each branch of
// a branched meeting, one otherwise.
func (f *meetingForm) withSessions(s *Server, r *http.Request) *meetingForm {
	if !f.Branched {
		f.Sessions = []*sessionForm{{Name: f.Body.Name}}
		return f
	}
	sessions, err := s.app.BranchSessions(r.Context())
	if err != nil || len(sessions) == 0 {
		f.Branched, f.Sessions = false, []*sessionForm{{Name: f.Body.Name}}
		return f
	}
	for _, ses := range sessions {
		f.Sessions = append(f.Sessions, &sessionForm{Name: ses.Name, BranchID: ses.BranchID})
	}
	return f
}

// readMeetingForm reads the form as sent, and the meeting it describes;
// the form's Problems say what could not be read.
func (s *Server) readMeetingForm(r *http.Request) (*meetingForm, *rankfile.Meeting) {
	f := newMeetingForm()
	f.Title, f.Kind, f.Format = r.FormValue("title"), r.FormValue("kind"), r.FormValue("format")
	f.Starts, f.Ends, f.Quorum, f.Percent = r.FormValue("starts"), r.FormValue("ends"), r.FormValue("quorum"), r.FormValue("percent")
	f.Branched = r.FormValue("branched") == "1"
	m := &rankfile.Meeting{Title: f.Title, Kind: rankfile.MeetingKind(f.Kind), Format: rankfile.MeetingFormat(f.Format)}
	if strings.TrimSpace(f.Title) == "" {
		f.Problems["title"] = formProblem{Key: "meetingform.problem.title"}
	}
	var err error
	if m.StartsAt, err = s.formTime(r, "starts"); err != nil || m.StartsAt.IsZero() {
		f.Problems["starts"] = formProblem{Key: "meetingform.problem.starts"}
	}
	if m.EndsAt, err = s.formTime(r, "ends"); err != nil || (!m.EndsAt.IsZero() && !m.EndsAt.After(m.StartsAt)) {
		f.Problems["ends"] = formProblem{Key: "meetingform.problem.ends"}
	}
	m.Quorum.Count, err = formCount(f.Quorum)
	if err != nil {
		f.Problems["quorum"] = formProblem{Key: "meetingform.problem.number"}
	}
	if m.Quorum.Percent, err = formCount(f.Percent); err != nil || m.Quorum.Percent > 100 {
		f.Problems["percent"] = formProblem{Key: "meetingform.problem.percent"}
	}
	n, _ := strconv.Atoi(r.FormValue("sessions"))
	for i := range min(n, 50) {
		f.Sessions = append(f.Sessions, readSessionForm(r, i))
	}
	return f, m
}

// formCount reads a field that holds a count, blank for none.
func formCount(v string) (int, error) {
	if strings.TrimSpace(v) == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return 0, rankfile.Errorf(rankfile.EINVALID, "%q is not a number", v)
	}
	return n, nil
}

func readSessionForm(r *http.Request, i int) *sessionForm {
	sf := &sessionForm{}
	get := func(name string) string { return strings.TrimSpace(r.FormValue(sf.Field(i, name))) }
	sf.ID, _ = strconv.ParseInt(get("id"), 10, 64)
	sf.BranchID, _ = strconv.ParseInt(get("branch"), 10, 64)
	sf.Name, sf.Chair, sf.Secretary, sf.Place, sf.Link = get("name"), get("chair"), get("secretary"), get("place"), get("link")
	return sf
}

// resolveSessions turns the form's sessions into the meeting's, finding
// each chair and secretary among the body's members by the name typed.
func (s *Server) resolveSessions(r *http.Request, f *meetingForm, m *rankfile.Meeting) {
	for i, sf := range f.Sessions {
		ses := &rankfile.MeetingSession{ID: sf.ID, BranchID: sf.BranchID, Name: sf.Name, Place: sf.Place, Link: sf.Link}
		if sf.Name == "" {
			f.Problems[sf.Field(i, "name")] = formProblem{Key: "meetingform.problem.session"}
		}
		if sf.Link != "" && !strings.HasPrefix(sf.Link, "https://") && !strings.HasPrefix(sf.Link, "http://") {
			f.Problems[sf.Field(i, "link")] = formProblem{Key: "meetingform.problem.link"}
		}
		ses.ChairID = s.resolveName(r, f, sf.Field(i, "chair"), sf.Chair)
		ses.SecretaryID = s.resolveName(r, f, sf.Field(i, "secretary"), sf.Secretary)
		m.Sessions = append(m.Sessions, ses)
	}
}

// resolveName finds the member of the form's body a name typed in field
// names, or marks the field; 0 for a blank name.
func (s *Server) resolveName(r *http.Request, f *meetingForm, field, typed string) int64 {
	if typed == "" {
		return 0
	}
	member, err := s.app.ResolveMember(r.Context(), req(r).actor, f.Body, field, typed)
	if err == nil {
		return member.ID
	}
	f.problemOf(req(r), err, typed)
	return 0
}

// callMeeting calls the meeting the form describes and goes on to its
// agenda, or shows the form again with what was wrong.
func (s *Server) callMeeting(w http.ResponseWriter, r *http.Request) error {
	ctx, actor := r.Context(), req(r).actor
	bodies, err := s.app.CallableBodies(ctx, actor)
	if err != nil {
		return err
	}
	f, m := s.readMeetingForm(r)
	f.Bodies = bodies
	if m.BodyID, err = formID(r, "body"); err != nil || m.BodyID == 0 {
		f.Problems["body"] = formProblem{Key: "meetingform.problem.body"}
		return s.renderStatus(w, r, http.StatusBadRequest, "meeting_form.html", f)
	}
	if f.Body, err = s.app.FindCallableBody(ctx, actor, m.BodyID); err != nil {
		return err
	}
	s.resolveSessions(r, f, m)
	if len(f.Problems) == 0 {
		if err = s.app.CreateMeeting(ctx, actor, m); err == nil {
			return redirect(w, r, "/meetings/"+strconv.FormatInt(m.ID, 10)+"/agenda?done=called")
		}
		if !fixable(err) {
			return err
		}
		f.problemOf(req(r), err, "")
	}
	return s.renderStatus(w, r, http.StatusBadRequest, "meeting_form.html", f)
}

// editMeetingPage shows the form that changes a meeting, filled in.
func (s *Server) editMeetingPage(w http.ResponseWriter, r *http.Request) error {
	f, err := s.editForm(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "meeting_form.html", f)
}

// editForm is the form of the meeting of the path as it stands, for its
// body's leaders.
func (s *Server) editForm(r *http.Request) (*meetingForm, error) {
	id, err := meetingID(r)
	if err != nil {
		return nil, err
	}
	ctx, actor := r.Context(), req(r).actor
	page, err := s.app.Meeting(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(page.CanManage); err != nil {
		return nil, err
	}
	m, f := page.Meeting, newMeetingForm()
	f.ID, f.Body, f.Title, f.Kind, f.Format = m.ID, page.Body, m.Title, string(m.Kind), string(m.Format)
	f.Starts, f.Ends = inputTime(m.StartsAt, s.app.Zone), inputTime(m.EndsAt, s.app.Zone)
	f.Quorum, f.Percent = strconv.Itoa(m.Quorum.Count), strconv.Itoa(m.Quorum.Percent)
	for _, ses := range m.Sessions {
		sf := &sessionForm{ID: ses.ID, BranchID: ses.BranchID, Name: ses.Name, Place: ses.Place, Link: ses.Link}
		if sf.Chair, err = s.app.MemberName(ctx, ses.ChairID); err != nil {
			return nil, err
		}
		if sf.Secretary, err = s.app.MemberName(ctx, ses.SecretaryID); err != nil {
			return nil, err
		}
		f.Sessions = append(f.Sessions, sf)
	}
	f.Branched = len(f.Sessions) > 1
	return f, nil
}

// inputTime is a time as a datetime-local field holds it, "" for none.
func inputTime(t time.Time, zone *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(zone).Format("2006-01-02T15:04")
}

// updateMeeting changes the meeting of the path as the form says.
func (s *Server) updateMeeting(w http.ResponseWriter, r *http.Request) error {
	old, err := s.editForm(r)
	if err != nil {
		return err
	}
	f, m := s.readMeetingForm(r)
	f.ID, f.Body, m.ID, m.BodyID = old.ID, old.Body, old.ID, old.Body.ID
	s.resolveSessions(r, f, m)
	if len(f.Problems) == 0 {
		if err = s.app.UpdateMeeting(r.Context(), req(r).actor, m); err == nil {
			return redirect(w, r, "/meetings/"+strconv.FormatInt(m.ID, 10)+"?done=changed")
		}
		if !fixable(err) {
			return err
		}
		f.problemOf(req(r), err, "")
	}
	return s.renderStatus(w, r, http.StatusBadRequest, "meeting_form.html", f)
}

// cancelMeeting calls the meeting of the path off, with the reason.
func (s *Server) cancelMeeting(w http.ResponseWriter, r *http.Request) error {
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	err = s.app.CancelMeeting(r.Context(), req(r).actor, id, r.FormValue("reason"))
	if rankfile.ErrorCode(err) == rankfile.EINVALID {
		f, ferr := s.editForm(r)
		if ferr != nil {
			return ferr
		}
		f.Problems["reason"] = formProblem{Key: "meetingform.problem.reason"}
		return s.renderStatus(w, r, http.StatusBadRequest, "meeting_form.html", f)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/meetings/"+r.PathValue("id")+"?done=cancelled")
}
