package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/rankfile/rankfile"
	rfapp "github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/geocode"
	rfhttp "github.com/rankfile/rankfile/http"
	"github.com/rankfile/rankfile/mail"
	"github.com/rankfile/rankfile/store"
)

func init() { register((*app).serveCommand) }

// defaultAddr keeps a new server private to the machine until its operator
// decides otherwise (behind a reverse proxy with HTTPS, say).
const defaultAddr = "localhost:8080"

// serveFlags configure the web server and its email.
type serveFlags struct {
	addr, baseURL string
	auditHeads    string
	smtp          mail.Config
	smtpPort      int
	// mailToLog, the demo's, sends the outbox's email to the log when no
	// SMTP server is set, as sign-in links are: a guest then finds there
	// the link that confirms their registration.
	mailToLog bool
	proxies   []string
	// renewURL is where members renew their dues (--renew-url).
	renewURL string
	// geocoderURL and geocoderRate are the geocoder campaigns locate
	// their doors with (--geocoder-url, --geocoder-rate).
	geocoderURL  string
	geocoderRate float64
	// tilesURL is the map tile server turf maps draw on (--tiles-url).
	tilesURL string
}

func (f *serveFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", defaultAddr, "`HOST:PORT` to listen on")
	fl.StringVar(&f.baseURL, "base-url", "", "the address members reach rankfile at, for links in emails; needed unless --addr is this machine's alone (loopback)")
	fl.StringVar(&f.auditHeads, "audit-heads", "", "`FILE` the audit log's signed heads are appended to (default: beside a SQLite database, DB-audit-heads; for PostgreSQL, rankfile-audit-heads in the working directory)")
	fl.StringVar(&f.smtp.Host, "smtp-host", "", "SMTP server for email (also RANKFILE_SMTP_HOST; none: emails go to the log)")
	fl.IntVar(&f.smtpPort, "smtp-port", 0, "SMTP port (also RANKFILE_SMTP_PORT)")
	fl.StringVar(&f.smtp.Username, "smtp-username", "", "SMTP user name (also RANKFILE_SMTP_USERNAME; the password only from RANKFILE_SMTP_PASSWORD)")
	fl.StringVar(&f.smtp.From, "smtp-from", "", "sender address (also RANKFILE_SMTP_FROM)")
	fl.StringVar(&f.smtp.TLS, "smtp-tls", "", "starttls, tls or none (also RANKFILE_SMTP_TLS)")
	fl.StringVar(&f.renewURL, "renew-url", "", "`URL` where members renew their dues, linked from a lapsed member's home (also RANKFILE_RENEW_URL)")
	fl.StringVar(&f.geocoderURL, "geocoder-url", "", "`URL` of a geocoder holding {address}, with which campaigns locate doors their lists give no coordinates for, e.g. https://geocoding.geo.census.gov/geocoder/locations/onelineaddress?benchmark=Public_AR_Current&format=json&address={address} (also RANKFILE_GEOCODER_URL; default none)")
	fl.Float64Var(&f.geocoderRate, "geocoder-rate", 1, "requests a second the geocoder allows")
	fl.StringVar(&f.tilesURL, "tiles-url", "", "`URL` of map tiles holding {z}, {x} and {y}, which turf maps draw their doors on, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (also RANKFILE_TILES_URL; default none: doors and routes on a blank background)")
	fl.StringSliceVar(&f.proxies, "trusted-proxy", nil, "a reverse proxy (`CIDR` or address; repeat or separate by commas) whose X-Forwarded-For, X-Real-IP and X-Forwarded-Proto are believed (also RANKFILE_TRUSTED_PROXIES; default none)")
}

// trustedProxies reads --trusted-proxy, else RANKFILE_TRUSTED_PROXIES:
// networks (CIDR) or single addresses, repeated or separated by commas.
func (a *app) trustedProxies(f serveFlags) ([]netip.Prefix, error) {
	list := f.proxies
	if len(list) == 0 {
		list = strings.Split(a.getenv("RANKFILE_TRUSTED_PROXIES"), ",")
	}
	var out []netip.Prefix
	for _, s := range list {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		p, err := parseProxy(s)
		if err != nil {
			return nil, rankfile.Errorf(rankfile.EINVALID, "--trusted-proxy %q is neither an address nor a network such as 10.0.0.0/8", s)
		}
		out = append(out, p)
	}
	return out, nil
}

