package http

import (
	"encoding/csv"
	"html/template"
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/locale"
)

// A campaign's results on a page for those who run it: the totals, a chart
// of each day's doors, conversations, supporters and volunteers, and
// tables by day, turf and canvasser, each downloadable as CSV.

// campaignResultsData is the results' page.
type campaignResultsData struct {
	*app.CampaignResults
	DayChart  template.HTML
	DayLegend []legendItem
}

func (s *Server) campaignResultsPage(w http.ResponseWriter, r *http.Request) error {
	res, err := s.campaignResultsOf(r)
	if err != nil {
		return err
	}
	d := &campaignResultsData{CampaignResults: res}
	d.dayChart(req(r).l, res)
	return s.render(w, r, "campaign_results.html", d)
}

func (s *Server) apiCampaignResults(w http.ResponseWriter, r *http.Request) error {
	res, err := s.campaignResultsOf(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, res)
}

// campaignResultsOf counts the results of the path's campaign.
func (s *Server) campaignResultsOf(r *http.Request) (*app.CampaignResults, error) {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return nil, err
	}
	return s.app.CampaignResults(r.Context(), req(r).actor, id)
}

// dayChart draws each day's figures from the first day with a knock or a
// call to the last, days without any at zero.
func (d *campaignResultsData) dayChart(l *locale.Localizer, res *app.CampaignResults) {
	days := fillDays(res.ByDay)
	if len(days) < 2 {
		return
	}
	c := lineChart{Title: l.T("fieldresults.chart"), First: 1}
	series := []struct {
		key string
		of  func(*rankfile.FieldResults) int
	}{{"fieldresults.doors", func(f *rankfile.FieldResults) int { return f.Doors }},
		{"fieldresults.contacts", func(f *rankfile.FieldResults) int { return f.Contacts }},
		{"fieldresults.supporters", func(f *rankfile.FieldResults) int { return f.Supporters }},
		{"fieldresults.volunteers", func(f *rankfile.FieldResults) int { return f.Volunteers }}}
	for i, sr := range series {
		s := chartSeries{Name: l.T(sr.key)}
		for _, f := range days {
			s.Values = append(s.Values, float64(sr.of(f)))
		}
		c.Series = append(c.Series, s)
		d.DayLegend = append(d.DayLegend, legend(i+1, s.Name))
	}
	c.XLabels = []chartLabel{{0, days[0].Key}, {len(days) - 1, days[len(days)-1].Key}}
	d.DayChart = c.SVG()
}

// fillDays returns the days from the first counted to the last, a day
// without knocks or calls at zero.
func fillDays(counted []*rankfile.FieldResults) []*rankfile.FieldResults {
	if len(counted) == 0 {
		return nil
	}
	byDay := map[string]*rankfile.FieldResults{}
	for _, f := range counted {
		byDay[f.Key] = f
	}
	first, err1 := rankfile.ParseDate(counted[0].Key)
	last, err2 := rankfile.ParseDate(counted[len(counted)-1].Key)
	if err1 != nil || err2 != nil {
		return counted
	}
	var out []*rankfile.FieldResults
	for d := first; !d.After(last); d = d.AddDays(1) {
		f := byDay[d.String()]
		if f == nil {
			f = &rankfile.FieldResults{Key: d.String()}
		}
		out = append(out, f)
	}
	return out
}

// resultsTables are the tables a download may be of.
var resultsTables = map[string]func(*app.CampaignResults) [][]string{
	"day":       dayResultsCSV,
	"turf":      turfResultsCSV,
	"canvasser": canvasserResultsCSV,
}

