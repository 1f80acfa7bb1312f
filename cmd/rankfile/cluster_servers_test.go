package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/mail/mailtest"
	"github.com/rankfile/rankfile/store"
)

// cluster is rankfile servers on one database, each a process of its own
// (this test binary, run as serveAsChild).
type cluster struct {
	procs []*exec.Cmd
	logs  []*syncBuffer
	ports []int
}

// startCluster starts n servers on dsn that send email to smtp, and waits
// until each answers.
func startCluster(t *testing.T, dsn string, n int, smtp *mailtest.Server) *cluster {
	t.Helper()
	c := &cluster{}
	mail := smtp.Config()
	dir := t.TempDir()
	for i := range n {
		port := freePort(t)
		args, _ := json.Marshal([]string{"--db", dsn, "serve", "--addr", fmt.Sprintf("127.0.0.1:%d", port),
			"--trusted-proxy", "127.0.0.1", "--audit-heads", filepath.Join(dir, fmt.Sprintf("heads-%d", i)),
			"--smtp-host", mail.Host, "--smtp-port", strconv.Itoa(mail.Port), "--smtp-tls", "none", "--smtp-from", mail.From})
		cmd := exec.Command(os.Args[0], "-test.run=^TestThreeServersBehindALoadBalancerLoseOne$")
		cmd.Env = append(os.Environ(), clusterServerEnv+"="+string(args), "RANKFILE_KEY="+testKey)
		log := &syncBuffer{}
		cmd.Stdout, cmd.Stderr = log, log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		c.procs, c.logs, c.ports = append(c.procs, cmd), append(c.logs, log), append(c.ports, port)
	}
	for i, port := range c.ports {
		waitUntil(t, fmt.Sprintf("server %d to answer", i), func() bool { return healthy(fmt.Sprintf("http://127.0.0.1:%d", port)) })
	}
	return c
}

// balance starts HAProxy in front of the cluster, configured as
// scripts/haproxy.cfg says, and returns its address once it answers.
func (c *cluster) balance(t *testing.T, haproxy string) string {
	t.Helper()
	tmpl, err := os.ReadFile("../../scripts/haproxy.cfg")
	if err != nil {
		t.Fatal(err)
	}
	front := freePort(t)
	cfg := strings.ReplaceAll(string(tmpl), "FRONT", strconv.Itoa(front))
	for i, port := range c.ports {
		cfg += fmt.Sprintf("    server s%d 127.0.0.1:%d\n", i, port)
	}
	file := filepath.Join(t.TempDir(), "haproxy.cfg")
	if err := os.WriteFile(file, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(haproxy, "-f", file, "-db")
	var log syncBuffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
		if t.Failed() {
			t.Logf("haproxy:\n%s", log.String())
		}
	})
	base := fmt.Sprintf("http://127.0.0.1:%d", front)
	waitUntil(t, "haproxy to answer", func() bool {
		select {
		case <-exited:
			t.Fatalf("haproxy stopped:\n%s", log.String())
		default:
		}
		return healthy(base)
	})
	return base
}

// kill ends server i with SIGKILL, as a crash or the OOM killer would.
func (c *cluster) kill(t *testing.T, i int) {
	t.Helper()
	if err := c.procs[i].Process.Kill(); err != nil {
		t.Fatal(err)
	}
	c.procs[i].Wait()
}

// leaderOf returns the server that leads the named work, by its log.
func (c *cluster) leaderOf(t *testing.T, work string) int {
	t.Helper()
	leader := -1
	waitUntil(t, "a server to lead "+work, func() bool {
		for i := range c.logs {
			if !c.ledAt(i, work).IsZero() {
				leader = i
				return true
			}
		}
		return false
	})
	return leader
}

// tookOver waits for a server other than dead to lead the named work and
// returns how long after killed it began to.
func (c *cluster) tookOver(t *testing.T, work string, dead int, killed time.Time) time.Duration {
	t.Helper()
	var took time.Duration
	waitUntil(t, "another server to lead "+work, func() bool {
		for i := range c.logs {
			if at := c.ledAt(i, work); i != dead && !at.IsZero() {
				took = at.Sub(killed)
				return true
			}
		}
		return false
	})
	return took
}

// ledAt is when server i last began to lead the named work, by its log;
// zero if it never did.
func (c *cluster) ledAt(i int, work string) time.Time {
	var at time.Time
	lines := bufio.NewScanner(strings.NewReader(c.logs[i].String()))
	for lines.Scan() {
		var entry struct {
			Time time.Time `json:"time"`
			Msg  string    `json:"msg"`
			Work string    `json:"work"`
		}
		if json.Unmarshal(lines.Bytes(), &entry) == nil && entry.Msg == "leading" && entry.Work == work {
			at = entry.Time
		}
	}
	return at
}

// errors are the lines server i logged at the level of errors.
func (c *cluster) errors(i int) []string {
	var out []string
	for _, line := range strings.Split(c.logs[i].String(), "\n") {
		if strings.Contains(line, `"level":"ERROR"`) {
			out = append(out, line)
		}
	}
	return out
}

// checkEachEmailOnce checks that no email was received twice, and that
// every notice the outbox marks sent was received.
func checkEachEmailOnce(t *testing.T, db *store.DB, got []mailtest.Message) {
	t.Helper()
	received, same := map[string]int{}, map[string]int{}
	for _, m := range got {
		received[m.Header.Get("Message-Id")]++
		// The election's and proposals' mailings carry no notice: the
		// same subject to the same person twice is the same email.
		same[strings.Join(m.To, ",")+" "+m.Subject]++
	}
	for id, n := range received {
		if n > 1 {
			t.Errorf("the email %s was received %d times", id, n)
		}
	}
	for email, n := range same {
		if n > 1 {
			t.Errorf("%q was received %d times", email, n)
		}
	}
	sent, err := store.NewOutboxService(db).FindNotices(context.Background(), []rankfile.NoticeState{rankfile.NoticeSent}, 100000)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range sent {
		if id := fmt.Sprintf("<notice-%d@example.org>", n.ID); received[id] != 1 {
			t.Errorf("notice %d is marked sent; its email was received %d times", n.ID, received[id])
		}
	}
	t.Logf("%d emails received, %d notices marked sent", len(got), len(sent))
}

// queueConfirmations registers n members for the chapter's next event
// that takes registrations, which queues n emails in the outbox (a seat
// or a place on the waitlist).
func queueConfirmations(t *testing.T, ctx context.Context, db *store.DB, n int) {
	t.Helper()
	events := store.NewEventService(db)
	upcoming, err := events.FindEvents(ctx, rankfile.EventFilter{From: db.Now(), Scheduled: true})
	if err != nil {
		t.Fatal(err)
	}
	members, _, err := store.NewMemberService(db).FindMembers(ctx, rankfile.MemberFilter{Standing: rankfile.StandingGood, Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	notices := func(c *rankfile.EventChange) ([]*rankfile.Notice, error) { return c.Notices(), nil }
	for _, e := range upcoming {
		if e.CheckRegistrable(db.Now()) != nil {
			continue
		}
		queued := 0
		for _, m := range members {
			if _, err := events.Register(ctx, e.ID, rankfile.Registrant{MemberID: m.ID}, notices); err == nil {
				if queued++; queued == n {
					return
				}
			}
		}
	}
	t.Fatalf("no event takes %d registrations", n)
}

// freePort returns a port on loopback no one listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// healthy reports whether base answers /healthz.
func healthy(base string) bool {
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}
