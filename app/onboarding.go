package app

import (
	"context"
	"time"

	"github.com/rankfile/rankfile"
)

// The onboarding path's clock: every minute the server does the steps
// that imports left owed (see rankfile.OnboardingService). Each step is
// marked done in the transaction that queues what it owes, so a clock
// killed halfway, or two clocks at once, do every step once.

// onboardingActor names the path in assignments and the audit log.
var onboardingActor = &rankfile.Actor{Label: "onboarding"}

// onboardBatch is how many steps one pass reads at a time.
const onboardBatch = 500

// Onboard does the onboarding steps owed: welcome emails, invitations to
// the next orientation, organizers. It returns how many steps it did.
// The server's clock runs it; the demo runs it after its import.
func (a *App) Onboard(ctx context.Context) (int, error) {
	ctx, done := as(ctx, onboardingActor), 0
	pass := &onboardPass{orientations: map[int64]int64{}, candidates: map[int64][]int64{}, captains: map[int64][]int64{}}
	for _, step := range rankfile.OnboardingSteps {
		var after int64
		for {
			steps, err := a.Onboarding.OwedSteps(ctx, step, after, onboardBatch)
			if err != nil {
				return done, err
			}
			n, err := a.doSteps(ctx, pass, step, steps)
			if done += n; err != nil {
				return done, err
			}
			if len(steps) < onboardBatch {
				break
			}
			after = steps[len(steps)-1].ID
		}
	}
	return done, nil
}

// onboardPass keeps what one pass of the clock has looked up: the coming
// orientations and each branch's next one (0 for none), the organizers
// and captains, and everyone's number of people.
type onboardPass struct {
	orientations map[int64]int64
	upcoming     []*rankfile.Event
	hostKinds    map[int64]rankfile.BodyKind
	candidates   map[int64][]int64
	captains     map[int64][]int64
	loads        map[int64]int
}

// doSteps does a batch of owed steps of one kind.
func (a *App) doSteps(ctx context.Context, pass *onboardPass, step rankfile.OnboardingStep, steps []*rankfile.PathStep) (int, error) {
	switch {
	case len(steps) == 0:
		return 0, nil
	case step == rankfile.StepWelcome:
		return a.Onboarding.QueueStepNotices(ctx, stepIDs(steps), rankfile.NoticeWelcome, 0)
	case step == rankfile.StepOrientation:
		return a.inviteToOrientations(ctx, pass, steps)
	}
	return a.assignOrganizers(ctx, pass, steps)
}

func stepIDs(steps []*rankfile.PathStep) []int64 {
	ids := make([]int64, len(steps))
	for i, s := range steps {
		ids[i] = s.ID
	}
	return ids
}

// inviteToOrientations invites each member to the next orientation of
// her branch or the chapter. A member for whom none is scheduled stays
// owed until one is.
func (a *App) inviteToOrientations(ctx context.Context, pass *onboardPass, steps []*rankfile.PathStep) (int, error) {
	byEvent := map[int64][]int64{}
	for _, s := range steps {
		event, err := a.nextOrientation(ctx, pass, s.BranchID)
		if err != nil {
			return 0, err
		}
		if event != 0 {
			byEvent[event] = append(byEvent[event], s.ID)
		}
	}
	done := 0
	for event, ids := range byEvent {
		n, err := a.Onboarding.QueueStepNotices(ctx, ids, rankfile.NoticeOrientationInvite, event)
		done += n
		if err != nil {
			return done, err
		}
	}
	return done, nil
}

// nextOrientation returns the id of the next scheduled orientation open
// to a member of the branch: the branch's own, or one held for the whole
// chapter (by the chapter or one of its committees), whichever starts
// first; 0 for none. Another branch's orientations are theirs.
func (a *App) nextOrientation(ctx context.Context, pass *onboardPass, branchID int64) (int64, error) {
	if id, ok := pass.orientations[branchID]; ok {
		return id, nil
	}
	if pass.upcoming == nil {
		if err := a.loadOrientations(ctx, pass); err != nil {
			return 0, err
		}
	}
	pass.orientations[branchID] = 0
	for _, e := range pass.upcoming {
		if kind := pass.hostKinds[e.BodyID]; e.BodyID == branchID || (kind != rankfile.KindBranch && kind != rankfile.KindNeighborhoodGroup) {
			pass.orientations[branchID] = e.ID
			break
		}
	}
	return pass.orientations[branchID], nil
}

// loadOrientations reads the scheduled orientations of the coming year,
// soonest first, and the kinds of the bodies hosting them.
func (a *App) loadOrientations(ctx context.Context, pass *onboardPass) error {
	now := a.Now()
	events, err := a.Events.FindEvents(ctx, rankfile.EventFilter{Kinds: []rankfile.EventKind{rankfile.EventOrientation},
		From: now, To: now.Add(366 * 24 * time.Hour), Scheduled: true})
	if err != nil {
		return err
	}
	pass.upcoming, pass.hostKinds = []*rankfile.Event{}, map[int64]rankfile.BodyKind{}
	for _, e := range events {
		if !e.StartsAt.After(now) {
			continue
		}
		if _, ok := pass.hostKinds[e.BodyID]; !ok {
			b, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: e.BodyID})
			if err != nil {
				return err
			}
			pass.hostKinds[e.BodyID] = b.Kind
		}
		pass.upcoming = append(pass.upcoming, e)
	}
	return nil
}
