package http

import (
	"context"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/rankfile/rankfile/app"
)

// limiter allows each client a number of requests per period, so that
// nobody can try sign-in links or flood anyone's inbox, or hammer the API.
// A server alone counts in memory; servers sharing a database count
// together through shared.
type limiter struct {
	name   string
	n      int
	per    time.Duration
	shared app.SharedLimits

	mu      sync.Mutex
	clients map[string]*clientLimit
	// swept is when forget last ran: a table of many clients is swept
	// once a minute at most, not at every new client.
	swept time.Time
}

type clientLimit struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(name string, n int, per time.Duration, shared app.SharedLimits) *limiter {
	return &limiter{name: name, n: n, per: per, shared: shared, clients: map[string]*clientLimit{}}
}

// allow reports whether the client may make one more request now.
func (l *limiter) allow(ctx context.Context, client string) bool {
	if l.shared != nil {
		return app.SharedAllow(ctx, l.shared, l.name, client, l.n, l.per)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	c, ok := l.clients[client]
	if !ok {
		if len(l.clients) > 10000 && now.Sub(l.swept) > time.Minute {
			l.forget(now)
			l.swept = now
		}
		c = &clientLimit{lim: rate.NewLimiter(rate.Every(l.per/time.Duration(l.n)), l.n)}
		l.clients[client] = c
	}
	c.seen = now
	return c.lim.AllowN(now, 1)
}

// forget drops clients not seen for an hour, so that the table stays small.
func (l *limiter) forget(now time.Time) {
	for k, c := range l.clients {
		if now.Sub(c.seen) > time.Hour {
			delete(l.clients, k)
		}
	}
}

// limit applies a limiter to a route.
func (s *Server) limit(l *limiter, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !l.allow(r.Context(), s.clientKey(r)) {
			tooMany(w)
			return
		}
		next.ServeHTTP(w, r)
	})
}
