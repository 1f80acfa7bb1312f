package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
)

func init() { register((*app).auditCommand) }

func (a *app) auditCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "audit", Short: "The audit log of views, exports and changes"}
	verify := &cobra.Command{
		Use:   "verify",
		Short: "Check that no entry of the audit log was changed, removed or reordered",
		Long: `Check the audit log's hash chain from its first entry to its last. The last
entry's hash stands for the whole log: note it somewhere else, and a later
verify that ends on a different history is noticed even if someone with full
access to the database rewrote the whole chain.`,
		Args: args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			audit := store.NewAuditService(db)
			n, err := audit.VerifyAudit(cmd.Context())
			if err != nil {
				return err
			}
			head := "(empty)"
			if last, err := audit.FindAuditEntries(cmd.Context(), rankfile.AuditFilter{Limit: 1}); err == nil && len(last) == 1 {
				head = fmt.Sprintf("entry %d, hash %s", last[0].ID, last[0].Hash)
			}
			fmt.Fprintf(a.stdout, "The audit log is intact: %d entries. Last: %s\n", n, head)
			return nil
		},
	}
	cmd.AddCommand(verify, a.auditLogCommand())
	return cmd
}

func (a *app) auditLogCommand() *cobra.Command {
	var limit int
	var asJSON bool
	cmd := &cobra.Command{
		Use: "log", Short: "Show the newest entries of the audit log", Args: args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			entries, err := store.NewAuditService(db).FindAuditEntries(cmd.Context(), rankfile.AuditFilter{Limit: limit})
			if err != nil || asJSON {
				return firstErr(err, func() error { return a.printJSON(entries) })
			}
			for _, e := range entries {
				fmt.Fprintf(a.stdout, "%6d %s %-18s %-24s %s\n", e.ID, e.At.Format("2006-01-02 15:04:05"), e.Action, e.Actor, e.Detail)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 50, "how many entries")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
