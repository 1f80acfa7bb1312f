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
	"net/netip"
	"strconv"
	"strings"
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
	// proxies are the trusted reverse proxies (Config.TrustedProxies).
	proxies proxies
	// untrustedProxy warns once of forwarding headers from anyone else.
	untrustedProxy sync.Once

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

// Loopback reports whether a host, alone or with its port ("localhost",
// "127.0.0.1:8080", "[::1]"), is this machine's alone: localhost or a
// loopback address. An empty host (every interface) is not. It is the
// one rule for where plain HTTP and links built from a request are safe.
func Loopback(host string) bool {
	name, _, err := net.SplitHostPort(host)
	if err != nil {
		name = host
	}
	ip := net.ParseIP(strings.Trim(name, "[]"))
	return name == "localhost" || (ip != nil && ip.IsLoopback())
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
	// TrustedProxies are the reverse proxies, as networks (a single
	// address is a /32 or /128), whose forwarding headers rankfile
	// believes: who the client is (X-Forwarded-For, X-Real-IP) and whether
	// it came by HTTPS (X-Forwarded-Proto). None by default: rankfile then
	// knows clients by the address their connection comes from.
	TrustedProxies []netip.Prefix
	// SignInsPerMinute is how many times a minute one client may ask for
	// a sign-in link or use one; 0 means signInsPerMinute.
	SignInsPerMinute int
	// TilesURL is the map tile server turf maps draw on, such as
	// https://tile.openstreetmap.org/{z}/{x}/{y}.png; "" draws doors and
	// routes on a blank background, telling no third party where anyone
	// canvasses.
	TilesURL string
	// SharedLimits, when set, counts requests for rate limits with the
	// other servers of the database; a server alone counts in memory.
	SharedLimits app.SharedLimits
}

// signInsPerMinute is how many times a minute one client may ask for a
// sign-in link or use one, unless configured: a person who mistyped their
// address or clicked twice is not held up, and a client trying links or
// addresses gets 300 an hour. Each client is an address (a /64 for IPv6),
// so a household or an office behind one address shares it; the emails
// one address is sent are limited apart (App.SignInEmailLimit in package app), so
// that many clients together cannot flood a member's inbox.
const signInsPerMinute = 5

// NewServer returns a server over the app. ping checks the database for
// /healthz.
func NewServer(a *app.App, ping func(context.Context) error, logger *slog.Logger, cfg Config) *Server {
	signIns := cfg.SignInsPerMinute
	if signIns <= 0 {
		signIns = signInsPerMinute
	}
	pages() // parsed now, so that a server is ready for its first page
	return &Server{
		app: a, ping: ping, logger: logger, cfg: cfg, proxies: proxies(cfg.TrustedProxies),
		signInLimit: newLimiter("sign-in", signIns, time.Minute, cfg.SharedLimits),
		apiLimit:    newLimiter("api", 600, time.Minute, cfg.SharedLimits),
		guestLimit:  newLimiter("guest", guestRequests, guestPeriod, cfg.SharedLimits),
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
	if s.cfg.BaseURL == "" {
		s.cfg.BaseURL = s.URL() // links in email never follow a request's Host
	}
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
