package http

import (
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// The agenda page: the meeting's leaders add reports, motions, elections
// and the body's qualified proposals, move items up and down with buttons
// that work without scripts, and take them off.

// agendaView is the agenda page.
type agendaView struct {
	*app.MeetingPage
	Proposals []*rankfile.Proposal
	Kinds     []rankfile.AgendaKind
	Done      string
	Problem   string
	// Title and Kind refill the form that failed.
	Title, Kind string
}

func (s *Server) agendaView(r *http.Request) (*agendaView, error) {
	id, err := meetingID(r)
	if err != nil {
		return nil, err
	}
	ctx, actor := r.Context(), req(r).actor
	page, err := s.app.Meeting(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	v := &agendaView{MeetingPage: page, Done: r.URL.Query().Get("done"),
		Kinds: []rankfile.AgendaKind{rankfile.AgendaReport, rankfile.AgendaMotion, rankfile.AgendaElection}}
	v.Proposals, err = s.app.AgendaProposals(ctx, actor, id)
	return v, err
}

func (s *Server) agendaPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.agendaView(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "meeting_agenda.html", v)
}

// agendaAction comes back to the agenda page saying what was done, or
// shows it again with what was wrong.
func (s *Server) agendaAction(w http.ResponseWriter, r *http.Request, done string, err error) error {
	if err == nil {
		return redirect(w, r, "/meetings/"+r.PathValue("id")+"/agenda?done="+done+"#agenda-h")
	}
	if !fixable(err) {
		return err
	}
	v, verr := s.agendaView(r)
	if verr != nil {
		return verr
	}
	v.Problem, v.Title, v.Kind = rankfile.ErrorMessage(err), r.FormValue("title"), r.FormValue("kind")
	return s.renderStatus(w, r, statuses[rankfile.ErrorCode(err)], "meeting_agenda.html", v)
}

// addAgendaItem adds a report, motion or election by its title, or the
// body's qualified proposal the form picks.
func (s *Server) addAgendaItem(w http.ResponseWriter, r *http.Request) error {
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	item := &rankfile.AgendaItem{Kind: rankfile.AgendaKind(r.FormValue("kind")), Title: r.FormValue("title")}
	if item.ProposalID, err = formID(r, "proposal"); err != nil {
		return s.agendaAction(w, r, "", err)
	}
	if item.ProposalID != 0 {
		item.Kind, item.Title = rankfile.AgendaProposal, ""
	}
	return s.agendaAction(w, r, "added", s.app.AddAgendaItem(r.Context(), req(r).actor, id, item))
}

// moveAgendaItem moves an item one place up or down.
func (s *Server) moveAgendaItem(by int) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, item, err := agendaItemIDs(r)
		if err != nil {
			return err
		}
		return s.agendaAction(w, r, "moved", s.app.MoveAgendaItem(r.Context(), req(r).actor, id, item, by))
	}
}

// removeAgendaItem takes an item off the agenda.
func (s *Server) removeAgendaItem(w http.ResponseWriter, r *http.Request) error {
	id, item, err := agendaItemIDs(r)
	if err != nil {
		return err
	}
	return s.agendaAction(w, r, "removed", s.app.RemoveAgendaItem(r.Context(), req(r).actor, id, item))
}

// agendaItemIDs reads the meeting's and the agenda item's ids from the
// path.
func agendaItemIDs(r *http.Request) (int64, int64, error) {
	id, err := meetingID(r)
	if err != nil {
		return 0, 0, err
	}
	item, err := strconv.ParseInt(r.PathValue("item"), 10, 64)
	if err != nil {
		return 0, 0, rankfile.Errorf(rankfile.ENOTFOUND, "no such agenda item")
	}
	return id, item, nil
}