// parseProxy reads a network, or an address as the network of it alone.
func parseProxy(s string) (netip.Prefix, error) {
	if addr, err := netip.ParseAddr(s); err == nil {
		addr = addr.Unmap()
		return netip.PrefixFrom(addr, addr.BitLen()), nil
	}
	p, err := netip.ParsePrefix(s)
	return p.Masked(), err
}

func (a *app) serveCommand() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve rankfile on the web",
		Args:  args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			return a.serve(cmd.Context(), db, f, nil)
		},
	}
	f.register(cmd)
	return cmd
}

// mailConfig combines the environment and the flags, the flags winning.
func (a *app) mailConfig(f serveFlags) (mail.Config, error) {
	cfg, err := mail.ConfigFromEnv(a.getenv)
	if err != nil {
		return cfg, err
	}
	for dst, src := range map[*string]string{&cfg.Host: f.smtp.Host, &cfg.Username: f.smtp.Username,
		&cfg.From: f.smtp.From, &cfg.TLS: f.smtp.TLS} {
		if src != "" {
			*dst = src
		}
	}
	if f.smtpPort != 0 {
		cfg.Port = f.smtpPort
	}
	return cfg, nil
}

// webApp wires the app's operations to the database and the mailer.
func (a *app) webApp(ctx context.Context, db *store.DB, f serveFlags, logger *slog.Logger) (*rfapp.App, error) {
	cfg, err := a.mailConfig(f)
	if err != nil {
		return nil, err
	}
	mailer, err := mail.New(cfg, logger)
	if err != nil {
		return nil, err
	}
	name, err := chapterName(ctx, db)
	if err != nil {
		return nil, err
	}
	web := appServices(db)
	web.Mailer, web.Logger, web.Name = mailer, logger, name
	if web.RenewURL = f.renewURL; web.RenewURL == "" {
		web.RenewURL = a.getenv("RANKFILE_RENEW_URL")
	}
	if web.RenewURL != "" && !strings.HasPrefix(web.RenewURL, "https://") && !strings.HasPrefix(web.RenewURL, "http://") {
		return nil, rankfile.Errorf(rankfile.EINVALID, "--renew-url %q is not a web address (http:// or https://)", web.RenewURL)
	}
	if url := cmp.Or(f.geocoderURL, a.getenv("RANKFILE_GEOCODER_URL")); url != "" {
		g, err := geocode.New(url, f.geocoderRate)
		if err != nil {
			return nil, err
		}
		web.Geocoder = g
	}
	return web, nil
}

// appServices wires the app's operations to the database.
func appServices(db *store.DB) *rfapp.App {
	elections := store.NewElectionService(db) // elections and their paper ballots
	a := &rfapp.App{
		Members: store.NewMemberService(db), Bodies: store.NewBodyService(db), Roster: store.NewRosterService(db),
		Branches: store.NewBranchService(db), Neighborhoods: store.NewNeighborhoodService(db), Auth: store.NewAuthService(db), Audit: store.NewAuditService(db),
		Elections: elections, Papers: elections, Proposals: store.NewProposalService(db), Settings: db, Meetings: store.NewMeetingService(db), Votes: store.NewMeetingService(db),
		Events: store.NewEventService(db), Outbox: store.NewOutboxService(db), Weekly: store.NewWeeklyService(db),
		OneOnOnes: store.NewOneOnOneService(db), Ladders: store.NewLadderService(db), Onboarding: store.NewOnboardingService(db), Courses: store.NewCourseService(db),
		Feedback:   store.NewFeedbackService(db),
		Benchmarks: store.NewBenchmarkService(db),
		Campaigns:  store.NewCampaignService(db), Turfs: store.NewTurfService(db),
		Endorsements: store.NewEndorsementService(db),
		Attempts:     store.NewAttemptService(db), Phonebanks: store.NewPhonebankService(db), Shifts: store.NewShiftService(db),
		Zone: db.Zone, Now: db.Now, Logger: slog.Default(),
	}
	a.Live = a.NewLive(liveInterval, slog.Default())
	a.Signals = db // PostgreSQL's other servers; nothing on SQLite
	if db.Dialect() == store.Postgres {
		a.SharedLimits = db // counted with the other servers; SQLite's one server counts in memory
	}
	return a
}

// liveInterval is how often, at most, a meeting's live pages are sent its
// state: quick enough to feel live, and one read of the meeting however
// many members voted in it.
const liveInterval = 250 * time.Millisecond

