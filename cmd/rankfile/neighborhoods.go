package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
	"github.com/rankfile/rankfile/store"
)

func init() { register((*app).neighborhoodsCommand) }

func (a *app) neighborhoodsCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "neighborhoods", Short: "Neighborhood-group boundaries and who belongs where"}
	cmd.AddCommand(a.neighborhoodsLoadCommand())
	return cmd
}

func (a *app) neighborhoodsLoadCommand() *cobra.Command {
	var by string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "load FILE.geojson",
		Short: "Load neighborhood-group boundaries and re-sort every member",
		Long: `Load neighborhood-group boundaries: a GeoJSON FeatureCollection of Polygon or
MultiPolygon features with the properties slug (an existing neighborhood group)
and branch (the slug of its branch). Each boundary must lie inside its branch's.
The groups of every branch the file names get these boundaries (a group of those
branches left out loses its own); every member is placed again in the group of
her branch whose boundary holds her point, unless she chose a group herself.
Any bad feature refuses the whole file and changes nothing.`,
		Args: args(1, "the GeoJSON file name"),
		RunE: func(cmd *cobra.Command, argv []string) error {
			in, _, err := a.openInput(argv[0])
			if err != nil {
				return err
			}
			defer in.Close()
			js, err := geo.ReadNeighborhoods(in)
			if err != nil {
				return err
			}
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			report, err := store.NewNeighborhoodService(db).LoadNeighborhoods(cmd.Context(), js, by)
			if err != nil || asJSON {
				return firstErr(err, func() error { return a.printJSON(report) })
			}
			return a.printNeighborhoodReport(report)
		},
	}
	cmd.Flags().StringVar(&by, "by", "", "who loads the boundaries, for members' history")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	return cmd
}

func (a *app) printNeighborhoodReport(r *rankfile.NeighborhoodReport) error {
	fmt.Fprintf(a.stdout, "Loaded %d neighborhood groups: %d members placed, %d in none, %d moved, %d own choices dropped\n",
		r.Groups, r.Placed, r.Outside, r.Moved, r.Dropped)
	for i, m := range r.Moves {
		if i == maxMovesShown {
			fmt.Fprintf(a.stdout, "  ... and %d more (--json lists them all)\n", len(r.Moves)-i)
			break
		}
		fmt.Fprintf(a.stdout, "  %s: %s -> %s\n", m.Name, orNone(m.From), orNone(m.To))
	}
	return nil
}
