// Package http serves rankfile on the web: pages rendered on the server,
// with htmx for partial updates and every core flow working without
// JavaScript; the JSON API under /api/v1; and the operational endpoints.
// Handlers call package app, where permissions are checked, and return
// errors; one adapter turns errors into statuses.
package http

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/rankfile/rankfile/app"
)

// Server is rankfile's web server.
type Server struct {
	app    *app.App
	ping   func(context.Context) error
	logger *slog.Logger
	cfg    Config

	signInLimit *limiter
	apiLimit    *limiter
	// guestLimit bounds the guest registrations each client asks for.
	guestLimit *limiter
	metrics    *metrics
	imports    *importJobs
	feeds      *feedCache

	ln  net.Listener
	srv *http.Server
	// closing is closed when the server shuts down, ending event streams,
	// which would otherwise hold the shutdown until its deadline.
	closing     chan struct{}
	closingOnce sync.Once
}

// Config is how the server presents itself.
type Config struct {
	// BaseURL is the address members reach rankfile at, for links in
	// emails, such as https://members.example.org. Empty means the
	// address the request came to.
	BaseURL string
	// InsecureCookies leaves the Secure attribute off cookies, for plain
	// HTTP on this machine (the demo). Anywhere else rankfile must sit
	// behind HTTPS.
	InsecureCookies bool
}

// NewServer returns a server over the app. ping checks the database for
// /healthz.
func NewServer(a *app.App, ping func(context.Context) error, logger *slog.Logger, cfg Config) *Server {
	return &Server{
		app: a, ping: ping, logger: logger, cfg: cfg,
		signInLimit: newLimiter(5, time.Minute),
		apiLimit:    newLimiter(600, time.Minute),
		guestLimit:  newLimiter(guestRequests, guestPeriod),
		metrics:     newMetrics(),
		imports:     newImportJobs(),
		feeds:       newFeedCache(),
		closing:     make(chan struct{}),
	}
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
		ReadTimeout:       5 * time.Minute, // a national list takes a while to upload
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.logger.Handler(), slog.LevelWarn),
	}
	s.srv.RegisterOnShutdown(s.close)
	go func() {
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.logger.Error("serving", "err", err)
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
	return "http://" + net.JoinHostPort(host, strconv.Itoa(addr.Port)) + "/"
}

// close ends the event streams.
func (s *Server) close() { s.closingOnce.Do(func() { close(s.closing) }) }

// Shutdown stops accepting requests and waits for those under way.
func (s *Server) Shutdown(ctx context.Context) error {
	return s.srv.Shutdown(ctx)
}
