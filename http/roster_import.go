package http

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/roster"
)

// maxUpload bounds an uploaded national list: a list of 200,000 members
// is about 60 MB.
const maxUpload = 256 << 20

// importJobs are the imports started from the upload page, each running
// in the background while its page shows how far it has come.
type importJobs struct {
	mu   sync.Mutex
	jobs map[string]*importJob
}

type importJob struct {
	ID       string
	ActorID  int64
	FileName string
	Size     int64
	Started  time.Time
	read     atomic.Int64
	done     chan struct{}
	Report   *rankfile.ImportReport
	Err      error
}

func newImportJobs() *importJobs { return &importJobs{jobs: map[string]*importJob{}} }

// Percent says how much of the file the import has read.
func (j *importJob) Percent() int {
	if j.Size <= 0 {
		return 0
	}
	return int(j.read.Load() * 100 / j.Size)
}

// Done reports whether the import has finished.
func (j *importJob) Done() bool {
	select {
	case <-j.done:
		return true
	default:
		return false
	}
}

// countingReader counts what an import has read, for its progress bar.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func (s *Server) importsPage(w http.ResponseWriter, r *http.Request) error {
	reports, err := s.app.Imports(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	return s.render(w, r, "roster_imports.html", reports)
}

// startImport saves the uploaded list and imports it in the background.
func (s *Server) startImport(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	if err := actor.Require(actor.CanImport()); err != nil {
		return err
	}
	asOf, err := rankfile.ParseDate(r.FormValue("as_of"))
	if err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "as of: %v", err)
	}
	job, path, err := s.saveUpload(w, r)
	if err != nil {
		return err
	}
	job.ActorID = actor.ID()
	go s.runImport(job, path, actor, rankfile.ImportOptions{AsOf: asOf, FileName: job.FileName})
	return redirect(w, r, "/imports/jobs/"+job.ID)
}

// saveUpload writes the uploaded file to a temporary file, so that the
// import can read it after the request ends.
func (s *Server) saveUpload(w http.ResponseWriter, r *http.Request) (*importJob, string, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	file, header, err := r.FormFile("list")
	if err != nil {
		return nil, "", rankfile.Errorf(rankfile.EINVALID, "choose the national list's CSV file to upload")
	}
	defer file.Close()
	tmp, err := os.CreateTemp("", "rankfile-import-*.csv")
	if err != nil {
		return nil, "", err
	}
	defer tmp.Close()
	size, err := io.Copy(tmp, file)
	if err != nil {
		os.Remove(tmp.Name())
		return nil, "", rankfile.Errorf(rankfile.EINVALID, "the upload did not finish: %v", err)
	}
	job := &importJob{ID: randomID(), FileName: filepath.Base(header.Filename), Size: size, Started: time.Now(), done: make(chan struct{})}
	s.imports.mu.Lock()
	s.imports.jobs[job.ID] = job
	s.imports.mu.Unlock()
	return job, tmp.Name(), nil
}

func (s *Server) runImport(job *importJob, path string, actor *rankfile.Actor, opts rankfile.ImportOptions) {
	defer close(job.done)
	defer os.Remove(path)
	f, err := os.Open(path)
	if err != nil {
		job.Err = err
		return
	}
	defer f.Close()
	src, err := roster.NewReader(countingReader{f, &job.read})
	if err == nil {
		job.Report, err = s.app.Import(context.Background(), actor, src, opts)
	}
	job.Err = err
	s.logFaultText("import", err)
}

func (s *Server) logFaultText(what string, err error) {
	if rankfile.ErrorCode(err) == rankfile.EINTERNAL {
		s.logger.Error(what+" failed", "err", err)
	}
}

// importJobPage shows an import's progress and, when it is done, its report.
func (s *Server) importJobPage(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	if err := actor.Require(actor.CanImport()); err != nil {
		return err
	}
	s.imports.mu.Lock()
	job, ok := s.imports.jobs[r.PathValue("id")]
	s.imports.mu.Unlock()
	if !ok {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such import")
	}
	if r.Header.Get("HX-Target") == "import-progress" {
		return s.renderPart(w, r, "roster_import_job.html", "progress", job)
	}
	return s.render(w, r, "roster_import_job.html", job)
}

func randomID() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}