// serverGCPercent lets a server's heap grow to three times what it keeps
// between collections, rather than Go's default of twice: a server keeps
// little (tens of megabytes) and allocates much for each page, so this
// cuts the time spent collecting by half for memory the machine has.
const serverGCPercent = 200

// tuneGC sets serverGCPercent unless the operator set GOGC.
func (a *app) tuneGC() {
	if a.getenv("GOGC") == "" {
		debug.SetGCPercent(serverGCPercent)
	}
}

// chapterName is what the pages call the organization: the name setting,
// else the name of its chapter body, else "rankfile".
func chapterName(ctx context.Context, db *store.DB) (string, error) {
	name, err := db.Setting(ctx, "name")
	if err != nil || name != "" {
		return name, err
	}
	chapters, err := store.NewBodyService(db).FindBodies(ctx, rankfile.BodyFilter{Kind: rankfile.KindChapter})
	if err != nil {
		return "", err
	}
	if len(chapters) == 1 {
		return chapters[0].Name, nil
	}
	return "rankfile", nil
}

// serve runs the web server until the context ends (Ctrl-C, SIGTERM);
// started, when given, runs once it listens.
func (a *app) serve(ctx context.Context, db *store.DB, f serveFlags, started func(*rfapp.App, string) error) error {
	logger := slog.New(slog.NewJSONHandler(a.stderr, nil))
	release, err := db.ClaimServing() // SQLite is served by one process
	if err != nil {
		return err
	}
	defer release()
	a.tuneGC()
	if db.Keys == nil {
		logger.Warn("no encryption key is set (--key-file or RANKFILE_KEY): lists that carry race or accommodations cannot be imported, nor those fields shown")
	}
	proxies, err := a.trustedProxies(f)
	if err != nil {
		return err
	}
	if f.baseURL == "" && !rfhttp.Loopback(f.addr) {
		return rankfile.Errorf(rankfile.EINVALID, "give --base-url, the address members reach rankfile at: "+
			"links in emails (sign-in links among them) are never built from the address a request names")
	}
	if err := checkAuditKey(ctx, db); err != nil {
		return err
	}
	webApp, err := a.webApp(ctx, db, f, logger)
	if err != nil {
		return err
	}
	cfg := rfhttp.Config{BaseURL: f.baseURL, InsecureCookies: plainLocal(f), TrustedProxies: proxies,
		TilesURL: cmp.Or(f.tilesURL, a.getenv("RANKFILE_TILES_URL"))}
	cfg.SharedLimits = webApp.SharedLimits // the routes' limits count where the app's do
	srv := rfhttp.NewServer(webApp, db.Ping, logger, cfg)
	if err := srv.Open(f.addr); err != nil {
		return fmt.Errorf("listening on %s: %w", f.addr, err)
	}
	base := f.baseURL
	if base == "" {
		base = strings.TrimSuffix(srv.URL(), "/")
	}
	fmt.Fprintf(a.stdout, "rankfile is serving at %s\n", srv.URL())
	if err := a.startElectionClock(ctx, db, webApp, f, base, logger); err != nil {
		return err
	}
	go db.Listen(ctx, logger, webApp.Heard, webApp.SignalsLost)
	go refreshFeeds(ctx, srv, logger)
	heads := keepAuditHeads(ctx, db, webApp, a.headsFile(f), logger)
	if started != nil {
		if err := started(webApp, base); err != nil {
			return err
		}
	}
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	logger.Info("shutting down")
	err = errors.Join(srv.Shutdown(shutdown), webApp.DrainSignIns(shutdown))
	heads.final()
	return err
}

// headsFile is where the server appends the audit log's heads.
func (a *app) headsFile(f serveFlags) string {
	if f.auditHeads != "" {
		return f.auditHeads
	}
	return defaultHeadsFile(a.dsn)
}

// checkAuditKey refuses to serve a keyed audit log without its audit key:
// every audited view and change would fail, so it is better said at once.
func checkAuditKey(ctx context.Context, db *store.DB) error {
	if db.Keys != nil && db.Keys.Keyring().AuditKeyID() != "" {
		return nil
	}
	keyed, err := store.NewAuditService(db).Keyed(ctx)
	if err != nil {
		return err
	}
	if keyed {
		return rankfile.Errorf(rankfile.EINVALID,
			"the audit log is keyed and no audit key is set: give the key file (--key-file or RANKFILE_KEY), or nothing could be recorded")
	}
	return nil
}

// electionClockEvery is how often the server keeps elections on time:
// freezing rolls at their cut-off, counting at the close, sending the
// emails due.
const electionClockEvery = time.Minute

