//go:build unix

package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"

	"github.com/rankfile/rankfile"
)

// claimServing takes an exclusive lock on the file at path, writing the
// process's id in it for the message a second server gets.
func claimServing(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("claiming the database for this server: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder, _ := io.ReadAll(f)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, rankfile.Errorf(rankfile.ECONFLICT, "another rankfile server (process %s) is serving this SQLite database, "+
				"which one process serves at a time: stop it first, or run several servers on PostgreSQL", strings.TrimSpace(string(holder)))
		}
		return nil, fmt.Errorf("claiming the database for this server: %w", err)
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return func() { f.Close() }, nil
}
