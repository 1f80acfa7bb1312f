package app

import (
	"context"
	"fmt"
	"slices"

	"github.com/rankfile/rankfile"
)

// Organizers for new members: the captain of the member's neighborhood
// group when one holds the seat in good standing, else whoever organizes
// in her branch with the fewest people, else the branch's queue, where
// its leaders see her (/bodies/{slug}/queue).

// assignOrganizers decides each step's organizer and has the store do
// the batch in one transaction.
func (a *App) assignOrganizers(ctx context.Context, pass *onboardPass, steps []*rankfile.PathStep) (int, error) {
	if pass.loads == nil {
		loads, err := a.Onboarding.OrganizerLoads(ctx)
		if err != nil {
			return 0, err
		}
		pass.loads = loads
	}
	decided := make([]rankfile.StepAssignment, 0, len(steps))
	for _, s := range steps {
		d, err := a.decideOrganizer(ctx, pass, s)
		if err != nil {
			return 0, err
		}
		if d.OrganizerID != 0 {
			pass.loads[d.OrganizerID]++
		}
		decided = append(decided, d)
	}
	return a.Onboarding.AssignSteps(ctx, decided)
}

// decideOrganizer picks the member's organizer, or none (the queue).
func (a *App) decideOrganizer(ctx context.Context, pass *onboardPass, s *rankfile.PathStep) (rankfile.StepAssignment, error) {
	d := rankfile.StepAssignment{Step: s}
	if s.BranchID == 0 {
		return d, nil
	}
	if s.GroupID != 0 {
		captains, err := a.captainsOf(ctx, pass, s.GroupID, s.BranchID)
		if err != nil {
			return d, err
		}
		if id := leastLoaded(captains, pass.loads, s.MemberID); id != 0 {
			return rankfile.StepAssignment{Step: s, OrganizerID: id, Outcome: rankfile.OutcomeCaptain, GroupID: s.GroupID}, nil
		}
	}
	organizers, err := a.organizersOf(ctx, pass, s.BranchID)
	if err != nil {
		return d, err
	}
	if id := leastLoaded(organizers, pass.loads, s.MemberID); id != 0 {
		d.OrganizerID, d.Outcome = id, rankfile.OutcomeLoad
	}
	return d, nil
}

// leastLoaded returns the one of ids (not the member herself) with the
// fewest open assignments, the lowest id among equals; 0 for none.
func leastLoaded(ids []int64, loads map[int64]int, memberID int64) int64 {
	var best int64
	for _, id := range ids {
		if id != memberID && (best == 0 || loads[id] < loads[best] || (loads[id] == loads[best] && id < best)) {
			best = id
		}
	}
	return best
}

// captainsOf returns the holders of the group's seats who may organize
// in the branch today.
func (a *App) captainsOf(ctx context.Context, pass *onboardPass, groupID, branchID int64) ([]int64, error) {
	if ids, ok := pass.captains[groupID]; ok {
		return ids, nil
	}
	holders, err := a.seatHolders(ctx, groupID)
	if err != nil {
		return nil, err
	}
	ids := []int64{}
	for id := range holders {
		m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: id})
		if err != nil {
			return nil, err
		}
		if rankfile.CanOrganize(m, branchID, a.Today()) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	pass.captains[groupID] = ids
	return ids, nil
}

// seatHolders returns who holds a place on the body today.
func (a *App) seatHolders(ctx context.Context, bodyID int64) (map[int64]bool, error) {
	positions, err := a.Bodies.FindPositions(ctx, rankfile.PositionFilter{BodyID: bodyID, ActiveOn: a.Today()})
	if err != nil {
		return nil, err
	}
	holders := map[int64]bool{}
	for _, p := range positions {
		holders[p.MemberID] = true
	}
	return holders, nil
}

// organizersOf returns the branch's leaders and the members organizing
// in it, who may organize there today.
func (a *App) organizersOf(ctx context.Context, pass *onboardPass, branchID int64) ([]int64, error) {
	if ids, ok := pass.candidates[branchID]; ok {
		return ids, nil
	}
	organizers, err := a.branchOrganizers(ctx, branchID)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(organizers))
	for i, m := range organizers {
		ids[i] = m.ID
	}
	slices.Sort(ids)
	pass.candidates[branchID] = ids
	return ids, nil
}

// returnFromSeats sends back to their branch's queue the members the path
// gave to a captain who no longer holds the group's seat: nobody stays
// with an organizer only because of a seat she left. It returns how many.
func (a *App) returnFromSeats(ctx context.Context) (int, error) {
	if a.Onboarding == nil {
		return 0, nil
	}
	given, err := a.Onboarding.CaptainAssignments(ctx)
	if err != nil {
		return 0, err
	}
	ctx, ended, holders := as(ctx, clockActor), 0, map[int64]map[int64]bool{}
	for _, c := range given {
		if holders[c.GroupID] == nil {
			if holders[c.GroupID], err = a.seatHolders(ctx, c.GroupID); err != nil {
				return ended, err
			}
		}
		if holders[c.GroupID][c.OrganizerID] {
			continue
		}
		if err := a.OneOnOnes.EndAssignment(ctx, c.MemberID, rankfile.EndLeftSeat); err != nil {
			return ended, err
		}
		ended++
		detail := fmt.Sprintf("%s: organizer %d left the captain's seat", rankfile.EndLeftSeat, c.OrganizerID)
		if err := a.Audit.Record(ctx, rankfile.AuditEndAssignment, c.MemberID, detail); err != nil {
			return ended, err
		}
	}
	return ended, nil
}
