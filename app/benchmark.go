package app

import (
	"context"
	"slices"

	"github.com/rankfile/rankfile"
)

// The dashboard of benchmarks reads the daily snapshots only. Today's
// figures are not computed live: at 100,000 members they take a scan of the
// roster and two years of records (about a second, see the benchmark
// command), far from a page's budget of 50 ms, while yesterday's snapshot
// is a day old at most. The server's clock takes yesterday's snapshot at
// its first tick of each day, once yesterday is whole.

// BenchmarkPeriods are the periods a dashboard shows, by name, in days.
var BenchmarkPeriods = map[string]int{"90d": 90, "1y": 365, "2y": 730}

// DefaultBenchmarkPeriod is the period a dashboard shows unless asked.
const DefaultBenchmarkPeriod = "1y"

// BenchmarkReport is a scope's benchmarks over a period.
type BenchmarkReport struct {
	Scope    *rankfile.Body // nil for the whole chapter
	Period   string
	From, To rankfile.Date
	// Stages are the keys the days count members under: NoStage, then the
	// ladder's stages lowest first, then any stage a past ladder had.
	Stages []string
	Days   []*rankfile.Benchmark
	Months []MonthMoves
	// Chapter says whether the actor may look at the whole chapter's, and
	// Scopes the branches and groups whose she may look at.
	Chapter bool
	Scopes  []*rankfile.Body
}

// MonthMoves is how many members moved up and down the ladder in a month.
type MonthMoves struct {
	Month string `json:"month"` // YYYY-MM
	Up    int    `json:"up"`
	Down  int    `json:"down"`
}

// Latest returns the last day's figures, nil when there are none.
func (r *BenchmarkReport) Latest() *rankfile.Benchmark {
	if len(r.Days) == 0 {
		return nil
	}
	return r.Days[len(r.Days)-1]
}

// TakeBenchmarks takes the snapshot of each day of days not yet taken:
// the server's clock and the command line's backfill.
func (a *App) TakeBenchmarks(ctx context.Context, days []rankfile.Date) ([]rankfile.Date, error) {
	return a.Benchmarks.TakeBenchmarks(ctx, days)
}

// TakeYesterdaysBenchmarks takes yesterday's snapshot unless it is taken:
// one cheap read on every tick but the day's first.
func (a *App) TakeYesterdaysBenchmarks(ctx context.Context) error {
	yesterday := a.Today().AddDays(-1)
	if taken, err := a.Benchmarks.BenchmarkTaken(ctx, yesterday); err != nil || taken {
		return err
	}
	_, err := a.Benchmarks.TakeBenchmarks(ctx, []rankfile.Date{yesterday})
	return err
}

// BenchmarkReport returns the benchmarks of the body of slug ("" for the
// whole chapter) over the period ending today: ENOTFOUND for no such
// branch or group, EINVALID for an unknown period, EFORBIDDEN for those
// who may not see them.
func (a *App) BenchmarkReport(ctx context.Context, actor *rankfile.Actor, slug, period string) (*BenchmarkReport, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	to := a.Today()
	if period == "" {
		period = DefaultBenchmarkPeriod
	}
	days, ok := BenchmarkPeriods[period]
	if !ok {
		return nil, rankfile.Errorf(rankfile.EINVALID, "unknown period %q (want 90d, 1y or 2y)", period)
	}
	return a.benchmarkReport(ctx, actor, slug, to.AddDays(-(days - 1)), to, period)
}

// BenchmarkRange is BenchmarkReport from one day to another, for the API:
// EINVALID when from is after to or the range is over ten years.
func (a *App) BenchmarkRange(ctx context.Context, actor *rankfile.Actor, slug string, from, to rankfile.Date) (*BenchmarkReport, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	if to.IsZero() {
		to = a.Today()
	}
	if from.IsZero() {
		from = to.AddDays(-(BenchmarkPeriods[DefaultBenchmarkPeriod] - 1))
	}
	if to.Before(from) || from.AddDays(3660).Before(to) || !from.InRange() || !to.InRange() {
		return nil, rankfile.Errorf(rankfile.EINVALID, "from must come before to, at most ten years apart")
	}
	return a.benchmarkReport(ctx, actor, slug, from, to, "")
}

// benchmarkReport checks the actor may see the scope and reads its days.
func (a *App) benchmarkReport(ctx context.Context, actor *rankfile.Actor, slug string, from, to rankfile.Date, period string) (*BenchmarkReport, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	r := &BenchmarkReport{Period: period, From: from, To: to}
	scope := rankfile.ChapterScope
	if slug != "" && slug != "chapter" {
		b, err := a.benchmarkScope(ctx, slug)
		if err != nil {
			return nil, err
		}
		if b.Kind != rankfile.KindChapter {
			r.Scope, scope = b, b.ID
		}
	}
	if err := actor.Require(actor.CanSeeBenchmarks(r.Scope)); err != nil {
		return nil, err
	}
	var err error
	if r.Days, err = a.Benchmarks.Benchmarks(ctx, scope, from, to); err != nil {
		return nil, err
	}
	ladder, err := a.Ladders.Ladder(ctx)
	if err != nil {
		return nil, err
	}
	r.Stages, r.Months = stageKeys(ladder, r.Days), monthMoves(r.Days)
	r.Chapter = actor.CanSeeBenchmarks(nil)
	r.Scopes, err = a.benchmarkScopes(ctx, actor)
	return r, err
}

// benchmarkScope finds the chapter, branch or neighborhood group of slug.
func (a *App) benchmarkScope(ctx context.Context, slug string) (*rankfile.Body, error) {
	b, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: slug})
	if err == nil && b.Kind != rankfile.KindChapter && b.Kind != rankfile.KindBranch && b.Kind != rankfile.KindNeighborhoodGroup {
		err = rankfile.Errorf(rankfile.ENOTFOUND, "no branch or neighborhood group %q", slug)
	}
	return b, err
}

// benchmarkScopes returns the branches and groups whose benchmarks the
// actor may see, branches first.
func (a *App) benchmarkScopes(ctx context.Context, actor *rankfile.Actor) ([]*rankfile.Body, error) {
	var out []*rankfile.Body
	for _, kind := range []rankfile.BodyKind{rankfile.KindBranch, rankfile.KindNeighborhoodGroup} {
		bodies, err := a.Bodies.FindBodies(ctx, rankfile.BodyFilter{Kind: kind})
		if err != nil {
			return nil, err
		}
		for _, b := range bodies {
			if actor.CanSeeBenchmarks(b) {
				out = append(out, b)
			}
		}
	}
	return out, nil
}

// stageKeys returns the keys the days count under, in ladder order.
func stageKeys(l rankfile.Ladder, days []*rankfile.Benchmark) []string {
	keys := []string{rankfile.NoStage}
	for _, s := range l {
		keys = append(keys, s.Key)
	}
	for _, d := range days {
		for k := range d.Stages {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// monthMoves adds up the days' moves by month.
func monthMoves(days []*rankfile.Benchmark) []MonthMoves {
	var out []MonthMoves
	for _, d := range days {
		month := d.Day.String()[:7]
		if len(out) == 0 || out[len(out)-1].Month != month {
			out = append(out, MonthMoves{Month: month})
		}
		out[len(out)-1].Up += d.MovedUp
		out[len(out)-1].Down += d.MovedDown
	}
	return out
}
