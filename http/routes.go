package http

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed static
var staticFS embed.FS

// Handler returns the whole route table, every route in one place, wrapped
// in what every request goes through.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	page, api := s.page, s.api

	mux.Handle("GET /healthz", http.HandlerFunc(s.healthz))
	mux.Handle("GET /metrics", s.metrics.handler())
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", cacheForever(http.StripPrefix("/static/", http.FileServerFS(static))))

	mux.Handle("GET /{$}", page(s.homePage))
	mux.Handle("GET /sign-in", page(s.signInForm))
	mux.Handle("POST /sign-in", s.limit(s.signInLimit, page(s.signInRequest)))
	mux.Handle("GET /sign-in/{token}", page(s.signInConfirm))
	mux.Handle("POST /sign-in/{token}", s.limit(s.signInLimit, page(s.signInRedeem)))
	mux.Handle("POST /sign-out", page(s.signOut))
	mux.Handle("POST /sign-out-everywhere", page(s.signOutEverywhere))
	mux.Handle("POST /language", page(s.setLanguage))

	mux.Handle("GET /bodies", page(s.directoryPage))
	mux.Handle("GET /bodies/{slug}", page(s.bodyPage))
	mux.Handle("POST /bodies/{slug}/join", page(s.joinBody))
	mux.Handle("POST /bodies/{slug}/leave", page(s.leaveBody))
	mux.Handle("POST /bodies/{slug}/request", page(s.requestToJoin))
	mux.Handle("POST /join-requests/{id}/{decision}", page(s.decideJoin))
	mux.Handle("GET /members/{id}", page(s.memberPage))

	mux.Handle("GET /profile", page(s.profilePage))
	mux.Handle("POST /profile", page(s.saveProfile))
	mux.Handle("GET /profile/data.json", page(s.myData))

	mux.Handle("GET /roster", page(s.rosterPage))
	mux.Handle("GET /roster.csv", page(s.rosterExport))
	mux.Handle("GET /imports", page(s.importsPage))
	mux.Handle("POST /imports", page(s.startImport))
	mux.Handle("GET /imports/jobs/{id}", page(s.importJobPage))
	mux.Handle("GET /map", page(s.mapPage))
	mux.Handle("GET /branches.geojson", page(s.branchesGeoJSON))

	mux.Handle("GET /elections", page(s.electionsPage))
	mux.Handle("GET /elections/new", page(s.newElectionPage))
	mux.Handle("POST /elections", page(s.createElection))
	mux.Handle("GET /elections/{id}/edit", page(s.editElectionPage))
	mux.Handle("POST /elections/{id}/edit", page(s.updateElection))
	mux.Handle("POST /elections/{id}/extend", page(s.extendElection))
	mux.Handle("GET /elections/{id}", page(s.electionPage))
	mux.Handle("POST /elections/{id}/nominate", page(s.nominate))
	mux.Handle("POST /elections/{id}/candidates/{cid}/photo", page(s.uploadPhoto))
	mux.Handle("GET /elections/{id}/candidates/{cid}/photo", page(s.photo))
	mux.Handle("POST /elections/{id}/candidates/{cid}/{action}", page(s.candidateAction))
	mux.Handle("GET /elections/{id}/ballot", page(s.ballotPage))
	mux.Handle("POST /elections/{id}/ballot/edit", page(s.ballotPage))
	mux.Handle("POST /elections/{id}/ballot/review", page(s.reviewBallot))
	mux.Handle("POST /elections/{id}/ballot", page(s.castBallot))
	mux.Handle("GET /elections/{id}/paper", page(s.paperPage))
	mux.Handle("POST /elections/{id}/paper", page(s.enterPaper))
	mux.Handle("POST /elections/{id}/paper/{batch}/{decision}", page(s.decidePaper))
	mux.Handle("GET /elections/{id}/results", page(s.resultsPage))
	mux.Handle("POST /elections/{id}/receipt", page(s.checkReceipt))
	mux.Handle("GET /elections/{id}/result.json", page(s.resultJSON))
	mux.Handle("GET /elections/{id}/ballots.blt", page(s.recordFile(textPlain, "ballots-%d.blt", s.ballotsBLT)))
	mux.Handle("GET /elections/{id}/receipts.txt", page(s.recordFile(textPlain, "receipts-%d.txt", s.receiptsTXT)))
	mux.Handle("GET /elections/{id}/tags.csv", page(s.recordFile(textCSV, "tags-%d.csv", s.app.ContestTags)))

	mux.Handle("GET /proposals", page(s.proposalsPage))
	mux.Handle("GET /proposals/new", page(s.newProposalPage))
	mux.Handle("POST /proposals", page(s.createProposal))
	mux.Handle("GET /proposals/{id}", page(s.proposalPage))
	mux.Handle("GET /proposals/{id}/edit", page(s.editProposalPage))
	mux.Handle("POST /proposals/{id}/edit", page(s.updateProposal))
	mux.Handle("GET /proposals/{id}/versions", page(s.versionsPage))
	mux.Handle("GET /proposals/{id}/amend", page(s.amendPage))
	mux.Handle("POST /proposals/{id}/amend", page(s.proposeAmendment))
	mux.Handle("POST /proposals/{id}/amendments/{aid}/{decision}", page(s.decideAmendment))
	mux.Handle("POST /proposals/{id}/comments/{cid}/hide", page(s.hideComment))
	mux.Handle("GET /proposals/{id}/paper", page(s.paperSignaturesPage))
	mux.Handle("POST /proposals/{id}/paper", page(s.enterPaperSignature))
	mux.Handle("POST /proposals/{id}/{action}", page(s.proposalAction))

	mux.Handle("GET /meetings", page(s.meetingsPage))
	mux.Handle("GET /meetings/{id}", page(s.meetingPage))
	mux.Handle("GET /meetings/{id}/events", page(s.meetingEvents))
	mux.Handle("GET /meetings/{id}/screen", page(s.screenPage))
	mux.Handle("GET /meetings/{id}/my-code.png", page(s.myCode))
	mux.Handle("POST /meetings/{id}/check-in", page(s.checkInForm))
	mux.Handle("GET /meetings/{id}/host", page(s.hostPage))
	mux.Handle("GET /meetings/{id}/admit/{member}", page(s.admitPage))
	mux.Handle("POST /meetings/{id}/votes", page(s.openVoteForm))
	mux.Handle("POST /meetings/{id}/votes/{vid}/ballot", page(s.castVoteForm))
	mux.Handle("POST /meetings/{id}/votes/{vid}/room", page(s.roomVotesForm))
	mux.Handle("POST /meetings/{id}/votes/{vid}/close", page(s.closeVoteForm))
	mux.Handle("POST /meetings/{id}/minutes", page(s.minutesForm))

	mux.Handle("GET /admin", page(s.adminPage))
	mux.Handle("POST /admin/bodies", page(s.adminCreateBody))
	mux.Handle("POST /admin/bodies/{id}", page(s.adminUpdateBody))
	mux.Handle("POST /admin/seats", page(s.adminCreateSeat))
	mux.Handle("POST /admin/positions", page(s.adminCreatePosition))
	mux.Handle("POST /admin/positions/{id}/end", page(s.adminEndPosition))

	mux.Handle("GET /api/v1/openapi.json", http.HandlerFunc(s.openAPI))
	mux.Handle("GET /api/v1/me", api(s.apiMe))
	mux.Handle("GET /api/v1/me/data", api(s.apiMyData))
	mux.Handle("PUT /api/v1/me/preferences", api(s.apiSetPreferences))
	mux.Handle("GET /api/v1/bodies", api(s.apiBodies))
	mux.Handle("GET /api/v1/bodies/{slug}", api(s.apiBody))
	mux.Handle("POST /api/v1/bodies/{slug}/join", api(s.apiJoin))
	mux.Handle("POST /api/v1/bodies/{slug}/leave", api(s.apiLeave))
	mux.Handle("POST /api/v1/bodies/{slug}/request", api(s.apiRequestToJoin))
	mux.Handle("GET /api/v1/members/{id}", api(s.apiMember))
	mux.Handle("GET /api/v1/roster", api(s.apiRoster))
	mux.Handle("GET /api/v1/imports", api(s.apiImports))
	mux.Handle("POST /api/v1/imports", api(s.apiImport))
	mux.Handle("GET /api/v1/elections", api(s.apiElections))
	mux.Handle("GET /api/v1/elections/{id}", api(s.apiElection))
	mux.Handle("POST /api/v1/elections/{id}/ballot", api(s.apiCastBallot))
	mux.Handle("GET /api/v1/proposals", api(s.apiProposals))
	mux.Handle("POST /api/v1/proposals", api(s.apiCreateProposal))
	mux.Handle("GET /api/v1/proposals/{id}", api(s.apiProposal))
	mux.Handle("POST /api/v1/proposals/{id}/signature", api(s.apiSign))
	mux.Handle("DELETE /api/v1/proposals/{id}/signature", api(s.apiUnsign))
	mux.Handle("PUT /api/v1/proposals/{id}", api(s.apiUpdateProposal))
	mux.Handle("POST /api/v1/proposals/{id}/paper-signatures", api(s.apiPaperSignature))
	mux.Handle("POST /api/v1/proposals/{id}/amendments", api(s.apiProposeAmendment))
	mux.Handle("POST /api/v1/proposals/{id}/amendments/{aid}/{decision}", api(s.apiDecideAmendment))
	mux.Handle("POST /api/v1/proposals/{id}/comments", api(s.apiComment))
	mux.Handle("POST /api/v1/proposals/{id}/comments/{cid}/hide", api(s.apiHideComment))
	mux.Handle("GET /api/v1/proposals/{id}/diff", api(s.apiVersionDiff))
	mux.Handle("POST /api/v1/proposals/{id}/steps/{step}", api(s.apiProposalStep))
	mux.Handle("GET /api/v1/meetings", api(s.apiMeetings))
	mux.Handle("POST /api/v1/meetings", api(s.apiCreateMeeting))
	mux.Handle("GET /api/v1/meetings/{id}", api(s.apiMeeting))
	mux.Handle("POST /api/v1/meetings/{id}/check-in", api(s.apiCheckIn))
	mux.Handle("GET /api/v1/meetings/{id}/attendance", api(s.apiAttendance))
	mux.Handle("GET /api/v1/meetings/{id}/check-in-search", api(s.apiCheckInSearch))
	mux.Handle("GET /api/v1/meetings/{id}/events", api(s.meetingEvents))
	mux.Handle("GET /api/v1/meetings/{id}/votes", api(s.apiVotes))
	mux.Handle("POST /api/v1/meetings/{id}/votes", api(s.apiOpenVote))
	mux.Handle("POST /api/v1/meetings/{id}/votes/{vid}/ballot", api(s.apiCastMeetingVote))
	mux.Handle("POST /api/v1/meetings/{id}/votes/{vid}/room", api(s.apiRoomVotes))
	mux.Handle("POST /api/v1/meetings/{id}/votes/{vid}/close", api(s.apiCloseVote))
	mux.Handle("PUT /api/v1/meetings/{id}/minutes", api(s.apiSaveMinutes))
	mux.Handle("POST /api/v1/meetings/{id}/minutes/approve", api(s.apiApproveMinutes))
	mux.Handle("GET /api/v1/me/meetings", api(s.apiMyMeetings))
	mux.Handle("GET /api/v1/", api(s.apiNotFound))

	mux.Handle("/", page(s.notFound))
	return s.common(mux)
}

// common wraps every request: metrics and logs around it, then the
// security headers and the cross-origin check before anything runs.
func (s *Server) common(h http.Handler) http.Handler {
	h = http.NewCrossOriginProtection().Handler(h)
	h = securityHeaders(h)
	return s.observe(h)
}

// cacheForever lets browsers keep static files: their names carry versions.
func cacheForever(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		h.ServeHTTP(w, r)
	})
}
