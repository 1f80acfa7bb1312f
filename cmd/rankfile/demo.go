package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/rankfile/rankfile"
	rfapp "github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/demo"
	rfhttp "github.com/rankfile/rankfile/http"
	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
)

func init() { register((*app).demoCommand) }

// demoRenewURL stands for the national organization's dues page in the
// demo, so that the lapsed member's home shows where renewing would go.
const demoRenewURL = "https://example.org/renew"

func (a *app) demoCommand() *cobra.Command {
	var f serveFlags
	var noServe, national bool
	var nationalSize int
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Fill an empty database with a demo chapter and serve it",
		Long: `Fill an empty database with a realistic demo chapter (about 3,500 members in
five branches over Los Angeles County, imported through the real importer) and
serve it. A database that already holds the demo is served as it is; one that
holds anything else is refused, so the demo never mixes with real data.`,
		Args: args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.demoKeys(); err != nil {
				return err
			}
			if national {
				a.demoNational = nationalSize
			}
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			if err := a.fillDemo(cmd.Context(), db); err != nil {
				return err
			}
			if noServe {
				return nil
			}
			f.mailToLog = true
			if f.renewURL == "" {
				f.renewURL = demoRenewURL
			}
			return a.serve(cmd.Context(), db, f, a.printDemoLinks)
		},
	}
	f.register(cmd)
	cmd.Flags().BoolVar(&noServe, "no-serve", false, "fill the database and exit")
	cmd.Flags().IntVar(&a.demoSize, "list-size", demo.ListSize, "`PEOPLE` on each month's national list (about 80% of them dues-paying members)")
	cmd.Flags().BoolVar(&national, "national", false, "make the chapter one of the national organization's 200 chapters, with their members on the national list, the national convention and its election")
	cmd.Flags().IntVar(&nationalSize, "national-size", demo.NationalSize, "`PEOPLE` on the national demo's list, the chapter's included")
	cmd.AddCommand(a.demoListCommand())
	return cmd
}

func (a *app) demoListCommand() *cobra.Command {
	var asOf string
	var national bool
	cmd := &cobra.Command{
		Use:   "list MEMBERS",
		Short: "Write a generated national member list of that many members to standard output",
		Args:  args(1, "a number of members"),
		RunE: func(cmd *cobra.Command, argv []string) error {
			n, err := strconv.Atoi(argv[0])
			if err != nil || n < 1 || n > 10_000_000 {
				return usagef("%q is not a number of members from 1 to 10,000,000", argv[0])
			}
			date, err := dateFlag("as-of", asOf)
			if err != nil {
				return err
			}
			if date.IsZero() {
				date = rankfile.DateOf(time.Now())
			}
			generate := demo.NationalList
			if national {
				generate = demo.NationalOrganizationList
			}
			list, err := generate(n, date)
			if err != nil {
				return err
			}
			_, err = a.stdout.Write(list)
			return err
		},
	}
	cmd.Flags().StringVar(&asOf, "as-of", "", "the list's date, `YYYY-MM-DD` (default: today)")
	cmd.Flags().BoolVar(&national, "national", false, "spread the members over the national demo's 200 chapters")
	return cmd
}

// demoKeys gives a demo in a SQLite file, when no key is set, a key file of
// its own beside the database, so that the demo's race and accommodations
// are encrypted as real ones are. A demo in PostgreSQL needs a key given.
func (a *app) demoKeys() error {
	if a.keyFile != "" || a.getenv(secret.EnvVar) != "" || store.IsPostgres(a.dsn) {
		return nil
	}
	a.keyFile = a.dsn + ".keys"
	if _, err := os.Stat(a.keyFile); err == nil {
		return nil
	}
	if err := newKeyFile(a.keyFile); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Made a key file for the demo's encrypted fields: %s\n", a.keyFile)
	return nil
}

