package main

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

func run(base string, meetingID, voteID int64, votersFile string, duration time.Duration, workers int, ackedFile string) error {
	b, err := os.ReadFile(votersFile)
	if err != nil {
		return err
	}
	var voters []voter
	if err := json.Unmarshal(b, &voters); err != nil {
		return err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: 10000, MaxIdleConnsPerHost: 10000, IdleConnTimeout: time.Minute}}
	stop := make(chan struct{})
	followers := make([]*follower, len(voters))
	for i, v := range voters {
		followers[i] = &follower{}
		go followers[i].follow(client, fmt.Sprintf("%s/api/v1/meetings/%d/events", base, meetingID), v.Token, address(i+1<<20), stop)
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
			return fmt.Errorf("only %d of %d streams opened in two minutes", ready, len(followers))
		}
		time.Sleep(100 * time.Millisecond)
	}
	fmt.Printf("streams open: %d, in %v\n", len(followers), time.Since(start).Round(time.Millisecond))

	acks, latencies, failures := castAll(client, base, meetingID, voteID, voters, duration, workers)
	time.Sleep(3 * time.Second) // the last updates reach the streams
	close(stop)

	slices.SortFunc(latencies, func(a, b time.Duration) int { return int(a - b) })
	fmt.Printf("votes acknowledged: %d of %d, network failures sent again: %d\n", len(acks), len(voters), failures)
	fmt.Printf("vote latency: p50 %v, p90 %v, p99 %v, max %v\n", pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), pct(latencies, 100))
	reportStreams(followers, acks)
	var out strings.Builder
	for _, a := range acks {
		fmt.Fprintln(&out, a.member)
	}
	return os.WriteFile(ackedFile, []byte(out.String()), 0o644)
}

// address gives each simulated phone an address of its own, as a reverse
// proxy would pass it on (X-Real-IP), so that the API's limit per client
// applies per member.
func address(i int) string { return fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255) }

// follow reads a stream, recording each count and when it came,
// reconnecting a second after it drops.
func (f *follower) follow(client *http.Client, url, token, addr string, stop chan struct{}) {
	for {
		req, _ := http.NewRequest("GET", url, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("X-Real-IP", addr)
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
func castAll(client *http.Client, base string, meetingID, voteID int64, voters []voter, duration time.Duration, workers int) ([]ack, []time.Duration, int64) {
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
					req.Header.Set("X-Real-IP", address(i+1))
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
// first showed a count of at least k, over every stream and every k.
func reportStreams(followers []*follower, acks []ack) {
	var delays []time.Duration
	over, reconnects := 0, int64(0)
	for _, f := range followers {
		reconnects += f.reconns.Load()
		f.mu.Lock()
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
	fmt.Printf("streams saw each count: p50 %v, p99 %v, max %v after its vote was acknowledged; %d of %d (stream, vote) pairs over 1s; reconnects %d\n",
		pct(delays, 50), pct(delays, 99), pct(delays, 100), over, len(delays), reconnects)
}

func pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := min(len(sorted)-1, (len(sorted)*p+99)/100-1)
	return sorted[max(i, 0)].Round(100 * time.Microsecond)
}
