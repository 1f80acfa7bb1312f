package http

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/geo"
)

// A campaign's turfs: the board (each turf's state, who holds it, its
// doors knocked), the form that cuts new ones, the actions on each, and a
// turf's page with its doors in walking order on a list and a map.

// turfsData is a campaign's turf board.
type turfsData struct {
	*app.TurfBoard
	Size     turfSizeForm
	Cut      *app.TurfCut
	Until    string // the checkout form's default: tonight at nine
	Problem  *fieldProblem
	ProblemT int64 // the turf a problem is about, 0 for the cut
	Done     string
}

// turfSizeForm is the cut form as typed.
type turfSizeForm struct{ Target, Min, Max string }

func (s *Server) turfsPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderTurfs(w, r, http.StatusOK, &turfsData{Done: r.URL.Query().Get("done"), Size: turfSizeForm{"60", "40", "80"}})
}

func (s *Server) renderTurfs(w http.ResponseWriter, r *http.Request, status int, data *turfsData) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	if data.TurfBoard, err = s.app.TurfBoard(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	if data.Until == "" {
		data.Until = s.defaultUntil()
	}
	return s.renderStatus(w, r, status, "turfs.html", data)
}

// defaultUntil is tonight at nine in the chapter's time, or in three
// hours when that is past.
func (s *Server) defaultUntil() string {
	now := s.app.Now().In(s.app.Zone)
	until := time.Date(now.Year(), now.Month(), now.Day(), 21, 0, 0, 0, s.app.Zone)
	if !until.After(now.Add(time.Hour)) {
		until = now.Add(3 * time.Hour)
	}
	return until.Format("2006-01-02T15:04")
}

// cutForm cuts the campaign's uncut doors into turfs.
func (s *Server) cutForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	f := turfSizeForm{r.FormValue("target"), r.FormValue("min"), r.FormValue("max")}
	size := geo.TurfSize{Target: atoiOr(f.Target, -1), Min: atoiOr(f.Min, -1), Max: atoiOr(f.Max, -1)}
	err = size.Validate()
	var cut *app.TurfCut
	if err == nil {
		cut, err = s.app.CutTurfs(r.Context(), req(r).actor, id, size)
	}
	if rankfile.ErrorCode(err) == rankfile.EINVALID {
		return s.renderTurfs(w, r, http.StatusBadRequest, &turfsData{Size: f, Problem: problemOf(req(r), err, nil)})
	} else if err != nil {
		return err
	}
	return s.renderTurfs(w, r, http.StatusOK, &turfsData{Size: f, Cut: cut})
}

func atoiOr(s string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return n
}

// turfBack is where a turf's form goes back to: the page it came from
// when it names one of the turf's own pages, else the campaign's board.
func turfBack(r *http.Request, t *rankfile.Turf, done string) string {
	if strings.HasPrefix(r.FormValue("back"), "/turfs/") {
		return "/turfs/" + strconv.FormatInt(t.ID, 10) + "?done=" + done
	}
	return "/campaigns/" + strconv.FormatInt(t.CampaignID, 10) + "/turfs?done=" + done + "#turf-" + strconv.FormatInt(t.ID, 10)
}

// checkOutForm checks a turf out to a canvasser and a partner.
func (s *Server) checkOutForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "turf")
	if err != nil {
		return err
	}
	until, err := s.formTime(r, "until")
	if err == nil && until.IsZero() {
		err = rankfile.FieldErrorf("until", rankfile.EINVALID, "check a turf out for up to three days from now")
	}
	if err == nil {
		err = s.app.CheckOutTurfTo(r.Context(), req(r).actor, id, r.FormValue("canvasser"), r.FormValue("partner"), until)
	}
	return s.afterTurfAction(w, r, id, err, "checked-out")
}

// afterTurfAction goes back after an action on a turf, or shows its
// board with the mistake next to the turf.
func (s *Server) afterTurfAction(w http.ResponseWriter, r *http.Request, id int64, err error, done string) error {
	t, ferr := s.app.TurfView(r.Context(), req(r).actor, id)
	if ferr != nil {
		return ferr
	}
	switch code := rankfile.ErrorCode(err); {
	case code == rankfile.EINVALID || code == rankfile.ECONFLICT:
		r.SetPathValue("id", strconv.FormatInt(t.Turf.CampaignID, 10))
		return s.renderTurfs(w, r, http.StatusBadRequest, &turfsData{Size: turfSizeForm{"60", "40", "80"},
			Problem: problemOf(req(r), err, nil), ProblemT: id, Until: r.FormValue("until")})
	case err != nil:
		return err
	}
	return redirect(w, r, turfBack(r, t.Turf.Turf, done))
}