// fillDemo fills an empty database, or finds the demo already there.
func (a *app) fillDemo(ctx context.Context, db *store.DB) error {
	isDemo, err := db.Setting(ctx, "demo")
	if err != nil {
		return err
	}
	if isDemo != "" {
		fmt.Fprintf(a.stdout, "The demo chapter is already in %s.\n", a.dsn)
		return nil
	}
	empty, err := db.IsEmpty(ctx)
	if err != nil {
		return err
	} else if !empty {
		return rankfile.Errorf(rankfile.ECONFLICT, "%s already holds data that is not the demo; give the demo a database of its own with --db", a.dsn)
	}
	fmt.Fprintln(a.stdout, "Filling the demo chapter...")
	var sum *demo.Summary
	if a.demoNational > 0 {
		sum, err = demo.FillNational(ctx, demoServices(db), db.Today(), a.demoSize, a.demoNational)
	} else {
		sum, err = demo.Fill(ctx, demoServices(db), db.Today(), a.demoSize)
	}
	if err != nil {
		return err
	}
	if err := a.configureDemo(ctx, db); err != nil {
		return err
	}
	var ballots, proposals, events int
	var meeting *rankfile.Meeting
	var weekly *rankfile.WeeklyEmail
	var captain *rankfile.Member
	var oneOnOnes *demo.OneOnOnesSummary
	var onboarding *demo.OnboardingSummary
	var benchmarkDays int
	var courses *demo.CoursesSummary
	var feedback *demo.FeedbackSummary
	var phonebanks *demo.PhonebanksSummary
	var field *demo.FieldSummary
	var campaigns *demo.CampaignsSummary
	var shift *rankfile.Event
	var national *demo.NationalSummary
	err = withDemoClock(db, func(web *rfapp.App, setClock func(time.Time)) (err error) {
		if captain, err = demo.Captain(ctx, web); err != nil {
			return err
		}
		if ballots, err = demo.Elections(ctx, web, setClock); err != nil {
			return err
		}
		if proposals, err = demo.Proposals(ctx, web, setClock, db.SetSetting); err != nil {
			return err
		}
		if err = demo.MemberChoices(ctx, web); err != nil {
			return err
		}
		if meeting, err = demo.Meetings(ctx, web, setClock); err != nil {
			return err
		}
		if events, err = demo.Events(ctx, web, setClock); err != nil {
			return err
		}
		if oneOnOnes, err = demo.OneOnOnes(ctx, web); err != nil {
			return err
		}
		if onboarding, err = demo.Onboarding(ctx, web); err != nil {
			return err
		}
		if feedback, err = demo.Feedback(ctx, web, setClock); err != nil {
			return err
		}
		if weekly, err = demo.Weekly(ctx, web); err != nil {
			return err
		}
		if benchmarkDays, err = demo.Benchmarks(ctx, web); err != nil {
			return err
		}
		if courses, err = demo.Courses(ctx, web, setClock); err != nil {
			return err
		}
		if campaigns, err = demo.Campaigns(ctx, web); err != nil {
			return err
		}
		if field, err = demoField(ctx, web, setClock); err != nil {
			return err
		}
		if shift, err = demo.CanvassShift(ctx, web, campaigns.CampaignID); err != nil {
			return err
		}
		if phonebanks, err = demo.Phonebanks(ctx, web, setClock); err != nil || a.demoNational == 0 {
			return err
		}
		national, err = demo.National(ctx, web, setClock)
		return err
	})
	if err != nil {
		return err
	}
	a.printDemoSummary(sum)
	a.printNationalSummary(national)
	fmt.Fprintf(a.stdout, "coordinator@example.org, a co-coordinator of Central, appointed %s a captain of Echo Park / Silver Lake "+
		"from /bodies/%s; one of Mutual Aid's co-chairs' terms ended last month (/bodies/%s).\n",
		captain.FullName(), demo.CaptainBody, demo.EndedTermBody)
	fmt.Fprintf(a.stdout, "The captain (sign in as %s) and coordinator@example.org see Echo Park / Silver Lake's members at /neighborhoods/%s.\n",
		captain.Email, demo.CaptainBody)
	fmt.Fprintf(a.stdout, "Held the election of convention delegates (%d ballots, counted) and opened the steering committee's.\n", ballots)
	fmt.Fprintf(a.stdout, "Wrote %d proposals, one at every stage; member@example.org can sign the one about fare-free buses.\n", proposals)
	if meeting != nil {
		fmt.Fprintf(a.stdout, "Held last month's general meeting in the five branches, and called this month's for %s:\n"+
			"coordinator@example.org chairs its Central session; member@example.org checks in there with the code %s.\n",
			meeting.StartsAt.In(db.Zone).Format("15:04"), meeting.Sessions[centralIndex(meeting)].Code)
		fmt.Fprintf(a.stdout, "Ran Electoral Politics' endorsement cycle at /endorsements: five candidates in three races, four questionnaires answered "+
			"(members read them); last month's meeting endorsed Ysa Morales (her campaign started, her request sent to national, "+
			"whose answer steward@example.org records) and fell short of two thirds for Renata Okafor; Dana Whitfield's petition "+
			"is on this month's agenda.\n")
	}
	if events > 0 {
		fmt.Fprintf(a.stdout, "Put %d events on the calendar (the public feed is at /calendar.ics); member@example.org is registered for the new member orientation.\n", events)
	}
	fmt.Fprintf(a.stdout, "Built the training program at /courses: %d courses, %d sessions over the past year and the next, %d completions; "+
		"member@example.org needs Canvassing before Power mapping, and her safety marshal qualification lapses this month (see /profile).\n",
		courses.Courses, courses.Sessions, courses.Completions)
	fmt.Fprintf(a.stdout, "Its report is at /training/report: steward@example.org, an admin, sees the whole chapter's year (members trained "+
		"by branch and level, completion and no-show rates, time from joining to a first course, feedback averages where five answered); "+
		"a course's committee co-chairs see their courses'.\n")
	if r := courses.Rules; r != nil {
		fmt.Fprintf(a.stdout, "The program's rules at /courses/requirements (steward@example.org): /bodies/%s's canvass lead seat and leading a canvass "+
			"require Canvassing; /events/%d names its qualified leads; %d course(s) have no session this quarter, flagged on /courses "+
			"to their owners' leaders and the steering committee.\n", r.LeadSeatBody, r.Canvass.ID, len(r.Unoffered))
	}
	fmt.Fprintf(a.stdout, "Gave %d of Central's members to %d organizers, with %d conversations logged; member@example.org, an organizer, "+
		"sees whom to call at /people (a follow-up is due today), and coordinator@example.org assigns the rest at /bodies/central/queue.\n",
		oneOnOnes.People, oneOnOnes.Organizers, oneOnOnes.Conversations)
	if feedback != nil && len(feedback.Trainings) > 0 {
		last := feedback.Trainings[len(feedback.Trainings)-1]
		fmt.Fprintf(a.stdout, "Held %d of Central's trainings in the weeks past, with %v answers to their feedback forms: "+
			"coordinator@example.org and steward@example.org see the results at /events/%d/feedback/results (the last, "+
			"with fewer than %d answers, shows none yet) and by month at /feedback/trends?body=%d; member@example.org came to "+
			"the last one and gives her feedback from its page.\n", len(feedback.Trainings), feedback.Answers,
			feedback.Trainings[0].ID, rankfile.FeedbackThreshold, last.BodyID)
	}
	fmt.Fprintf(a.stdout, "Walked this month's new members along their onboarding path (%d steps: welcome emails, orientation invitations, "+
		"organizers by captain and by load); organizers logged a first one-on-one with %d of them, and /people shows each person's first steps.\n",
		onboarding.Steps, onboarding.Logged)
	if onboarding.Newcomer != nil {
		fmt.Fprintf(a.stdout, "Sign in as %s, a new member, to see their first steps on their home.\n", onboarding.Newcomer.Email)
	}
	fmt.Fprintf(a.stdout, "Put this Saturday's canvass for Central's field campaign at /events/%d: whoever checks in there is handed a free turf of it.\n", shift.ID)
	if p := phonebanks; p != nil {
		fmt.Fprintf(a.stdout, "Started the renewal phonebank at /phonebanks/%d: %d members whose membership ran out in the last 90 days, %d calls made "+
			"over the past week; member@example.org holds a batch (tel: links), and checking in at /events/%d, next Tuesday's "+
			"shift, makes a volunteer a caller with a first batch.\n", p.Renewals.ID, p.Calls, p.Made, p.Shift.ID)
	}
	fmt.Fprintf(a.stdout, "Drafted the weekly email of the week of %s (%d events); coordinator@example.org, on the communications team, edits and sends it at /weekly/%d.\n",
		weekly.WeekOf, len(weekly.EventIDs), weekly.ID)
	fmt.Fprintf(a.stdout, "Started Central's field campaign at /campaigns/%d: %d voters at %d doors imported from a voter file, "+
		"cut into %d turfs at /campaigns/%d/turfs (coordinator@example.org runs it); member@example.org holds /turfs/%d until tonight, "+
		"a pair holds /turfs/%d, some came back and a few are closed; steward@example.org keeps /do-not-contact.\n",
		campaigns.CampaignID, campaigns.Targets, campaigns.Doors, len(campaigns.Turfs), campaigns.CampaignID, campaigns.MemberTurf, campaigns.PairTurf)
	fmt.Fprintf(a.stdout, "Took the chapter's benchmarks of the past %d days from its records: steward@example.org, an admin, sees them at /benchmarks, "+
		"coordinator@example.org Central's at /benchmarks?scope=central.\n", benchmarkDays)
	a.printDemoField(field)
	return nil
}

