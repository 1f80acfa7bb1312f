// Command proctime times a command as whole processes, for
// scripts/bench-tally: it runs the command several times, its output
// thrown away, and prints the minimum, median and maximum wall time, the
// median CPU time (user and system) and page faults, and the largest peak
// resident memory of the runs. Faults and CPU time vary less than wall time
// on a shared machine, and faults say how much fresh memory a run touched.
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
	r, err := measure(flag.Args(), *runs)
	if err != nil {
		fmt.Fprintln(os.Stderr, "proctime:", err)
		os.Exit(1)
	}
	slices.Sort(r.wall)
	fmt.Printf("%-34s min %7.1f ms  median %7.1f ms  max %7.1f ms  cpu %7.1f ms  faults %6d  peak RSS %6.1f MB  (%d runs)\n",
		*label, ms(r.wall[0]), ms(median(r.wall)), ms(r.wall[len(r.wall)-1]), ms(median(r.cpu)), median(r.faults),
		float64(r.peak)/1024, len(r.wall))
}

// runs is what measure found of each run, and the largest peak resident
// memory in KB.
type runs struct {
	wall, cpu []time.Duration
	faults    []int64
	peak      int64
}

// median returns the middle value of xs, sorting them.
func median[T time.Duration | int64](xs []T) T {
	slices.Sort(xs)
	return xs[len(xs)/2]
}

// measure runs the command n times.
func measure(command []string, n int) (*runs, error) {
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return nil, err
	}
	defer devnull.Close()
	r := &runs{}
	for range n {
		cmd := exec.Command(command[0], command[1:]...)
		cmd.Stdout, cmd.Stderr = devnull, os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("%v: %w", command, err)
		}
		r.wall = append(r.wall, time.Since(start))
		r.cpu = append(r.cpu, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
		use := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		r.faults = append(r.faults, use.Minflt+use.Majflt)
		r.peak = max(r.peak, use.Maxrss)
	}
	return r, nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
