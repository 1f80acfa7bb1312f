package http

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// proposalList is the proposals page: one status at a time.
type proposalList struct {
	Proposals []*rankfile.Proposal
	Status    rankfile.ProposalStatus
	Statuses  []rankfile.ProposalStatus
	Now       time.Time
}

func (s *Server) proposalsPage(w http.ResponseWriter, r *http.Request) error {
	status, err := statusQuery(r, rankfile.ProposalCollecting)
	if err != nil {
		return err
	}
	list, err := s.app.ListProposals(r.Context(), req(r).actor, status)
	if err != nil {
		return err
	}
	return s.render(w, r, "proposals.html", proposalList{Proposals: list, Status: status,
		Statuses: rankfile.ProposalStatuses, Now: s.app.Now()})
}

// proposalForm is the page on which authors write or change a draft, and
// on which a member writes an amendment (Amending set). Problem says what
// was wrong with what was sent, which the form shows again.
type proposalForm struct {
	P        *rankfile.Proposal
	Bodies   []*rankfile.Body
	Kinds    []rankfile.ProposalKind
	Amending bool
	Reason   string
	Problem  string
	// Formation offers what a draft may do to the bodies (see
	// body_formation.go).
	Formation *formationChoices
}

func (s *Server) newProposalPage(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	if err := actor.Require(actor.CanWriteProposal(s.app.Today())); err != nil {
		return err
	}
	p := &rankfile.Proposal{Kind: rankfile.ProposalResolution}
	return s.renderProposalForm(w, r, proposalForm{P: p}, http.StatusOK)
}

func (s *Server) renderProposalForm(w http.ResponseWriter, r *http.Request, f proposalForm, status int) error {
	bodies, err := s.app.ActiveBodyList(r.Context(), keptBodies(f.P.ID, f.P.BodyID)...)
	if err != nil {
		return err
	}
	f.Bodies, f.Kinds = bodies, rankfile.ProposalKinds
	if !f.Amending {
		if f.Formation, err = s.formationChoices(r); err != nil {
			return err
		}
	}
	return s.renderStatus(w, r, status, "proposal_form.html", f)
}

// formProblem shows a form again with what was wrong, for a mistake of the
// one who filled it in; other errors go to the error page.
func (s *Server) formProblem(w http.ResponseWriter, r *http.Request, f proposalForm, err error) error {
	switch rankfile.ErrorCode(err) {
	case rankfile.EINVALID, rankfile.ECONFLICT:
		f.Problem = req(r).l.Error(err)
		return s.renderProposalForm(w, r, f, statuses[rankfile.ErrorCode(err)])
	}
	return err
}

// readProposalForm reads the form's proposal: clauses and links one a line.
func readProposalForm(r *http.Request) *rankfile.Proposal {
	body, _ := strconv.ParseInt(r.FormValue("body_id"), 10, 64)
	p := &rankfile.Proposal{
		Kind: rankfile.ProposalKind(r.FormValue("kind")), BodyID: body,
		Title: r.FormValue("title"), Summary: r.FormValue("summary"),
		Text:  readProposalText(r),
		Links: lines(r.FormValue("links")),
	}
	readBodyFormation(r, p)
	return p
}

func readProposalText(r *http.Request) rankfile.ProposalText {
	return rankfile.ProposalText{
		Whereas: lines(r.FormValue("whereas")), Resolved: lines(r.FormValue("resolved")),
		Description: r.FormValue("description"), Priorities: r.FormValue("priorities"), Goals: r.FormValue("goals"),
	}
}

func (s *Server) createProposal(w http.ResponseWriter, r *http.Request) error {
	p := readProposalForm(r)
	if err := s.app.CreateProposal(r.Context(), req(r).actor, p, lines(r.FormValue("coauthors"))); err != nil {
		return s.formProblem(w, r, proposalForm{P: p}, err)
	}
	return redirect(w, r, "/proposals/"+strconv.FormatInt(p.ID, 10))
}

