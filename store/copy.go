package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// copyRows writes rows with PostgreSQL's COPY, which loads a batch of rows
// several times faster than a multi-row INSERT. It runs inside the
// transaction, on its connection.
func (tx *Tx) copyRows(ctx context.Context, table string, cols []string, args []any, width int) error {
	rows := make([][]any, len(args)/width)
	for i := range rows {
		rows[i] = args[i*width : (i+1)*width]
	}
	return tx.conn.Raw(func(driverConn any) error {
		c, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("COPY needs the pgx driver, not %T", driverConn)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		return err
	})
}
