package http_test

import (
	"bytes"
	"image"
	"image/jpeg"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// elections makes three chapter-wide elections: the first (id 1) open for
// voting, its record for members only, run by the steward and the
// coordinator; the second (id 2) voted a day ago,
// counted, its record public; the third (id 3, contest 3) taking
// nominations, each needing one seconder. Candidate ids are 1 and 2 in the
// first and 3, 4 and 5 in the second.
func (w *world) elections() {
	now := time.Now()
	chapter := w.bodies["chapter"]
	open := &rankfile.Election{Title: "Co-chair election", BodyID: chapter.ID,
		AdminIDs: []int64{w.member("1").ID, w.member("3").ID},
		Cutoff:   rankfile.DateOf(now.In(w.db.Zone)).AddDays(-1), Seed: "1",
		NominationsOpen: now.Add(-72 * time.Hour), NominationsClose: now.Add(-48 * time.Hour),
		VotingOpen: now.Add(-time.Hour), VotingClose: now.Add(48 * time.Hour),
		Contests: []*rankfile.Contest{{Title: "Co-chair", Seats: 1, Method: rankfile.MethodIRV,
			Candidates: w.candidates("3", "4")}}}
	past := &rankfile.Election{Title: "Delegates", BodyID: chapter.ID, RecordPublic: true,
		Cutoff: rankfile.DateOf(now.In(w.db.Zone)).AddDays(-3), Seed: "2",
		NominationsOpen: now.Add(-120 * time.Hour), NominationsClose: now.Add(-96 * time.Hour),
		VotingOpen: now.Add(-48 * time.Hour), VotingClose: now.Add(-24 * time.Hour),
		Contests: []*rankfile.Contest{{Title: "Delegates", Seats: 2, Method: rankfile.MethodMeek,
			Constraints: []string{"woman>=1"}, Candidates: w.candidates("1", "2", "8")}}}
	past.Contests[0].Candidates[2].Tags = []string{"woman"}
	nominating := &rankfile.Election{Title: "Committee chairs", BodyID: chapter.ID, Seconders: 1,
		Cutoff: rankfile.DateOf(now.In(w.db.Zone)).AddDays(5), Seed: "3",
		NominationsOpen: now.Add(-time.Hour), NominationsClose: now.Add(72 * time.Hour),
		VotingOpen: now.Add(7 * 24 * time.Hour), VotingClose: now.Add(8 * 24 * time.Hour),
		Contests: []*rankfile.Contest{{Title: "Chair", Seats: 1, Method: rankfile.MethodIRV}}}
	admin := &rankfile.Actor{Member: w.member("2"), Admin: true}
	for _, e := range []*rankfile.Election{open, past, nominating} {
		if err := w.app.CreateElection(ctx, admin, e); err != nil {
			w.t.Fatal(err)
		}
	}
	w.shift = -36 * time.Hour // while the second election was open
	c := past.Contests[0].Candidates
	for voter, ranking := range map[string][]int64{"1": {c[0].ID, c[2].ID}, "3": {c[2].ID}, "5": {c[1].ID, c[0].ID}} {
		b := &rankfile.Ballot{Rankings: map[int64][]int64{past.Contests[0].ID: ranking}}
		code, err := w.app.CastBallot(ctx, &rankfile.Actor{Member: w.member(voter)}, past.ID, b)
		if err != nil {
			w.t.Fatal(err)
		}
		if voter == "1" {
			w.receipt = code
		}
	}
	w.shift = 0
}

// candidates puts members forward, accepted, by national id.
func (w *world) candidates(nationalIDs ...string) []*rankfile.Candidate {
	var out []*rankfile.Candidate
	for _, id := range nationalIDs {
		m := w.member(id)
		out = append(out, &rankfile.Candidate{MemberID: m.ID, Name: m.FullName(), Status: rankfile.CandidateAccepted})
	}
	return out
}

// TestVotingWithoutJavaScript goes through the ballot as a browser without
// scripts would: numbers chosen in the form, a review, the cast ballot and
// its receipt; then a second ballot is refused and the election page says
// the member has voted.
func TestVotingWithoutJavaScript(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	c := w.client("member")
	status, page := w.do(c, "GET", "/elections/1/ballot", nil)
	if status != 200 || !strings.Contains(page, `<label for="rank-1">Cora Coordinator</label>`) {
		t.Fatalf("ballot: %d\n%s", status, page)
	}
	choices := url.Values{"rank-1": {"2"}, "rank-2": {"1"}}
	status, page = w.do(c, "POST", "/elections/1/ballot/review", choices)
	cora, chen := strings.Index(page, "Cora Coordinator"), strings.Index(page, "Chen Cochair")
	if status != 200 || chen < 0 || cora < chen {
		t.Fatalf("review: %d; want Chen first, then Cora\n%s", status, page)
	}
	if status, page = w.do(c, "POST", "/elections/1/ballot/edit", choices); status != 200 || !strings.Contains(page, `<option value="2" selected>`) {
		t.Errorf("changing the ballot does not keep the choices: %d", status)
	}
	status, page = w.do(c, "POST", "/elections/1/ballot/review", url.Values{"rank-1": {"1"}, "rank-2": {"1"}})
	if status != 400 || !strings.Contains(page, "you gave number 1 to both") {
		t.Errorf("two candidates numbered 1: %d", status)
	}
	status, page = w.do(c, "POST", "/elections/1/ballot", choices)
	code := regexp.MustCompile(`<code>([0-9A-Z-]{19})</code>`).FindStringSubmatch(page)
	if status != 200 || code == nil {
		t.Fatalf("casting: %d, no receipt code\n%s", status, page)
	}
	if status, page = w.do(c, "POST", "/elections/1/ballot", choices); status != 409 || !strings.Contains(page, "already voted") {
		t.Errorf("a second ballot: %d", status)
	}
	if _, page = w.do(c, "GET", "/elections/1", nil); !strings.Contains(page, "You have voted") {
		t.Errorf("the election page does not say the member has voted")
	}
}

// TestThePublicRecordOfACountedElection reads the results page and the
// public record of the counted election, signed in or not.
func TestThePublicRecordOfACountedElection(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	anon := w.client("")
	status, page := w.do(anon, "GET", "/elections/2/results", nil)
	if status != 200 || !strings.Contains(page, "<svg") || !strings.Contains(page, "Hal Housing") {
		t.Errorf("results: %d\n%s", status, page)
	}
	if _, page := w.do(anon, "GET", "/elections/2/results", nil, "Cookie", "rankfile_lang=es"); !strings.Contains(page, "<h3>Elegidos</h3>") ||
		!strings.Contains(page, "Ronda 1") || strings.Contains(page, "Decisions") {
		t.Errorf("the count on the results page is not in Spanish")
	}
	status, blt := w.do(anon, "GET", "/elections/2/ballots.blt", nil)
	if status != 200 || !strings.HasPrefix(blt, "3 2\n") || strings.Count(blt, "\n") != 1+3+1+3+1 {
		t.Errorf("ballots.blt: %d\n%s", status, blt)
	}
	status, receipts := w.do(anon, "GET", "/elections/2/receipts.txt", nil)
	if status != 200 || len(strings.Fields(receipts)) != 3 {
		t.Errorf("receipts.txt: %d\n%s", status, receipts)
	}
	status, tags := w.do(anon, "GET", "/elections/2/tags.csv", nil)
	if status != 200 || !strings.Contains(tags, "Hal Housing,woman") {
		t.Errorf("tags.csv: %d\n%s", status, tags)
	}
	status, result := w.do(anon, "GET", "/elections/2/result.json", nil)
	if status != 200 || !strings.Contains(result, `"electorate": 7`) || !strings.Contains(result, `"voted": 3`) {
		t.Errorf("result.json: %d\n%s", status, result)
	}
}

// TestNominatingThroughThePages has a member nominate herself and write
// her statement, with markup that must not run, and another member second
// her.
func TestNominatingThroughThePages(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	mia := w.client("member")
	if status, _ := w.do(mia, "POST", "/elections/3/nominate", url.Values{"contest": {"3"}}); status != 303 {
		t.Fatalf("nominating herself: %d", status)
	}
	if status, _ := w.do(mia, "POST", "/elections/3/nominate", url.Values{"contest": {"3"}, "email": {"west@example.org"}}); status != 303 {
		t.Fatalf("nominating Wes: %d", status)
	}
	if m := w.smtp.Wait(t, "west@example.org", 5*time.Second); !strings.Contains(m.Text, "Mia Member has nominated you for Chair") ||
		len(m.Links()) == 0 || !strings.HasSuffix(m.Links()[0], "/elections/3") {
		t.Errorf("the nominee's email:\n%s", m.Text)
	}
	statement := "**Rent control** now.\n\n<script>alert(1)</script> [more](javascript:alert(1))"
	if status, _ := w.do(mia, "POST", "/elections/3/candidates/6/statement",
		url.Values{"statement": {statement}, "tags": {"woman, renter"}}); status != 303 {
		t.Fatalf("her statement: %d", status)
	}
	if status, _ := w.do(w.client("coordinator"), "POST", "/elections/3/candidates/6/second", url.Values{}); status != 303 {
		t.Fatalf("seconding: %d", status)
	}
	_, page := w.do(w.client("steward"), "GET", "/elections/3", nil)
	for _, want := range []string{"Mia Member", "<strong>Rent control</strong>", `<span class="tag">renter</span>`,
		"seconded by 1 of the 1"} {
		if !strings.Contains(page, want) {
			t.Errorf("the election page lacks %q", want)
		}
	}
	for _, bad := range []string{"<script>alert", "javascript:"} {
		if strings.Contains(page, bad) {
			t.Errorf("the statement's %q reached the page", bad)
		}
	}
}

// TestCallingAnElection has the admin call an election through the form,
// with its committee and two contests, and checks what a mistake in the
// form is told.
func TestCallingAnElection(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	admin := w.client("admin")
	if status, page := w.do(admin, "GET", "/elections/new", nil); status != 200 || !strings.Contains(page, `name="contest_title_5"`) {
		t.Fatalf("the form: %d", status)
	}
	day := func(days int) string { return time.Now().In(w.db.Zone).AddDate(0, 0, days).Format("2006-01-02") }
	form := url.Values{"title": {"Steering committee"}, "body": {itoa(w.bodies["chapter"].ID)}, "cutoff": {day(5)},
		"nominations_open": {day(1) + "T09:00"}, "nominations_close": {day(5) + "T21:00"},
		"voting_open": {day(6) + "T09:00"}, "voting_close": {day(9) + "T21:00"}, "seconders": {"2"},
		"committee": {"steward@example.org, cochair@example.org"}, "rules": {"One member, one vote."},
		"contest_title_0": {"Co-chair"}, "contest_seats_0": {"1"}, "contest_method_0": {"irv"},
		"contest_title_1": {"At-large"}, "contest_seats_1": {"5"}, "contest_method_1": {"meek"},
		"contest_constraints_1": {"woman>=2, poc>=1"}}
	if status, _ := w.do(admin, "POST", "/elections", form); status != 303 {
		t.Fatalf("calling the election: %d", status)
	}
	e, err := w.app.Election(ctx, 4)
	if err != nil {
		t.Fatal(err)
	}
	if e.Title != "Steering committee" || len(e.Contests) != 2 || len(e.AdminIDs) != 2 || e.Seconders != 2 ||
		e.Contests[1].Constraints[1] != "poc>=1" || e.VotingOpen.In(w.db.Zone).Format("15:04") != "09:00" {
		t.Errorf("the election stored: %+v", e)
	}
	cochair := w.client("cochair")
	if status, page := w.do(cochair, "GET", "/elections/4/edit", nil); status != 200 ||
		!strings.Contains(page, `name="contest_id_1" value="`+itoa(e.Contests[1].ID)+`"`) ||
		!strings.Contains(page, `value="woman&gt;=2, poc&gt;=1"`) {
		t.Errorf("the committee's form: %d", status)
	}
	edit := url.Values{}
	for k, v := range form {
		edit[k] = v
	}
	edit.Set("title", "Steering committee 2027")
	edit.Set("contest_id_0", itoa(e.Contests[0].ID))
	edit.Set("contest_id_1", itoa(e.Contests[1].ID))
	edit.Set("contest_title_1", "") // removed
	edit.Set("contest_title_2", "Treasurer")
	edit.Set("contest_seats_2", "1")
	edit.Set("contest_method_2", "irv")
	if status, _ := w.do(w.client("member"), "POST", "/elections/4/edit", edit); status != 403 {
		t.Errorf("a member off the committee changing the set-up: %d", status)
	}
	if status, _ := w.do(cochair, "POST", "/elections/4/edit", edit); status != 303 {
		t.Fatalf("the committee changing the set-up: %d", status)
	}
	if e, err = w.app.Election(ctx, 4); err != nil || e.Title != "Steering committee 2027" || len(e.Contests) != 2 ||
		e.Contests[1].Title != "Treasurer" || len(e.AdminIDs) != 2 {
		t.Errorf("after the change: %+v, %v", e, err)
	}
	if status, _ := w.do(admin, "POST", "/elections/3/edit", edit); status != 409 {
		t.Errorf("changing an election taking nominations: %d", status)
	}
	form.Set("contest_constraints_1", "woman=>2")
	if status, page := w.do(admin, "POST", "/elections", form); status != 400 || !strings.Contains(page, "TAG&gt;=N") {
		t.Errorf("a constraint written wrong: %d", status)
	}
	form.Set("contest_constraints_1", "")
	form.Set("voting_open", day(4)+"T09:00")
	if status, page := w.do(admin, "POST", "/elections", form); status != 400 || !strings.Contains(page, "once nominations have closed") {
		t.Errorf("voting opening before nominations close: %d", status)
	}
}

// TestElectionEmails queues and sends the emails that are due, twice: the
// open election's opening and the counted one's results go to their rolls
// once. A day before the close, the reminder goes to those who have not
// voted, and not to one who voted after it was queued.
func TestElectionEmails(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) { checkElectionEmails(t, newWorld(t, dsn)) })
}

