package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// The hosts' page: a session's chair and secretary check members in by
// name or by the code on a member's phone, and enter the votes counted in
// the room.

// hostView is the hosts' page.
type hostView struct {
	*app.HostPage
	Query string
	Found []*app.CheckInCandidate
	// Matched is how many matched Query, of whom Found shows the first.
	Matched int
	// Admit is the member whose check-in code the host scanned.
	Admit   *app.CheckInCandidate
	Done    string
	Problem string
}

func (s *Server) hostView(r *http.Request) (hostView, error) {
	id, err := meetingID(r)
	if err != nil {
		return hostView{}, err
	}
	ctx, actor := r.Context(), req(r).actor
	page, err := s.app.HostMeeting(ctx, actor, id)
	if err != nil {
		return hostView{}, err
	}
	v := hostView{HostPage: page, Query: strings.TrimSpace(r.FormValue("q")), Done: r.URL.Query().Get("done")}
	if v.Query != "" {
		v.Found, v.Matched, err = s.app.CheckInSearch(ctx, actor, id, v.Query)
		app.SortCandidates(v.Found, req(r).l.Lang())
		if fixable(err) {
			v.Problem, err = req(r).l.Error(err), nil
		}
	}
	return v, err
}

// hostPage shows the hosts' page; ?part=progress gives only the chair's
// table of the sessions' progress in the vote, which the page's script
// fetches when a vote opens or closes.
func (s *Server) hostPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.hostView(r)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("part") == "progress" {
		return s.renderPart(w, r, "meeting_host.html", "host-progress", v)
	}
	return s.render(w, r, "meeting_host.html", v)
}

// admitPage is where a member's check-in code leads a host: who they are,
// and a button to check them in.
func (s *Server) admitPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.hostView(r)
	if err != nil {
		return err
	}
	member, err := strconv.ParseInt(r.PathValue("member"), 10, 64)
	if err != nil {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such member")
	}
	if v.Admit, err = s.app.CheckInCandidate(r.Context(), req(r).actor, v.Meeting.ID, member); err != nil {
		return err
	}
	return s.render(w, r, "meeting_host.html", v)
}

// roomVotesForm enters a session's count of the room: the members ticked
// as having voted there, and, for a secret vote, how many voted each way
// ("count-N", "abstain"); for a roll call, each member's vote ("vote-ID").
func (s *Server) roomVotesForm(w http.ResponseWriter, r *http.Request) error {
	id, vid, err := meetingVoteIDs(r)
	if err != nil {
		return err
	}
	session, err := formID(r, "session")
	if err != nil {
		return err
	}
	c, err := readRoomCount(r)
	if err == nil {
		err = s.app.CastRoomVotes(r.Context(), req(r).actor, id, vid, session, c)
	}
	if err != nil {
		v, verr := s.hostView(r)
		if verr != nil {
			return verr
		}
		v.Problem = req(r).l.Error(err)
		return s.renderStatus(w, r, statuses[rankfile.ErrorCode(err)], "meeting_host.html", v)
	}
	return redirect(w, r, "/meetings/"+r.PathValue("id")+"/host?done=room")
}

func readRoomCount(r *http.Request) (*app.RoomCount, error) {
	if err := r.ParseForm(); err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the count could not be read")
	}
	c := &app.RoomCount{}
	number := func(v string) (int, error) {
		if v == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, rankfile.Errorf(rankfile.EINVALID, "%q is not a count", v)
		}
		return n, nil
	}
	for key, values := range r.PostForm {
		id, err := strconv.ParseInt(strings.TrimPrefix(key, "vote-"), 10, 64)
		if !strings.HasPrefix(key, "vote-") || err != nil || values[0] == "" {
			continue
		}
		c.Members = append(c.Members, id)
		if values[0] == "abstain" {
			c.Ballots = append(c.Ballots, []int{})
		} else if n, err := strconv.Atoi(values[0]); err == nil {
			c.Ballots = append(c.Ballots, []int{n})
		}
	}
	if c.Members != nil {
		return c, nil // a roll call, member by member
	}
	for _, v := range r.PostForm["voter"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, rankfile.Errorf(rankfile.EINVALID, "no such member")
		}
		c.Members = append(c.Members, id)
	}
	for i := 0; r.PostForm.Has("count-" + strconv.Itoa(i)); i++ {
		n, err := number(r.PostFormValue("count-" + strconv.Itoa(i)))
		if err != nil {
			return nil, err
		}
		c.Counts = append(c.Counts, n)
	}
	var err error
	c.Abstain, err = number(r.PostFormValue("abstain"))
	return c, err
}
