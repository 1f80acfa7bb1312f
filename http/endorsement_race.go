package http

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
)

// A cycle's races: the form that adds one on the cycle's page, a race's
// page with its district on the map, and the form that changes it.

// raceOfForm reads a race's form; seats that do not read are refused by
// their field.
func raceOfForm(r *http.Request) *rankfile.EndorsementRace {
	seats, err := strconv.Atoi(strings.TrimSpace(r.FormValue("seats")))
	if err != nil && strings.TrimSpace(r.FormValue("seats")) != "" {
		seats = -1
	}
	return &rankfile.EndorsementRace{Office: r.FormValue("office"), District: r.FormValue("district"), Seats: seats}
}

func (s *Server) addRaceForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "endorsement cycle")
	if err != nil {
		return err
	}
	race := raceOfForm(r)
	race.CycleID = id
	err = s.app.SaveEndorsementRace(r.Context(), req(r).actor, race)
	if rankfile.ErrorCode(err) == rankfile.EINVALID {
		return s.renderEndorsement(w, r, http.StatusBadRequest, "race", problemOf(req(r), err, nil))
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/endorsements/cycles/"+strconv.FormatInt(id, 10)+"?done=race#race-"+strconv.FormatInt(race.ID, 10))
}

// raceData is a race's page.
type raceData struct {
	Race      *rankfile.EndorsementRace
	Cycle     *rankfile.EndorsementCycle
	Candidate []*rankfile.EndorsementCandidate
	CanRun    bool
	Done      string
	Problem   *fieldProblem
}

func (s *Server) racePage(w http.ResponseWriter, r *http.Request) error {
	return s.renderRace(w, r, http.StatusOK, nil, nil)
}

// renderRace shows a race's page; edited, when not nil, is the race as
// its refused form had it.
func (s *Server) renderRace(w http.ResponseWriter, r *http.Request, status int, edited *rankfile.EndorsementRace, problem *fieldProblem) error {
	id, err := pathID(r, "id", "race")
	if err != nil {
		return err
	}
	v, err := s.app.EndorsementRace(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	data := &raceData{Race: v.Races[0].Race, Cycle: v.Cycle, Candidate: v.Races[0].Candidates, CanRun: v.CanRun,
		Done: r.URL.Query().Get("done"), Problem: problem}
	if edited != nil {
		edited.ID, edited.Geometry = id, data.Race.Geometry
		data.Race = edited
	}
	return s.renderStatus(w, r, status, "endorsement_race.html", data)
}

func (s *Server) editRaceForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "race")
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 9<<20)
	v, err := s.app.RunEndorsementRace(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	race := raceOfForm(r)
	race.ID, race.CycleID, race.Geometry = id, v.Cycle.ID, v.Races[0].Race.Geometry
	err = readDistrictFile(r, race)
	if err == nil {
		err = s.app.SaveEndorsementRace(r.Context(), req(r).actor, race)
	}
	if rankfile.ErrorCode(err) == rankfile.EINVALID {
		return s.renderRace(w, r, http.StatusBadRequest, race, problemOf(req(r), err, nil))
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/endorsements/races/"+strconv.FormatInt(id, 10)+"?done=saved")
}

// readDistrictFile reads the district's GeoJSON from the form's file, if
// one was chosen, or takes it off when the form asks.
func readDistrictFile(r *http.Request, race *rankfile.EndorsementRace) error {
	if r.FormValue("remove_district") == "on" {
		race.Geometry = nil
		return nil
	}
	file, _, err := r.FormFile("district_file")
	if err == http.ErrMissingFile || err == http.ErrNotMultipart {
		return nil
	} else if err != nil {
		return inField("district_file", rankfile.Errorf(rankfile.EINVALID, "the district's file could not be read"))
	}
	defer file.Close()
	g, err := geo.ReadDistrict(file)
	if err != nil {
		return inField("district_file", err)
	}
	race.Geometry = g
	return nil
}

// raceDistrictJSON serves a race's district as a collection of one
// feature, for its map.
func (s *Server) raceDistrictJSON(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "race")
	if err != nil {
		return err
	}
	v, err := s.app.EndorsementRace(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	race := v.Races[0].Race
	features := []any{}
	if len(race.Geometry) > 0 {
		features = append(features, map[string]any{"type": "Feature", "geometry": json.RawMessage(race.Geometry),
			"properties": map[string]string{"name": race.Title()}})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"type": "FeatureCollection", "features": features})
}

// geoDistrict checks a district's geometry sent as JSON, as a file's is.
func geoDistrict(raw []byte) ([]byte, error) {
	g, err := geo.ReadDistrict(bytes.NewReader(raw))
	return g, rankfile.InField("geometry", "", err)
}
