package demo

import (
	"context"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// BenchmarkDays is how many days of benchmarks the demo takes: a year.
const BenchmarkDays = 365

// Benchmarks takes the demo chapter's daily benchmarks of the past year,
// each day from the records as they stood on it (members who had joined,
// check-ins, one-on-ones and seats up to that day), as the server would
// have taken them night after night: nothing is made up for the charts. It
// returns how many days it took.
func Benchmarks(ctx context.Context, a *app.App) (int, error) {
	yesterday := a.Today().AddDays(-1)
	days := make([]rankfile.Date, 0, BenchmarkDays)
	for i := BenchmarkDays - 1; i >= 0; i-- {
		days = append(days, yesterday.AddDays(-i))
	}
	took, err := a.TakeBenchmarks(ctx, days)
	return len(took), err
}