func (s *Server) editProposalPage(w http.ResponseWriter, r *http.Request) error {
	page, err := s.proposalPageOf(r)
	if err != nil {
		return err
	}
	if err := req(r).actor.Require(page.CanEdit); err != nil {
		return err
	}
	return s.renderProposalForm(w, r, proposalForm{P: page.Proposal}, http.StatusOK)
}

func (s *Server) updateProposal(w http.ResponseWriter, r *http.Request) error {
	id, err := proposalID(r)
	if err != nil {
		return err
	}
	p := readProposalForm(r)
	p.ID = id
	if err := s.app.UpdateProposal(r.Context(), req(r).actor, p); err != nil {
		return s.formProblem(w, r, proposalForm{P: p}, err)
	}
	return redirect(w, r, "/proposals/"+r.PathValue("id"))
}

// proposalPageOf reads the proposal of the request's path as the actor
// sees it.
func (s *Server) proposalPageOf(r *http.Request) (*app.ProposalPage, error) {
	id, err := proposalID(r)
	if err != nil {
		return nil, err
	}
	return s.app.Proposal(r.Context(), req(r).actor, id)
}

// signersShown is how many members in support a proposal's page lists
// unless asked for all: a popular one has thousands, read on phones.
var signersShown = 100

// proposalView is a proposal's page.
type proposalView struct {
	*app.ProposalPage
	// Shown are the members in support listed; Unshown counts the rest.
	Shown   []*rankfile.Signature
	Unshown int
	Now     time.Time
	Me      int64
	Done    string // what the reader just did, to confirm it
	// DefaultDeadline is offered when an author opens signatures.
	DefaultDeadline time.Time
	// Petition is the candidate a petition for an endorsement is for.
	Petition *app.PetitionFor
}

// Status is the proposal's status now.
func (v proposalView) Status() rankfile.ProposalStatus { return v.Proposal.StatusAt(v.Now) }

// Percent is how far the valid signatures are towards the threshold.
func (v proposalView) Percent() int {
	if v.Proposal.Threshold == 0 {
		return 0
	}
	return min(100, v.Proposal.Signatures.Valid*100/v.Proposal.Threshold)
}

func (s *Server) proposalPage(w http.ResponseWriter, r *http.Request) error {
	page, err := s.proposalPageOf(r)
	if err != nil {
		return err
	}
	v := proposalView{ProposalPage: page, Shown: page.Signatures, Now: s.app.Now(), Me: req(r).actor.ID(),
		Done: r.URL.Query().Get("done"), DefaultDeadline: s.app.Now().AddDate(0, 0, 30)}
	if v.Petition, err = s.app.PetitionCandidate(r.Context(), req(r).actor, page.Proposal); err != nil {
		return err
	}
	if len(v.Shown) > signersShown && r.URL.Query().Get("signers") != "all" {
		v.Shown, v.Unshown = v.Shown[:signersShown], len(v.Shown)-signersShown
	}
	return s.render(w, r, "proposal.html", v)
}

// hideComment hides a comment under the code of conduct.
func (s *Server) hideComment(w http.ResponseWriter, r *http.Request) error {
	id, cid, err := proposalItem(r, "cid", "comment")
	if err != nil {
		return err
	}
	if err := s.app.HideComment(r.Context(), req(r).actor, id, cid, r.FormValue("reason")); err != nil {
		return err
	}
	return redirect(w, r, "/proposals/"+r.PathValue("id")+"?done=hide#comments")
}

// amendPage is the form on which a member writes an amendment, starting
// from the current text.
func (s *Server) amendPage(w http.ResponseWriter, r *http.Request) error {
	page, err := s.proposalPageOf(r)
	if err != nil {
		return err
	}
	if err := req(r).actor.Require(page.CanAmend); err != nil {
		return err
	}
	return s.renderProposalForm(w, r, proposalForm{P: page.Proposal, Amending: true}, http.StatusOK)
}

