package http

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// One-on-ones on a phone: an organizer's people (/people), the form that
// logs a conversation, a branch's queue for its leaders, and the
// conversations on a member's page.

// peopleData is the /people page.
type peopleData struct {
	List   *app.PeopleList
	Groups []peopleGroupView
	// Queues are the branches whose queue the actor may see: those they lead.
	Queues []*rankfile.Body
	Done   string
}

type peopleGroupView struct {
	Group  rankfile.PersonGroup
	People []personView
}

// personView is one person as the list shows them: tel: links are not
// among the URLs html/template lets through, so they are made here.
type personView struct {
	*rankfile.Person
	Tel   template.URL
	Phone string
}

// telURL returns a tel: link for a phone number as typed, "" for none.
func telURL(phone string) template.URL {
	var b strings.Builder
	for i, r := range strings.TrimSpace(phone) {
		if (r >= '0' && r <= '9') || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	if b.Len() < 3 {
		return ""
	}
	return template.URL("tel:" + b.String())
}

func (s *Server) peoplePage(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	list, err := s.app.People(r.Context(), actor)
	if err != nil {
		return err
	}
	data := &peopleData{List: list, Done: r.URL.Query().Get("done")}
	for _, g := range list.Groups {
		gv := peopleGroupView{Group: g.Group}
		for _, p := range g.People {
			phone := firstOf(p.Member.MobilePhone, p.Member.BestPhone, p.Member.HomePhone)
			pv := personView{Person: p, Phone: phone}
			if !p.Member.Contact.DoNotCall {
				pv.Tel = telURL(phone)
			}
			gv.People = append(gv.People, pv)
		}
		data.Groups = append(data.Groups, gv)
	}
	for _, b := range actor.Leads {
		if b.Kind == rankfile.KindBranch {
			data.Queues = append(data.Queues, b)
		}
	}
	return s.render(w, r, "oneonone_people.html", data)
}

func firstOf(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// logData is the form that logs a conversation with a member.
type logData struct {
	Member  *rankfile.Member
	Form    conversationForm
	Scale   []string
	Methods []rankfile.ContactMethod
	Problem *fieldProblem
}

// conversationForm is the form as typed, to show again after a mistake.
type conversationForm struct {
	On, Method, Notes, Tags, Availability, NextStep, Assessment, FollowUpOn string
}

// conversationFields names the field each of the domain's messages is about.
var conversationFields = map[string]string{
	"give the date of the conversation":                                      "on",
	"how the conversation was held is call, text, in person, video or email": "method",
	"the notes are %d characters long; the most is %d":                       "notes",
	"availability and next step are at most %d characters each":              "next_step",
	"the assessment is a level from 1 to %d":                                 "assessment",
	"the follow-up date comes after the conversation":                        "follow_up_on",
	"a tag is at most %d characters: %q":                                     "tags",
	"at most %d interests and skills":                                        "tags",
}

func (s *Server) logConversationPage(w http.ResponseWriter, r *http.Request) error {
	f := conversationForm{On: s.app.Today().String(), Method: string(rankfile.MethodCall)}
	return s.renderLog(w, r, http.StatusOK, f, nil)
}

// renderLog shows the form to log a conversation with the member of the
// path: to those who may log one, else forbidden.
func (s *Server) renderLog(w http.ResponseWriter, r *http.Request, status int, f conversationForm, problem *fieldProblem) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	actor := req(r).actor
	m, err := s.app.LogTarget(r.Context(), actor, id)
	if err != nil {
		return err
	}
	scale, err := s.app.AssessmentScale(r.Context())
	if err != nil {
		return err
	}
	data := &logData{Member: m, Form: f, Scale: scale, Methods: rankfile.ContactMethods, Problem: problem}
	return s.renderStatus(w, r, status, "oneonone_log.html", data)
}

func (s *Server) logConversationForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	if err := s.app.CheckLog(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	f := conversationForm{On: r.FormValue("on"), Method: r.FormValue("method"), Notes: r.FormValue("notes"),
		Tags: r.FormValue("tags"), Availability: r.FormValue("availability"), NextStep: r.FormValue("next_step"),
		Assessment: r.FormValue("assessment"), FollowUpOn: r.FormValue("follow_up_on")}
	c, err := f.conversation(id)
	if err == nil {
		err = s.app.LogConversation(r.Context(), req(r).actor, c)
	}
	switch {
	case rankfile.ErrorCode(err) == rankfile.EINVALID:
		return s.renderLog(w, r, http.StatusBadRequest, f, problemOf(req(r), err, conversationFields))
	case err != nil:
		return err
	}
	return redirect(w, r, "/people?done=logged")
}

// conversation reads the form.
func (f conversationForm) conversation(memberID int64) (*rankfile.Conversation, error) {
	c := &rankfile.Conversation{MemberID: memberID, Method: rankfile.ContactMethod(f.Method), Notes: f.Notes,
		Tags: rankfile.SplitTags(f.Tags), Availability: strings.TrimSpace(f.Availability), NextStep: strings.TrimSpace(f.NextStep)}
	var err error
	if c.On, err = dateParam(strings.TrimSpace(f.On), rankfile.Date{}); err != nil {
		return nil, inField("on", err)
	}
	if c.FollowUpOn, err = dateParam(strings.TrimSpace(f.FollowUpOn), rankfile.Date{}); err != nil {
		return nil, inField("follow_up_on", err)
	}
	if f.Assessment != "" {
		if c.Assessment, err = strconv.Atoi(f.Assessment); err != nil {
			return nil, inField("assessment", rankfile.Errorf(rankfile.EINVALID, "the assessment is a level from 1 to %d", rankfile.AssessmentLevels))
		}
	}
	return c, nil
}

// queueData is a branch's queue, with the form that assigns its members.
type queueData struct {
	Queue   *app.BranchQueue
	Problem string
	Done    string
}

// queueShown is how many of a branch's queue its page lists.
const queueShown = 100

func (s *Server) queuePage(w http.ResponseWriter, r *http.Request) error {
	return s.renderQueue(w, r, http.StatusOK, &queueData{Done: r.URL.Query().Get("done")})
}

func (s *Server) renderQueue(w http.ResponseWriter, r *http.Request, status int, data *queueData) error {
	q, err := s.app.Queue(r.Context(), req(r).actor, r.PathValue("slug"), queueShown)
	if err != nil {
		return err
	}
	data.Queue = q
	return s.renderStatus(w, r, status, "oneonone_queue.html", data)
}

// assignForm gives a member of the queue to the organizer whose member
// number the leader typed.
func (s *Server) assignForm(w http.ResponseWriter, r *http.Request) error {
	member, err1 := strconv.ParseInt(r.FormValue("member"), 10, 64)
	organizer, err2 := strconv.ParseInt(strings.TrimSpace(r.FormValue("organizer")), 10, 64)
	if err1 != nil || err2 != nil {
		return s.renderQueue(w, r, http.StatusBadRequest, &queueData{Problem: req(r).l.T("queue.problem.number")})
	}
	_, err := s.app.Assign(r.Context(), req(r).actor, member, organizer, rankfile.AssignReason(r.FormValue("reason")))
	switch {
	case rankfile.ErrorCode(err) == rankfile.EINVALID:
		return s.renderQueue(w, r, http.StatusBadRequest, &queueData{Problem: req(r).l.Error(err)})
	case err != nil:
		return err
	}
	return redirect(w, r, "/bodies/"+r.PathValue("slug")+"/queue?done=assigned")
}

// unassignForm sends a member back to their branch's queue.
func (s *Server) unassignForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	if err := s.app.Unassign(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	return redirect(w, r, "/members/"+r.PathValue("id")+"?done=unassigned#conversations-h")
}
