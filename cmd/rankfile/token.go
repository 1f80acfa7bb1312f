package main

import (
	"context"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
)

func init() { register((*app).tokenCommand) }

// tokenCommand makes, lists and revokes members' personal API tokens. What
// it does is recorded in the audit log as the command line's doing.
func (a *app) tokenCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "token", Short: "Personal tokens for the JSON API"}
	cmd.AddCommand(a.tokenCreateCommand(), a.tokenListCommand(), a.tokenRevokeCommand())
	return cmd
}

func (a *app) tokenCreateCommand() *cobra.Command {
	var email, name, expires string
	cmd := &cobra.Command{
		Use: "create --email ADDRESS [--name N] [--expires 90d]", Short: "Make an API token for a member and print it (once)",
		Args: args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			days, err := rankfile.ParseTokenDays(expires)
			if err != nil {
				return usagef("--expires: %s", rankfile.ErrorMessage(err))
			}
			db, m, err := a.openMemberByAddressOrID(cmd.Context(), email)
			if err != nil {
				return err
			}
			secret, t, err := store.NewAuthService(db).CreateAPIToken(cmd.Context(), m.ID, name, days)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, secret)
			fmt.Fprintf(a.stderr, "Token %d for %s, until %s. It is not shown again.\n",
				t.ID, m.FullName(), t.ExpiresAt.In(db.Zone).Format(time.DateTime))
			return nil
		},
	}
	cmd.Flags().StringVar(&email, "email", "", "the member's email address (or national id)")
	cmd.Flags().StringVar(&name, "name", "command line", "what the token is for")
	cmd.Flags().StringVar(&expires, "expires", "90d", "how long the token works: 30d, 90d or 365d (any number of days up to 365)")
	require(cmd, "email")
	return cmd
}

// tokenJSON is a token as `token list --json` prints it: never its hash.
type tokenJSON struct {
	*rankfile.APIToken
	Member  string `json:"member"`
	Revoked bool   `json:"revoked"`
	Expired bool   `json:"expired"`
}

func (a *app) tokenListCommand() *cobra.Command {
	var email string
	var asJSON bool
	cmd := &cobra.Command{
		Use: "list [--email ADDRESS] [--json]", Short: "List API tokens: everyone's, or one member's",
		Args: args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, filter, err := a.tokenFilter(cmd.Context(), email)
			if err != nil {
				return err
			}
			tokens, err := store.NewAuthService(db).FindAPITokens(cmd.Context(), filter)
			if err != nil {
				return err
			}
			listed, err := a.describeTokens(cmd.Context(), db, tokens)
			if err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(listed)
			}
			return a.printTokens(db.Zone, listed)
		},
	}
	cmd.Flags().StringVar(&email, "email", "", "only this member's tokens (email address or national id)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	return cmd
}

// tokenFilter opens the database and selects everyone's tokens, or the
// tokens of the member with the address when one is given.
func (a *app) tokenFilter(ctx context.Context, email string) (*store.DB, rankfile.APITokenFilter, error) {
	if email == "" {
		db, err := a.open(ctx)
		return db, rankfile.APITokenFilter{}, err
	}
	db, m, err := a.openMemberByAddressOrID(ctx, email)
	if err != nil {
		return nil, rankfile.APITokenFilter{}, err
	}
	return db, rankfile.APITokenFilter{MemberID: m.ID}, nil
}

// describeTokens names each token's member by their address.
func (a *app) describeTokens(ctx context.Context, db *store.DB, tokens []*rankfile.APIToken) ([]tokenJSON, error) {
	members := store.NewMemberService(db)
	names := map[int64]string{}
	now := db.Now()
	out := make([]tokenJSON, len(tokens))
	for i, t := range tokens {
		if _, ok := names[t.MemberID]; !ok {
			m, err := members.FindMember(ctx, rankfile.MemberFilter{ID: t.MemberID, Brief: true})
			if err != nil {
				return nil, err
			}
			names[t.MemberID] = m.Email
		}
		out[i] = tokenJSON{APIToken: t, Member: names[t.MemberID], Revoked: t.Revoked(),
			Expired: !t.Revoked() && !t.Active(now)}
	}
	return out, nil
}

func (a *app) printTokens(zone *time.Location, tokens []tokenJSON) error {
	when := func(t time.Time, none string) string {
		if t.IsZero() {
			return none
		}
		return t.In(zone).Format("2006-01-02 15:04")
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tMEMBER\tNAME\tCREATED\tLAST USED\tEXPIRES\tREVOKED")
	for _, t := range tokens {
		expires := when(t.ExpiresAt, "")
		if t.Expired {
			expires += " (expired)"
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Member, strconv.Quote(t.Name),
			when(t.CreatedAt, ""), when(t.LastUsedAt, "never"), expires, when(t.RevokedAt, "-"))
	}
	fmt.Fprintf(w, "%d tokens\n", len(tokens))
	return w.Flush()
}

func (a *app) tokenRevokeCommand() *cobra.Command {
	var email string
	var all bool
	cmd := &cobra.Command{
		Use:   "revoke ID | revoke --email ADDRESS --all",
		Short: "Revoke an API token, or every token of a member (a lost laptop)",
		RunE: func(cmd *cobra.Command, argv []string) error {
			switch {
			case all && (email == "" || len(argv) != 0):
				return usagef("--all takes --email ADDRESS and no token id")
			case all:
				return a.revokeAllTokens(cmd.Context(), email)
			case email != "":
				return usagef("--email goes with --all; to revoke one token, give its id")
			case len(argv) != 1:
				return usagef("expected a token id (see 'rankfile token list'), got %d argument(s)", len(argv))
			}
			id, err := strconv.ParseInt(argv[0], 10, 64)
			if err != nil || id <= 0 {
				return usagef("a token id is a number, not %q", argv[0])
			}
			return a.revokeToken(cmd.Context(), id)
		},
	}
	cmd.Flags().StringVar(&email, "email", "", "with --all: the member's email address (or national id)")
	cmd.Flags().BoolVar(&all, "all", false, "revoke every token of the member given by --email")
	return cmd
}

func (a *app) revokeToken(ctx context.Context, id int64) error {
	db, err := a.open(ctx)
	if err != nil {
		return err
	}
	t, err := store.NewAuthService(db).RevokeAPIToken(ctx, id, 0)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Revoked token %d %q.\n", t.ID, t.Name)
	return nil
}

func (a *app) revokeAllTokens(ctx context.Context, email string) error {
	db, m, err := a.openMemberByAddressOrID(ctx, email)
	if err != nil {
		return err
	}
	n, err := store.NewAuthService(db).RevokeAPITokens(ctx, m.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Revoked %d tokens of %s.\n", n, m.FullName())
	return nil
}