func (s *Server) returnTurfForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "turf")
	if err != nil {
		return err
	}
	return s.afterTurfAction(w, r, id, s.app.ReturnTurf(r.Context(), req(r).actor, id), "returned")
}

func (s *Server) closeTurfForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "turf")
	if err != nil {
		return err
	}
	return s.afterTurfAction(w, r, id, s.app.CloseTurf(r.Context(), req(r).actor, id), "closed")
}

// turfData is a turf's page.
type turfData struct {
	*app.TurfView
	// MapData is the doors in walking order for the map's script, and
	// Tiles the chapter's tile server, "" for none.
	MapData string
	Tiles   string
	Until   string
	Done    string
}

// turfPoint is a door as the map's script takes it.
type turfPoint struct {
	N    int     `json:"n"`
	Lat  float64 `json:"lat"`
	Lon  float64 `json:"lon"`
	Line string  `json:"line"`
}

func (s *Server) turfPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "turf")
	if err != nil {
		return err
	}
	v, err := s.app.TurfView(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	points := []turfPoint{}
	for _, d := range v.Doors {
		if p := d.Household.Point; p != nil {
			points = append(points, turfPoint{d.Position, p.Lat, p.Lon, d.Household.Address.Line()})
		}
	}
	js, _ := json.Marshal(points)
	data := &turfData{TurfView: v, MapData: string(js), Tiles: s.cfg.TilesURL, Until: s.defaultUntil(), Done: r.URL.Query().Get("done")}
	return s.render(w, r, "turf.html", data)
}

// apiTurfs returns a campaign's turf board.
func (s *Server) apiTurfs(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	b, err := s.app.TurfBoard(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, b)
}

// apiCutTurfs cuts the campaign's uncut doors into turfs of the sizes given.
func (s *Server) apiCutTurfs(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	var size struct{ Target, Min, Max int }
	if err := decodeBody(r, &size, `{"target": 60, "min": 40, "max": 80}`); err != nil {
		return err
	}
	cut, err := s.app.CutTurfs(r.Context(), req(r).actor, id, geo.TurfSize{Target: size.Target, Min: size.Min, Max: size.Max})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, cut)
}

// apiTurf returns a turf with its doors in walking order.
func (s *Server) apiTurf(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "turf")
	if err != nil {
		return err
	}
	v, err := s.app.TurfView(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

// apiCheckOutTurf checks a turf out to a canvasser (and a partner) until a time.
func (s *Server) apiCheckOutTurf(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "turf")
	if err != nil {
		return err
	}
	var in struct {
		CanvasserID int64     `json:"canvasser_id"`
		PartnerID   int64     `json:"partner_id"`
		Until       time.Time `json:"until"`
	}
	if err := decodeBody(r, &in, `{"canvasser_id": 5, "partner_id": 0, "until": "2026-01-02T21:00:00-08:00"}`); err != nil {
		return err
	}
	if err := s.app.CheckOutTurf(r.Context(), req(r).actor, id, in.CanvasserID, in.PartnerID, in.Until); err != nil {
		return err
	}
	return s.apiTurf(w, r)
}

// apiReturnTurf takes a turf back before its time.
func (s *Server) apiReturnTurf(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "turf")
	if err != nil {
		return err
	}
	if err := s.app.ReturnTurf(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	return s.apiTurf(w, r)
}

// apiCloseTurf closes a turf, freeing its doors.
func (s *Server) apiCloseTurf(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "turf")
	if err != nil {
		return err
	}
	if err := s.app.CloseTurf(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	return s.apiTurf(w, r)
}

// turfNumber returns the number of a turf named as cutting names them
// ("Turf 7"), "" for any other name.
func turfNumber(name string) string {
	n, ok := strings.CutPrefix(name, "Turf ")
	if _, err := strconv.Atoi(n); !ok || err != nil {
		return ""
	}
	return n
}
