package http

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// The hosts' page of an event, for the door: the check-in code to say
// aloud, the registrations to check people in from, found by name, and
// walk-ins, members found by name or people who are not members.

// eventHostView is the hosts' page.
type eventHostView struct {
	E *rankfile.Event
	// Regs are the registrations whose names hold Q, or all; Unconfirmed
	// are those of guests who have not confirmed, kept apart: they hold
	// nothing.
	Regs, Unconfirmed []*rankfile.Registration
	Q                 string
	// Found are members whose names begin with Q, to check in as walk-ins.
	Found []*app.CheckInCandidate
	// Matched is how many matched Q, of whom Found shows the first.
	Matched       int
	Attended      int
	Done, Problem string
	Guest         *rankfile.Contact
	// WalkInsClosed says the reader, a session's trainer, may not look
	// members up now: from two hours before it starts until it ends.
	WalkInsClosed bool
}

func (s *Server) eventHostData(r *http.Request) (*eventHostView, error) {
	id, err := eventID(r)
	if err != nil {
		return nil, err
	}
	ctx, actor := r.Context(), req(r).actor
	e, regs, err := s.app.EventRegistrations(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	v := &eventHostView{E: e, Q: strings.TrimSpace(r.FormValue("q")), Done: r.URL.Query().Get("done")}
	for _, reg := range regs {
		if reg.Attended() {
			v.Attended++
		}
		if v.Q != "" && !strings.Contains(strings.ToLower(reg.Name), strings.ToLower(v.Q)) {
			continue
		}
		if reg.Status == rankfile.Unconfirmed {
			v.Unconfirmed = append(v.Unconfirmed, reg)
		} else {
			v.Regs = append(v.Regs, reg)
		}
	}
	if len([]rune(v.Q)) >= 2 {
		v.Found, v.Matched, err = s.app.WalkInSearch(ctx, actor, id, v.Q)
		if v.WalkInsClosed = rankfile.ErrorCode(err) == rankfile.EFORBIDDEN; err != nil && !fixable(err) && !v.WalkInsClosed {
			return nil, err
		}
		app.SortCandidates(v.Found, req(r).l.Lang())
	}
	return v, nil
}

func (s *Server) eventHostPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.eventHostData(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "event_host.html", v)
}

// hostCheckInForm checks someone in: a registration, a member walking in,
// or someone who is not a member walking in.
func (s *Server) hostCheckInForm(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	b := &checkInBody{}
	if b.RegistrationID, err = formID(r, "registration"); err != nil {
		return err
	}
	if b.MemberID, err = formID(r, "member"); err != nil {
		return err
	}
	if name := r.FormValue("name"); name != "" || r.FormValue("email") != "" {
		b.Contact = &rankfile.Contact{Name: name, Email: r.FormValue("email"), Phone: r.FormValue("phone"), Zip: r.FormValue("zip")}
	}
	if _, err := s.checkIn(r, id, b); err != nil {
		if !fixable(err) {
			return err
		}
		v, verr := s.eventHostData(r)
		if verr != nil {
			return verr
		}
		v.Problem, v.Guest = req(r).l.Error(err), b.Contact
		return s.renderStatus(w, r, statuses[rankfile.ErrorCode(err)], "event_host.html", v)
	}
	back := url.Values{"done": {"checkedin"}}
	if q := r.FormValue("q"); q != "" {
		back.Set("q", q)
	}
	return redirect(w, r, "/events/"+r.PathValue("id")+"/host?"+back.Encode())
}
