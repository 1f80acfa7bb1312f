package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/rankfile/rankfile"
)

// BenchmarkService takes the daily benchmarks and reads them back. It
// implements rankfile.BenchmarkService.
//
// Moves up and down the ladder compare each member's stage on the day
// with her stage on the day of the snapshot before, both computed from her
// records as they stand. Keeping each member's last stage instead would
// write 100,000 rows a day to spare a second StageOf a member, which costs
// far less than loading her records; and a stage recomputed from the
// records agrees with the day's own counts when a one-on-one is logged
// late or when days are backfilled out of order.
//
// Dashboards read a scope's days over and over while they change once a
// day: the days read are kept until another day is taken (days are only
// ever added, so their count tells), which makes a dashboard one count of
// benchmark_days rather than 730 rows and their JSON.
type BenchmarkService struct {
	db *DB

	mu    sync.Mutex
	taken int                              // the number of days taken when kept was filled
	kept  map[string][]*rankfile.Benchmark // by scope, from and to
}

// maxKeptBenchmarks bounds how many ranges are kept: a dashboard asks for
// three periods of a few dozen scopes.
const maxKeptBenchmarks = 512

// NewBenchmarkService returns the benchmark service of db.
func NewBenchmarkService(db *DB) *BenchmarkService { return &BenchmarkService{db: db} }

var _ rankfile.BenchmarkService = (*BenchmarkService)(nil)

// TakeBenchmarks takes each day of days not yet taken: the records are
// loaded once for all of them, and each day is written in a transaction of
// its own that first claims the day in benchmark_days. Whoever claims it
// second (another tick, another server) writes nothing.
func (s *BenchmarkService) TakeBenchmarks(ctx context.Context, days []rankfile.Date) ([]rankfile.Date, error) {
	taken, err := s.takenDays(ctx)
	if err != nil {
		return nil, err
	}
	days = slices.DeleteFunc(slices.Clone(days), func(d rankfile.Date) bool { return d.IsZero() || slices.Contains(taken, d) })
	slices.SortFunc(days, rankfile.Date.Compare)
	days = slices.Compact(days)
	if len(days) == 0 {
		return nil, nil
	}
	ladder, err := NewLadderService(s.db).Ladder(ctx)
	if err != nil {
		return nil, err
	}
	members, err := s.benchmarkMembers(ctx, days[len(days)-1])
	if err != nil {
		return nil, err
	}
	all := append(taken, days...)
	var took []rankfile.Date
	for _, d := range days {
		figures := ladder.Benchmarks(members, d, dayBefore(all, d))
		ok, err := s.writeDay(ctx, d, figures)
		if err != nil {
			return took, err
		}
		if ok {
			took = append(took, d)
		}
	}
	return took, nil
}

// dayBefore returns the latest of days before d, or the zero date.
func dayBefore(days []rankfile.Date, d rankfile.Date) rankfile.Date {
	var prev rankfile.Date
	for _, e := range days {
		if e.Before(d) && prev.Before(e) {
			prev = e
		}
	}
	return prev
}

// takenDays returns the days already taken.
func (s *BenchmarkService) takenDays(ctx context.Context) ([]rankfile.Date, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT day FROM benchmark_days ORDER BY day`)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var days []rankfile.Date
	for rows.Next() {
		var d rankfile.Date
		if err := rows.Scan(&d); err != nil {
			return nil, s.db.translate(err)
		}
		days = append(days, d)
	}
	return days, s.db.translate(rows.Err())
}

// writeDay claims the day and writes its figures; false when the day was
// already claimed.
func (s *BenchmarkService) writeDay(ctx context.Context, d rankfile.Date, figures map[int64]*rankfile.Benchmark) (bool, error) {
	claimed := false
	err := s.db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO benchmark_days (day, taken_at) VALUES ($1, $2)
			ON CONFLICT (day) DO NOTHING`, d, tx.stamp)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		claimed = true
		for _, b := range figures {
			if err := insertBenchmark(ctx, tx, b); err != nil {
				return err
			}
		}
		return nil
	})
	return claimed && err == nil, err
}

// insertBenchmark writes one scope's figures of a day.
func insertBenchmark(ctx context.Context, tx *Tx, b *rankfile.Benchmark) error {
	stages, err := json.Marshal(b.Stages)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO benchmarks (scope, day, members, stages, new_members, new_reached,
		new_oriented, at_meeting, one_on_one_year, moved_up, moved_down) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		b.Scope, b.Day, b.Members, string(stages), b.NewMembers, b.NewReached, b.NewOriented, b.AtMeeting,
		b.OneOnOneYear, b.MovedUp, b.MovedDown)
	return err
}

// Benchmarks returns scope's figures from from to to, oldest first, kept
// while no day is taken: callers must not change them.
func (s *BenchmarkService) Benchmarks(ctx context.Context, scope int64, from, to rankfile.Date) ([]*rankfile.Benchmark, error) {
	var taken int
	if err := s.db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM benchmark_days`).Scan(&taken); err != nil {
		return nil, s.db.translate(err)
	}
	key := fmt.Sprint(scope, from, to)
	if days, ok := s.keptDays(taken, key); ok {
		return days, nil
	}
	days, err := s.readBenchmarks(ctx, scope, from, to)
	if err == nil {
		s.keep(taken, key, days)
	}
	return days, err
}

// keptDays returns the days kept for key when no day was taken since.
func (s *BenchmarkService) keptDays(taken int, key string) ([]*rankfile.Benchmark, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.kept == nil || taken != s.taken || len(s.kept) >= maxKeptBenchmarks {
		s.taken, s.kept = taken, map[string][]*rankfile.Benchmark{}
	}
	days, ok := s.kept[key]
	return days, ok
}

// keep keeps the days read for key, unless a day was taken meanwhile.
func (s *BenchmarkService) keep(taken int, key string, days []*rankfile.Benchmark) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.kept != nil && s.taken == taken {
		s.kept[key] = days
	}
}

// readBenchmarks reads scope's figures from from to to: one range of the
// primary key.
func (s *BenchmarkService) readBenchmarks(ctx context.Context, scope int64, from, to rankfile.Date) ([]*rankfile.Benchmark, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT day, members, stages, new_members, new_reached, new_oriented,
		at_meeting, one_on_one_year, moved_up, moved_down FROM benchmarks
		WHERE scope = $1 AND day >= $2 AND day <= $3 ORDER BY day`, scope, from, to)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.Benchmark
	for rows.Next() {
		b := &rankfile.Benchmark{Scope: scope}
		var stages string
		if err := rows.Scan(&b.Day, &b.Members, &stages, &b.NewMembers, &b.NewReached, &b.NewOriented,
			&b.AtMeeting, &b.OneOnOneYear, &b.MovedUp, &b.MovedDown); err != nil {
			return nil, s.db.translate(err)
		}
		if err := json.Unmarshal([]byte(stages), &b.Stages); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, s.db.translate(rows.Err())
}

// BenchmarkTaken reports whether day's snapshot has been taken.
func (s *BenchmarkService) BenchmarkTaken(ctx context.Context, day rankfile.Date) (bool, error) {
	var n int
	err := s.db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM benchmark_days WHERE day = $1`, day).Scan(&n)
	return n > 0, s.db.translate(err)
}
