package store_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/roster"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// bigList returns a list of n members whose ids start at first.
func bigList(first, n int, status string) string {
	var b strings.Builder
	b.WriteString(listHeader + "\n")
	for i := first; i < first+n; i++ {
		fmt.Fprintf(&b, "%d,First%d,Last%d,m%d@example.org,90026,2027-01-01,%s,false,\n", i, i, i, i, status)
	}
	return b.String()
}

// snapshot is what must not change when an import fails.
type snapshot struct{ members, good, history, imports int }

func takeSnapshot(t *testing.T, db *store.DB) snapshot {
	t.Helper()
	members := store.NewMemberService(db)
	_, all, err := members.FindMembers(ctx, rankfile.MemberFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, good, _ := members.FindMembers(ctx, rankfile.MemberFilter{Standing: rankfile.StandingGood, Limit: 1})
	imports, _ := store.NewRosterService(db).FindImports(ctx, 1000)
	return snapshot{members: all, good: good, history: len(history(t, db, "1")), imports: len(imports)}
}

// failingSource yields records from a list, then fails after limit of them.
type failingSource struct {
	*roster.Reader
	limit int
}

func (s *failingSource) Next() (*rankfile.RosterRecord, error) {
	if s.limit == 0 {
		return nil, io.ErrUnexpectedEOF
	}
	s.limit--
	return s.Reader.Next()
}

func TestAFailedImportChangesNothing(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, bigList(1, 100, "Member"), rankfile.ImportOptions{})
		before := takeSnapshot(t, db)
		r, err := roster.NewReader(strings.NewReader(bigList(1, 3000, "Member in Good Standing")))
		if err != nil {
			t.Fatal(err)
		}
		// 2,500 records: several batches have been written when it fails.
		_, err = store.NewRosterService(db).ImportRoster(ctx, &failingSource{r, 2500}, rankfile.ImportOptions{})
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("err = %v, want the source's error", err)
		}
		if after := takeSnapshot(t, db); after != before {
			t.Errorf("a failed import changed the database: %+v, was %+v", after, before)
		}
	})
}

func TestConcurrentImportsTakeTurns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		first := storetest.Open(t, dsn)
		importList(t, first, bigList(1, 10, "Member"), rankfile.ImportOptions{})
		lists := []string{bigList(1, 2000, "Member in Good Standing"), bigList(1001, 2000, "Member")}
		var wg sync.WaitGroup
		errs := make([]error, len(lists))
		for i, text := range lists {
			db := storetest.Open(t, dsn) // a connection of its own, as another process would have
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = tryImport(db, text, rankfile.ImportOptions{})
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil && rankfile.ErrorCode(err) != rankfile.EBUSY {
				t.Errorf("import %d: %v (want success, or EBUSY when refused)", i, err)
			}
		}
		// Whichever ran last decides who is on the list; nothing is half done.
		_, total, _ := store.NewMemberService(first).FindMembers(ctx, rankfile.MemberFilter{Limit: 1})
		_, onLapsed, _ := store.NewMemberService(first).FindMembers(ctx, rankfile.MemberFilter{Standing: rankfile.StandingLapsed, Limit: 1})
		if total != 3000 || onLapsed != 1000 {
			t.Errorf("after two imports: %d members, %d lapsed; want 3000 and 1000", total, onLapsed)
		}
	})
}

// TestAKilledImportChangesNothing kills a process in the middle of an
// import, after it has written several batches, and checks that the
// database is as it was.
func TestAKilledImportChangesNothing(t *testing.T) {
	if dsn := os.Getenv("RANKFILE_TEST_KILL_DSN"); dsn != "" {
		runImportUntilKilled(dsn)
		return
	}
	storetest.Each(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn)
		importList(t, db, bigList(1, 100, "Member"), rankfile.ImportOptions{})
		before := takeSnapshot(t, db)
		killChildAfter(t, "TestAKilledImportChangesNothing", "RANKFILE_TEST_KILL_DSN="+dsn, "importing")
		if after := takeSnapshot(t, storetest.Open(t, dsn)); after != before {
			t.Errorf("a killed import changed the database: %+v, was %+v", after, before)
		}
	})
}

// killChildAfter runs the test named run in a child process of this test
// binary, with env added to its environment, and kills it once it prints
// a line containing line.
func killChildAfter(t *testing.T, run, env, line string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+run+"$")
	cmd.Env = append(os.Environ(), env)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitForLine(t, out, line)
	cmd.Process.Kill()
	cmd.Wait()
}

func waitForLine(t *testing.T, r io.Reader, want string) {
	t.Helper()
	found := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			if strings.Contains(sc.Text(), want) {
				found <- true
				return
			}
		}
		found <- false
	}()
	select {
	case ok := <-found:
		if !ok {
			t.Fatalf("the child process ended without saying %q", want)
		}
	case <-time.After(2 * time.Minute):
		t.Fatalf("the child process did not say %q", want)
	}
}

// runImportUntilKilled imports a list whose reader stops after 2,500
// records (several batches written), says so, and waits to be killed.
func runImportUntilKilled(dsn string) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	r, err := roster.NewReader(strings.NewReader(bigList(1, 3000, "Member in Good Standing")))
	if err != nil {
		os.Exit(1)
	}
	src := &stallingSource{Reader: r, left: 2500}
	store.NewRosterService(db).ImportRoster(ctx, src, rankfile.ImportOptions{})
	fmt.Println("the import finished; it should have been killed")
	os.Exit(1)
}

type stallingSource struct {
	*roster.Reader
	left int
}

func (s *stallingSource) Next() (*rankfile.RosterRecord, error) {
	if s.left == 0 {
		fmt.Println("importing")
		select {} // wait for the kill
	}
	s.left--
	return s.Reader.Next()
}
