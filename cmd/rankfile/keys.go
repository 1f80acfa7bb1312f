package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
)

func init() { register((*app).keyCommand) }

func (a *app) keyCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "key",
		Short: "The keys that encrypt members' race and accommodations",
		Long: `Race and accommodations are stored encrypted with a key kept outside the
database, in a key file (--key-file or RANKFILE_KEY_FILE) or in RANKFILE_KEY.
Back the key file up apart from the database: a backup of the database is
unreadable without it, which is the point, and so is the database itself if
the key is lost.`,
	}
	cmd.AddCommand(a.keyGenerateCommand(), a.keyStatusCommand(), a.keyRotateCommand(), a.keyAddAuditCommand())
	return cmd
}

func (a *app) keyGenerateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "generate",
		Short: "Write a new key file at --key-file",
		Args:  args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if a.keyFile == "" {
				return usagef("say where the key file goes with --key-file")
			}
			if err := newKeyFile(a.keyFile); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Wrote a new key file to %s (readable by you alone).\n"+
				"Back it up apart from the database, and give it to rankfile with --key-file or RANKFILE_KEY_FILE.\n", a.keyFile)
			return nil
		},
	}
}

// newKeyFile writes a key file with one new key, refusing to replace one.
func newKeyFile(path string) error {
	if _, err := os.Stat(path); err == nil {
		return rankfile.Errorf(rankfile.ECONFLICT, "%s already exists: a new key would not open what the old one sealed (rotate it with rankfile key rotate)", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return rankfile.Errorf(rankfile.EINVALID, "cannot use %s: %v", path, err)
	}
	text, err := secret.GenerateKeyFile(nil)
	if err != nil {
		return err
	}
	return secret.WriteFile(path, text)
}

func (a *app) keyStatusCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "Show the keys in use and how many stored values an older key sealed",
		Args:  args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if db.Keys == nil {
				return rankfile.Errorf(rankfile.EINVALID, "no encryption key is set: give --key-file or set RANKFILE_KEY")
			}
			ring := db.Keys.Keyring()
			old, err := db.CountUnsealed(cmd.Context(), ring)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Current key: %s\nKeys: %v\nValues sealed with an older key: %d\n",
				ring.CurrentID(), ring.IDs(), old)
			if ring.AuditKeyID() == "" {
				fmt.Fprintf(a.stdout, "Audit key: none, so the audit log is not keyed (rankfile key add-audit adds one)\n")
			} else {
				fmt.Fprintf(a.stdout, "Audit key: %s (all: %v)\n", ring.AuditKeyID(), ring.AuditKeyIDs())
			}
			return nil
		},
	}
}

// rotationWait is how long a rotation waits, once the new key file is in
// place, before resealing: long enough for every running rankfile to have
// loaded it, so that none seals with the old key afterwards.
var rotationWait = 2*secret.WatchInterval + 500*time.Millisecond

func (a *app) keyRotateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "rotate",
		Short: "Encrypt every stored value with a new key and retire the old one",
		Long: `Rotate the key file given with --key-file: put a new key first (the old one
kept), wait for running servers to load it, encrypt every stored value again
with the new key, then remove the old key from the file. Servers keep
working throughout. The old key file is kept beside the new one, named
.retired-DATE: backups made before the rotation need it. Keep it as safe as
the key file, and delete it once those backups are gone (or at once, if the
old key is the reason for rotating).`,
		Args: args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if a.keyFile == "" {
				return usagef("rotation rewrites the key file: give it with --key-file (a key in RANKFILE_KEY is rotated by replacing it with a key file)")
			}
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			return a.rotate(cmd.Context(), db)
		},
	}
}

// rotate runs the steps of a rotation; each leaves every stored value
// readable with the key file as it then is, so an interrupted rotation can
// simply be run again.
func (a *app) rotate(ctx context.Context, db *store.DB) error {
	old, err := secret.LoadFile(a.keyFile)
	if err != nil {
		return err
	}
	retired := a.keyFile + ".retired-" + time.Now().UTC().Format("20060102-150405")
	if err := secret.WriteFile(retired, old.Text()); err != nil {
		return err
	}
	text, err := secret.GenerateKeyFile(old)
	if err != nil {
		return err
	}
	if err := secret.WriteFile(a.keyFile, text); err != nil {
		return err
	}
	next, err := secret.Parse("the new key file", text)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "New key %s is in %s; waiting for running servers to load it...\n", next.CurrentID(), a.keyFile)
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(rotationWait):
	}
	resealed, err := a.resealAll(ctx, db, next)
	if err != nil {
		return err
	}
	if err := secret.WriteFile(a.keyFile, next.CurrentOnly().Text()); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Encrypted %d values again with key %s and retired the old keys.\n"+
		"The old key file is kept at %s for backups made before now; delete it when they are gone.\n",
		resealed, next.CurrentID(), retired)
	return nil
}

// resealAll reseals until no value sealed with an older key is left: a
// server that wrote while the first pass ran may have left one behind.
func (a *app) resealAll(ctx context.Context, db *store.DB, ring *secret.Keyring) (int, error) {
	total := 0
	for range 5 {
		report, err := db.ResealSensitive(ctx, ring)
		if err != nil {
			return total, err
		}
		total += report.Resealed
		left, err := db.CountUnsealed(ctx, ring)
		if err != nil || left == 0 {
			return total, err
		}
	}
	return total, rankfile.Errorf(rankfile.EBUSY,
		"values sealed with the old key keep appearing: is a server running with another key file? The old key stays in %s", a.keyFile)
}

func (a *app) keyAddAuditCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "add-audit",
		Short: "Add a new audit key to the key file: it keys the audit log from now on",
		Long: `Add a new audit key to the key file given with --key-file, first, keeping every
other key. From the next entry on, the audit log is chained with HMAC-SHA256
under it and its heads are signed with it; earlier entries keep verifying with
the keys they were recorded with, which are never removed. Use it once for a
key file made before audit keys existed, or to stop using an audit key that
may have leaked. It records an entry with the new key at once, so that the log
is keyed from now on.`,
		Args: args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if a.keyFile == "" {
				return usagef("adding an audit key rewrites the key file: give it with --key-file")
			}
			id, err := addAuditKey(a.keyFile)
			if err != nil {
				return err
			}
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if err := store.NewAuditService(db).Record(cmd.Context(), rankfile.AuditAddAuditKey, 0, "audit key "+id); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Added audit key %s to %s; the audit log is keyed with it from now on.\n"+
				"Running servers load it within seconds. Back the key file up again.\n", id, a.keyFile)
			return nil
		},
	}
}

// addAuditKey writes a new audit key into the key file at path and
// returns its id.
func addAuditKey(path string) (string, error) {
	old, err := secret.LoadFile(path)
	if err != nil {
		return "", err
	}
	text, err := secret.GenerateAuditKey(old)
	if err != nil {
		return "", err
	}
	next, err := secret.Parse("the new key file", text)
	if err != nil {
		return "", err
	}
	return next.AuditKeyID(), secret.WriteFile(path, text)
}
