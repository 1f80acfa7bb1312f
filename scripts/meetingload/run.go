package meetingload

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// state is what run reads of the meeting's live state.
type state struct {
	Vote *struct {
		Voted int `json:"voted"`
	} `json:"vote"`
}

// seen is a stream's record: when it received each count.
type seen struct {
	at    time.Time
	voted int
}

// follower is one phone's event stream.
type follower struct {
	mu      sync.Mutex
	seen    []seen
	ready   atomic.Bool
	reconns atomic.Int64
}

// Load is a meeting's vote under load: its voters each follow the
// meeting's live state on an event stream, as their phones would, and
// vote at an even pace over Duration, each from an address of their own.
type Load struct {
	// Base is where rankfile serves (a load balancer, for several servers).
	Base              string
	MeetingID, VoteID int64
	Voters            []Voter
	Duration          time.Duration
	// Workers is how many votes are sent at once, at most.
	Workers int
	// Out takes the report's lines as they come ("streams open" first).
	Out io.Writer
}

// Report is what a load found.
type Report struct {
	// Acked are the members whose votes were acknowledged, in order.
	Acked []int64
	// Behind is how many streams did not show, at the end, a count of at
	// least the votes acknowledged: phones left showing an old state.
	Behind int
}

// Run opens the streams, waits until every one has the current state,
// has the members vote, and reports the votes' latency and, for every
// stream, how long after the k-th vote was acknowledged the stream showed
// at least k votes. Votes that fail on the network or with a server error
// are sent again after a second, as a phone would; a stream that drops
// reconnects after a second, as a browser does.
func (l *Load) Run() (*Report, error) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: 10000, MaxIdleConnsPerHost: 10000, IdleConnTimeout: time.Minute}}
	stop := make(chan struct{})
	followers := make([]*follower, len(l.Voters))
	for i, v := range l.Voters {
		followers[i] = &follower{}
		go followers[i].follow(client, fmt.Sprintf("%s/api/v1/meetings/%d/events", l.Base, l.MeetingID), v.Token, address(i+1<<20), stop)
	}
	start := time.Now()
	for ready := 0; ready < len(followers); {
		ready = 0
		for _, f := range followers {
			if f.ready.Load() {
				ready++
			}
		}
		if time.Since(start) > 2*time.Minute {
			close(stop)
			return nil, fmt.Errorf("only %d of %d streams opened in two minutes", ready, len(followers))
		}
		time.Sleep(100 * time.Millisecond)
	}
	fmt.Fprintf(l.Out, "streams open: %d, in %v\n", len(followers), time.Since(start).Round(time.Millisecond))

	acks, latencies, failures := castAll(client, l.Base, l.MeetingID, l.VoteID, l.Voters, l.Duration, l.Workers)
	time.Sleep(3 * time.Second) // the last updates reach the streams
	close(stop)

	slices.SortFunc(latencies, func(a, b time.Duration) int { return int(a - b) })
	fmt.Fprintf(l.Out, "votes acknowledged: %d of %d, network failures sent again: %d\n", len(acks), len(l.Voters), failures)
	fmt.Fprintf(l.Out, "vote latency: p50 %v, p90 %v, p99 %v, max %v\n", pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), pct(latencies, 100))
	r := &Report{Behind: reportStreams(l.Out, followers, acks)}
	for _, a := range acks {
		r.Acked = append(r.Acked, a.member)
	}
	return r, nil
}

// address gives each simulated phone an address of its own, as a reverse
// proxy in front of it would pass it on (X-Forwarded-For, to which a load
// balancer adds its own hop), so that the API's limit per client
// applies per member.
func address(i int) string { return fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255) }

