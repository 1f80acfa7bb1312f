// Package http serves rankfile on the web: pages rendered on the server and
// the operational endpoints. Handlers call the domain's services and return
// errors; one adapter turns errors into statuses.
package http

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/rankfile/rankfile"
)

// Server is rankfile's web server.
type Server struct {
	// Services the pages use.
	Bodies rankfile.BodyService
	// Ping checks that the database answers, for /healthz.
	Ping func(context.Context) error
	// Today returns the chapter's date.
	Today  func() rankfile.Date
	Logger *slog.Logger

	ln  net.Listener
	srv *http.Server
}

// Open starts listening on addr ("127.0.0.1:0" picks a free port) and
// serves in the background.
func (s *Server) Open(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.ln = ln
	s.srv = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.Logger.Error("serving", "err", err)
		}
	}()
	return nil
}

// URL returns the address the server listens on.
func (s *Server) URL() string {
	addr := s.ln.Addr().(*net.TCPAddr)
	host := addr.IP.String()
	if addr.IP.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, itoa(addr.Port)) + "/"
}

// Shutdown stops accepting requests and waits for those under way.
func (s *Server) Shutdown(ctx context.Context) error {
	return s.srv.Shutdown(ctx)
}

// Handler returns the whole route table. Every route is here, in one place.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", s.handle(s.healthz))
	mux.Handle("GET /{$}", s.handle(s.bodiesPage))
	return securityHeaders(mux)
}
