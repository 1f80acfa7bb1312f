package app_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/mail"
	"github.com/rankfile/rankfile/mail/mailtest"
	"github.com/rankfile/rankfile/store/storetest"
)

// Environment of the sending child process.
const (
	killDSN  = "RANKFILE_TEST_OUTBOX_KILL_DSN"
	killSMTP = "RANKFILE_TEST_OUTBOX_KILL_SMTP"
)

// TestAKilledSenderSendsNothingTwice kills, with SIGKILL, a process
// sending sixty confirmations once the mail server has taken a few, then
// sends the outbox again from another process: nobody gets an email
// twice, every notice is either sent or held for a person to judge, and
// every one sent was received.
func TestAKilledSenderSendsNothingTwice(t *testing.T) {
	if dsn := os.Getenv(killDSN); dsn != "" {
		sendUntilKilled(t, dsn)
		return
	}
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		srv := w.withMail()
		e := w.newEvent(nil)
		for n := 1; n <= votingVoters; n++ {
			w.register(e, n)
		}
		cfg, _ := json.Marshal(srv.Config())
		child := exec.Command(os.Args[0], "-test.run=^TestAKilledSenderSendsNothingTwice$")
		child.Env = append(os.Environ(), killDSN+"="+dsn, killSMTP+"="+string(cfg))
		child.Stdout, child.Stderr = os.Stdout, os.Stderr
		if err := child.Start(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(time.Minute); len(srv.Messages()) < 3; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				child.Process.Kill()
				t.Fatal("the child process sent nothing")
			}
		}
		child.Process.Kill()
		child.Wait()
		before := len(srv.Messages())
		if before >= votingVoters {
			t.Fatalf("the child sent all %d before it was killed; the test proves nothing", before)
		}

		w.now = w.now.Add(10 * time.Minute) // past the dead sender's lease
		if _, err := w.app.SendOutbox(ctx, base); err != nil {
			t.Fatal(err)
		}
		checkSentOnce(t, w, srv.Messages())
	})
}

// checkSentOnce checks that no recipient got two emails, every notice is
// sent or held, and every one sent was received.
func checkSentOnce(t *testing.T, w *votingWorld, got []mailtest.Message) {
	t.Helper()
	received := map[string]int{}
	for _, m := range got {
		for _, to := range m.To {
			received[to]++
		}
	}
	for to, n := range received {
		if n > 1 {
			t.Errorf("%s got %d emails", to, n)
		}
	}
	c := w.counts()
	if c[rankfile.NoticeSent]+c[rankfile.NoticeHeld] != votingVoters || len(got) < c[rankfile.NoticeSent] {
		t.Errorf("outbox %v, %d received; want every notice sent or held, and each sent received", c, len(got))
	}
	sent, _ := w.app.Outbox.FindNotices(ctx, []rankfile.NoticeState{rankfile.NoticeSent}, 1000)
	for _, n := range sent {
		m, err := w.app.Members.FindMember(ctx, rankfile.MemberFilter{ID: n.MemberID})
		if err != nil {
			t.Fatal(err)
		}
		if received[m.Email] != 1 {
			t.Errorf("notice %d is sent, yet %s received %d", n.ID, m.Email, received[m.Email])
		}
	}
}

// sendUntilKilled is the child's part: it sends the outbox on the parent's
// clock and mail server until it is killed.
func sendUntilKilled(t *testing.T, dsn string) {
	db := storetest.Open(t, dsn)
	now := votingStart()
	db.Zone, db.Now = now.Location(), func() time.Time { return now }
	a := newApp(db)
	var cfg mail.Config
	if err := json.Unmarshal([]byte(os.Getenv(killSMTP)), &cfg); err != nil {
		t.Fatal(err)
	}
	m, err := mail.NewSMTP(cfg)
	if err != nil {
		t.Fatal(err)
	}
	a.Mailer = m
	for {
		if _, err := a.SendOutbox(ctx, base); err != nil {
			t.Fatal(err)
		}
	}
}
