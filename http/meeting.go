package http

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// Meeting pages: the list, a meeting's page with its live part (attendance,
// the vote under way and its ballot, the last result), the hosts' page,
// the projector's screen, and the forms they send.

func (s *Server) meetingsPage(w http.ResponseWriter, r *http.Request) error {
	list, err := s.app.ListMeetings(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	now := s.app.Now()
	var v meetingList
	for _, m := range list {
		if m.Over(now) {
			v.Past = append([]*rankfile.Meeting{m}, v.Past...)
		} else {
			v.Upcoming = append(v.Upcoming, m)
		}
	}
	return s.render(w, r, "meetings.html", v)
}

// meetingList is the meetings page: soonest first, then the latest past.
type meetingList struct {
	Upcoming, Past []*rankfile.Meeting
}

// meetingView is a meeting's page.
type meetingView struct {
	*app.MeetingPage
	Done    string // what the reader just did, to confirm it
	Problem string // what was wrong with what they sent
	// ToApprove are earlier meetings' minutes the chair may record as
	// approved here.
	ToApprove  []*rankfile.Meeting
	Kinds      []rankfile.VoteKind
	Thresholds []rankfile.Threshold
	// Priorities are the resolutions of the convention's priorities vote
	// the reader may open now.
	Priorities []*rankfile.Proposal
	// Adopted are the priorities the meeting's priorities vote adopted,
	// once it has closed.
	Adopted *rankfile.Priorities
	// Endorsements say, by proposal id, the recommendation and threshold
	// of the candidates' petitions on the agenda.
	Endorsements map[int64]*app.AgendaEndorsement
}

// PrioritySeats is how many resolutions the priorities vote adopts.
func (v meetingView) PrioritySeats() int { return rankfile.PrioritySeats }

// LastClosed is the latest closed vote when none is open, for the live
// part to show its result.
func (v meetingView) LastClosed() *rankfile.MeetingVote {
	if n := len(v.Votes); n > 0 && v.Open == nil {
		return v.Votes[n-1]
	}
	return nil
}

func (s *Server) meetingView(r *http.Request) (meetingView, error) {
	id, err := meetingID(r)
	if err != nil {
		return meetingView{}, err
	}
	page, err := s.app.Meeting(r.Context(), req(r).actor, id)
	if err != nil {
		return meetingView{}, err
	}
	v := meetingView{MeetingPage: page, Done: r.URL.Query().Get("done"), Kinds: rankfile.VoteKinds, Thresholds: rankfile.Thresholds}
	if v.ToApprove, err = s.app.MinutesToApprove(r.Context(), req(r).actor, page.Meeting); err != nil {
		return v, err
	}
	if v.Priorities, err = s.app.PrioritiesToOpen(r.Context(), page); err != nil {
		return v, err
	}
	if v.Endorsements, err = s.app.AgendaEndorsements(r.Context(), req(r).actor, page.Meeting); err != nil {
		return v, err
	}
	v.Adopted, err = s.app.MeetingPriorities(r.Context(), page)
	return v, err
}

// meetingPage shows a meeting; ?part=live gives only its live part, which
// the page's script fetches when a vote opens or closes.
func (s *Server) meetingPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.meetingView(r)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("part") == "live" {
		return s.renderPart(w, r, "meeting.html", "live", v)
	}
	return s.render(w, r, "meeting.html", v)
}

// meetingProblem shows the meeting's page again saying what was wrong with
// what the reader sent, or passes on an error that is not theirs to fix.
func (s *Server) meetingProblem(w http.ResponseWriter, r *http.Request, err error) error {
	switch rankfile.ErrorCode(err) {
	case rankfile.EINVALID, rankfile.ECONFLICT, rankfile.EFORBIDDEN:
	default:
		return err
	}
	v, verr := s.meetingView(r)
	if verr != nil {
		return verr
	}
	v.Problem = req(r).l.Error(err)
	if errors.Is(err, rankfile.ErrMeetingNotStarted) {
		v.Problem = req(r).l.T("meeting.problem.notstarted", "When", req(r).l.DateTime(v.Meeting.StartsAt, s.app.Zone))
	}
	return s.renderStatus(w, r, statuses[rankfile.ErrorCode(err)], "meeting.html", v)
}

// meetingAction answers a meeting's form: back to the page saying what was
// done, or the page again with the problem.
func (s *Server) meetingAction(w http.ResponseWriter, r *http.Request, done string, err error) error {
	if err != nil {
		return s.meetingProblem(w, r, err)
	}
	back := "/meetings/" + r.PathValue("id")
	if r.FormValue("back") == "host" {
		back += "/host"
	}
	return redirect(w, r, back+"?done="+done)
}

// checkInForm checks the reader in with a session's code, or, for a host,
// a member into a session.
func (s *Server) checkInForm(w http.ResponseWriter, r *http.Request) error {
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	ctx, actor := r.Context(), req(r).actor
	if code := r.FormValue("code"); code != "" || r.FormValue("member") == "" {
		_, err = s.app.SelfCheckIn(ctx, actor, id, code)
		return s.meetingAction(w, r, "checkin", err)
	}
	session, err := formID(r, "session")
	if err != nil {
		return err
	}
	member, err := formID(r, "member")
	if err != nil {
		return err
	}
	if err := s.app.CheckIn(ctx, actor, id, session, member); err != nil {
		return err // the error page says what went wrong, with a way back
	}
	return redirect(w, r, "/meetings/"+r.PathValue("id")+"/host?done=checkin&q="+url.QueryEscape(r.FormValue("q")))
}