// withDemoClock runs fill with the web app over db and a clock the demo
// may set back, to cast the ballots of an election already closed or
// open a proposal that has since expired; the zero time is the real clock.
func withDemoClock(db *store.DB, fill func(web *rfapp.App, setClock func(time.Time)) error) error {
	var at time.Time
	clock := func() time.Time {
		if at.IsZero() {
			return time.Now()
		}
		return at
	}
	real := db.Now
	db.Now = clock
	defer func() { db.Now = real }()
	web := appServices(db)
	web.Logger = slog.New(slog.DiscardHandler)
	return fill(web, func(t time.Time) { at = t })
}

// configureDemo names the demo chapter, puts it in Los Angeles' time zone,
// makes the demo's steward a data steward and an admin, and puts its
// coordinator on the communications team.
func (a *app) configureDemo(ctx context.Context, db *store.DB) error {
	name := demo.ChapterName
	if a.demoNational > 0 {
		name = demo.NationalName
	}
	for key, value := range map[string]string{"name": name, "time_zone": demo.TimeZone, "demo": db.Today().String()} {
		if err := db.SetSetting(ctx, key, value); err != nil {
			return err
		}
	}
	if err := db.LoadSettings(ctx); err != nil {
		return err
	}
	steward, err := store.NewMemberService(db).FindMember(ctx, rankfile.MemberFilter{Email: demo.Accounts[0].Email})
	if err != nil {
		return err
	}
	for _, role := range []string{rankfile.RoleSteward, rankfile.RoleAdmin} {
		if err := store.NewAuthService(db).GrantRole(ctx, steward.ID, role); err != nil {
			return err
		}
	}
	coordinator, err := store.NewMemberService(db).FindMember(ctx, rankfile.MemberFilter{Email: demo.Accounts[1].Email})
	if err != nil {
		return err
	}
	return store.NewAuthService(db).GrantRole(ctx, coordinator.ID, rankfile.RoleCommunications)
}

