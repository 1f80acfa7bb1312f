package http

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// Phonebanks on pages: the list, the form that starts one, and each
// phonebank's page, where a caller takes her batch and records each call
// (a tel: link to dial, a form to say what came of it) and those who run
// it add callers, top its list up and close it.

// phonebanksData is the list's page.
type phonebanksData struct {
	Phonebanks []*rankfile.Phonebank
	MayStart   bool
}

func (s *Server) phonebanksPage(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	list, err := s.app.FindPhonebanks(r.Context(), actor, 0)
	if err != nil {
		return err
	}
	// Phonebanks are started by the same people as campaigns.
	return s.render(w, r, "phonebanks.html", &phonebanksData{Phonebanks: list, MayStart: actor.CanStartCampaigns()})
}

// phonebankForm is the form that starts a phonebank.
type phonebankForm struct {
	*app.PhonebankChoices
	P       *rankfile.Phonebank
	Problem string
}

func (s *Server) newPhonebankPage(w http.ResponseWriter, r *http.Request) error {
	p := &rankfile.Phonebank{Source: rankfile.PhonebankRoster, BatchSize: rankfile.DefaultBatchSize,
		RetryHours: rankfile.DefaultRetryHours, MaxTries: rankfile.DefaultMaxTries, CooldownDays: 7}
	if campaign, _ := formID(r, "campaign"); campaign != 0 {
		p.Source, p.CampaignID = rankfile.PhonebankTargets, campaign
	}
	return s.renderPhonebankForm(w, r, http.StatusOK, &phonebankForm{P: p})
}

func (s *Server) renderPhonebankForm(w http.ResponseWriter, r *http.Request, status int, f *phonebankForm) error {
	var err error
	if f.PhonebankChoices, err = s.app.PhonebankChoices(r.Context(), req(r).actor); err != nil {
		return err
	}
	return s.renderStatus(w, r, status, "phonebank_form.html", f)
}

func (s *Server) createPhonebankForm(w http.ResponseWriter, r *http.Request) error {
	p, err := readPhonebank(r)
	if err == nil {
		err = s.app.CreatePhonebank(r.Context(), req(r).actor, p)
	}
	if err != nil {
		if !fixable(err) {
			return err
		}
		return s.renderPhonebankForm(w, r, statuses[rankfile.ErrorCode(err)], &phonebankForm{P: p, Problem: req(r).l.Error(err)})
	}
	return redirect(w, r, fmt.Sprintf("/phonebanks/%d?done=created", p.ID))
}

// readPhonebank reads the form that starts a phonebank.
func readPhonebank(r *http.Request) (*rankfile.Phonebank, error) {
	p := &rankfile.Phonebank{Name: r.FormValue("name"), Source: rankfile.PhonebankSource(r.FormValue("source")),
		Script: r.FormValue("script")}
	p.Filter.Standing = rankfile.Standing(r.FormValue("standing"))
	p.Filter.BranchSlug, p.Filter.Stage = r.FormValue("branch"), r.FormValue("stage")
	var err error
	for _, id := range []struct {
		name string
		to   *int64
	}{{"body", &p.BodyID}, {"campaign", &p.CampaignID}, {"event", &p.EventID}} {
		if *id.to, err = formID(r, id.name); err != nil {
			return p, err
		}
	}
	if p.Source == rankfile.PhonebankRoster {
		p.CampaignID = 0 // the form keeps the campaign chosen when the roster is
	}
	for _, n := range []struct {
		name string
		to   *int
	}{{"batch_size", &p.BatchSize}, {"retry_hours", &p.RetryHours}, {"max_tries", &p.MaxTries},
		{"cooldown_days", &p.CooldownDays}, {"lapsed_within_days", &p.Filter.LapsedWithinDays},
		{"not_called_days", &p.Filter.NotCalledDays}} {
		if *n.to, err = formNumber(r, n.name); err != nil {
			return p, err
		}
	}
	return p, nil
}

// phonebankData is a phonebank's page.
type phonebankData struct {
	*app.PhonebankView
	Done, Problem string
	// ClientIDs holds an id made for each held call's form, so that a
	// form sent twice stores its call once.
	ClientIDs map[int64]string
	// Query, Found and Matched are the search for a caller to add.
	Query   string
	Found   []*rankfile.Member
	Matched int
}