// follow reads a stream, recording each count and when it came,
// reconnecting a second after it drops.
func (f *follower) follow(client *http.Client, url, token, addr string, stop chan struct{}) {
	for {
		req, _ := http.NewRequest("GET", url, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("X-Forwarded-For", addr)
		resp, err := client.Do(req)
		if err == nil && resp.StatusCode == http.StatusOK {
			f.read(resp.Body, stop)
		}
		if resp != nil {
			resp.Body.Close()
		}
		select {
		case <-stop:
			return
		case <-time.After(time.Second):
			f.reconns.Add(1)
		}
	}
}

func (f *follower) read(body io.Reader, stop chan struct{}) {
	lines := bufio.NewScanner(body)
	for lines.Scan() {
		data, ok := strings.CutPrefix(lines.Text(), "data: ")
		if !ok {
			continue
		}
		var s state
		if json.Unmarshal([]byte(data), &s) != nil || s.Vote == nil {
			continue
		}
		f.mu.Lock()
		f.seen = append(f.seen, seen{at: time.Now(), voted: s.Vote.Voted})
		f.mu.Unlock()
		f.ready.Store(true)
		select {
		case <-stop:
			return
		default:
		}
	}
}

// ack is a vote acknowledged, and when.
type ack struct {
	member int64
	at     time.Time
}

// castAll sends each voter's vote at an even pace over the duration, at
// most workers at once, sending again after a second what fails on the
// network, and returns the acknowledgements in the order they came.
func castAll(client *http.Client, base string, meetingID, voteID int64, voters []Voter, duration time.Duration, workers int) ([]ack, []time.Duration, int64) {
	var mu sync.Mutex
	var acks []ack
	var latencies []time.Duration
	var failures atomic.Int64
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				v := voters[i]
				url := fmt.Sprintf("%s/api/v1/meetings/%d/votes/%d/ballot", base, meetingID, voteID)
				body := fmt.Sprintf(`{"choice":[%d]}`, i%2)
				if i%10 == 9 {
					body = `{"choice":[]}`
				}
				for {
					req, _ := http.NewRequest("POST", url, bytes.NewBufferString(body))
					req.Header.Set("Authorization", "Bearer "+v.Token)
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("X-Forwarded-For", address(i+1))
					sent := time.Now()
					resp, err := client.Do(req)
					if err != nil || resp.StatusCode >= 500 {
						if resp != nil {
							resp.Body.Close()
						}
						failures.Add(1)
						time.Sleep(time.Second)
						continue
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					took := time.Since(sent)
					mu.Lock()
					if resp.StatusCode == http.StatusOK {
						acks = append(acks, ack{member: v.ID, at: time.Now()})
					} else {
						fmt.Fprintf(os.Stderr, "member %d: %d\n", v.ID, resp.StatusCode)
					}
					latencies = append(latencies, took)
					mu.Unlock()
					break
				}
			}
		}()
	}
	start := time.Now()
	for i := range voters {
		time.Sleep(time.Until(start.Add(duration * time.Duration(i) / time.Duration(len(voters)))))
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return acks, latencies, failures.Load()
}

// reportStreams says how long after the k-th acknowledgement each stream
// first showed a count of at least k, over every stream and every k, and
// returns how many streams never showed the last.
func reportStreams(out io.Writer, followers []*follower, acks []ack) (behind int) {
	var delays []time.Duration
	over, reconnects := 0, int64(0)
	for _, f := range followers {
		reconnects += f.reconns.Load()
		f.mu.Lock()
		if len(f.seen) == 0 || f.seen[len(f.seen)-1].voted < len(acks) {
			behind++
		}
		j := 0
		for k := 1; k <= len(acks); k++ {
			for j < len(f.seen) && f.seen[j].voted < k {
				j++
			}
			if j == len(f.seen) {
				delays = append(delays, time.Hour) // never seen
				over++
				continue
			}
			d := max(0, f.seen[j].at.Sub(acks[k-1].at))
			if d > time.Second {
				over++
			}
			delays = append(delays, d)
		}
		f.mu.Unlock()
	}
	slices.SortFunc(delays, func(a, b time.Duration) int { return int(a - b) })
	fmt.Fprintf(out, "streams saw each count: p50 %v, p99 %v, max %v after its vote was acknowledged; %d of %d (stream, vote) pairs over 1s; reconnects %d; streams not showing the last count: %d\n",
		pct(delays, 50), pct(delays, 99), pct(delays, 100), over, len(delays), reconnects, behind)
	return behind
}

func pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := min(len(sorted)-1, (len(sorted)*p+99)/100-1)
	return sorted[max(i, 0)].Round(100 * time.Microsecond)
}
