// Package app is rankfile as its users see it: every operation a page or
// the JSON API offers, with the permission checks (rankfile's Actor
// methods, one place) and the audit entries that go with it. It works
// through the domain's storage services and knows nothing of HTTP.
package app

import (
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/live"
)

// App holds the services the operations work through.
type App struct {
	Members  rankfile.MemberService
	Bodies   rankfile.BodyService
	Roster   rankfile.RosterService
	Branches rankfile.BranchService
	Auth     rankfile.AuthService
	Audit    rankfile.AuditService
	// Elections holds elections, their rolls and ballot boxes.
	Elections rankfile.ElectionService
	// Papers holds batches of paper ballots.
	Papers rankfile.PaperService
	// Proposals holds proposals and their signatures.
	Proposals rankfile.ProposalService
	// Settings holds the installation's settings (signature thresholds).
	Settings rankfile.Settings
	// Meetings holds meetings, their sessions and attendance.
	Meetings rankfile.MeetingService
	// Votes holds meetings' votes and their ballots.
	Votes rankfile.VoteService
	// Events holds the calendar, registrations and attendance.
	Events rankfile.EventService
	// Outbox holds the emails owed, until they are sent.
	Outbox rankfile.OutboxService
	// Weekly holds the weekly emails and who turned them off.
	Weekly rankfile.WeeklyService
	// Ladders holds the chapter's ladder and gathers what it counts.
	Ladders rankfile.LadderService
	// Benchmarks takes and keeps the daily engagement figures.
	Benchmarks rankfile.BenchmarkService
	// Neighborhoods keeps members sorted into neighborhood groups.
	Neighborhoods rankfile.NeighborhoodService
	// OneOnOnes holds who each member's organizer is, and the
	// conversations organizers log.
	OneOnOnes rankfile.OneOnOneService
	// Onboarding holds the steps new members' paths owe them and reads
	// what their checklists tick from.
	Onboarding rankfile.OnboardingService
	// Courses is the training program's courses, trainers and sessions.
	Courses rankfile.CourseService
	// Feedback holds feedback after events, apart from who gave it.
	Feedback rankfile.FeedbackService
	// Campaigns is the field program's campaigns and their targets.
	Campaigns rankfile.CampaignService
	// Endorsements is the endorsement cycles: races, candidates, their
	// questionnaires, vetting and the decisions after.
	Endorsements rankfile.EndorsementService
	// Turfs is campaigns' turfs.
	Turfs rankfile.TurfService
	// Attempts is campaigns' knocks and calls.
	Attempts rankfile.AttemptService
	// Phonebanks is the field program's phonebanks, their lists and
	// callers.
	Phonebanks rankfile.PhonebankService
	// Shifts links canvass and phonebank events to the work handed out
	// at their check-in.
	Shifts rankfile.ShiftService
	// Geocoder finds where campaigns' doors are; nil when the chapter has
	// set none.
	Geocoder rankfile.Geocoder
	// Live sends meetings' live state to the pages following them; nil
	// sends nothing.
	Live *live.Hub
	// SharedLimits counts searches for their limits with the other
	// servers sharing the database; nil counts in memory.
	SharedLimits SharedLimits
	// Signals tells the other servers sharing the database of changes
	// that their pages must show at once; nil when there are none.
	Signals Signaler
	Mailer  rankfile.Mailer
	Logger  *slog.Logger

	// Name is the organization's name as members know it.
	Name string
	// RenewURL is where members renew their dues (the national
	// organization's page), linked from a lapsed member's home; "" for none.
	RenewURL string
	// Zone is where the chapter is: it decides what day it is.
	Zone *time.Location
	// Now returns the current time; tests set it.
	Now func() time.Time
	// SignInEmailLimit is how many sign-in emails one address may be sent
	// in 15 minutes; 0 means signInEmailsPerAddress.
	SignInEmailLimit int

	// catchingUp lets one request at a time freeze a roll or count an
	// election (see catchUp).
	catchingUp sync.Mutex
	// voting keeps elections open for voting for a moment (see
	// votingElection).
	voting electionCache
	// nameSearches limits each host's searches by name (see searchNames).
	nameSearches nameSearchLimits
	// signIns holds the sign-in requests waiting to be answered.
	signIns signIns
	// auditHead is the audit log's head signed last (see audit_head.go).
	auditHead atomic.Pointer[rankfile.AuditHead]
}

// Today returns the chapter's date.
func (a *App) Today() rankfile.Date { return rankfile.DateOf(a.Now().In(a.Zone)) }
