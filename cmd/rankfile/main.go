// Command rankfile runs a member-run democratic organization: its roster,
// bodies, branches and, in time, its meetings, petitions and elections.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // time zones, for machines without them

	"github.com/rankfile/rankfile"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit statuses, so scripts can tell a bad file from a busy database.
const (
	exitOK       = 0
	exitInternal = 1
	exitFailed   = 1 // a check found something wrong (audit verify)
	exitInvalid  = 2 // bad input or usage; nothing was changed
	exitNotFound = 3
	exitConflict = 4
	exitBusy     = 5 // another import or load holds the roster; try again
)

var exitCodes = map[string]int{
	rankfile.EINVALID:  exitInvalid,
	rankfile.ENOTFOUND: exitNotFound,
	rankfile.ECONFLICT: exitConflict,
	rankfile.EBUSY:     exitBusy,
	rankfile.ETOOMANY:  exitBusy,
}

// Main runs the command line and returns the exit status. Everything the
// program touches comes in through its arguments, so tests run it whole.
func Main(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	defer a.close()
	root := a.root()
	root.SetArgs(args)
	// What the command line changes is recorded as the operator's doing.
	err := root.ExecuteContext(rankfile.WithActor(ctx, &rankfile.Actor{Label: "command line"}))
	if err == nil {
		return exitOK
	}
	var usage *usageError
	var failed *checkFailed
	switch {
	case errors.As(err, &usage):
		fmt.Fprintf(stderr, "rankfile: %s\nRun 'rankfile help' for usage.\n", usage.msg)
		return exitInvalid
	case errors.As(err, &failed):
		fmt.Fprintf(stderr, "rankfile: %s\n", failed.msg)
		return exitFailed
	case rankfile.ErrorCode(err) == rankfile.EINTERNAL:
		fmt.Fprintf(stderr, "rankfile: internal error: %v\n", err)
		return exitInternal
	}
	fmt.Fprintf(stderr, "rankfile: %s\n", rankfile.ErrorMessage(err))
	return exitCodes[rankfile.ErrorCode(err)]
}

// usageError is a mistake in how the command was called.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// checkFailed is a check that ran and found something wrong, such as an
// audit log that does not verify: not bad input, and not rankfile's fault.
type checkFailed struct{ msg string }

func (e *checkFailed) Error() string { return e.msg }
