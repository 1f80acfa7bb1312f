package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rankfile/rankfile/store"
)

func init() {
	register((*app).migrateCommand)
	register((*app).backupCommand)
}

func (a *app) migrateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Bring the database schema up to date (also done on every start)",
		Args:  args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.open(cmd.Context()) // opening migrates
			if err != nil {
				return err
			}
			current, latest, err := db.MigrationVersion(cmd.Context())
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "The %s database is at schema version %d of %d.\n", db.Dialect(), current, latest)
			return nil
		},
	}
}

func (a *app) backupCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "backup FILE",
		Short: "Write a consistent copy of the database, even while the server runs",
		Long: `Write a consistent copy of the database to a new file, even while the server
runs. A SQLite backup is a database file (use it with --db) and, beside it, the
audit log of views (FILE-audit-views; keep the two together); a PostgreSQL
backup is a pg_dump archive in custom format (restore it with pg_restore). Race and
accommodations stay encrypted in the backup: keep a copy of the key file too,
in another place, or they cannot be read after a restore.`,
		Args: args(1, "the backup's file name"),
		RunE: func(cmd *cobra.Command, argv []string) error {
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if err := db.Backup(cmd.Context(), argv[0]); err != nil {
				return err
			}
			if db.Dialect() == store.SQLite {
				fmt.Fprintf(a.stdout, "Backed up to %s, with the audit log of views in %s.\n", argv[0], argv[0]+store.ViewLogSuffix)
				return nil
			}
			fmt.Fprintf(a.stdout, "Backed up to %s.\n", argv[0])
			return nil
		},
	}
}
