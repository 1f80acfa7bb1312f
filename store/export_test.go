package store

import "context"

// DeferrableChecks lists the indexes and constraints a first import sets
// aside, with the statements that build them, for tests outside the package.
func DeferrableChecks(db *DB) ([]string, error) {
	var out []string
	ctx := context.Background()
	err := db.inTx(ctx, func(tx *Tx) error {
		for _, q := range db.deferrableQueries() {
			found, err := tx.queryDeferred(ctx, q)
			if err != nil {
				return err
			}
			for _, d := range found {
				out = append(out, d.name+": "+d.create)
			}
		}
		return nil
	})
	return out, err
}
