package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
)

func init() { register((*app).auditCommand) }

func (a *app) auditCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "audit", Short: "The audit log of views, exports and changes"}
	cmd.AddCommand(a.auditVerifyCommand(), a.auditHeadCommand(), a.auditLogCommand())
	return cmd
}

func (a *app) auditVerifyCommand() *cobra.Command {
	var headFile string
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check that no entry of the audit log was changed, removed or reordered",
		Long: `Check the audit log's hash chain from its first entry to its last: each entry
must match its hash (keyed with the audit key from the first entry recorded
with one) and name the one before it. With SQLite, the log of views beside the
database (rankfile.db-audit-views) is a chain of its own and is checked the
same way. With --head, check them against heads kept outside the database (a
file of them, one a line, as rankfile audit head and the server write them):
each head's signature must be the audit key's, and each log must still hold
the entry the head names at its place, which finds a log cut short or
rewritten since. Exit status 1 when something is wrong.`,
		Args: args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			heads, err := readHeads(headFile)
			if err != nil {
				return err
			}
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			c, err := store.NewAuditService(db).CheckAudit(cmd.Context(), heads)
			if err != nil {
				return err
			}
			if c.Problem != "" {
				return &checkFailed{msg: "the audit log does not verify: " + c.Problem}
			}
			a.printCheck(c, heads, db.Keys != nil && db.Keys.Keyring().AuditKeyID() != "")
			return nil
		},
	}
	cmd.Flags().StringVar(&headFile, "head", "", "`FILE` of heads kept outside the database to check the log against")
	return cmd
}

// readHeads reads the file of heads at path; none for "".
func readHeads(path string) ([]*rankfile.AuditHead, error) {
	if path == "" {
		return nil, nil
	}
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "cannot read the heads: %v", err)
	}
	heads, err := rankfile.ParseAuditHeads(text)
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "%s: %s", path, rankfile.ErrorMessage(err))
	}
	return heads, nil
}

// printCheck says what a check found intact, and whether the chain is
// keyed, since a chain that is not can be rewritten unnoticed by whoever
// can write the database.
func (a *app) printCheck(c *rankfile.AuditCheck, heads []*rankfile.AuditHead, haveKey bool) {
	fmt.Fprintf(a.stdout, "The audit log is intact: %d entries.\n", c.Entries)
	a.printChain(c, haveKey, "entry")
	if c.Views != nil {
		fmt.Fprintf(a.stdout, "The log of views is intact: %d entries.\n", c.Views.Entries)
		a.printChain(c.Views, true, "view") // what is missing without a key is said once, above
	}
	if len(heads) > 0 {
		latest, views := heads[len(heads)-1], ""
		if latest.Views != nil {
			views = fmt.Sprintf(" and %d views", latest.Views.Entries)
		}
		fmt.Fprintf(a.stdout, "Checked against %d kept head(s), signed with the audit key; the last of them: %d entries%s at %s.\n",
			len(heads), latest.Entries, views, latest.At.UTC().Format("2006-01-02 15:04:05 UTC"))
	}
}

// printChain says how one log's chain is keyed, and its last entry, which
// the log names as entry or view.
func (a *app) printChain(c *rankfile.AuditCheck, haveKey bool, entry string) {
	switch {
	case c.Keyed > 0 && c.Keyed == c.Entries:
		fmt.Fprintf(a.stdout, "Keyed: every entry's hash is an HMAC-SHA256 under the audit key.\n")
	case c.Keyed > 0:
		fmt.Fprintf(a.stdout, "Keyed from %s %d on (HMAC-SHA256 under the audit key); the %d entries before it were recorded before there was an audit key and are plain SHA-256.\n",
			entry, c.FirstKeyedID, c.Entries-c.Keyed)
	case !haveKey:
		fmt.Fprintf(a.stdout, "NOT keyed: no audit key is set, so the chain is plain SHA-256, which whoever can write the database can recompute after changing it. Give a key file with an audit key (rankfile key add-audit adds one) to key the entries recorded next.\n")
	}
	if c.Last != nil {
		fmt.Fprintf(a.stdout, "Last: %s %d, hash %s\n", entry, c.Last.ID, c.Last.Hash)
	}
}

func (a *app) auditHeadCommand() *cobra.Command {
	var out string
	var publicKey bool
	cmd := &cobra.Command{
		Use:   "head",
		Short: "Print the audit log's head, signed: keep it to prove later what the log held",
		Long: `Print the audit log's head: how many entries it holds, the last entry's id and
hash, the same of the log of views (SQLite), and the time, signed with the
audit key (Ed25519) and carrying its public key. Every entry's hash covers those before it, so whoever keeps a head can
later show, with rankfile audit verify --head, that the log still holds what it
held then: a log cut short or rewritten fails. With --out the head is appended
to FILE, one line a head, as the server's file of heads is. With --public-key,
print the audit key's public key alone, for checking signatures without the key
file.`,
		Args: args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if publicKey {
				return a.printPublicKey(db)
			}
			return a.writeHead(cmd.Context(), db, out)
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "append the head to `FILE` instead of printing it")
	cmd.Flags().BoolVar(&publicKey, "public-key", false, "print the audit key's public key")
	return cmd
}

// writeHead signs the log's head and prints it, or appends it to path.
func (a *app) writeHead(ctx context.Context, db *store.DB, path string) error {
	h, err := store.NewAuditService(db).SignAuditHead(ctx)
	if err != nil {
		return err
	}
	if path == "" {
		fmt.Fprintln(a.stdout, h)
		return nil
	}
	if err := appendHead(path, h); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Appended the head (%d entries) to %s.\n", h.Entries, path)
	return nil
}

// printPublicKey prints the current audit key's public key, spelled as
// in a head.
func (a *app) printPublicKey(db *store.DB) error {
	if db.Keys == nil || db.Keys.Keyring().AuditKeyID() == "" {
		return rankfile.Errorf(rankfile.EINVALID, "no audit key is set: give a key file that holds one (--key-file or RANKFILE_KEY)")
	}
	ring := db.Keys.Keyring()
	public, err := ring.AuditPublicKey(ring.AuditKeyID())
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "key=%s public-key=%s\n", ring.AuditKeyID(), base64.StdEncoding.EncodeToString(public))
	return nil
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
				fmt.Fprintf(a.stdout, "%8s %s %-18s %-24s %s\n", auditRef(e), e.At.Format("2006-01-02 15:04:05"), e.Action, e.Actor, e.Detail)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 50, "how many entries")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// auditRef names an entry in the listing: its id, with a "v" before the
// ids of the log of views, which numbers its entries from 1 too.
func auditRef(e *rankfile.AuditEntry) string {
	if e.Log == rankfile.AuditViewLog {
		return "v" + strconv.FormatInt(e.ID, 10)
	}
	return strconv.FormatInt(e.ID, 10)
}
