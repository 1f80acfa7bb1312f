package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
)

// The course session of scripts/bench-course-register: a session of a
// course that requires the demo's canvassing course, which every third of
// the members registering (those at 2, 5, 8, ... in the list) never took.
//
//	eventload course-targets -db DSN -url BASE -members N -capacity C > targets.json
//	eventload course-check -db DSN -event ID -members N -capacity C -results results.json
//
// course-targets adds the course, "Tenant organizing", with a session of
// C seats next week given by a founding trainer; records canvassing for
// the members who hold it (as founding qualifications, which the store
// records without a session; it makes them trainers of canvassing too,
// which nothing here reads); and writes the members' registrations as
// bench-register's targets do. It prints the session's id on standard
// error.
//
// course-check fails unless every third member was refused, with a
// conflict (409) that names canvassing, and none of them is stored; and
// the rest stand as check requires of bench-register's: no more seats than
// C, each acknowledged registration stored once as told, the waitlist in
// order of arrival.

// prerequisiteTitle is the demo's course the session's course requires.
const prerequisiteTitle = "Canvassing"

// benchReason begins the reasons of the qualifications the bench records.
const benchReason = "bench-course-register"

// lacks says whether the i-th member of the list lacks the prerequisite.
func lacks(i int) bool { return i%3 == 2 }

// courseTargets sets the session up and writes the targets.
func courseTargets(ctx context.Context, db *store.DB, o options) error {
	members, err := benchMembers(ctx, db, o.members)
	if err != nil {
		return err
	}
	e, err := openSession(ctx, db, o.capacity, members)
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, e.ID)
	return encodeTargets(ctx, db, o.base, e.ID, members)
}

// benchMembers returns the first n members in good standing who held no
// qualification of canvassing before the bench (the demo's sessions and
// its founding trainer), so that those the bench leaves without it lack
// it. The qualifications the bench records give benchReason, so the list
// is the same before and after.
func benchMembers(ctx context.Context, db *store.DB, n int) ([]*rankfile.Member, error) {
	members, _, err := store.NewMemberService(db).FindMembers(ctx, rankfile.MemberFilter{Standing: rankfile.StandingGood, Brief: true})
	if err != nil {
		return nil, err
	}
	courses := store.NewCourseService(db)
	var out []*rankfile.Member
	for _, m := range members {
		if len(out) == n {
			break
		}
		done, err := courses.MemberCompletions(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		if !slices.ContainsFunc(done, func(c *rankfile.Completion) bool {
			return c.CourseTitle == prerequisiteTitle && !strings.HasPrefix(c.Reason, benchReason)
		}) {
			out = append(out, m)
		}
	}
	if len(out) < n {
		return nil, fmt.Errorf("only %d members are in good standing without canvassing; make a bigger demo with --list-size", len(out))
	}
	return out, nil
}

// openSession adds the course and its session, and records the
// prerequisite for the members who hold it.
func openSession(ctx context.Context, db *store.DB, capacity int, members []*rankfile.Member) (*rankfile.Event, error) {
	courses := store.NewCourseService(db)
	all, err := courses.FindCourses(ctx, 0)
	if err != nil {
		return nil, err
	}
	var canvassing *rankfile.Course
	for _, c := range all {
		if c.Title == prerequisiteTitle {
			canvassing = c
		}
	}
	if canvassing == nil {
		return nil, fmt.Errorf("the demo has no %q course", prerequisiteTitle)
	}
	c := &rankfile.Course{Title: "Tenant organizing", Level: "advanced", BodyIDs: canvassing.BodyIDs, DurationMinutes: 120,
		Prerequisites: []rankfile.Prerequisite{{CourseID: canvassing.ID}}}
	if err := courses.CreateCourse(ctx, c); err != nil {
		return nil, err
	}
	trainer := members[0].ID
	if err := courses.RecordFoundingTrainer(ctx, c.ID, trainer, benchReason+": the session's trainer"); err != nil {
		return nil, err
	}
	for i, m := range members {
		if !lacks(i) {
			if err := courses.RecordFoundingTrainer(ctx, canvassing.ID, m.ID, benchReason+": holds the prerequisite"); err != nil {
				return nil, err
			}
		}
	}
	start := eveningIn(db, 7)
	e := &rankfile.Event{BodyID: c.BodyIDs[0], Kind: rankfile.EventTraining, Title: c.Title, StartsAt: start,
		EndsAt: start.Add(2 * time.Hour), Zone: db.Zone.String(), Address: "Union Hall, 1000 Sunset Blvd, Los Angeles",
		Audience: rankfile.AudienceMembers, Registration: true, Capacity: capacity}
	return e, courses.CreateSessions(ctx, []*rankfile.Event{e}, nil, c.ID, []int64{trainer})
}

// encodeTargets writes each member's registration for the event as a
// vegeta target, from an address of their own.
func encodeTargets(ctx context.Context, db *store.DB, base string, eventID int64, members []*rankfile.Member) error {
	auth := store.NewAuthService(db)
	url := fmt.Sprintf("%s/api/v1/events/%d/registration", base, eventID)
	out := json.NewEncoder(os.Stdout)
	for i, m := range members {
		token, _, err := auth.CreateAPIToken(ctx, m.ID, "bench-course-register", rankfile.DefaultTokenDays)
		if err != nil {
			return err
		}
		t := target{Method: "POST", URL: url, Header: map[string][]string{"Authorization": {"Bearer " + token},
			"X-Real-IP": {fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)}}}
		if err := out.Encode(t); err != nil {
			return err
		}
	}
	return nil
}

