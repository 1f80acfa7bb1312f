package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
)

// result is the part of one of vegeta's results (vegeta encode -to json)
// that check reads: when the request was sent, how long its answer took,
// and the answer.
type result struct {
	Code      int           `json:"code"`
	Timestamp time.Time     `json:"timestamp"`
	Latency   time.Duration `json:"latency"`
	Body      []byte        `json:"body"`
}

// answer is an acknowledged registration: what the server answered, and
// when the request was sent and its answer read.
type answer struct {
	ID       int64                       `json:"id"`
	MemberID int64                       `json:"member_id"`
	Status   rankfile.RegistrationStatus `json:"status"`
	Place    int                         `json:"place"`
	sent     time.Time
	answered time.Time
	line     int
}

// readAnswers returns the acknowledged registrations (200) in vegeta's
// results, and how many requests were not acknowledged.
func readAnswers(path string) ([]*answer, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var acked []*answer
	failed := 0
	lines := bufio.NewScanner(f)
	lines.Buffer(make([]byte, 1<<20), 1<<20)
	for lines.Scan() {
		var r result
		if err := json.Unmarshal(lines.Bytes(), &r); err != nil {
			return nil, 0, err
		}
		a := &answer{}
		if r.Code != 200 || json.Unmarshal(r.Body, a) != nil || a.MemberID == 0 {
			failed++
			continue
		}
		a.sent, a.answered = r.Timestamp, r.Timestamp.Add(r.Latency)
		acked = append(acked, a)
	}
	return acked, failed, lines.Err()
}

// check compares the acknowledged registrations with the database's.
func check(ctx context.Context, db *store.DB, o options) error {
	acked, failed, err := readAnswers(o.results)
	if err != nil {
		return err
	}
	regs, err := readStored(ctx, db, o.dsn, o.event)
	if err != nil {
		return err
	}
	placeInLine(acked, regs)
	seats := min(o.capacity, len(regs))
	fmt.Printf("requests acknowledged: %d, not: %d; registrations stored: %d, %d seats of %d and %d waitlisted\n",
		len(acked), failed, len(regs), count(regs, rankfile.Registered), o.capacity, count(regs, rankfile.Waitlisted))
	return errors.Join(checkSeats(regs, o.capacity), checkWaitlist(regs[seats:]),
		checkAnswers(acked, regs, failed), checkOrder(acked))
}

// placeInLine sets each acknowledged registration's line, as stored (0
// when it is missing, which checkAnswers reports).
func placeInLine(acked []*answer, regs []*stored) {
	lines := map[int64]int{}
	for _, r := range regs {
		lines[r.id] = r.line
	}
	for _, a := range acked {
		a.line = lines[a.ID]
	}
}

func count(regs []*stored, status rankfile.RegistrationStatus) int {
	n := 0
	for _, r := range regs {
		if r.status == status {
			n++
		}
	}
	return n
}

// checkSeats fails unless the first min(capacity, n) registrations in
// line hold the seats and the rest are waitlisted, each member once.
func checkSeats(regs []*stored, capacity int) error {
	members := map[int64]bool{}
	for i, r := range regs {
		want := rankfile.Registered
		if i >= capacity {
			want = rankfile.Waitlisted
		}
		switch {
		case r.status != want:
			return fmt.Errorf("registration %d, number %d in line, is %s, want %s", r.id, i+1, r.status, want)
		case members[r.member]:
			return fmt.Errorf("member %d holds two registrations", r.member)
		case i > 0 && r.line <= regs[i-1].line:
			return fmt.Errorf("two registrations share line %d", r.line)
		}
		members[r.member] = true
	}
	return nil
}

// checkWaitlist fails unless the waitlist's places are 1..n in line.
func checkWaitlist(waiting []*stored) error {
	for i, r := range waiting {
		if r.place != i+1 {
			return fmt.Errorf("number %d on the waitlist is told place %d", i+1, r.place)
		}
	}
	fmt.Printf("waitlist places: 1..%d in order of arrival, no gaps\n", len(waiting))
	return nil
}

// checkAnswers fails unless every acknowledged request has its
// registration, as it was told, and no more registrations were stored
// than requests made: a request whose answer was lost may have been
// stored.
func checkAnswers(acked []*answer, regs []*stored, failed int) error {
	byMember := map[int64]*stored{}
	for _, r := range regs {
		byMember[r.member] = r
	}
	for _, a := range acked {
		r := byMember[a.MemberID]
		switch {
		case r == nil || r.id != a.ID:
			return fmt.Errorf("member %d was acknowledged registration %d, which is not stored", a.MemberID, a.ID)
		case r.status != a.Status || r.place != a.Place:
			return fmt.Errorf("member %d was told %s, place %d; the database says %s, place %d",
				a.MemberID, a.Status, a.Place, r.status, r.place)
		}
	}
	if extra := len(regs) - len(acked); extra > failed {
		return fmt.Errorf("%d registrations stored beyond the %d acknowledged, for %d requests not acknowledged",
			extra, len(acked), failed)
	}
	fmt.Printf("every acknowledged request has its one registration, with the status and place it was told\n")
	return nil
}

// checkOrder fails if a request acknowledged before another was sent
// stands after it in line: the server cannot have seen the later one
// first. Requests under way at the same time may be served in either
// order; it counts those served in another order than sent, and the
// longest a request sent first waited behind one sent after it.
func checkOrder(acked []*answer) error {
	ordered, overlapping, swapped, wrong := 0, 0, 0, 0
	var gap time.Duration
	for _, a := range acked {
		for _, b := range acked {
			switch {
			case a.line == 0 || b.line == 0:
				continue // not stored: checkAnswers says so
			case a.answered.Before(b.sent):
				ordered++
				if a.line > b.line {
					wrong++
				}
			case a.sent.Before(b.sent): // and b was sent before a's answer came
				overlapping++
				if a.line > b.line {
					swapped++
					gap = max(gap, b.sent.Sub(a.sent))
				}
			}
		}
	}
	fmt.Printf("request order: %d pairs where one was acknowledged before the other was sent, %d of them out of order; "+
		"%d pairs under way at once, %d of them served in another order than sent, sent up to %s apart\n",
		ordered, wrong, overlapping, swapped, gap.Round(10*time.Microsecond))
	if wrong > 0 {
		return fmt.Errorf("%d pairs of registrations stand in line in another order than one was acknowledged before the other was sent", wrong)
	}
	return nil
}
