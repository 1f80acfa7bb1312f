package http

import (
	"bytes"
	"net/http"
)

// heldPage is a response written whole but not yet sent: a page that may
// go out only once something else is done, such as the audit entry of the
// view it shows (App.ShowRoster). It is an http.ResponseWriter for the
// render functions.
type heldPage struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newHeldPage() *heldPage { return &heldPage{header: http.Header{}, status: http.StatusOK} }

// Header returns the headers to be sent.
func (p *heldPage) Header() http.Header { return p.header }

// Write adds to the body.
func (p *heldPage) Write(b []byte) (int, error) { return p.body.Write(b) }

// WriteHeader sets the status to be sent.
func (p *heldPage) WriteHeader(status int) { p.status = status }

// send sends the page.
func (p *heldPage) send(w http.ResponseWriter) error {
	for k, v := range p.header {
		w.Header()[k] = v
	}
	w.WriteHeader(p.status)
	_, err := p.body.WriteTo(w)
	return err
}