func checkElectionEmails(t *testing.T, w *world) {
	send := func() {
		if err := w.app.QueueElectionMail(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := w.app.SendOutbox(ctx, "https://rankfile.test"); err != nil {
			t.Fatal(err)
		}
	}
	send()
	send()
	bySubject := map[string][]string{}
	for _, m := range w.smtp.Messages() {
		bySubject[m.Subject] = append(bySubject[m.Subject], m.To...)
	}
	opening, results := bySubject["Voting is open: Co-chair election"], bySubject["Results: Delegates"]
	if len(opening) != 7 || len(results) != 7 || len(bySubject) != 2 {
		t.Errorf("sent %v; want the opening and the results once to each of the 7 on the roll", bySubject)
	}
	for _, to := range append(opening, results...) {
		if to == "lapsed@example.org" {
			t.Errorf("a member off the roll was sent %v", bySubject)
		}
	}
	if m := w.smtp.Wait(t, "member@example.org", time.Second); len(m.Links()) == 0 ||
		m.Links()[0] != "https://rankfile.test/elections/1" {
		t.Errorf("the opening's link: %v\n%s", m.Links(), m.Text)
	}
	if _, err := w.app.CastBallot(ctx, &rankfile.Actor{Member: w.member("5")}, 1,
		&rankfile.Ballot{Rankings: map[int64][]int64{1: {1}}}); err != nil {
		t.Fatal(err)
	}
	w.shift = 25 * time.Hour
	if err := w.app.QueueElectionMail(ctx); err != nil { // the six who have not voted
		t.Fatal(err)
	}
	if _, err := w.app.CastBallot(ctx, &rankfile.Actor{Member: w.member("3")}, 1, // before the reminder goes
		&rankfile.Ballot{Rankings: map[int64][]int64{1: {1}}}); err != nil {
		t.Fatal(err)
	}
	send()
	var reminded []string
	for _, m := range w.smtp.Messages() {
		if strings.HasPrefix(m.Subject, "Voting closes soon") {
			reminded = append(reminded, m.To...)
		}
	}
	if got := strings.Join(reminded, ","); len(reminded) != 5 || strings.Contains(got, "member@example.org") || strings.Contains(got, w.member("3").Email) {
		t.Errorf("reminded %v; want the 5 on the roll who have not voted", reminded)
	}
}

// TestPaperBallotsThroughThePages has the steward enter a batch of paper
// ballots and the coordinator, also on the committee, confirm it.
func TestPaperBallotsThroughThePages(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	steward, coordinator := w.client("steward"), w.client("coordinator")
	if status, page := w.do(steward, "GET", "/elections/1/paper", nil); status != 200 || !strings.Contains(page, "2 Chen Cochair") {
		t.Fatalf("the paper desk: %d", status)
	}
	form := url.Values{"voters": {"housing@example.org\n"}, "ballots": {"2 1\n"}}
	if status, _ := w.do(steward, "POST", "/elections/1/paper", form); status != 303 {
		t.Fatalf("entering a batch: %d", status)
	}
	if _, page := w.do(steward, "GET", "/elections/1/paper", nil); strings.Contains(page, "/paper/1/confirm") {
		t.Errorf("the member who entered the batch is offered to confirm it")
	}
	if status, _ := w.do(coordinator, "POST", "/elections/1/paper/1/confirm", url.Values{}); status != 303 {
		t.Fatalf("confirming: %d", status)
	}
	if roll, _ := w.app.Elections.Roll(ctx, 1, w.member("8").ID); !roll.Voted {
		t.Errorf("the paper voter is not marked on the roll")
	}
	if _, page := w.do(coordinator, "GET", "/elections/1/paper", nil); !strings.Contains(page, "confirmed") {
		t.Errorf("the batch does not show as confirmed")
	}
}

// TestFindingOnesBallotByReceipt looks up the steward's ballot in the
// counted election by her receipt code, typed in lower case.
func TestFindingOnesBallotByReceipt(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	anon := w.client("")
	status, page := w.do(anon, "POST", "/elections/2/receipt", url.Values{"code": {strings.ToLower(w.receipt)}})
	stella, hal := strings.Index(page, "<li>Stella Steward</li>"), strings.Index(page, "<li>Hal Housing</li>")
	if status != 200 || stella < 0 || hal < stella {
		t.Errorf("the ballot found: %d; want Stella, then Hal\n%s", status, page)
	}
	if status, _ := w.do(anon, "POST", "/elections/2/receipt", url.Values{"code": {"AAAA-BBBB-CCCC-DDDD"}}); status != 404 {
		t.Errorf("a code nobody was given: %d", status)
	}
}

// TestACandidatesPhoto uploads a candidate's photo, a large JPEG with a
// location in its metadata: the photo shown is smaller and keeps only the
// picture. A file that is no picture is refused, and the photo can be
// removed.
func TestACandidatesPhoto(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	mia := w.client("member")
	if status, _ := w.do(mia, "POST", "/elections/3/nominate", url.Values{"contest": {"3"}}); status != 303 {
		t.Fatalf("nominating herself: %d", status)
	}
	big := image.NewRGBA(image.Rect(0, 0, 1600, 1200))
	for i := range big.Pix {
		big.Pix[i] = byte(i)
	}
	var photo bytes.Buffer
	jpeg.Encode(&photo, big, nil)
	// An APP1 segment after the start of the image, as a phone's EXIF
	// with its location would be.
	withLocation := append([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x12}, []byte("Exif\x00\x00GPSLatitude")...)
	withLocation = append(withLocation, photo.Bytes()[2:]...)
	if status := w.upload(mia, "/elections/3/candidates/6/photo", "photo", withLocation); status != 303 {
		t.Fatalf("uploading: %d", status)
	}
	status, shown := w.do(w.client(""), "GET", "/elections/3/candidates/6/photo", nil)
	img, err := jpeg.Decode(strings.NewReader(shown))
	if status != 200 || err != nil || img.Bounds().Dx() != 600 || img.Bounds().Dy() != 450 {
		t.Errorf("the photo shown: %d, %v, %v", status, err, img)
	}
	if strings.Contains(shown, "GPSLatitude") {
		t.Errorf("the photo shown keeps the upload's metadata")
	}
	if status := w.upload(mia, "/elections/3/candidates/6/photo", "photo", []byte("not a picture")); status != 400 {
		t.Errorf("a file that is no picture: %d", status)
	}
	if status := w.upload(w.client("coordinator"), "/elections/3/candidates/6/photo", "photo", photo.Bytes()); status != 404 {
		t.Errorf("someone else's photo: %d", status)
	}
	if status, _ := w.do(mia, "POST", "/elections/3/candidates/6/photo", url.Values{"remove": {"1"}}); status != 303 {
		t.Errorf("removing: %d", status)
	}
	if status, _ := w.do(w.client(""), "GET", "/elections/3/candidates/6/photo", nil); status != 404 {
		t.Errorf("the removed photo: %d", status)
	}
}

// upload posts a file in a multipart form, as a browser's file input does.
func (w *world) upload(c *http.Client, path, field string, content []byte) int {
	w.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, _ := mw.CreateFormFile(field, "upload")
	part.Write(content)
	mw.Close()
	r, _ := http.NewRequest("POST", w.srv.URL+path, &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(r)
	if err != nil {
		w.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
