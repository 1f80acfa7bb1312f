// Command voteload prepares, runs and checks scripts/bench-vote: members
// of a meeting in five sessions vote on their phones while every one of
// them follows the meeting's live state.
//
//	voteload prepare -db FILE -voters N > voters.json
//	voteload run -url BASE -meeting ID -vote ID -voters voters.json -duration 30s -acked acked.txt
//	voteload check -db FILE -vote ID -acked acked.txt
//
// prepare calls a meeting of the demo chapter in one session a branch,
// checks N members in good standing into their branch's session, opens a
// yes/no vote, and gives each member an API token; it prints the meeting
// and vote ids on standard error.
//
// run opens one event stream for each member, as their phone would, waits
// until every stream has the current state, and then has the members vote
// at an even pace over the duration, each from an address of their own.
// It reports the votes' latency and, for every stream, how long after the
// k-th vote was acknowledged the stream showed at least k votes: the delay
// with which phones see the count. Votes that fail on the network are sent
// again after a second, as a phone would; a stream that drops reconnects
// after a second, as a browser does. It writes the members whose votes
// were acknowledged to the -acked file.
//
// check closes the vote and fails unless the box holds exactly one ballot
// for each acknowledged member and no other.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: voteload prepare|run|check [flags]")
		os.Exit(2)
	}
	flags := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	dsn := flags.String("db", "rankfile.db", "the demo database")
	voters := flags.Int("voters", 3500, "how many members vote (prepare)")
	votersFile := flags.String("voters-file", "voters.json", "the voters prepare wrote (run)")
	base := flags.String("url", "http://127.0.0.1:8080", "where rankfile serves (run)")
	meeting := flags.Int64("meeting", 0, "the meeting (run)")
	vote := flags.Int64("vote", 0, "the vote (run, check)")
	duration := flags.Duration("duration", 30e9, "how long the voting takes (run)")
	workers := flags.Int("workers", 200, "votes sent at once, at most (run)")
	acked := flags.String("acked", "acked.txt", "the acknowledged members (run writes, check reads)")
	flags.Parse(os.Args[2:])
	ctx := rankfile.WithActor(context.Background(), &rankfile.Actor{Label: "bench-vote"})
	var err error
	switch os.Args[1] {
	case "prepare":
		err = withDB(ctx, *dsn, func(db *store.DB) error { return prepare(ctx, db, *voters) })
	case "run":
		err = run(*base, *meeting, *vote, *votersFile, *duration, *workers, *acked)
	case "check":
		err = withDB(ctx, *dsn, func(db *store.DB) error { return check(ctx, db, *vote, *acked) })
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "voteload:", err)
		os.Exit(1)
	}
}

func withDB(ctx context.Context, dsn string, fn func(db *store.DB) error) error {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db)
}

// voter is a member who votes and follows the meeting.
type voter struct {
	ID      int64  `json:"id"`
	Token   string `json:"token"`
	Session int64  `json:"session"`
}

// prepare calls the meeting, checks the voters in and opens the vote.
func prepare(ctx context.Context, db *store.DB, n int) error {
	members, _, err := store.NewMemberService(db).FindMembers(ctx, rankfile.MemberFilter{Standing: rankfile.StandingGood, Brief: true})
	if err != nil {
		return err
	}
	if len(members) < n {
		return fmt.Errorf("only %d members are in good standing; make a bigger demo with --list-size", len(members))
	}
	bodies := store.NewBodyService(db)
	chapter, err := bodies.FindBody(ctx, rankfile.BodyFilter{Slug: "los-angeles-chapter"})
	if err != nil {
		return err
	}
	branches, err := bodies.FindBodies(ctx, rankfile.BodyFilter{Kind: rankfile.KindBranch})
	if err != nil {
		return err
	}
	m := &rankfile.Meeting{BodyID: chapter.ID, Kind: rankfile.MeetingChapter, Title: "A meeting everyone votes at",
		StartsAt: db.Now(), Format: rankfile.InPerson, Quorum: rankfile.Quorum{Percent: 10},
		Agenda: []*rankfile.AgendaItem{{Kind: rankfile.AgendaMotion, Title: "Measure the software"}}}
	for _, b := range branches {
		m.Sessions = append(m.Sessions, &rankfile.MeetingSession{Name: b.Name, BranchID: b.ID})
	}
	meetings := store.NewMeetingService(db)
	if err := meetings.CreateMeeting(ctx, m, nil); err != nil {
		return err
	}
	auth := store.NewAuthService(db)
	var out []voter
	for i, member := range members[:n] {
		session := m.Sessions[i%len(m.Sessions)]
		for _, s := range m.Sessions {
			if s.BranchID == member.Branch.ID() {
				session = s
			}
		}
		if err := meetings.CheckIn(ctx, m.ID, session.ID, member.ID); err != nil {
			return err
		}
		token, _, err := auth.CreateAPIToken(ctx, member.ID, "bench-vote", rankfile.DefaultTokenDays)
		if err != nil {
			return err
		}
		out = append(out, voter{ID: member.ID, Token: token, Session: session.ID})
	}
	v := &rankfile.MeetingVote{MeetingID: m.ID, AgendaItemID: m.Agenda[0].ID, Kind: rankfile.VoteYesNo, Question: "Is it fast enough?"}
	if err := meetings.OpenVote(ctx, v); err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, m.ID, v.ID)
	return json.NewEncoder(os.Stdout).Encode(out)
}

// check closes the vote and compares its box with the acknowledged votes.
func check(ctx context.Context, db *store.DB, voteID int64, ackedFile string) error {
	b, err := os.ReadFile(ackedFile)
	if err != nil {
		return err
	}
	acked := map[string]bool{}
	for _, id := range strings.Fields(string(b)) {
		acked[id] = true
	}
	meetings := store.NewMeetingService(db)
	marked, err := meetings.VotedMembers(ctx, voteID)
	if err != nil {
		return err
	}
	for _, id := range marked {
		delete(acked, fmt.Sprint(id))
	}
	missing := len(acked)
	ballots := 0
	_, err = meetings.CloseVote(ctx, voteID, func(v *rankfile.MeetingVote, box []*rankfile.CastBallot) (*rankfile.VoteResult, error) {
		ballots = len(box)
		return &rankfile.VoteResult{Summary: fmt.Sprintf("%d ballots", len(box))}, nil
	}, nil, nil)
	if err != nil {
		return err
	}
	fmt.Printf("members marked as voted: %d; ballots in the box: %d; acknowledged votes not counted: %d\n", len(marked), ballots, missing)
	if missing > 0 || ballots != len(marked) {
		return fmt.Errorf("the box does not hold exactly one ballot for each acknowledged vote")
	}
	return nil
}
