package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
)

func init() { register((*app).bodiesCommand) }

func (a *app) bodiesCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "bodies", Short: "The organization: chapter, branches, committees and their seats"}
	cmd.AddCommand(a.bodiesListCommand(), a.bodiesAddCommand(), a.bodiesShowCommand())
	return cmd
}

func (a *app) bodiesListCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "Show the bodies as a tree, with member counts",
		Args:  args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			tree, err := rankfile.LoadBodyTree(cmd.Context(), store.NewBodyService(db), db.Today())
			if err != nil || asJSON {
				return firstErr(err, func() error { return a.printJSON(tree.Flatten()) })
			}
			tree.Walk(func(n *rankfile.BodyNode, depth int) {
				fmt.Fprintf(a.stdout, "%s%s [%s, %s]%s\n", strings.Repeat("  ", depth), n.Body.Name,
					n.Body.Slug, strings.ReplaceAll(string(n.Body.Kind), "_", " "), describeCount(n))
			})
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func describeCount(n *rankfile.BodyNode) string {
	if n.Count == nil {
		return ""
	}
	return fmt.Sprintf(": %d members, %d in good standing", n.Count.All, n.Count.Good)
}

func (a *app) bodiesAddCommand() *cobra.Command {
	var b rankfile.Body
	var kind, parent string
	cmd := &cobra.Command{
		Use:   "add NAME --kind KIND",
		Short: "Add a body; it gets the leadership seats of its kind",
		Args:  args(1, "the body's name"),
		RunE: func(cmd *cobra.Command, argv []string) error {
			var err error
			if b.Kind, err = rankfile.ParseBodyKind(kind); err != nil {
				return usagef("--kind: %s (one of %s)", rankfile.ErrorMessage(err), kindList())
			}
			b.Name = argv[0]
			if b.Slug == "" {
				b.Slug = rankfile.Slugify(b.Name)
			}
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if b.ParentID, err = bodyID(cmd.Context(), db, parent); err != nil {
				return err
			}
			if err := store.NewBodyService(db).CreateBody(cmd.Context(), &b); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Added %s (%s).\n", b.Name, b.Slug)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&kind, "kind", "", "one of "+kindList())
	f.StringVar(&b.Slug, "slug", "", "short name for URLs and commands (default: made from the name)")
	f.StringVar(&parent, "parent", "", "`SLUG` of the body it belongs to")
	f.StringVar(&b.Description, "description", "", "what the body does")
	f.StringVar(&b.ContactEmail, "email", "", "public contact address")
	f.StringVar(&b.ContactURL, "url", "", "public web page")
	require(cmd, "kind")
	return cmd
}

func kindList() string {
	names := make([]string, len(rankfile.BodyKinds))
	for i, k := range rankfile.BodyKinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// bodyID finds a body by slug; "" is no body.
func bodyID(ctx context.Context, db *store.DB, slug string) (int64, error) {
	if slug == "" {
		return 0, nil
	}
	b, err := store.NewBodyService(db).FindBody(ctx, rankfile.BodyFilter{Slug: slug})
	if rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
		return 0, rankfile.Errorf(rankfile.ENOTFOUND, "no body %q", slug)
	} else if err != nil {
		return 0, err
	}
	return b.ID, nil
}

func (a *app) bodiesShowCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "show SLUG",
		Short: "Show a body, its seats and who holds them today",
		Args:  args(1, "a body's slug"),
		RunE: func(cmd *cobra.Command, argv []string) error {
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			id, err := bodyID(cmd.Context(), db, argv[0])
			if err != nil {
				return err
			}
			view, err := rankfile.LoadBodyView(cmd.Context(), store.NewBodyService(db), store.NewMemberService(db), id, db.Today())
			if err != nil {
				return err
			}
			a.printBodyView(view)
			return nil
		},
	}
}

func (a *app) printBodyView(v *rankfile.BodyView) {
	fmt.Fprintf(a.stdout, "%s [%s, %s]\n", v.Body.Name, v.Body.Slug, v.Body.Kind)
	if v.Body.Description != "" {
		fmt.Fprintln(a.stdout, v.Body.Description)
	}
	for _, s := range v.Seats {
		how := "elected"
		if s.Seat.FilledBy == rankfile.FilledByAppointment {
			how = "appointed"
		}
		fmt.Fprintf(a.stdout, "  %s (%d, %s): %s\n", s.Seat.Title, s.Seat.Count, how, holderNames(s.Holders))
	}
	if len(v.Members) > 0 {
		fmt.Fprintf(a.stdout, "  Members: %s\n", holderNames(v.Members))
	}
}

func holderNames(ms []*rankfile.Member) string {
	if len(ms) == 0 {
		return "vacant"
	}
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = m.FullName()
	}
	return strings.Join(names, ", ")
}
