// Command proctime times a command as whole processes, for
// scripts/bench-tally: it runs the command several times, its output
// thrown away, and prints the minimum, median and maximum wall time and
// the largest peak resident memory of the runs.
//
//	proctime -runs 7 -label "scottish 200k" -- rankfile tally FILE --method scottish --json
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"syscall"
	"time"
)

func main() {
	runs := flag.Int("runs", 5, "how many times to run the command")
	label := flag.String("label", "", "what the line of figures is about")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: proctime [-runs N] [-label L] -- COMMAND ARGS...")
		os.Exit(2)
	}
	times, peak, err := measure(flag.Args(), *runs)
	if err != nil {
		fmt.Fprintln(os.Stderr, "proctime:", err)
		os.Exit(1)
	}
	slices.Sort(times)
	fmt.Printf("%-34s min %7.1f ms  median %7.1f ms  max %7.1f ms  peak RSS %6.1f MB  (%d runs)\n",
		*label, ms(times[0]), ms(times[len(times)/2]), ms(times[len(times)-1]), float64(peak)/1024, len(times))
}

// measure runs the command n times and returns each run's wall time and
// the largest peak resident memory, in KB.
func measure(command []string, n int) ([]time.Duration, int64, error) {
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return nil, 0, err
	}
	defer devnull.Close()
	var times []time.Duration
	var peak int64
	for range n {
		cmd := exec.Command(command[0], command[1:]...)
		cmd.Stdout, cmd.Stderr = devnull, os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return nil, 0, fmt.Errorf("%v: %w", command, err)
		}
		times = append(times, time.Since(start))
		peak = max(peak, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)
	}
	return times, peak, nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
