package app_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// The kill tests (ballots, meeting votes) share one shape: a child
// process of the test binary sends many requests at once and prints what
// each acknowledged; the parent kills it (SIGKILL) in the middle and then
// checks that the database holds everything acknowledged.

// killChild runs the test named in a child process of the test binary
// with env added, kills it once after acknowledgements have come, and
// returns every one it printed ("acknowledged X" lines give X), those
// printed as it died among them. Fewer than after, or all of total (the
// kill came too late to test anything), fail the test.
func killChild(t *testing.T, test string, env []string, after, total int) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var acked []string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if x, ok := strings.CutPrefix(sc.Text(), "acknowledged "); ok {
			if acked = append(acked, x); len(acked) == after {
				cmd.Process.Kill()
			}
		}
	}
	cmd.Wait()
	if len(acked) < after {
		t.Fatalf("the child acknowledged %d before it ended, want at least %d", len(acked), after)
	}
	if len(acked) >= total {
		t.Fatalf("all %d were acknowledged before the kill: it came too late to test anything", len(acked))
	}
	return acked
}

// ackUntilKilled is the child's side: it sends each item through send
// from 64 goroutines at once, prints "acknowledged X" with the X send
// returns once the item is acknowledged, and waits for the kill. Nothing
// here is refused: an error ends the child, failing the test.
func ackUntilKilled[T any](items []T, send func(T) (string, error)) {
	var mu sync.Mutex
	work := make(chan T)
	var wg sync.WaitGroup
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for item := range work {
				x, err := send(item)
				mu.Lock()
				if err != nil {
					fmt.Println("send:", err)
					os.Exit(1)
				}
				fmt.Println("acknowledged", x)
				mu.Unlock()
			}
		}()
	}
	for _, item := range items {
		work <- item
	}
	close(work)
	wg.Wait()
	select {} // wait for the kill
}

// exitOn ends the child when a step of its setting up fails.
func exitOn(what string, err error) {
	if err != nil {
		fmt.Println(what+":", err)
		os.Exit(1)
	}
}
