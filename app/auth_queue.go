package app

import (
	"context"
	"sync"
	"time"
)

// signInQueueSize is how many sign-in requests may wait for a worker. Each
// takes a few milliseconds, so a full queue is seconds of work: more
// waiting means the database or the mail server is stuck, or a flood, and
// asking people to try again beats holding ever more requests in memory.
const signInQueueSize = 1000

// signInWorkers is how many sign-in requests are answered at once: enough
// that one slow delivery to the mail server does not hold up the rest.
const signInWorkers = 4

// signInEmailPeriod and signInEmailsPerAddress limit the sign-in emails
// one address is sent, however many clients ask for them: 3 in any 15
// minutes. A member who does not see the first email asks again once or
// twice; a link lasts 15 minutes (rankfile.SignInLifetime), so 3 working
// links at once is as many as anyone needs, and nobody can flood a
// member's inbox. Links already sent keep working.
const (
	signInEmailPeriod      = 15 * time.Minute
	signInEmailsPerAddress = 3
)

// signInRequest is a request for sign-in links, waiting to be answered.
type signInRequest struct {
	email, lang string
	linkFor     func(token string) string
}

// signIns holds the sign-in requests waiting to be answered by email, and
// when each member's address was sent a link lately.
type signIns struct {
	mu      sync.Mutex
	waiting []signInRequest
	workers int
	// sent holds, by address, the times of the emails sent in the last
	// signInEmailPeriod. Only members' addresses get an entry.
	sent    map[string][]time.Time
	sweepAt int
}

// add queues a request and starts a worker for it unless signInWorkers
// run already. It reports false, queuing nothing, when the queue is full.
func (q *signIns) add(rq signInRequest, answer func(signInRequest)) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.waiting) >= signInQueueSize {
		return false
	}
	q.waiting = append(q.waiting, rq)
	if q.workers < signInWorkers {
		q.workers++
		go q.work(answer)
	}
	return true
}

// work answers requests until none is waiting, and then ends.
func (q *signIns) work(answer func(signInRequest)) {
	for {
		rq, ok := q.next()
		if !ok {
			return
		}
		answer(rq)
	}
}

// next takes the oldest waiting request; when there is none, the worker
// asking is counted out.
func (q *signIns) next() (signInRequest, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.waiting) == 0 {
		q.workers--
		return signInRequest{}, false
	}
	rq := q.waiting[0]
	q.waiting[0] = signInRequest{}
	q.waiting = q.waiting[1:]
	return rq, true
}

// idle reports whether no request waits and no worker runs.
func (q *signIns) idle() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.waiting) == 0 && q.workers == 0
}

// mayEmail reports whether an address may be sent one more sign-in email
// now, and if so counts it.
func (q *signIns) mayEmail(addr string, now time.Time, limit int) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.sent == nil {
		q.sent = map[string][]time.Time{}
	}
	var recent []time.Time
	for _, t := range q.sent[addr] {
		if now.Sub(t) < signInEmailPeriod {
			recent = append(recent, t)
		}
	}
	if len(recent) >= limit {
		q.sent[addr] = recent
		return false
	}
	q.sent[addr] = append(recent, now)
	if len(q.sent) > q.sweepAt {
		q.forget(now)
	}
	return true
}

// forget drops the addresses sent nothing in the last period, so that the
// table holds only the members signing in lately.
func (q *signIns) forget(now time.Time) {
	for addr, times := range q.sent {
		if len(times) == 0 || now.Sub(times[len(times)-1]) >= signInEmailPeriod {
			delete(q.sent, addr)
		}
	}
	q.sweepAt = max(10000, 2*len(q.sent))
}

// DrainSignIns waits until every sign-in request queued so far has been
// answered, or ctx ends: a server shutting down answers what it accepted.
func (a *App) DrainSignIns(ctx context.Context) error {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !a.signIns.idle() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
	return nil
}
