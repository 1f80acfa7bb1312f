package http

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// A campaign's targets: the list (names and doors, no phones), a target's
// page (their contact details, household and the knocks at their door,
// each look audited), the link to the member they became, and the
// download of everything kept on them for a person who asks.

// targetsData is a page of a campaign's targets.
type targetsData struct {
	*app.TargetList
	Query      string
	Page       int
	Prev, Next string
}

func (s *Server) targetsPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	list, err := s.app.Targets(r.Context(), req(r).actor, rankfile.TargetFilter{CampaignID: id, Query: q, Offset: (page - 1) * app.TargetPageSize})
	if err != nil {
		return err
	}
	data := &targetsData{TargetList: list, Query: q, Page: page}
	link := func(p int) string {
		return "/campaigns/" + strconv.FormatInt(id, 10) + "/targets?" + (urlValues{"q": q, "page": strconv.Itoa(p)}).encode()
	}
	if page > 1 {
		data.Prev = link(page - 1)
	}
	if page*app.TargetPageSize < list.Total {
		data.Next = link(page + 1)
	}
	return s.render(w, r, "campaign_targets.html", data)
}

// urlValues writes a query of the values that are not blank.
type urlValues map[string]string

func (v urlValues) encode() string {
	var parts []string
	for _, k := range []string{"q", "page"} {
		if v[k] != "" {
			parts = append(parts, k+"="+template.URLQueryEscaper(v[k]))
		}
	}
	return strings.Join(parts, "&")
}

// targetData is a target's page.
type targetData struct {
	*app.TargetRecord
	Tel       template.URL
	CanExport bool
	Problem   string
	Done      string
}

func (s *Server) targetPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderTarget(w, r, http.StatusOK, "")
}

func (s *Server) renderTarget(w http.ResponseWriter, r *http.Request, status int, problem string) error {
	id, err := pathID(r, "id", "target")
	if err != nil {
		return err
	}
	actor := req(r).actor
	rec, err := s.app.Target(r.Context(), actor, id)
	if err != nil {
		return err
	}
	data := &targetData{TargetRecord: rec, CanExport: actor.CanExportTarget(), Problem: problem, Done: r.URL.Query().Get("done")}
	if !rec.Target.DoNotContact {
		data.Tel = telURL(rec.Target.Phone)
	}
	return s.renderStatus(w, r, status, "target.html", data)
}

// linkTargetForm links a target to the member they became.
func (s *Server) linkTargetForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "target")
	if err != nil {
		return err
	}
	err = s.app.LinkTarget(r.Context(), req(r).actor, id, r.FormValue("member"))
	switch code := rankfile.ErrorCode(err); {
	case code == rankfile.ECONFLICT || code == rankfile.EINVALID:
		return s.renderTarget(w, r, http.StatusBadRequest, req(r).l.Error(err))
	case err != nil:
		return err
	}
	return redirect(w, r, "/targets/"+strconv.FormatInt(id, 10)+"?done=linked")
}

// targetDataDownload serves everything kept on a target as JSON, to give
// the person who asked for it.
func (s *Server) targetDataDownload(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "target")
	if err != nil {
		return err
	}
	rec, err := s.app.TargetData(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Disposition", `attachment; filename="target-`+strconv.FormatInt(id, 10)+`.json"`)
	return writeJSON(w, http.StatusOK, rec)
}

// apiTargets lists a page of a campaign's targets (?q=, ?page=).
func (s *Server) apiTargets(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	f := rankfile.TargetFilter{CampaignID: id, Query: r.URL.Query().Get("q"), Offset: (max(page, 1) - 1) * app.TargetPageSize}
	list, err := s.app.Targets(r.Context(), req(r).actor, f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, list)
}

// apiTarget returns a target's record; the look is audited.
func (s *Server) apiTarget(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "target")
	if err != nil {
		return err
	}
	rec, err := s.app.Target(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rec)
}

// apiLinkTarget links a target to a member, named by national id or
// email ("" unlinks).
func (s *Server) apiLinkTarget(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "target")
	if err != nil {
		return err
	}
	var in struct {
		Member string `json:"member"`
	}
	if err := decodeBody(r, &in, `{"member": "national id or email, or \"\" to unlink"}`); err != nil {
		return err
	}
	if err := s.app.LinkTarget(r.Context(), req(r).actor, id, in.Member); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// dncData is the do-not-contact page.
type dncData struct {
	Entries []*rankfile.DoNotContactEntry
	Kinds   []string
	Form    rankfile.DoNotContactEntry
	Problem *fieldProblem
	Done    string
}

func (s *Server) doNotContactPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderDNC(w, r, http.StatusOK, &dncData{Done: r.URL.Query().Get("done"), Form: rankfile.DoNotContactEntry{Kind: rankfile.DoNotContactPhone}})
}

func (s *Server) renderDNC(w http.ResponseWriter, r *http.Request, status int, data *dncData) error {
	list, err := s.app.DoNotContactList(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	data.Entries = list
	data.Kinds = []string{rankfile.DoNotContactPhone, rankfile.DoNotContactEmail, rankfile.DoNotContactAddress}
	return s.renderStatus(w, r, status, "do_not_contact.html", data)
}

func (s *Server) doNotContactForm(w http.ResponseWriter, r *http.Request) error {
	e := &rankfile.DoNotContactEntry{Kind: r.FormValue("kind"), Value: r.FormValue("value"), Reason: strings.TrimSpace(r.FormValue("reason"))}
	form := *e
	err := s.app.AddDoNotContact(r.Context(), req(r).actor, e)
	if rankfile.ErrorCode(err) == rankfile.EINVALID {
		return s.renderDNC(w, r, http.StatusBadRequest, &dncData{Form: form, Problem: &fieldProblem{Field: "value", Message: req(r).l.Error(err)}})
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/do-not-contact?done=added")
}

// apiDoNotContact lists the do-not-contact list.
func (s *Server) apiDoNotContact(w http.ResponseWriter, r *http.Request) error {
	list, err := s.app.DoNotContactList(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, list)
}

// apiAddDoNotContact puts a phone, email or address on the list.
func (s *Server) apiAddDoNotContact(w http.ResponseWriter, r *http.Request) error {
	var e rankfile.DoNotContactEntry
	if err := decodeBody(r, &e, `{"kind": "phone|email|address", "value": "...", "reason": "..."}`); err != nil {
		return err
	}
	if err := s.app.AddDoNotContact(r.Context(), req(r).actor, &e); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, &e)
}
