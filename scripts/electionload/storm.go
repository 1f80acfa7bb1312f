package electionload

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
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

// Run casts every ballot and returns the receipt codes given, and how
// many were refused (a ballot sent again after its first went in: the
// voter has voted) and sent again.
func (s *Storm) Run() (receipts []string, refused, again int) {
	var mu sync.Mutex
	client := &http.Client{Timeout: time.Minute}
	url := fmt.Sprintf("%s/api/v1/elections/%d/ballot", s.Base, s.ElectionID)
	jobs := make(chan Voter)
	var wg sync.WaitGroup
	for range s.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range jobs {
				receipt, tries := cast(client, url, v)
				mu.Lock()
				again += tries - 1
				if receipt != "" {
					receipts = append(receipts, receipt)
				} else {
					refused++
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
	return receipts, refused, again
}

// cast sends a voter's ballot until an answer other than a server's
// failure comes, and returns the receipt given ("" for a refusal) and how
// many times it was sent.
func cast(client *http.Client, url string, v Voter) (receipt string, tries int) {
	for {
		tries++
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
		var answer struct {
			Receipt string `json:"receipt"`
		}
		if resp.StatusCode == http.StatusCreated && json.Unmarshal(body, &answer) == nil {
			return answer.Receipt, tries
		}
		return "", tries
	}
}
