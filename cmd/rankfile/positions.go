package main

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
)

func init() { register((*app).positionsCommand) }

func (a *app) positionsCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "positions", Short: "Who holds which seat, and who belongs to which body"}
	cmd.AddCommand(a.positionsAddCommand(), a.positionsEndCommand())
	return cmd
}

func (a *app) positionsAddCommand() *cobra.Command {
	var body, seat, start, end string
	cmd := &cobra.Command{
		Use:   "add NATIONAL_ID --body SLUG",
		Short: "Record that a member holds a seat (or, without --seat, belongs to a body)",
		Args:  args(1, "a national id"),
		RunE: func(cmd *cobra.Command, argv []string) error {
			p := &rankfile.Position{}
			var err error
			if p.StartOn, err = dateFlag("start", start); err != nil {
				return err
			}
			if p.EndOn, err = dateFlag("end", end); err != nil {
				return err
			}
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if p.StartOn.IsZero() {
				p.StartOn = db.Today()
			}
			m, err := findMember(cmd.Context(), db, argv[0])
			if err != nil {
				return err
			}
			p.MemberID = m.ID
			if p.BodyID, err = bodyID(cmd.Context(), db, body); err != nil {
				return err
			}
			if p.SeatID, err = seatID(cmd, db, p.BodyID, seat); err != nil {
				return err
			}
			if err := store.NewBodyService(db).CreatePosition(cmd.Context(), p); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Position %d: %s in %s from %s.\n", p.ID, m.FullName(), body, p.StartOn)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&body, "body", "", "`SLUG` of the body (required)")
	f.StringVar(&seat, "seat", "", "title of the seat, such as Co-chair")
	f.StringVar(&start, "start", "", "first day, `YYYY-MM-DD` (default: today)")
	f.StringVar(&end, "end", "", "last day, `YYYY-MM-DD` (default: open)")
	require(cmd, "body")
	return cmd
}

// seatID finds a body's seat by title; "" is no seat.
func seatID(cmd *cobra.Command, db *store.DB, body int64, title string) (int64, error) {
	if title == "" {
		return 0, nil
	}
	seats, err := store.NewBodyService(db).FindSeats(cmd.Context(), body)
	if err != nil {
		return 0, err
	}
	for _, s := range seats {
		if s.Title == title {
			return s.ID, nil
		}
	}
	return 0, rankfile.Errorf(rankfile.ENOTFOUND, "the body has no seat titled %q", title)
}

func (a *app) positionsEndCommand() *cobra.Command {
	var on string
	cmd := &cobra.Command{
		Use:   "end POSITION_ID",
		Short: "Record the last day of a position",
		Args:  args(1, "a position id"),
		RunE: func(cmd *cobra.Command, argv []string) error {
			id, err := strconv.ParseInt(argv[0], 10, 64)
			if err != nil {
				return usagef("%q is not a position id", argv[0])
			}
			last, err := dateFlag("on", on)
			if err != nil {
				return err
			}
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if last.IsZero() {
				last = db.Today()
			}
			return store.NewBodyService(db).EndPosition(cmd.Context(), id, last)
		},
	}
	cmd.Flags().StringVar(&on, "on", "", "last day held, `YYYY-MM-DD` (default: today)")
	return cmd
}
