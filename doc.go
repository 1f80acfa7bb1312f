// Package rankfile is the domain of rankfile, the platform a member-run
// organization runs itself with: its types (members, bodies, branches,
// elections, proposals, meetings, events...), the rules about them
// (standing, thresholds, who may do what in permission.go, the steps of a
// proposal's life), the service interfaces storage implements, and the
// errors every layer speaks. It imports nothing else of rankfile.
//
// # The house
//
// A request or a command goes down through the layers; each knows only
// those below it, and app reaches store only through this package's
// service interfaces:
//
//	cmd/rankfile  the command line: wiring, flags, one file per command
//	http          the web: one route table (routes.go), handlers, templates, the JSON API
//	app           every operation pages, API and commands share, checked against
//	              the actor's permissions, and what each step causes (ProposalStep,
//	              the notices of an EventChange)
//	store         SQL for SQLite and PostgreSQL, implementing this package's
//	              service interfaces, each step in one transaction
//	rankfile      this package: types, rules, service interfaces, errors
//	count         ranked-ballot counting (IRV, Scottish STV, Meek) for app and
//	              the tally command; it imports nothing else of rankfile
//
// Beside them, packages named for what they wrap: roster (reading national
// member lists), geo (ZIP centroids, point in polygon), secret (the keys
// that seal sensitive fields and sign the audit log), mail (sending by
// SMTP), icalendar (calendar files and feeds), live (a meeting's state
// pushed to the pages following it) and locale (English and Spanish).
//
// # Finding a feature
//
// A feature's noun is the stem of its files in every layer, and a sub-step
// takes a suffix (proposal_sign.go, proposal_step.go):
//
//	ls */proposal* proposal* http/templates/proposal*
//
// lists every file of proposals. The nouns are audit, auth, body, branch,
// election, event, meeting, member, outbox, proposal, roster, token and
// weekly. Helpers that several features share live in files named for what
// they are (store/sql.go, store/batch.go, store/random.go, app/actor.go,
// app/mail.go, app/checkin.go, app/name_search.go), never inside the
// feature that first needed them.
package rankfile