// courseCheck checks the session's registrations and the refusals.
func courseCheck(ctx context.Context, db *store.DB, o options) error {
	acked, refused, failed, err := readCourseAnswers(o.results)
	if err != nil {
		return err
	}
	regs, err := readStored(ctx, db, o.dsn, o.event)
	if err != nil {
		return err
	}
	members, err := benchMembers(ctx, db, o.members)
	if err != nil {
		return err
	}
	placeInLine(acked, regs)
	seats := min(o.capacity, len(regs))
	fmt.Printf("requests acknowledged: %d, refused for the prerequisite: %d, failed otherwise: %d; registrations stored: %d, %d seats of %d and %d waitlisted\n",
		len(acked), refused, failed, len(regs), count(regs, rankfile.Registered), o.capacity, count(regs, rankfile.Waitlisted))
	return errors.Join(checkRefusals(members, regs, refused), checkSeats(regs, o.capacity), checkWaitlist(regs[seats:]),
		checkAnswers(acked, regs, failed), checkOrder(acked))
}

// readCourseAnswers reads vegeta's results: the acknowledged
// registrations, how many were refused naming the prerequisite, and how
// many failed otherwise. A refusal that does not name it is an error.
func readCourseAnswers(path string) ([]*answer, int, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, 0, err
	}
	defer f.Close()
	var acked []*answer
	refused, failed := 0, 0
	lines := bufio.NewScanner(f)
	lines.Buffer(make([]byte, 1<<20), 1<<20)
	for lines.Scan() {
		var r result
		if err := json.Unmarshal(lines.Bytes(), &r); err != nil {
			return nil, 0, 0, err
		}
		a := &answer{}
		switch {
		case r.Code == 409 && namesPrerequisite(r.Body):
			refused++
		case r.Code == 409:
			return nil, 0, 0, fmt.Errorf("a refusal does not name %q: %s", prerequisiteTitle, r.Body)
		case r.Code != 200 || json.Unmarshal(r.Body, a) != nil || a.MemberID == 0:
			failed++
		default:
			a.sent, a.answered = r.Timestamp, r.Timestamp.Add(r.Latency)
			acked = append(acked, a)
		}
	}
	return acked, refused, failed, lines.Err()
}

// namesPrerequisite reports whether an error's message names the course
// required first.
func namesPrerequisite(body []byte) bool {
	var e struct {
		Error struct{ Code, Message string }
	}
	return json.Unmarshal(body, &e) == nil && strings.Contains(e.Error.Message, `requires "`+prerequisiteTitle+`"`)
}

// checkRefusals fails unless every member lacking the prerequisite was
// refused and none of them is stored.
func checkRefusals(members []*rankfile.Member, regs []*stored, refused int) error {
	lacking := map[int64]bool{}
	for i, m := range members {
		if lacks(i) {
			lacking[m.ID] = true
		}
	}
	for _, r := range regs {
		if lacking[r.member] {
			return fmt.Errorf("member %d lacks %s and was registered", r.member, prerequisiteTitle)
		}
	}
	if refused != len(lacking) {
		return fmt.Errorf("%d refusals for %d members lacking %s", refused, len(lacking), prerequisiteTitle)
	}
	fmt.Printf("every one of the %d members lacking %s was refused with its name, and none is stored\n", refused, prerequisiteTitle)
	return nil
}
