package store

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestCheckpointerRestartsALogThatNeverEmpties holds a reader in a log of
// more than viewLogRestartFrames frames while the checkpointer runs, as the
// steady commits of a busy log of views always do: the passive checkpoint
// cannot copy everything back, so the checkpointer waits for the reader
// and restarts the log, and the commits after it write the log from its
// start instead of growing it.
func TestCheckpointerRestartsALogThatNeverEmpties(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.db")
	open := func(extra string) *sql.DB {
		db, err := sql.Open("sqlite", sqliteURI(path)+viewLogPragmas+extra)
		if err != nil {
			t.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		t.Cleanup(func() { db.Close() })
		return db
	}
	writer := open("&_pragma=wal_autocheckpoint(0)")
	write := func(commits int) {
		t.Helper()
		for range commits {
			if _, err := writer.Exec(`INSERT INTO t VALUES (randomblob(3000))`); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := writer.Exec(`CREATE TABLE t (x BLOB)`); err != nil {
		t.Fatal(err)
	}
	write(10)
	reading, err := open("").Begin()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := reading.QueryRow(`SELECT COUNT(*) FROM t`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	write(viewLogRestartFrames + 200)
	done := make(chan struct{})
	go func() {
		time.Sleep(300 * time.Millisecond)
		reading.Rollback()
		close(done)
	}()
	(&checkpointer{conn: open(""), restartAfter: viewLogRestartFrames}).checkpoint()
	<-done
	before := fileSize(t, path+"-wal")
	write(200)
	if after := fileSize(t, path+"-wal"); after > before {
		t.Errorf("the log grew from %d to %d bytes after the checkpoint; want it written again from its start", before, after)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}
