package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
)

func init() { register((*app).membersCommand) }

func (a *app) membersCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "members", Short: "The roster: who is a member and in what standing"}
	cmd.AddCommand(a.membersListCommand(), a.membersShowCommand(), a.membersOverrideCommand(),
		a.membersRevokeCommand(), a.membersChooseBranchCommand(), a.membersSetPointCommand())
	return cmd
}

// memberJSON is a member as `members list --json` prints them.
type memberJSON struct {
	ID             int64                      `json:"id"`
	NationalID     string                     `json:"national_id"`
	FirstName      string                     `json:"first_name"`
	LastName       string                     `json:"last_name"`
	Email          string                     `json:"email"`
	Standing       rankfile.Standing          `json:"standing"`
	ListStanding   rankfile.Standing          `json:"list_standing"`
	OnList         bool                       `json:"on_list"`
	Override       *rankfile.StandingOverride `json:"override,omitempty"`
	Branch         string                     `json:"branch"`
	BranchChosen   bool                       `json:"branch_chosen"`
	MailingZip     string                     `json:"mailing_zip"`
	JoinDate       rankfile.Date              `json:"join_date"`
	Xdate          rankfile.Date              `json:"xdate"`
	MembershipType string                     `json:"membership_type"`
}

func toMemberJSON(m *rankfile.Member, day rankfile.Date) memberJSON {
	return memberJSON{
		ID: m.ID, NationalID: m.NationalID, FirstName: m.FirstName, LastName: m.LastName, Email: m.Email,
		Standing: m.StandingOn(day), ListStanding: m.Roster.ListStanding, OnList: m.Roster.OnList,
		Override: m.Roster.Override, Branch: m.Branch.Slug, BranchChosen: m.Branch.ChosenID != 0,
		MailingZip: m.Mailing.Zip, JoinDate: m.JoinDate, Xdate: m.Xdate, MembershipType: m.MembershipType,
	}
}

func (a *app) membersListCommand() *cobra.Command {
	var standing, branch, chapter, asOf string
	var unassigned, asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List members, by standing, branch and chapter",
		Args:  args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			filter, err := memberFilter(standing, branch, asOf, unassigned)
			if err != nil {
				return err
			}
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if filter.AsOf.IsZero() {
				filter.AsOf = db.Today()
			}
			if chapter != "" {
				c, err := store.NewBodyService(db).FindBody(cmd.Context(), rankfile.BodyFilter{Slug: chapter, Kind: rankfile.KindChapter})
				if err != nil {
					return err
				}
				filter.ChapterID = c.ID
			}
			members, _, err := store.NewMemberService(db).FindMembers(cmd.Context(), filter)
			if err != nil {
				return err
			}
			return a.printMembers(members, filter.AsOf, asJSON)
		},
	}
	f := cmd.Flags()
	f.StringVar(&standing, "standing", "", "only members in this standing: good, member or lapsed")
	f.StringVar(&branch, "branch", "", "only members of the branch with this `SLUG`")
	f.BoolVar(&unassigned, "unassigned", false, "only members outside every branch")
	f.StringVar(&chapter, "chapter", "", "only members placed in the chapter with this `SLUG`")
	f.StringVar(&asOf, "as-of", "", "standing on `YYYY-MM-DD` (default: today)")
	f.BoolVar(&asJSON, "json", false, "print a JSON array")
	return cmd
}

func memberFilter(standing, branch, asOf string, unassigned bool) (rankfile.MemberFilter, error) {
	var f rankfile.MemberFilter
	var err error
	if standing != "" {
		if f.Standing, err = rankfile.ParseStanding(standing); err != nil {
			return f, usagef("--standing: %s", rankfile.ErrorMessage(err))
		}
	}
	if unassigned && branch != "" {
		return f, usagef("--branch and --unassigned exclude each other")
	}
	f.BranchSlug, f.Unassigned = branch, unassigned
	f.AsOf, err = dateFlag("as-of", asOf)
	return f, err
}

func (a *app) printMembers(members []*rankfile.Member, day rankfile.Date, asJSON bool) error {
	if asJSON {
		out := make([]memberJSON, len(members))
		for i, m := range members {
			out[i] = toMemberJSON(m, day)
		}
		return a.printJSON(out)
	}
	w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NATIONAL ID\tNAME\tEMAIL\tSTANDING\tBRANCH")
	for _, m := range members {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", m.NationalID, m.FullName(), m.Email, describeStanding(m, day), describeBranch(m))
	}
	fmt.Fprintf(w, "%d members\n", len(members))
	return w.Flush()
}

// describeStanding shows an active override as such, beside the list's word.
func describeStanding(m *rankfile.Member, day rankfile.Date) string {
	s := string(m.StandingOn(day))
	if o := m.Roster.Override; o.ActiveOn(day) {
		s += fmt.Sprintf(" (override; list says %s)", m.Roster.ListStanding)
	}
	if !m.Roster.OnList {
		s += " (not on the latest list)"
	}
	return s
}

func describeBranch(m *rankfile.Member) string {
	switch {
	case m.Branch.Slug == "":
		return "(unassigned)"
	case m.Branch.ChosenID != 0:
		return m.Branch.Slug + " (chosen)"
	}
	return m.Branch.Slug
}

// openMember opens the database and finds the member ref names.
func (a *app) openMember(ctx context.Context, ref string) (*store.DB, *rankfile.Member, error) {
	db, err := a.open(ctx)
	if err != nil {
		return nil, nil, err
	}
	m, err := findMember(ctx, db, ref)
	return db, m, err
}

// findMember finds a member by national id, or by rankfile id as "#123".
func findMember(ctx context.Context, db *store.DB, ref string) (*rankfile.Member, error) {
	filter := rankfile.MemberFilter{NationalID: ref}
	if strings.HasPrefix(ref, "#") {
		var id int64
		if _, err := fmt.Sscanf(ref, "#%d", &id); err != nil {
			return nil, usagef("%q is not a member id", ref)
		}
		filter = rankfile.MemberFilter{ID: id}
	}
	m, err := store.NewMemberService(db).FindMember(ctx, filter)
	if rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no member %s", ref)
	}
	return m, err
}