// campaignResultsCSV downloads one of the tables. It holds counts, and
// canvassers' names, which those who run the campaign see on the page.
func (s *Server) campaignResultsCSV(w http.ResponseWriter, r *http.Request) error {
	res, err := s.campaignResultsOf(r)
	if err != nil {
		return err
	}
	by := r.URL.Query().Get("by")
	write, ok := resultsTables[by]
	if !ok {
		return rankfile.Errorf(rankfile.EINVALID, "choose a table: day, turf or canvasser")
	}
	w.Header().Set("Content-Type", textCSV)
	w.Header().Set("Content-Disposition", `attachment; filename="campaign-`+strconv.FormatInt(res.Campaign.ID, 10)+`-by-`+by+`.csv"`)
	cw := csv.NewWriter(w)
	for _, row := range write(res) {
		cw.Write(rankfile.SpreadsheetSafe(row...))
	}
	cw.Flush()
	return cw.Error()
}

// resultsHead is the columns every table ends with.
var resultsHead = []string{"doors", "attempts", "calls", "contacts", "supporters", "volunteers"}

func resultsRow(f *rankfile.FieldResults) []string {
	out := []string{}
	for _, n := range []int{f.Doors, f.Attempts, f.Calls, f.Contacts, f.Supporters, f.Volunteers} {
		out = append(out, strconv.Itoa(n))
	}
	return out
}

func dayResultsCSV(res *app.CampaignResults) [][]string {
	out := [][]string{append([]string{"day"}, resultsHead...)}
	for _, f := range res.ByDay {
		out = append(out, append([]string{f.Key}, resultsRow(f)...))
	}
	return out
}

func turfResultsCSV(res *app.CampaignResults) [][]string {
	out := [][]string{append([]string{"turf_id", "turf", "turf_doors", "completion"}, resultsHead...)}
	for _, t := range res.ByTurf {
		out = append(out, append([]string{strconv.FormatInt(t.Turf.ID, 10), t.Turf.Name, strconv.Itoa(t.Turf.Doors),
			strconv.FormatFloat(t.Completion, 'f', 3, 64)}, resultsRow(t.Results)...))
	}
	return out
}

func canvasserResultsCSV(res *app.CampaignResults) [][]string {
	out := [][]string{append([]string{"member_id", "name"}, resultsHead...)}
	for _, c := range res.ByCanvasser {
		out = append(out, append([]string{strconv.FormatInt(c.MemberID, 10), c.Name}, resultsRow(c.Results)...))
	}
	return out
}

// campaignResultsGeoJSON serves the campaign's turfs for the map of turfs
// by completion: each turf's outline (a point for a turf of one or two
// located doors), with its name, share knocked and doors.
func (s *Server) campaignResultsGeoJSON(w http.ResponseWriter, r *http.Request) error {
	res, err := s.campaignResultsOf(r)
	if err != nil {
		return err
	}
	type feature struct {
		Type       string         `json:"type"`
		Properties map[string]any `json:"properties"`
		Geometry   map[string]any `json:"geometry"`
	}
	fc := struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{Type: "FeatureCollection", Features: []feature{}}
	for _, t := range res.ByTurf {
		if len(t.Outline) == 0 {
			continue
		}
		props := map[string]any{"id": t.Turf.ID, "name": t.Turf.Name, "completion": t.Completion, "doors": t.Turf.Doors,
			"knocked": t.Results.Doors, "open": t.Turf.Open}
		fc.Features = append(fc.Features, feature{Type: "Feature", Properties: props, Geometry: outlineGeometry(t.Outline)})
	}
	return writeJSON(w, http.StatusOK, fc)
}

// outlineGeometry writes an outline as GeoJSON: a polygon, closed, or the
// first point of an outline of fewer than three.
func outlineGeometry(outline []rankfile.Point) map[string]any {
	if len(outline) < 3 {
		return map[string]any{"type": "Point", "coordinates": []float64{outline[0].Lon, outline[0].Lat}}
	}
	ring := make([][]float64, 0, len(outline)+1)
	for _, p := range append(outline, outline[0]) {
		ring = append(ring, []float64{p.Lon, p.Lat})
	}
	return map[string]any{"type": "Polygon", "coordinates": [][][]float64{ring}}
}
