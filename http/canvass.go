package http

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// The canvasser's pages, made for a phone on the street: the turfs out
// with them (/canvass), a turf's walk (its map, its doors in walking order
// grouped by building, the script), and a door's form. Every one works
// without JavaScript; with it, canvass.js keeps the turf and the answers
// on the phone and sends them when there is a connection, and the service
// worker (canvass_sw.js) keeps the pages for when there is none.

// canvassData is the list of a canvasser's turfs.
type canvassData struct {
	Turfs []*app.CanvassTurf
}

func (s *Server) canvassPage(w http.ResponseWriter, r *http.Request) error {
	turfs, err := s.app.CanvassTurfs(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	return s.render(w, r, "canvass.html", canvassData{Turfs: turfs})
}

// walkData is a turf's walk page.
type walkData struct {
	Walk      *app.Walk
	Buildings []walkBuilding
	Script    string
	TilesURL  string
	Done      int64 // the door just recorded, to go on from
	Runs      bool  // the reader runs the campaign: the script and paper entry are theirs
}

// walkBuilding is the doors at one street address, in walking order: a
// house is a building of one door, an apartment building one of many.
type walkBuilding struct {
	Address string
	Doors   []*app.WalkDoor
}

// buildings groups a walk's doors by street address, keeping their order.
func buildings(doors []*app.WalkDoor) []walkBuilding {
	var out []walkBuilding
	for _, d := range doors {
		addr := strings.TrimSpace(d.Household.Address.Number + " " + d.Household.Address.Street)
		if n := len(out); n > 0 && out[n-1].Address == addr {
			out[n-1].Doors = append(out[n-1].Doors, d)
			continue
		}
		out = append(out, walkBuilding{Address: addr, Doors: []*app.WalkDoor{d}})
	}
	return out
}

// turfID reads the turf id of the path.
func turfID(r *http.Request) (int64, error) { return pathID(r, "id", "turf") }

func (s *Server) walkPage(w http.ResponseWriter, r *http.Request) error {
	id, err := turfID(r)
	if err != nil {
		return err
	}
	walk, err := s.app.Walk(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	done, _ := strconv.ParseInt(r.URL.Query().Get("done"), 10, 64)
	s.allowTiles(w)
	runs := s.app.CanEditCampaignScript(r.Context(), req(r).actor, walk.Campaign.ID) == nil
	return s.render(w, r, "canvass_walk.html", walkData{Walk: walk, Buildings: buildings(walk.Doors),
		Script: walk.Script.ScriptFor(req(r).l.Lang()), TilesURL: s.cfg.TilesURL, Done: done, Runs: runs})
}

// allowTiles lets a map page load images from the tile server's origin,
// which the policy otherwise refuses.
func (s *Server) allowTiles(w http.ResponseWriter) {
	u, err := url.Parse(s.cfg.TilesURL)
	if s.cfg.TilesURL == "" || err != nil || u.Host == "" {
		return
	}
	origin := u.Scheme + "://" + u.Host
	h := w.Header()
	h.Set("Content-Security-Policy", strings.Replace(h.Get("Content-Security-Policy"), "img-src 'self' data:",
		"img-src 'self' data: "+origin, 1))
}

// doorData is a door's form.
type doorData struct {
	Walk    *app.Walk
	Door    *app.WalkDoor
	Results []rankfile.AttemptResult
	// ClientID is made when the form is shown, so that the form sent
	// twice (a double tap, a resend after a lost answer) stores once.
	ClientID string
	Form     url.Values // what was typed, when it comes back with a problem
	Problem  string
}

// Checked reports whether the form as typed had value in field.
func (d doorData) Checked(field, value string) bool {
	return d.Form != nil && slices.Contains(d.Form[field], value)
}

// Value returns what was typed in field.
func (d doorData) Value(field string) string { return d.Form.Get(field) }

// doorIDs reads the turf and door ids of the path.
func doorIDs(r *http.Request) (int64, int64, error) {
	id, err := turfID(r)
	if err != nil {
		return 0, 0, err
	}
	hid, err := pathID(r, "hid", "door")
	return id, hid, err
}

// findDoor returns the walk's door of household hid.
func findDoor(walk *app.Walk, hid int64) (*app.WalkDoor, error) {
	for _, d := range walk.Doors {
		if d.Household.ID == hid {
			return d, nil
		}
	}
	return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such door")
}

func (s *Server) doorPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderDoor(w, r, http.StatusOK, nil, nil)
}

// renderDoor shows a door's form, with what was typed and its problem
// when it comes back.
func (s *Server) renderDoor(w http.ResponseWriter, r *http.Request, status int, form url.Values, problem error) error {
	id, hid, err := doorIDs(r)
	if err != nil {
		return err
	}
	walk, err := s.app.Walk(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	door, err := findDoor(walk, hid)
	if err != nil {
		return err
	}
	d := doorData{Walk: walk, Door: door, Results: doorResults, ClientID: newClientID(), Form: form}
	if problem != nil {
		d.Problem = req(r).l.Error(problem)
		d.ClientID = form.Get("client_id")
	}
	return s.renderStatus(w, r, status, "canvass_door.html", d)
}

// doorResults are the results a door's form offers: a call's own are left
// out.
var doorResults = []rankfile.AttemptResult{rankfile.ResultContact, rankfile.ResultNotHome, rankfile.ResultRefused,
	rankfile.ResultMoved, rankfile.ResultInaccessible, rankfile.ResultDoNotContact}

// newClientID makes an attempt's id on the server, for a form sent
// without JavaScript.
func newClientID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return "srv-" + hex.EncodeToString(b)
}

// recordDoorForm records what the door's form says; a form with a
// mistake comes back as typed, and nothing is stored.
func (s *Server) recordDoorForm(w http.ResponseWriter, r *http.Request) error {
	id, hid, err := doorIDs(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "the form could not be read")
	}
	a, err := attemptFromForm(r.PostForm, id, hid, s.app.Now())
	if err == nil {
		_, err = s.app.RecordAttempts(r.Context(), req(r).actor, []*rankfile.Attempt{a})
	}
	if code := rankfile.ErrorCode(err); code == rankfile.EINVALID {
		return s.renderDoor(w, r, statuses[code], r.PostForm, err)
	} else if err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/canvass/turfs/%d?done=%d#door-%d", id, hid, hid))
}

