package http

import (
	"encoding/csv"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
)

// rosterPerPage is how many members a roster page lists.
const rosterPerPage = 50

// rosterData is what the roster page shows.
type rosterData struct {
	Members  []*rankfile.Member
	Total    int
	Page     int
	Filter   rankfile.MemberFilter
	Query    template.URL // the filter as a query string, for the pager and the export
	Branches []*rankfile.Body
	Bodies   []*rankfile.Body
}

// rosterFilter reads the roster's filter from the query.
func rosterFilter(q url.Values) (rankfile.MemberFilter, error) {
	f := rankfile.MemberFilter{Search: q.Get("q"), BranchSlug: q.Get("branch")}
	if f.BranchSlug == "-" {
		f.BranchSlug, f.Unassigned = "", true
	}
	if st := q.Get("standing"); st != "" {
		var err error
		if f.Standing, err = rankfile.ParseStanding(st); err != nil {
			return f, err
		}
	}
	if b := q.Get("body"); b != "" {
		id, err := strconv.ParseInt(b, 10, 64)
		if err != nil {
			return f, rankfile.Errorf(rankfile.EINVALID, "no such body")
		}
		f.BodyID = id
	}
	return f, nil
}

func filterQuery(q url.Values) string {
	keep := url.Values{}
	for _, k := range []string{"q", "branch", "standing", "body"} {
		if v := q.Get(k); v != "" {
			keep.Set(k, v)
		}
	}
	return keep.Encode()
}

func (s *Server) rosterPage(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	if err := actor.Require(actor.CanSeeRoster()); err != nil {
		return err
	}
	f, err := rosterFilter(r.URL.Query())
	if err != nil {
		return err
	}
	d := rosterData{Filter: f, Query: template.URL(filterQuery(r.URL.Query()))}
	d.Page, _ = strconv.Atoi(r.URL.Query().Get("page"))
	d.Page = max(d.Page, 1)
	f.Offset, f.Limit = (d.Page-1)*rosterPerPage, rosterPerPage
	if d.Members, d.Total, err = s.app.SearchRoster(r.Context(), actor, f); err != nil {
		return err
	}
	if err := s.rosterChoices(r, &d); err != nil {
		return err
	}
	if r.Header.Get("HX-Target") == "roster-results" {
		return s.renderPart(w, r, "roster.html", "results", d)
	}
	return s.render(w, r, "roster.html", d)
}

func (s *Server) rosterChoices(r *http.Request, d *rosterData) error {
	tree, err := s.app.Directory(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	tree.Walk(func(n *rankfile.BodyNode, _ int) {
		switch n.Body.Kind {
		case rankfile.KindBranch:
			d.Branches = append(d.Branches, n.Body)
		case rankfile.KindNational, rankfile.KindChapter:
		default:
			d.Bodies = append(d.Bodies, n.Body)
		}
	})
	return nil
}

// rosterExport sends the members matching the filter as CSV.
func (s *Server) rosterExport(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	f, err := rosterFilter(r.URL.Query())
	if err != nil {
		return err
	}
	members, err := s.app.ExportRoster(r.Context(), actor, f)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="roster.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	cw := csv.NewWriter(w)
	cw.Write([]string{"national_id", "first_name", "last_name", "email", "best_phone", "mobile_phone",
		"mailing_address1", "mailing_address2", "mailing_city", "mailing_state", "mailing_zip",
		"branch", "standing", "list_standing", "join_date", "xdate", "do_not_call", "p2ptext_optout"})
	today := s.app.Today()
	for _, m := range members {
		wish := m.ContactWishes()
		cw.Write(spreadsheetSafe(m.NationalID, m.FirstName, m.LastName, m.Email, m.BestPhone, m.MobilePhone,
			m.Mailing.Line1, m.Mailing.Line2, m.Mailing.City, m.Mailing.State, m.Mailing.Zip,
			m.Branch.Slug, string(m.StandingOn(today)), string(m.Roster.ListStanding), m.JoinDate.String(),
			m.Xdate.String(), strconv.FormatBool(wish.DoNotCall), strconv.FormatBool(wish.TextOptOut)))
	}
	cw.Flush()
	return cw.Error()
}

// spreadsheetSafe keeps cells from being read as formulas when the export
// is opened in a spreadsheet: a value beginning with = + - @ gets a
// leading apostrophe.
func spreadsheetSafe(cells ...string) []string {
	for i, c := range cells {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			cells[i] = "'" + c
		}
	}
	return cells
}
