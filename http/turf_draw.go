package http

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// Turfs drawn by hand: a page with the campaign's uncut doors on a map,
// where tapping the map puts an outline's corners (turf_draw.js) and the
// doors inside make the turf; without JavaScript, or for doors the
// geocoder could not place, whole streets and single doors are picked
// from lists. A turf's doors are adjusted on a page of their own.

// turfDrawData is the drawing page.
type turfDrawData struct {
	Campaign *rankfile.Campaign
	Streets  []streetDoors
	Unplaced []*rankfile.Household
	Located  int
	Problem  string
}

// streetDoors is a street and how many of its doors are in no open turf.
type streetDoors struct {
	Street string
	Doors  int
}

func (s *Server) drawTurfPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderDrawTurf(w, r, http.StatusOK, "")
}

func (s *Server) renderDrawTurf(w http.ResponseWriter, r *http.Request, status int, problem string) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	c, uncut, err := s.app.UncutDoors(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	d := &turfDrawData{Campaign: c, Problem: problem}
	counts := map[string]int{}
	for _, h := range uncut {
		counts[h.Address.Street]++
		if h.Point == nil {
			d.Unplaced = append(d.Unplaced, h)
		} else {
			d.Located++
		}
	}
	for street, n := range counts {
		d.Streets = append(d.Streets, streetDoors{street, n})
	}
	slices.SortFunc(d.Streets, func(a, b streetDoors) int { return cmp.Compare(a.Street, b.Street) })
	return s.renderStatus(w, r, status, "turf_draw.html", d)
}

// uncutDoorsJSON serves the uncut doors with coordinates for the map.
func (s *Server) uncutDoorsJSON(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	_, uncut, err := s.app.UncutDoors(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	type door struct {
		ID   int64   `json:"id"`
		Lat  float64 `json:"lat"`
		Lon  float64 `json:"lon"`
		Line string  `json:"line"`
	}
	out := struct {
		Doors []door `json:"doors"`
	}{Doors: []door{}}
	for _, h := range uncut {
		if h.Point != nil {
			out.Doors = append(out.Doors, door{h.ID, h.Point.Lat, h.Point.Lon, h.Address.Line()})
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) drawTurfForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	t, err := s.drawTurf(r, id)
	if err != nil {
		if !fixable(err) {
			return err
		}
		return s.renderDrawTurf(w, r, statuses[rankfile.ErrorCode(err)], req(r).l.Error(err))
	}
	return redirect(w, r, fmt.Sprintf("/turfs/%d?done=drawn", t.ID))
}

// drawTurf reads the drawing form (the outline, whole streets, single
// doors) and makes the turf.
func (s *Server) drawTurf(r *http.Request, campaignID int64) (*rankfile.Turf, error) {
	outline, err := readOutline(r.FormValue("outline"))
	if err != nil {
		return nil, err
	}
	picked, err := formIDs(r, "door")
	if err != nil {
		return nil, err
	}
	if streets := r.Form["street"]; len(streets) > 0 {
		_, uncut, err := s.app.UncutDoors(r.Context(), req(r).actor, campaignID)
		if err != nil {
			return nil, err
		}
		for _, h := range uncut {
			if slices.Contains(streets, h.Address.Street) && !slices.Contains(picked, h.ID) {
				picked = append(picked, h.ID)
			}
		}
	}
	return s.app.DrawTurf(r.Context(), req(r).actor, campaignID, r.FormValue("name"), outline, picked)
}

// readOutline reads an outline as the map sends it: [[lat, lon], ...];
// "" is none. Its size and corners are checked by app.DrawTurf.
func readOutline(text string) ([]rankfile.Point, error) {
	if text == "" {
		return nil, nil
	}
	var corners [][2]float64
	if err := json.Unmarshal([]byte(text), &corners); err != nil {
		return nil, rankfile.FieldErrorf("outline", rankfile.EINVALID, "the outline must be at most %d corners, each [latitude, longitude]", app.MaxOutlineCorners)
	}
	out := make([]rankfile.Point, len(corners))
	for i, c := range corners {
		out[i] = rankfile.Point{Lat: c[0], Lon: c[1]}
	}
	return out, nil
}

// formIDs reads a form's repeated id field.
func formIDs(r *http.Request, name string) ([]int64, error) {
	var out []int64
	for _, v := range r.Form[name] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, rankfile.Errorf(rankfile.EINVALID, "%s: %q is not a number", name, v)
		}
		out = append(out, id)
	}
	return out, nil
}

// turfAdjustData is the page adjusting a turf's doors.
type turfAdjustData struct {
	Turf    *rankfile.Turf
	Doors   []*rankfile.TurfDoor
	Nearby  []*rankfile.Household // uncut doors on the turf's streets, or without coordinates
	Problem string
}

func (s *Server) adjustTurfPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderAdjustTurf(w, r, http.StatusOK, "")
}

func (s *Server) renderAdjustTurf(w http.ResponseWriter, r *http.Request, status int, problem string) error {
	id, err := pathID(r, "id", "turf")
	if err != nil {
		return err
	}
	actor := req(r).actor
	t, doors, err := s.app.TurfDoors(r.Context(), actor, id)
	if err != nil {
		return err
	}
	_, uncut, err := s.app.UncutDoors(r.Context(), actor, t.CampaignID)
	if err != nil {
		return err
	}
	d := &turfAdjustData{Turf: t, Doors: doors, Problem: problem}
	streets := map[string]bool{}
	for _, door := range doors {
		streets[door.Household.Address.Street] = true
	}
	for _, h := range uncut {
		if streets[h.Address.Street] || h.Point == nil {
			d.Nearby = append(d.Nearby, h)
		}
	}
	return s.renderStatus(w, r, status, "turf_adjust.html", d)
}

func (s *Server) adjustTurfForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "turf")
	if err != nil {
		return err
	}
	r.ParseForm()
	add, err := formIDs(r, "add")
	if err != nil {
		return err
	}
	remove, err := formIDs(r, "remove")
	if err != nil {
		return err
	}
	if err := s.app.AdjustTurf(r.Context(), req(r).actor, id, add, remove); err != nil {
		if !fixable(err) {
			return err
		}
		return s.renderAdjustTurf(w, r, statuses[rankfile.ErrorCode(err)], req(r).l.Error(err))
	}
	return redirect(w, r, fmt.Sprintf("/turfs/%d?done=adjusted", id))
}

// apiDrawTurf is drawTurfForm's twin in the JSON API.
func (s *Server) apiDrawTurf(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	var in struct {
		Name    string           `json:"name"`
		Outline []rankfile.Point `json:"outline"`
		DoorIDs []int64          `json:"door_ids"`
	}
	if err := decodeBody(r, &in, "a turf drawn by hand: name, outline (corners of lat and lon) and door_ids"); err != nil {
		return err
	}
	t, err := s.app.DrawTurf(r.Context(), req(r).actor, id, in.Name, in.Outline, in.DoorIDs)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, t)
}

// apiAdjustTurf is adjustTurfForm's twin in the JSON API.
func (s *Server) apiAdjustTurf(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "turf")
	if err != nil {
		return err
	}
	var in struct {
		Add    []int64 `json:"add"`
		Remove []int64 `json:"remove"`
	}
	if err := decodeBody(r, &in, "a turf's doors to add and remove, by household id"); err != nil {
		return err
	}
	if err := s.app.AdjustTurf(r.Context(), req(r).actor, id, in.Add, in.Remove); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
