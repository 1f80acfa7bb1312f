package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/mail/mailtest"
	"github.com/rankfile/rankfile/scripts/electionload"
	"github.com/rankfile/rankfile/scripts/meetingload"
	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// clusterServerEnv holds, in a child process of the test, the arguments
// of the rankfile server it is to be.
const clusterServerEnv = "RANKFILE_TEST_CLUSTER_SERVER"

// TestThreeServersBehindALoadBalancerLoseOne serves the demo chapter from
// three rankfile processes on one PostgreSQL behind HAProxy, with its
// health checks. While the outbox sends the chapter's emails, 400
// registrations' among them (slowly: the mail server takes 30 ms a
// message), 150 members vote in a live meeting, each following it on an
// event stream through the load balancer, and 250 members cast their
// ballots in the chapter's election, the server that sends the outbox is
// killed with SIGKILL. Then: every acknowledged vote is in the meeting's
// box, once; every receipt given has its ballot in the election's box,
// whose ballots match the voters marked on the roll; every stream came
// back through another server and shows the final count; another server
// took over the outbox within seconds; and no email went out twice.
func TestThreeServersBehindALoadBalancerLoseOne(t *testing.T) {
	if args := os.Getenv(clusterServerEnv); args != "" {
		serveAsChild(args)
	}
	haproxy := needHAProxy(t)
	dsn := storetest.PostgresDSN(t)
	mustRun(t, dsn, "demo", "--no-serve", "--list-size", "600")
	ring, err := secret.Parse("RANKFILE_KEY", testKey)
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.OpenWithKeys(context.Background(), dsn, ring)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := rankfile.WithActor(context.Background(), &rankfile.Actor{Label: "cluster test"})
	meetingID, voteID, voters, err := meetingload.Prepare(ctx, db, 150)
	if err != nil {
		t.Fatal(err)
	}
	election, err := electionload.OpenElection(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	electors, err := electionload.Voters(ctx, db, election, 250)
	if err != nil {
		t.Fatal(err)
	}
	queueConfirmations(t, ctx, db, 400)
	smtp := mailtest.Start(t, mailtest.WithDelay(30*time.Millisecond))
	c := startCluster(t, dsn, 3, smtp)
	lb := c.balance(t, haproxy)

	waitUntil(t, "the outbox to start sending", func() bool { return len(smtp.Messages()) >= 5 })
	load := &meetingload.Load{Base: lb, MeetingID: meetingID, VoteID: voteID, Voters: voters,
		Duration: 10 * time.Second, Workers: 50, Out: &syncBuffer{}}
	done := make(chan error, 1)
	var report *meetingload.Report
	go func() {
		var err error
		report, err = load.Run()
		done <- err
	}()
	waitUntil(t, "the streams to open", func() bool { return strings.Contains(load.Out.(*syncBuffer).String(), "streams open") })
	storm := &electionload.Storm{Base: lb, ElectionID: election.ID, Voters: electors, Duration: 10 * time.Second, Workers: 50}
	var cast *electionload.Result
	stormed := make(chan struct{})
	go func() {
		defer close(stormed)
		cast = storm.Run()
	}()
	time.Sleep(5 * time.Second) // halfway through the vote and the storm
	leader := c.leaderOf(t, "outbox")
	before := outboxCounts(t, db)
	killed := time.Now()
	c.kill(t, leader)
	if before[rankfile.NoticePending] == 0 {
		t.Fatalf("the outbox had sent everything before the kill (%v): the test proves nothing", before)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	<-stormed
	t.Logf("killed server %d mid-vote, the outbox at %v\n%s", leader, before, load.Out.(*syncBuffer).String())

	found, err := meetingload.Check(ctx, db, voteID, report.Acked)
	if err != nil {
		t.Errorf("%s: %v", found, err)
	}
	found, err = electionload.CheckBox(ctx, db, election, cast.Receipts)
	t.Logf("%s; refused %d, sent again %d", found, cast.Refused, cast.Again)
	if err != nil {
		t.Error(err)
	}
	if len(cast.Receipts)+cast.Refused != len(electors) {
		t.Errorf("%d receipts and %d refusals for %d voters", len(cast.Receipts), cast.Refused, len(electors))
	}
	if report.Behind > 0 {
		t.Errorf("%d of %d streams do not show the vote's final count", report.Behind, len(voters))
	}
	took := c.tookOver(t, "outbox", leader, killed)
	t.Logf("another server took over the outbox %v after the kill", took.Round(time.Millisecond))
	waitUntil(t, "the outbox to send after the kill", func() bool {
		return outboxCounts(t, db)[rankfile.NoticeSent] > before[rankfile.NoticeSent]+5
	})
	checkEachEmailOnce(t, db, smtp.Messages())
	for i := range c.logs {
		if errs := c.errors(i); len(errs) > 0 {
			t.Errorf("server %d logged errors:\n%s", i, strings.Join(errs, "\n"))
		}
	}
}

// serveAsChild runs the server the parent asked for, until it is killed
// or stopped, and ends the process.
func serveAsChild(args string) {
	var a []string
	if err := json.Unmarshal([]byte(args), &a); err != nil {
		panic(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	os.Exit(Main(ctx, a, os.Getenv, nil, os.Stdout, os.Stderr))
}

// needHAProxy returns HAProxy's path; without it the test is skipped,
// unless RANKFILE_TEST_REQUIRE_HAPROXY=1 (scripts/test installs it).
func needHAProxy(t *testing.T) string {
	path, err := exec.LookPath("haproxy")
	if err != nil {
		if os.Getenv("RANKFILE_TEST_REQUIRE_HAPROXY") == "1" {
			t.Fatal("haproxy is not installed but RANKFILE_TEST_REQUIRE_HAPROXY=1")
		}
		t.Skip("haproxy is not installed; scripts/test installs it")
	}
	return path
}

// waitUntil polls cond until it holds, failing after two minutes: a guard
// against a hang, not a measure.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(2 * time.Minute); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("still waiting for %s", what)
		}
	}
}

// outboxCounts counts the outbox's notices by state.
func outboxCounts(t *testing.T, db *store.DB) rankfile.OutboxCounts {
	t.Helper()
	c, err := store.NewOutboxService(db).Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}
