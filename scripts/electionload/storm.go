package electionload

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Storm has voters cast their ballots at an even pace over Duration, at
// most Workers at once, as phones do: a ballot that fails on the network
// or with a server error is sent again after a second.
type Storm struct {
	Base       string
	ElectionID int64
	Voters     []Voter
	Duration   time.Duration
	Workers    int
}

// Result is what a storm found.
type Result struct {
	// Receipts are the receipt codes given.
	Receipts []string
	// Refused counts ballots refused: sent again after a first that went
	// in without its answer reaching the voter (who has then voted).
	Refused int
	// Again counts ballots sent again after a network or server failure.
	Again int
	// Latencies are the times from sending each ballot for the last time
	// to its answer, sorted.
	Latencies []time.Duration
}

// Run casts every ballot.
func (s *Storm) Run() *Result {
	var mu sync.Mutex
	r := &Result{}
	client := &http.Client{Timeout: time.Minute}
	url := fmt.Sprintf("%s/api/v1/elections/%d/ballot", s.Base, s.ElectionID)
	jobs := make(chan Voter)
	var wg sync.WaitGroup
	for range s.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range jobs {
				receipt, tries, took := cast(client, url, v)
				mu.Lock()
				r.Again += tries - 1
				r.Latencies = append(r.Latencies, took)
				if receipt != "" {
					r.Receipts = append(r.Receipts, receipt)
				} else {
					r.Refused++
				}
				mu.Unlock()
			}
		}()
	}
	start := time.Now()
	for i, v := range s.Voters {
		time.Sleep(time.Until(start.Add(s.Duration * time.Duration(i) / time.Duration(len(s.Voters)))))
		jobs <- v
	}
	close(jobs)
	wg.Wait()
	slices.Sort(r.Latencies)
	return r
}

// Percentile is the latency below which p percent of the ballots' fall.
func (r *Result) Percentile(p int) time.Duration {
	if len(r.Latencies) == 0 {
		return 0
	}
	i := min(len(r.Latencies)-1, (len(r.Latencies)*p+99)/100-1)
	return r.Latencies[max(i, 0)].Round(100 * time.Microsecond)
}

// cast sends a voter's ballot until an answer other than a server's
// failure comes, and returns the receipt given ("" for a refusal), how
// many times it was sent and how long its last sending took.
func cast(client *http.Client, url string, v Voter) (receipt string, tries int, took time.Duration) {
	for {
		tries++
		sent := time.Now()
		req, _ := http.NewRequest("POST", url, bytes.NewReader(v.Ballot))
		req.Header.Set("Authorization", "Bearer "+v.Token)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Forwarded-For", v.Address)
		resp, err := client.Do(req)
		if err != nil || resp.StatusCode >= 500 {
			if resp != nil {
				resp.Body.Close()
			}
			time.Sleep(time.Second)
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		took = time.Since(sent)
		var answer struct {
			Receipt string `json:"receipt"`
		}
		if resp.StatusCode == http.StatusCreated && json.Unmarshal(body, &answer) == nil {
			return answer.Receipt, tries, took
		}
		return "", tries, took
	}
}