// attemptFromForm reads a door's form: the result, and when someone
// talked, who, their support, issues, answers and asks.
func attemptFromForm(f url.Values, turfID, hid int64, now time.Time) (*rankfile.Attempt, error) {
	a := &rankfile.Attempt{ClientID: f.Get("client_id"), TurfID: turfID, HouseholdID: hid, Channel: rankfile.ChannelDoor,
		Result: rankfile.AttemptResult(f.Get("result")), Issues: f["issues"], Volunteer: f.Get("volunteer") != "",
		KeepInTouch: f.Get("keep_in_touch") != "", Notes: f.Get("notes"), At: now}
	var err error
	if v := f.Get("support"); v != "" {
		if a.Support, err = strconv.Atoi(v); err != nil {
			return nil, rankfile.FieldErrorf("support", rankfile.EINVALID, "support is 1 to 5, and only from someone who talked")
		}
	}
	if v := f.Get("person"); v != "" && v != "new" {
		if a.TargetID, err = strconv.ParseInt(v, 10, 64); err != nil {
			return nil, rankfile.FieldErrorf("target_id", rankfile.EINVALID, "%d does not live at door %d", 0, hid)
		}
	}
	if f.Get("person") == "new" {
		a.Met = &rankfile.PersonMet{FirstName: f.Get("met_first"), LastName: f.Get("met_last"), Phone: f.Get("met_phone")}
	}
	for k, v := range f {
		if key, ok := strings.CutPrefix(k, "q."); ok && strings.TrimSpace(v[0]) != "" {
			if a.Answers == nil {
				a.Answers = map[string]string{}
			}
			a.Answers[key] = strings.TrimSpace(v[0])
		}
	}
	return a, nil
}
