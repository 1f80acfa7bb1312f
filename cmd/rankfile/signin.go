package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rankfile/rankfile"
	rfhttp "github.com/rankfile/rankfile/http"
	"github.com/rankfile/rankfile/store"
)

func init() { register((*app).signInLinkCommand) }

// signInLinkCommand lets the operator sign a member in when email does not
// reach them: the link is the one the email would carry, and making it is
// recorded in the audit log, since whoever holds it can act as the member.
func (a *app) signInLinkCommand() *cobra.Command {
	var email, base string
	cmd := &cobra.Command{
		Use:   "sign-in-link --email ADDRESS --base-url URL",
		Short: "Print a one-time sign-in link for a member, as their email would carry it",
		Args:  args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, m, err := a.openMemberByAddressOrID(cmd.Context(), email)
			if err != nil {
				return err
			}
			links, err := store.NewAuthService(db).CreateSignInTokens(cmd.Context(), m.Email)
			if err != nil {
				return err
			}
			for _, l := range links {
				if l.Member.ID != m.ID {
					continue // someone else who shares the address
				}
				if err := store.NewAuditService(db).Record(cmd.Context(), rankfile.AuditSignInLink, m.ID, ""); err != nil {
					return err
				}
				fmt.Fprintln(a.stdout, strings.TrimSuffix(base, "/")+rfhttp.SignInPath(l.Token))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&email, "email", "", "the member's email address (or national id)")
	cmd.Flags().StringVar(&base, "base-url", "", "the address members reach rankfile at, as given to serve")
	require(cmd, "email", "base-url")
	return cmd
}
