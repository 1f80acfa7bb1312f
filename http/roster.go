package http

import (
	"encoding/csv"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// rosterPerPage is how many members a roster page lists.
const rosterPerPage = 50

// rosterData is what the roster page shows.
type rosterData struct {
	Rows     template.HTML
	Total    int
	Page     int
	Filter   rankfile.MemberFilter
	Query    template.URL // the filter as a query string, for the pager and the export
	Branches []*rankfile.Body
	Bodies   []*rankfile.Body
	// Chapters are the chapters to choose from, for a steward of the
	// whole organization where there are several.
	Chapters []*rankfile.Body
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
	if c := q.Get("chapter"); c != "" {
		id, err := strconv.ParseInt(c, 10, 64)
		if err != nil {
			return f, rankfile.Errorf(rankfile.EINVALID, "no such chapter")
		}
		f.ChapterID = id
	}
	return f, nil
}

func filterQuery(q url.Values) string {
	keep := url.Values{}
	for _, k := range []string{"q", "branch", "standing", "body", "chapter"} {
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
	f.Offset, f.Limit, f.Brief = (d.Page-1)*rosterPerPage, rosterPerPage, true
	// The page is written while the search is audited, and sent after.
	page := newHeldPage()
	err = s.app.ShowRoster(r.Context(), actor, f, func(members []*rankfile.Member, total int) error {
		d.Total = total
		return s.writeRoster(page, r, &d, members)
	})
	if err != nil {
		return err
	}
	return page.send(w)
}

// writeRoster writes the roster's page, or its results alone when the
// page's search box asks for them.
func (s *Server) writeRoster(w http.ResponseWriter, r *http.Request, d *rosterData, members []*rankfile.Member) error {
	if r.Header.Get("HX-Target") == "roster-results" {
		names, err := s.branchNames(r.Context())
		if err != nil {
			return err
		}
		d.Rows = rosterRows(req(r).l, members, names, s.app.Today())
		return s.renderPart(w, r, "roster.html", "results", *d)
	}
	// A whole page reads the bodies once, for its choices and its rows.
	if err := s.rosterChoices(r, d); err != nil {
		return err
	}
	d.Rows = rosterRows(req(r).l, members, namesBySlug(d.Branches), s.app.Today())
	return s.render(w, r, "roster.html", *d)
}

// rosterRows writes the lines of the roster as HTML. A page has fifty,
// and html/template takes twenty times as long to write them as this
// does, which a steward's search-as-you-type notices. Every value is
// escaped with html.EscapeString and stands in element text or in a
// double-quoted attribute, where that escaping is the right one; ids are
// numbers.
func rosterRows(l *locale.Localizer, members []*rankfile.Member, branches map[string]string, today rankfile.Date) template.HTML {
	var b strings.Builder
	for _, m := range members {
		branch := branches[m.Branch.Slug]
		if branch == "" {
			branch = "-"
		}
		fmt.Fprintf(&b, `<tr><td><a href="/members/%d">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>`+"\n",
			m.ID, html.EscapeString(m.FullName()), html.EscapeString(m.Email), html.EscapeString(m.Phone()),
			html.EscapeString(branch), html.EscapeString(l.T("standing."+string(m.StandingOn(today)))))
	}
	return template.HTML(b.String())
}

func (s *Server) rosterChoices(r *http.Request, d *rosterData) error {
	bodies, err := s.app.ActiveBodyList(r.Context(), d.Filter.BodyID)
	byID := make(map[int64]*rankfile.Body, len(bodies))
	for _, b := range bodies {
		byID[b.ID] = b
	}
	var chapters []*rankfile.Body
	for _, b := range bodies {
		if c := req(r).actor.RosterChapter(); c != 0 && rankfile.ChapterOf(b.ID, byID) != c {
			continue // a chapter's steward chooses among the chapter's bodies
		}
		switch b.Kind {
		case rankfile.KindBranch:
			d.Branches = append(d.Branches, b)
		case rankfile.KindChapter:
			chapters = append(chapters, b)
		case rankfile.KindNational:
		default:
			d.Bodies = append(d.Bodies, b)
		}
	}
	if len(chapters) > 1 && req(r).actor.Steward {
		d.Chapters = chapters
	}
	return err
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
	cw := csv.NewWriter(w)
	cw.Write([]string{"national_id", "first_name", "last_name", "email", "best_phone", "mobile_phone",
		"mailing_address1", "mailing_address2", "mailing_city", "mailing_state", "mailing_zip",
		"branch", "standing", "list_standing", "join_date", "xdate", "do_not_call", "p2ptext_optout"})
	today := s.app.Today()
	for _, m := range members {
		wish := m.ContactWishes()
		cw.Write(rankfile.SpreadsheetSafe(m.NationalID, m.FirstName, m.LastName, m.Email, m.BestPhone, m.MobilePhone,
			m.Mailing.Line1, m.Mailing.Line2, m.Mailing.City, m.Mailing.State, m.Mailing.Zip,
			m.Branch.Slug, string(m.StandingOn(today)), string(m.Roster.ListStanding), m.JoinDate.String(),
			m.Xdate.String(), strconv.FormatBool(wish.DoNotCall), strconv.FormatBool(wish.TextOptOut)))
	}
	cw.Flush()
	return cw.Error()
}
