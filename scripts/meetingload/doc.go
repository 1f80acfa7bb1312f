// Package meetingload puts a meeting's vote under load, as
// scripts/bench-vote measures it and the tests of several servers behind
// a load balancer check it: members checked into a meeting's sessions
// follow its live state on event streams and vote through the JSON API,
// and the box is then checked against the votes acknowledged.
package meetingload
