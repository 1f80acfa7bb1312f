package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
	"github.com/rankfile/rankfile/store"
)

func init() { register((*app).branchesCommand) }

func (a *app) branchesCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "branches", Short: "Branch boundaries and who belongs where"}
	cmd.AddCommand(a.branchesLoadCommand())
	return cmd
}

func (a *app) branchesLoadCommand() *cobra.Command {
	var chapter, by string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "load FILE.geojson",
		Short: "Load branch boundaries and re-sort every member",
		Long: `Load branch boundaries: a GeoJSON FeatureCollection of Polygon or MultiPolygon
features with the properties slug and name. Branches that do not exist yet are
created; every member is placed again (by their own coordinates, else the centre
of their mailing ZIP, else of their billing ZIP) and the ones who moved are listed.
Members who chose a branch stay in it.`,
		Args: args(1, "the GeoJSON file name"),
		RunE: func(cmd *cobra.Command, argv []string) error {
			in, _, err := a.openInput(argv[0])
			if err != nil {
				return err
			}
			defer in.Close()
			js, err := geo.ReadJurisdictions(in)
			if err != nil {
				return err
			}
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if err := appServices(db).CatchUpElections(cmd.Context()); err != nil {
				return err // rolls due are frozen before members change branches
			}
			report, err := store.NewBranchService(db).LoadBranches(cmd.Context(), js,
				rankfile.BranchOptions{ChapterSlug: chapter, Actor: by})
			if err != nil || asJSON {
				return firstErr(err, func() error { return a.printJSON(report) })
			}
			return a.printBranchReport(report)
		},
	}
	cmd.Flags().StringVar(&chapter, "chapter", "", "the `SLUG` of the chapter new branches belong to (default: the only chapter)")
	cmd.Flags().StringVar(&by, "by", "", "who loads the boundaries, for members' history")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	return cmd
}

// maxMovesShown bounds the moves listed as text: the first boundaries
// move everyone, and a terminal of 100,000 lines helps nobody.
const maxMovesShown = 100

func (a *app) printBranchReport(r *rankfile.BranchReport) error {
	fmt.Fprintf(a.stdout, "Loaded %d branches: %d members assigned, %d unassigned, %d moved\n",
		r.Branches, r.Assigned, r.Unassigned, r.Moved)
	for i, m := range r.Moves {
		if i == maxMovesShown {
			fmt.Fprintf(a.stdout, "  ... and %d more (--json lists them all)\n", len(r.Moves)-i)
			break
		}
		fmt.Fprintf(a.stdout, "  %s (%s): %s -> %s\n", m.Name, m.NationalID, orNone(m.From), orNone(m.To))
	}
	if r.Unassigned > 0 {
		fmt.Fprintln(a.stdout, "List the unassigned with: rankfile members list --unassigned")
	}
	return nil
}

func orNone(slug string) string {
	if slug == "" {
		return "(none)"
	}
	return slug
}
