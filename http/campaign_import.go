package http

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// A list comes into a campaign in two steps on a phone or a laptop: the
// file and its source's name, then the form that maps its columns to
// target fields (as the source's last import mapped them, or guessed from
// the header). Between the two the file travels in the mapping form
// itself, base64 in a hidden field, so nothing is stored, on disk or in
// the database, before the whole list is read and found good: a list
// with a bad line is refused whole, its bad lines shown by number.

// maxTargetList bounds a list uploaded through the page: a city
// council district's voter file is a few megabytes.
const maxTargetList = 8 << 20

// importData is the import page at each step.
type importData struct {
	*app.ImportStart
	Source  string
	Header  []string
	Mapping rankfile.TargetMapping
	Fields  []string
	List    string // the file, base64, between the steps
	Bad     []rankfile.RowError
	Done    *rankfile.TargetImport
	Located *app.LocateReport
	Problem *fieldProblem
}

func (s *Server) importPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderImport(w, r, http.StatusOK, &importData{})
}

func (s *Server) renderImport(w http.ResponseWriter, r *http.Request, status int, data *importData) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	if data.ImportStart, err = s.app.StartImport(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	data.Fields = rankfile.TargetFields
	return s.renderStatus(w, r, status, "campaign_import.html", data)
}

// importUpload reads the file and shows the form that maps its columns.
func (s *Server) importUpload(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	start, err := s.app.StartImport(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxTargetList+1<<16)
	data := &importData{Source: strings.TrimSpace(r.FormValue("source"))}
	list, err := readTargetUpload(r)
	if err == nil && data.Source == "" {
		err = inField("source", rankfile.Errorf(rankfile.EINVALID, "name the list's source, such as the county voter file"))
	}
	if err == nil {
		data.Header, err = rankfile.ReadTargetHeader(bytes.NewReader(list))
	}
	if err != nil {
		data.Problem = problemOf(req(r), err, nil)
		return s.renderImport(w, r, http.StatusBadRequest, data)
	}
	data.List = base64.StdEncoding.EncodeToString(list)
	if data.Mapping = start.Sources[data.Source]; data.Mapping == nil {
		data.Mapping = rankfile.GuessTargetMapping(data.Header)
	}
	return s.renderImport(w, r, http.StatusOK, data)
}

// readTargetUpload reads the uploaded list.
func readTargetUpload(r *http.Request) ([]byte, error) {
	file, _, err := r.FormFile("list")
	if err != nil {
		return nil, inField("list", rankfile.Errorf(rankfile.EINVALID, "choose the list's CSV file, of at most %d MB", maxTargetList>>20))
	}
	defer file.Close()
	list, err := io.ReadAll(io.LimitReader(file, maxTargetList+1))
	if err != nil || len(list) > maxTargetList {
		return nil, inField("list", rankfile.Errorf(rankfile.EINVALID, "choose the list's CSV file, of at most %d MB", maxTargetList>>20))
	}
	return list, nil
}

// importForm imports the list with the mapping chosen.
func (s *Server) importForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 2*maxTargetList)
	data := &importData{Source: strings.TrimSpace(r.FormValue("source")), List: r.FormValue("list"), Mapping: rankfile.TargetMapping{}}
	list, err := base64.StdEncoding.DecodeString(data.List)
	if err != nil || len(list) == 0 {
		return rankfile.Errorf(rankfile.EINVALID, "choose the list's CSV file, of at most %d MB", maxTargetList>>20)
	}
	for _, f := range rankfile.TargetFields {
		if col := r.FormValue("map." + f); col != "" {
			data.Mapping[f] = col
		}
	}
	data.Header, _ = rankfile.ReadTargetHeader(bytes.NewReader(list))
	done, bad, err := s.app.ImportTargets(r.Context(), req(r).actor, id, data.Source, data.Mapping, bytes.NewReader(list))
	switch {
	case rankfile.ErrorCode(err) == rankfile.EINVALID:
		data.Problem = problemOf(req(r), err, nil)
		return s.renderImport(w, r, http.StatusBadRequest, data)
	case err != nil:
		return err
	case bad != nil:
		data.Bad = bad
		return s.renderImport(w, r, http.StatusBadRequest, data)
	}
	return s.renderImport(w, r, http.StatusOK, &importData{Done: done})
}

// locateForm asks the chapter's geocoder where a batch of doors are.
func (s *Server) locateForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	report, err := s.app.LocateDoors(r.Context(), req(r).actor, id)
	if report == nil && err != nil {
		return err
	}
	data := &importData{Located: report}
	if err != nil {
		data.Problem = problemOf(req(r), err, nil)
	}
	return s.renderImport(w, r, http.StatusOK, data)
}

// apiImportTargets imports a CSV list sent as the body, through the
// mapping given as map.<field>=<column> parameters, or the source's kept
// one when none is given. Bad lines refuse the whole list, each named.
func (s *Server) apiImportTargets(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	var m rankfile.TargetMapping
	for key, v := range q {
		if field, ok := strings.CutPrefix(key, "map."); ok {
			if m == nil {
				m = rankfile.TargetMapping{}
			}
			m[field] = v[0]
		}
	}
	body := http.MaxBytesReader(w, r.Body, 64<<20)
	done, bad, err := s.app.ImportTargets(r.Context(), req(r).actor, id, q.Get("source"), m, body)
	if err != nil {
		return err
	}
	if bad != nil {
		return badRowsError(bad)
	}
	return writeJSON(w, http.StatusOK, done)
}

// badRowsError says every bad line of a refused list in the API's one
// shape of an error.
func badRowsError(bad []rankfile.RowError) error {
	lines := make([]string, len(bad))
	for i, b := range bad {
		lines[i] = fmt.Sprintf("line %d: %s", b.Line, b.Problem)
	}
	return rankfile.Errorf(rankfile.EINVALID, "nothing was imported: %d lines are wrong (%s)", len(bad), strings.Join(lines, "; "))
}

// apiLocate asks the chapter's geocoder where a batch of doors are.
func (s *Server) apiLocate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	report, err := s.app.LocateDoors(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, report)
}