func (s *Server) phonebankPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderPhonebank(w, r, http.StatusOK, &phonebankData{Done: r.URL.Query().Get("done"), Query: r.URL.Query().Get("q")})
}

func (s *Server) renderPhonebank(w http.ResponseWriter, r *http.Request, status int, d *phonebankData) error {
	id, err := pathID(r, "id", "phonebank")
	if err != nil {
		return err
	}
	actor := req(r).actor
	if d.PhonebankView, err = s.app.Phonebank(r.Context(), actor, id); err != nil {
		return err
	}
	d.ClientIDs = map[int64]string{}
	for _, c := range d.Held {
		d.ClientIDs[c.ID] = "call-" + rand.Text()
	}
	if d.Runs && strings.TrimSpace(d.Query) != "" {
		d.Found, d.Matched, err = s.app.CallerSearch(r.Context(), actor, id, d.Query)
		if err != nil && !fixable(err) {
			return err
		} else if err != nil {
			d.Problem, status = req(r).l.Error(err), http.StatusBadRequest
		}
	}
	return s.renderStatus(w, r, status, "phonebank.html", d)
}

// phonebankProblem shows the page again with what went wrong, or fails
// the request when it is not the sender's to fix.
func (s *Server) phonebankProblem(w http.ResponseWriter, r *http.Request, err error) error {
	if !fixable(err) {
		return err
	}
	return s.renderPhonebank(w, r, statuses[rankfile.ErrorCode(err)], &phonebankData{Problem: req(r).l.Error(err)})
}

func (s *Server) claimCallsForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "phonebank")
	if err != nil {
		return err
	}
	if _, err := s.app.ClaimCalls(r.Context(), req(r).actor, id); err != nil {
		return s.phonebankProblem(w, r, err)
	}
	return redirect(w, r, fmt.Sprintf("/phonebanks/%d#calls", id))
}

func (s *Server) recordCallForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "phonebank")
	if err != nil {
		return err
	}
	call, err := s.readCall(r)
	if err == nil {
		_, err = s.app.RecordCalls(r.Context(), req(r).actor, id, []*rankfile.Attempt{call})
	}
	if err != nil {
		return s.phonebankProblem(w, r, err)
	}
	return redirect(w, r, fmt.Sprintf("/phonebanks/%d?done=recorded#calls", id))
}

// readCall reads the form a caller fills in after a call.
func (s *Server) readCall(r *http.Request) (*rankfile.Attempt, error) {
	callID, err := pathID(r, "cid", "call")
	if err != nil {
		return nil, err
	}
	a := &rankfile.Attempt{ClientID: r.FormValue("client_id"), CallID: callID, Channel: rankfile.ChannelPhone,
		Result: rankfile.AttemptResult(r.FormValue("result")), Notes: r.FormValue("notes"), At: s.app.Now(),
		Volunteer: r.FormValue("volunteer") != "", KeepInTouch: r.FormValue("keep_in_touch") != ""}
	if a.Support, err = formNumber(r, "support"); err != nil {
		return nil, err
	}
	if a.Result == rankfile.ResultCallBack {
		a.CallBackAt, err = s.formTime(r, "call_back_at")
	}
	return a, err
}

func (s *Server) addCallerForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "phonebank")
	if err != nil {
		return err
	}
	member, err := formID(r, "member")
	if err == nil {
		err = s.app.AddCaller(r.Context(), req(r).actor, id, member)
	}
	if err != nil {
		return s.phonebankProblem(w, r, err)
	}
	return redirect(w, r, fmt.Sprintf("/phonebanks/%d?done=caller#callers", id))
}

func (s *Server) topUpPhonebankForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "phonebank")
	if err != nil {
		return err
	}
	if _, err := s.app.TopUpPhonebank(r.Context(), req(r).actor, id); err != nil {
		return s.phonebankProblem(w, r, err)
	}
	return redirect(w, r, fmt.Sprintf("/phonebanks/%d?done=topped", id))
}

func (s *Server) closePhonebankForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "phonebank")
	if err != nil {
		return err
	}
	if err := s.app.ClosePhonebank(r.Context(), req(r).actor, id); err != nil {
		return s.phonebankProblem(w, r, err)
	}
	return redirect(w, r, fmt.Sprintf("/phonebanks/%d?done=closed", id))
}