// openVoteForm opens a vote on an agenda item.
func (s *Server) openVoteForm(w http.ResponseWriter, r *http.Request) error {
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	item, err := formID(r, "item")
	if err != nil {
		return s.meetingProblem(w, r, err)
	}
	v := &rankfile.MeetingVote{AgendaItemID: item, Kind: rankfile.VoteKind(r.FormValue("kind")),
		Question: r.FormValue("question"), Threshold: rankfile.Threshold(r.FormValue("threshold")),
		RollCall: r.FormValue("roll_call") != ""}
	v.Seats, _ = strconv.Atoi(r.FormValue("seats"))
	for _, line := range strings.Split(r.FormValue("options"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			v.Options = append(v.Options, line)
		}
	}
	return s.meetingAction(w, r, "opened", s.app.OpenVote(r.Context(), req(r).actor, id, v))
}

// castVoteForm records the reader's vote from the ballot form: "choice"
// names one option, or "abstain"; a ranked ballot numbers the options
// "rank-N" as the election ballot does.
func (s *Server) castVoteForm(w http.ResponseWriter, r *http.Request) error {
	id, vid, err := meetingVoteIDs(r)
	if err != nil {
		return err
	}
	choice, err := readChoice(r)
	if err != nil {
		return s.meetingProblem(w, r, err)
	}
	already, err := s.app.CastMeetingVote(r.Context(), req(r).actor, id, vid, choice)
	done := "voted"
	if already {
		done = "already"
	}
	return s.meetingAction(w, r, done, err)
}

// readChoice reads a ballot form into option indexes, first preference
// first.
func readChoice(r *http.Request) ([]int, error) {
	if err := r.ParseForm(); err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the ballot could not be read")
	}
	if c := r.FormValue("choice"); c != "" {
		if c == "abstain" {
			return []int{}, nil
		}
		n, err := strconv.Atoi(c)
		if err != nil {
			return nil, rankfile.Errorf(rankfile.EINVALID, "choose an option, or abstain")
		}
		return []int{n}, nil
	}
	ranks := map[int]int{} // place → option
	for key, values := range r.PostForm {
		option, err := strconv.Atoi(strings.TrimPrefix(key, "rank-"))
		if !strings.HasPrefix(key, "rank-") || err != nil || values[0] == "" {
			continue
		}
		place, err := strconv.Atoi(values[0])
		if err != nil || place < 1 {
			return nil, rankfile.Errorf(rankfile.EINVALID, "number the options 1, 2, 3 and so on")
		}
		if _, twice := ranks[place]; twice {
			return nil, rankfile.Errorf(rankfile.EINVALID, "two options have number %d: give each its own", place)
		}
		ranks[place] = option
	}
	if len(ranks) == 0 && r.FormValue("ranked") == "" {
		return nil, rankfile.Errorf(rankfile.EINVALID, "choose an option, or abstain")
	}
	var out []int
	for place := 1; place <= len(ranks); place++ {
		option, ok := ranks[place]
		if !ok {
			return nil, rankfile.Errorf(rankfile.EINVALID, "number the options 1, 2, 3 without a gap: %d is missing", place)
		}
		out = append(out, option)
	}
	return out, nil
}

// closeVoteForm closes the open vote; while a session has sent nothing
// in, it shows the confirm step instead, which sends "confirm".
func (s *Server) closeVoteForm(w http.ResponseWriter, r *http.Request) error {
	id, vid, err := meetingVoteIDs(r)
	if err != nil {
		return err
	}
	_, err = s.app.CloseVote(r.Context(), req(r).actor, id, vid, r.FormValue("confirm") == "1")
	var unheard *rankfile.UnheardError
	if !errors.As(err, &unheard) {
		return s.meetingAction(w, r, "closed", err)
	}
	v, err := s.meetingView(r)
	if err != nil {
		return err
	}
	return s.renderStatus(w, r, http.StatusConflict, "meeting_close.html",
		closeView{meetingView: v, Unheard: unheard.Sessions, Back: r.FormValue("back")})
}

// closeView is the step before closing a vote that sessions have sent
// nothing in: it names them and asks to close anyway.
type closeView struct {
	meetingView
	Unheard []*rankfile.MeetingSession
	Back    string // "host" to come back to the hosts' page
}

// minutesForm saves the minutes, or records earlier minutes approved.
func (s *Server) minutesForm(w http.ResponseWriter, r *http.Request) error {
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	ctx, actor := r.Context(), req(r).actor
	earlier, err := formID(r, "approve")
	if err != nil {
		return s.meetingProblem(w, r, err)
	}
	if earlier != 0 {
		return s.meetingAction(w, r, "approved", s.app.ApproveMinutes(ctx, actor, earlier, id))
	}
	return s.meetingAction(w, r, "minutes", s.app.SaveMinutes(ctx, actor, id, r.FormValue("minutes")))
}

// screenPage is the projector's full-screen page: attendance, the vote
// under way and the result, in large type, kept live.
func (s *Server) screenPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.meetingView(r)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("part") == "live" {
		return s.renderPart(w, r, "meeting_screen.html", "screen", v)
	}
	return s.render(w, r, "meeting_screen.html", v)
}

// myCode is the QR code a member shows a host to be checked in: it opens
// the host's check-in page for them.
func (s *Server) myCode(w http.ResponseWriter, r *http.Request) error {
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	actor := req(r).actor
	if _, err := s.app.Meeting(r.Context(), actor, id); err != nil {
		return err
	}
	link := s.linkTo(r, "/meetings/"+r.PathValue("id")+"/admit/"+strconv.FormatInt(actor.ID(), 10))
	png, err := qrcode.Encode(link, qrcode.Medium, 320)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, max-age=3600")
	_, err = w.Write(png)
	return err
}