// printDemoLinks prints a sign-in link for each demo account once the
// server listens. The links work once, for fifteen minutes; after that,
// ask for a new one on the sign-in page: with no SMTP server configured it
// appears in the server's log.
func (a *app) printDemoLinks(web *rfapp.App, base string) error {
	fmt.Fprintf(a.stdout, "Sign in (each link works once, for %d minutes):\n", int(rankfile.SignInLifetime.Minutes()))
	for _, acc := range demo.Accounts {
		links, err := web.Auth.CreateSignInTokens(context.Background(), acc.Email)
		if err != nil || len(links) == 0 {
			return fmt.Errorf("sign-in link for %s: %v", acc.Email, err)
		}
		fmt.Fprintf(a.stdout, "  %-24s %s%s\n", acc.Email, base, rfhttp.SignInPath(links[0].Token))
	}
	// The national demo's chapter steward, when there is one.
	links, err := web.Auth.CreateSignInTokens(context.Background(), demo.ChapterStewardEmail)
	if err == nil && len(links) > 0 {
		fmt.Fprintf(a.stdout, "  %-24s %s%s\n", demo.ChapterStewardEmail, base, rfhttp.SignInPath(links[0].Token))
	}
	return nil
}

func demoServices(db *store.DB) demo.Services {
	return demo.Services{
		Roster: store.NewRosterService(db), Bodies: store.NewBodyService(db),
		Branches: store.NewBranchService(db), Members: store.NewMemberService(db),
		Neighborhoods: store.NewNeighborhoodService(db),
	}
}