func (s *Server) proposeAmendment(w http.ResponseWriter, r *http.Request) error {
	page, err := s.proposalPageOf(r)
	if err != nil {
		return err
	}
	text := readProposalText(r)
	if _, err := s.app.ProposeAmendment(r.Context(), req(r).actor, page.Proposal.ID, text, r.FormValue("reason")); err != nil {
		amended := *page.Proposal
		amended.Text = text
		return s.formProblem(w, r, proposalForm{P: &amended, Amending: true, Reason: r.FormValue("reason")}, err)
	}
	return redirect(w, r, "/proposals/"+r.PathValue("id")+"?done=amend#amendments")
}

// acceptAmendment accepts an amendment as friendly, by an author: its
// text becomes the next version.
func (s *Server) acceptAmendment(w http.ResponseWriter, r *http.Request) error {
	return s.decideAmendment(w, r, true, "accept_amendment")
}

// declineAmendment declines an amendment, by an author.
func (s *Server) declineAmendment(w http.ResponseWriter, r *http.Request) error {
	return s.decideAmendment(w, r, false, "decline")
}

// decideAmendment accepts or declines an amendment, by an author.
func (s *Server) decideAmendment(w http.ResponseWriter, r *http.Request, accept bool, done string) error {
	id, aid, err := proposalItem(r, "aid", "amendment")
	if err != nil {
		return err
	}
	if err := s.app.DecideAmendment(r.Context(), req(r).actor, id, aid, accept); err != nil {
		return err
	}
	return redirect(w, r, "/proposals/"+r.PathValue("id")+"?done="+done+"#amendments")
}

// diffView is the comparison of two versions, with every version to
// choose from.
type diffView struct {
	P        *rankfile.Proposal
	Diff     *app.VersionDiff
	Versions []int
}

func (s *Server) versionsPage(w http.ResponseWriter, r *http.Request) error {
	page, err := s.proposalPageOf(r)
	if err != nil {
		return err
	}
	from, _ := strconv.Atoi(r.URL.Query().Get("from"))
	to, _ := strconv.Atoi(r.URL.Query().Get("to"))
	d, err := s.app.VersionDiff(r.Context(), req(r).actor, page.Proposal.ID, from, to)
	if err != nil {
		return err
	}
	v := diffView{P: page.Proposal, Diff: d}
	for i := 1; i <= page.Proposal.Version; i++ {
		v.Versions = append(v.Versions, i)
	}
	return s.render(w, r, "proposal_versions.html", v)
}

// paperSignView is the steward's desk for signatures collected on paper:
// a roster search, and the proposal's signatures so far.
type paperSignView struct {
	*app.ProposalPage
	Query   string
	Found   []*rankfile.Member
	Entered string // the name just entered
}

func (s *Server) paperSignaturesPage(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	if err := actor.Require(actor.CanEnterPaperSignatures()); err != nil {
		return err
	}
	page, err := s.proposalPageOf(r)
	if err != nil {
		return err
	}
	v := paperSignView{ProposalPage: page, Query: strings.TrimSpace(r.URL.Query().Get("q")), Entered: r.URL.Query().Get("entered")}
	if v.Query != "" {
		if v.Found, _, err = s.app.SearchRoster(r.Context(), actor, rankfile.MemberFilter{Search: v.Query, Limit: 20, Brief: true}); err != nil {
			return err
		}
	}
	return s.render(w, r, "proposal_paper.html", v)
}

func (s *Server) enterPaperSignature(w http.ResponseWriter, r *http.Request) error {
	id, err := proposalID(r)
	if err != nil {
		return err
	}
	if actor := req(r).actor; !actor.CanEnterPaperSignatures() {
		return actor.Require(false)
	}
	member, err := strconv.ParseInt(r.FormValue("member"), 10, 64)
	if err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "choose the signer from the roster")
	}
	if err := s.app.EnterPaperSignature(r.Context(), req(r).actor, id, member); err != nil {
		return err
	}
	return redirect(w, r, "/proposals/"+r.PathValue("id")+"/paper?entered="+strconv.FormatInt(member, 10))
}
