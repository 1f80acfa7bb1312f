package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"

	"github.com/rankfile/rankfile/store"
)

// check compares the database with what the run sent and was handed.
func check(ctx context.Context, db *store.DB, o options) error {
	var p plan
	var res runResult
	for path, into := range map[string]any{o.plan: &p, o.run: &res} {
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, into); err != nil {
			return err
		}
	}
	if res.Errors > 0 {
		return fmt.Errorf("%d requests failed in the run", res.Errors)
	}
	driver := "sqlite"
	if db.Dialect() == store.Postgres {
		driver = "pgx"
	}
	raw, err := sql.Open(driver, o.dsn) // a read the services do not offer: every line's callers
	if err != nil {
		return err
	}
	defer raw.Close()
	var knocks, calls, twoCallers int
	err = raw.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM attempts WHERE campaign_id = $1 AND channel = 'door'),
		(SELECT COUNT(*) FROM attempts WHERE campaign_id = $1 AND channel = 'phone'),
		(SELECT COUNT(*) FROM (SELECT call_id FROM attempts WHERE campaign_id = $1 AND call_id IS NOT NULL
			GROUP BY call_id HAVING COUNT(DISTINCT by_member_id) > 1) x)`, p.Campaign).Scan(&knocks, &calls, &twoCallers)
	if err != nil {
		return err
	}
	fmt.Printf("answers sent %d (each twice), stored %d; calls recorded %d, stored %d; lines called by two callers %d\n",
		res.Answers, knocks, res.Calls, calls, twoCallers)
	seen := map[int64]int64{}
	for callerID, ids := range res.Handed {
		for _, id := range ids {
			if other, ok := seen[id]; ok && other != callerID {
				return fmt.Errorf("call %d was handed to members %d and %d", id, other, callerID)
			}
			seen[id] = callerID
		}
	}
	switch {
	case knocks != res.Answers:
		return fmt.Errorf("%d answers sent, %d stored", res.Answers, knocks)
	case calls != res.Calls:
		return fmt.Errorf("%d calls recorded, %d stored", res.Calls, calls)
	case twoCallers > 0:
		return fmt.Errorf("%d lines were called by two callers", twoCallers)
	}
	fmt.Printf("every answer stored once; %d calls handed, none to two callers\n", len(seen))
	return nil
}
