package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"sync"
	"time"
)

// runResult is what the run sent and was handed, for check.
type runResult struct {
	Answers int               `json:"answers"` // distinct answers the canvassers sent (each twice)
	Calls   int               `json:"calls"`   // calls the callers recorded
	Handed  map[int64][]int64 `json:"handed"`  // the calls each caller was handed, by member id
	Errors  int               `json:"errors"`
}

// latencies keeps each request's time by kind.
type latencies struct {
	mu     sync.Mutex
	byKind map[string][]time.Duration
	errors int
}

func (l *latencies) add(kind string, d time.Duration, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.byKind[kind] = append(l.byKind[kind], d)
	if err != nil {
		l.errors++
		fmt.Fprintln(os.Stderr, kind+":", err)
	}
}

// client sends the run's requests: enough connections for everyone at
// once, as a hundred phones would hold.
var client = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 200, MaxConnsPerHost: 200}}

func run(o options) error {
	b, err := os.ReadFile(o.plan)
	if err != nil {
		return err
	}
	var p plan
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	lat := &latencies{byKind: map[string][]time.Duration{}}
	res := &runResult{Handed: map[int64][]int64{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, c := range p.Canvassers {
		wg.Go(func() {
			<-start
			n := canvass(o, c, lat)
			mu.Lock()
			res.Answers += n
			mu.Unlock()
		})
	}
	for _, c := range p.Callers {
		wg.Go(func() {
			<-start
			handed, made := callThrough(o, p.Phonebank, c, lat)
			mu.Lock()
			res.Handed[c.MemberID], res.Calls = handed, res.Calls+made
			mu.Unlock()
		})
	}
	began := time.Now()
	close(start)
	wg.Wait()
	report(lat, time.Since(began))
	res.Errors = lat.errors
	return json.NewEncoder(os.Stdout).Encode(res)
}

// post sends a JSON body as a member, with her token and from an address
// of her own (X-Real-IP, as the reverse proxy in front of rankfile sets
// it: each phone has its own), and decodes the answer into out.
func post(o options, memberID int64, token, path string, body, out any) error {
	b, _ := json.Marshal(body)
	req, err := http.NewRequest("POST", o.base+path, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Real-IP", fmt.Sprintf("10.%d.%d.%d", memberID>>16&255, memberID>>8&255, memberID&255))
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %d %s", path, resp.StatusCode, got)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(got, out)
}

// pause waits a random time up to the pace, before a request is timed.
func pause(o options) {
	if o.pace > 0 {
		time.Sleep(time.Duration(rand.Int64N(int64(o.pace))))
	}
}

// doorResults is the mix of what knocks come to.
var doorResults = []string{"not_home", "contact", "not_home", "refused", "not_home", "contact", "moved", "not_home"}

// canvass knocks on every door of the canvasser's turf and syncs the
// answers in batches, each sent twice; it returns how many it sent.
func canvass(o options, c canvasser, lat *latencies) int {
	var answers []map[string]any
	for i, door := range c.Doors {
		a := map[string]any{"client_id": fmt.Sprintf("bench-%d-%d", c.MemberID, door), "turf_id": c.Turf,
			"household_id": door, "channel": "door", "result": doorResults[i%len(doorResults)],
			"at": time.Now().UTC().Format(time.RFC3339)}
		if a["result"] == "contact" {
			a["support"], a["volunteer"] = 4+i%2, i%3 == 0
		}
		answers = append(answers, a)
	}
	for batch := range slices.Chunk(answers, o.batch) {
		for range 2 {
			pause(o)
			t := time.Now()
			err := post(o, c.MemberID, c.Token, "/api/v1/attempts", map[string]any{"attempts": batch}, nil)
			lat.add("sync", time.Since(t), err)
		}
	}
	return len(answers)
}

// callResults is the mix of what calls come to; none asks to be called
// back, so that no call is handed out twice within the run.
var callResults = []string{"not_home", "contact", "not_home", "refused", "wrong_number", "contact", "not_home"}

// callThrough takes a batch and records every call of it, rounds times;
// it returns the calls it was handed and how many it recorded.
func callThrough(o options, phonebank int64, c caller, lat *latencies) ([]int64, int) {
	var handed []int64
	made := 0
	for round := range o.rounds {
		var calls []struct {
			ID int64 `json:"id"`
		}
		pause(o)
		t := time.Now()
		err := post(o, c.MemberID, c.Token, fmt.Sprintf("/api/v1/phonebanks/%d/claim", phonebank), nil, &calls)
		lat.add("claim", time.Since(t), err)
		if err != nil || len(calls) == 0 {
			return handed, made
		}
		var results []map[string]any
		for i, call := range calls {
			handed = append(handed, call.ID)
			results = append(results, map[string]any{"client_id": fmt.Sprintf("bench-call-%d-%d-%d", c.MemberID, round, i),
				"call_id": call.ID, "result": callResults[(round+i)%len(callResults)], "at": time.Now().UTC().Format(time.RFC3339)})
		}
		pause(o)
		t = time.Now()
		err = post(o, c.MemberID, c.Token, fmt.Sprintf("/api/v1/phonebanks/%d/calls", phonebank), map[string]any{"calls": results}, nil)
		lat.add("calls", time.Since(t), err)
		if err == nil {
			made += len(results)
		}
	}
	return handed, made
}

// report prints each kind's count and latency quantiles.
func report(lat *latencies, took time.Duration) {
	fmt.Fprintf(os.Stderr, "took %v, %d errors\n", took.Round(time.Millisecond), lat.errors)
	var all []time.Duration
	for _, kind := range []string{"sync", "claim", "calls"} {
		ds := lat.byKind[kind]
		all = append(all, ds...)
		fmt.Fprintf(os.Stderr, "%-6s %s\n", kind, quantiles(ds))
	}
	fmt.Fprintf(os.Stderr, "%-6s %s\n", "all", quantiles(all))
}

// quantiles writes a count and the 50th, 90th, 99th percentiles and max.
func quantiles(ds []time.Duration) string {
	if len(ds) == 0 {
		return "none"
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	q := func(f float64) time.Duration {
		return s[min(len(s)-1, int(f*float64(len(s))))].Round(100 * time.Microsecond)
	}
	return fmt.Sprintf("n=%d p50=%v p90=%v p99=%v max=%v", len(s), q(0.5), q(0.9), q(0.99), s[len(s)-1].Round(100*time.Microsecond))
}