func (a *app) printDemoSummary(s *demo.Summary) {
	last, this := s.LastMonth, s.ThisMonth
	fmt.Fprintf(a.stdout, "Imported last month's list (%s): %d members added.\n", last.ListDate, last.Added)
	fmt.Fprintf(a.stdout, "Loaded %d branches: %d members assigned, %d outside every branch.\n",
		s.Branches.Branches, s.Branches.Assigned, s.Branches.Unassigned)
	fmt.Fprintf(a.stdout, "Imported this month's list (%s): %d added, %d updated, %d unchanged, %d lapsed.\n",
		this.ListDate, this.Added, this.Updated, this.Unchanged, this.Lapsed)
	fmt.Fprintf(a.stdout, "Made %d bodies and %d positions.\n", s.Bodies, s.Positions)
	fmt.Fprintf(a.stdout, "Drew %d neighborhood groups: %d members placed, %d in none.\n",
		s.Neighborhoods.Groups, s.Neighborhoods.Placed, s.Neighborhoods.Outside)
	fmt.Fprintln(a.stdout, "Demo members with known addresses:")
	for _, acc := range demo.Accounts {
		fmt.Fprintf(a.stdout, "  %-26s %s\n", acc.Email, acc.Role)
	}
}

// printNationalSummary says what the national demo made above the
// chapter; nothing for the chapter's demo.
func (a *app) printNationalSummary(s *demo.NationalSummary) {
	if s == nil {
		return
	}
	fmt.Fprintf(a.stdout, "Placed %d members in %d chapters from the national list's chapter column; %d are at large.\n",
		s.Placed, s.Chapters, s.AtLarge)
	fmt.Fprintf(a.stdout, "Seated %d delegates at /bodies/2027-national-convention (member@example.org among them); they elected the "+
		"National Political Committee at /elections/%d with %d ballots: %d women and %d people of color among the 16 (at least 8 and 5 reserved).\n",
		s.Delegates, s.Committee.ID, s.Ballots, s.Women, s.PeopleOfColor)
	fmt.Fprintf(a.stdout, "Opened nominations for the national grievance officers at /elections/%d: its roll is every member in good standing on %s.\n",
		s.Grievance.ID, s.Grievance.Cutoff)
	fmt.Fprintf(a.stdout, "Held the national referendum on the 2027 political platform at /elections/%d: every member in good standing on %s "+
		"was on its roll; its results are at /elections/%d/results.\n", s.Referendum.ID, s.Referendum.Cutoff, s.Referendum.ID)
	fmt.Fprintf(a.stdout, "%s (%s) is Metro DC's data steward: she sees that chapter's members alone at /roster.\n",
		s.Steward.FullName(), s.Steward.Email)
}

// centralIndex finds the Central branch's session of a demo meeting.
func centralIndex(m *rankfile.Meeting) int {
	for i, s := range m.Sessions {
		if s.Name == "Central" {
			return i
		}
	}
	return 0
}
