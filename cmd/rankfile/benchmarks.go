package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rankfile/rankfile"
)

func init() { register((*app).benchmarksCommand) }

func (a *app) benchmarksCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "benchmarks", Short: "The daily engagement benchmarks of the dashboard"}
	cmd.AddCommand(a.benchmarksSnapshotCommand())
	return cmd
}

// maxBackfillDays bounds a backfill: two years and a bit.
const maxBackfillDays = 800

func (a *app) benchmarksSnapshotCommand() *cobra.Command {
	var date, from string
	cmd := &cobra.Command{
		Use:   "snapshot",
		Short: "Take the benchmarks of a day, or of each day of a range, not yet taken",
		Long: `Take the benchmarks of a day (--date, yesterday by default) from the records as
they stand: members at each stage of the ladder, new members reached within 14
days and at an orientation, members at a meeting in 90 days or with a one-on-one
this year, and moves up and down the ladder. With --from, every day from --from
through --date is taken (a backfill, at most 800 days). A day already taken is
left as it is; the server takes yesterday's on its own each day.`,
		Args: args(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			days, err := snapshotDays(db.Today().AddDays(-1), date, from)
			if err != nil {
				return err
			}
			took, err := appServices(db).TakeBenchmarks(cmd.Context(), days)
			fmt.Fprintf(a.stdout, "Took the benchmarks of %d of %d days.\n", len(took), len(days))
			return err
		},
	}
	cmd.Flags().StringVar(&date, "date", "", "the day (YYYY-MM-DD), or the range's last; yesterday when not given")
	cmd.Flags().StringVar(&from, "from", "", "the range's first day (YYYY-MM-DD), for a backfill")
	return cmd
}

// snapshotDays returns the days from --from through --date.
func snapshotDays(yesterday rankfile.Date, date, from string) ([]rankfile.Date, error) {
	last, err := dateFlag("date", date)
	if err != nil {
		return nil, err
	}
	if last.IsZero() {
		last = yesterday
	}
	first, err := dateFlag("from", from)
	if err != nil || first.IsZero() {
		return []rankfile.Date{last}, err
	}
	if last.Before(first) || first.AddDays(maxBackfillDays).Before(last) {
		return nil, usagef("--from must come before --date, at most %d days before", maxBackfillDays)
	}
	var days []rankfile.Date
	for d := first; !last.Before(d); d = d.AddDays(1) {
		days = append(days, d)
	}
	return days, nil
}