// startElectionClock keeps elections and proposals on time every
// electionClockEvery, until ctx ends, queues events' reminders and the
// notices of seats' terms ending within a month and organizers' follow-ups
// due today, takes yesterday's benchmarks once, asks attendees of
// trainings ended an hour ago for feedback, purges the campaigns' targets
// their retention no longer keeps, returns to their branch's
// queue the members whose organizer lapsed, left the branch or (as captain)
// the seat, does the onboarding steps new members are owed (see
// App.Onboard), flags once a quarter the courses with no session in it
// (App.QueueUnofferedCourses), drafts the coming week's
// weekly email from Thursday, and sends the emails they owe.
// Without an SMTP server no such email is sent: the log, which takes
// sign-in links, would fill with one message per member. The demo, whose
// members are made up, sends them to the log all the same.
//
// The clock and the outbox's sender each run in one server at a time
// among those sharing a database (store.DB.Lead), and move to another
// within seconds when that server dies.
func (a *app) startElectionClock(ctx context.Context, db *store.DB, web *rfapp.App, f serveFlags, base string, logger *slog.Logger) error {
	cfg, err := a.mailConfig(f)
	if err != nil {
		return err
	}
	mail := cfg.Host != "" || f.mailToLog
	if !mail {
		logger.Info("no SMTP server is set: election and event emails are not sent; events' wait in the outbox")
	} else {
		go db.Lead(ctx, "outbox", logger, func(ctx context.Context) { sendOutbox(ctx, web, base, logger) })
	}
	go db.Lead(ctx, "clock", logger, func(ctx context.Context) { keepTime(ctx, web, mail, base, logger) })
	return nil
}

// keepTime does the clock's work every electionClockEvery until ctx ends.
func keepTime(ctx context.Context, web *rfapp.App, mail bool, base string, logger *slog.Logger) {
	tick := time.NewTicker(electionClockEvery)
	defer tick.Stop()
	for {
		_, remind := web.QueueReminders(ctx)
		_, weekly := web.DraftComingWeekly(ctx)
		_, terms := web.QueueTermNotices(ctx)
		_, queues := web.ReturnToQueues(ctx)
		_, followUps := web.QueueFollowUps(ctx)
		_, lapses := web.QueueLapseNotices(ctx)
		_, onboard := web.Onboard(ctx)
		_, feedback := web.QueueFeedbackRequests(ctx)
		_, purged := web.PurgeTargets(ctx)
		_, unoffered := web.QueueUnofferedCourses(ctx)
		benchmarks := web.TakeYesterdaysBenchmarks(ctx)
		err := errors.Join(web.CatchUpElections(ctx), web.CatchUpProposals(ctx), remind, weekly, terms, queues, followUps,
			onboard, benchmarks, lapses, feedback, purged, unoffered)
		if err == nil && mail {
			err = errors.Join(web.QueueElectionMail(ctx), web.QueueProposalMail(ctx))
		}
		if err != nil && ctx.Err() == nil {
			logger.Error("keeping elections and proposals on time", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// outboxEvery is how often the server looks for email owed: a
// registration's confirmation goes within seconds.
const outboxEvery = 2 * time.Second

// sendOutbox sends the email the outbox owes every outboxEvery until ctx
// ends.
func sendOutbox(ctx context.Context, web *rfapp.App, base string, logger *slog.Logger) {
	tick := time.NewTicker(outboxEvery)
	defer tick.Stop()
	for {
		if _, err := web.SendOutbox(ctx, base); err != nil && ctx.Err() == nil {
			logger.Error("sending the outbox's email", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// feedsEvery is how often the server writes again the public calendar
// feeds whose events changed, ahead of calendar programs' requests.
const feedsEvery = time.Second

// refreshFeeds keeps the public feeds in use written every feedsEvery
// until ctx ends.
func refreshFeeds(ctx context.Context, srv *rfhttp.Server, logger *slog.Logger) {
	tick := time.NewTicker(feedsEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if err := srv.RefreshFeeds(ctx); err != nil && ctx.Err() == nil {
			logger.Error("writing the calendar feeds", "err", err)
		}
	}
}

// plainLocal reports whether rankfile is reached over plain HTTP on this
// machine, where cookies cannot be Secure: no HTTPS address was given and
// it listens on loopback only.
func plainLocal(f serveFlags) bool {
	return !strings.HasPrefix(f.baseURL, "https://") && rfhttp.Loopback(f.addr)
}
