package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
)

func (a *app) membersShowCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show NATIONAL_ID",
		Short: "Show one member and their history (#ID for a rankfile id)",
		Args:  args(1, "a national id"),
		RunE: func(cmd *cobra.Command, argv []string) error {
			db, m, err := a.openMember(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			history, err := store.NewMemberService(db).MemberHistory(cmd.Context(), m.ID)
			if err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(struct {
					Member  *rankfile.Member         `json:"member"`
					History []*rankfile.MemberChange `json:"history"`
				}{m, history})
			}
			a.printMember(m, db.Today())
			a.printHistory(history)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (a *app) printMember(m *rankfile.Member, today rankfile.Date) {
	p := func(label, value string) {
		if value != "" {
			fmt.Fprintf(a.stdout, "%-12s %s\n", label+":", value)
		}
	}
	p("Name", m.FullName())
	p("National id", m.NationalID)
	p("Email", m.Email)
	p("Standing", describeStanding(m, today))
	if o := m.Roster.Override; o != nil {
		p("Override", fmt.Sprintf("%s by %s: %s (until %s)", o.Standing, o.Author, o.Reason, orNever(o.Until)))
	}
	p("Branch", describeBranch(m))
	p("Mailing", strings.Join(nonEmpty(m.Mailing.Line1, m.Mailing.Line2, m.Mailing.City, m.Mailing.State, m.Mailing.Zip), ", "))
	p("Joined", m.JoinDate.String())
	p("Expires", m.Xdate.String())
	p("Membership", strings.Join(nonEmpty(m.MembershipType, m.MonthlyDuesStatus, m.YearlyDuesStatus), ", "))
}

func (a *app) printHistory(history []*rankfile.MemberChange) {
	fmt.Fprintln(a.stdout, "History:")
	for _, c := range history {
		who := c.Actor
		if c.ImportID != 0 {
			who = fmt.Sprintf("import %d", c.ImportID)
		}
		fmt.Fprintf(a.stdout, "  %s  %-8s by %s  %s\n", c.At.Format("2006-01-02 15:04"), c.Kind, orNone(who), c.Note)
		for _, f := range c.Changes {
			if f.Redacted {
				fmt.Fprintf(a.stdout, "      %s changed (sensitive: not kept in history)\n", f.Field)
				continue
			}
			fmt.Fprintf(a.stdout, "      %s: %q -> %q\n", f.Field, f.Old, f.New)
		}
	}
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

func orNever(d rankfile.Date) string {
	if d.IsZero() {
		return "revoked"
	}
	return d.String()
}

func (a *app) membersOverrideCommand() *cobra.Command {
	var standing, reason, until, by string
	cmd := &cobra.Command{
		Use:   "override NATIONAL_ID --standing S --reason R --by NAME",
		Short: "Record the chapter's override of a member's standing",
		Long: `Record the chapter's override of a member's standing, such as a local dues
waiver or a correction of a national error. It replaces any earlier override,
is shown as an override wherever the standing is, and is kept in the member's history.`,
		Args: args(1, "a national id"),
		RunE: func(cmd *cobra.Command, argv []string) error {
			st, err := rankfile.ParseStanding(standing)
			if err != nil {
				return usagef("--standing: %s", rankfile.ErrorMessage(err))
			}
			end, err := dateFlag("until", until)
			if err != nil {
				return err
			}
			db, m, err := a.openMember(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			o := &rankfile.StandingOverride{MemberID: m.ID, Standing: st, Reason: reason, Author: by, Until: end}
			if err := store.NewMemberService(db).SetStandingOverride(cmd.Context(), o); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "%s is now in %s standing by override until %s.\n", m.FullName(), st, orNever(end))
			return nil
		},
	}
	cmd.Flags().StringVar(&standing, "standing", "", "good, member or lapsed")
	cmd.Flags().StringVar(&reason, "reason", "", "why (required)")
	cmd.Flags().StringVar(&until, "until", "", "last day it applies, `YYYY-MM-DD` (default: until revoked)")
	cmd.Flags().StringVar(&by, "by", "", "who decides (required)")
	require(cmd, "standing", "reason", "by")
	return cmd
}

func (a *app) membersRevokeCommand() *cobra.Command {
	var by string
	cmd := &cobra.Command{
		Use:   "revoke-override NATIONAL_ID",
		Short: "Withdraw a member's standing override",
		Args:  args(1, "a national id"),
		RunE: func(cmd *cobra.Command, argv []string) error {
			db, m, err := a.openMember(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			return store.NewMemberService(db).RevokeStandingOverride(cmd.Context(), m.ID, by)
		},
	}
	cmd.Flags().StringVar(&by, "by", "", "who withdraws it")
	return cmd
}

func (a *app) membersChooseBranchCommand() *cobra.Command {
	var by string
	cmd := &cobra.Command{
		Use:   "choose-branch NATIONAL_ID SLUG",
		Short: `Put a member in a branch of their choice ("" for where they live)`,
		Args:  args(2, "a national id and a branch slug"),
		RunE: func(cmd *cobra.Command, argv []string) error {
			db, m, err := a.openMember(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			return store.NewMemberService(db).ChooseBranch(cmd.Context(), m.ID, argv[1], by)
		},
	}
	cmd.Flags().StringVar(&by, "by", "", "who records the choice")
	return cmd
}

func (a *app) membersSetPointCommand() *cobra.Command {
	var by string
	cmd := &cobra.Command{
		Use:   "set-point NATIONAL_ID LAT,LON",
		Short: `Record where a member lives, more precisely than their ZIP ("none" forgets it)`,
		Args:  args(2, "a national id and coordinates"),
		RunE: func(cmd *cobra.Command, argv []string) error {
			var p *rankfile.Point // "none" forgets the member's place
			if argv[1] != "none" {
				var err error
				if p, err = rankfile.ParsePoint(argv[1]); err != nil {
					return err
				}
			}
			db, m, err := a.openMember(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			return store.NewMemberService(db).SetPoint(cmd.Context(), m.ID, p, by)
		},
	}
	cmd.Flags().StringVar(&by, "by", "", "who records it")
	return cmd
}
