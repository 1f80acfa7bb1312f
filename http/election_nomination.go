package http

import (
	"context"
	"io"
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// nominate puts a member forward: the form's email address, or the
// member themselves when it is blank.
func (s *Server) nominate(w http.ResponseWriter, r *http.Request) error {
	id, err := electionID(r)
	if err != nil {
		return err
	}
	contest, _ := strconv.ParseInt(r.FormValue("contest"), 10, 64)
	link := s.linkTo(r, "/elections/"+r.PathValue("id"))
	if err := s.app.Nominate(r.Context(), req(r).actor, id, contest, r.FormValue("email"), link); err != nil {
		return s.electionPageProblem(w, r, err, "nominate-"+strconv.FormatInt(contest, 10))
	}
	return redirect(w, r, "/elections/"+r.PathValue("id")+"?nominated=1")
}

// acceptNomination is the candidate's yes to their nomination.
func (s *Server) acceptNomination(w http.ResponseWriter, r *http.Request) error {
	return s.candidacyStep(w, r, func(ctx context.Context, actor *rankfile.Actor, id, cid int64) error {
		return s.app.AnswerNomination(ctx, actor, id, cid, true)
	})
}

// declineNomination is the candidate's no to their nomination.
func (s *Server) declineNomination(w http.ResponseWriter, r *http.Request) error {
	return s.candidacyStep(w, r, func(ctx context.Context, actor *rankfile.Actor, id, cid int64) error {
		return s.app.AnswerNomination(ctx, actor, id, cid, false)
	})
}

// secondNomination seconds a candidacy.
func (s *Server) secondNomination(w http.ResponseWriter, r *http.Request) error {
	return s.candidacyStep(w, r, s.app.Second)
}

// withdrawCandidacy withdraws a candidacy.
func (s *Server) withdrawCandidacy(w http.ResponseWriter, r *http.Request) error {
	return s.candidacyStep(w, r, s.app.Withdraw)
}

// statementFields names the field of a candidate's statement form each
// rule of statements concerns, by the rule's message.
var statementFields = map[string]string{
	"a statement may be up to %d characters": "statement",
	"up to 10 tags":                          "tags",
	"a tag is a word or two, without commas or quotes, beginning with a letter or digit: %q": "tags",
}

// saveStatement saves a candidate's statement and tags; a mistake in
// either comes back in the form, as typed, marked on its field.
func (s *Server) saveStatement(w http.ResponseWriter, r *http.Request) error {
	id, cid, err := candidateIDs(r)
	if err != nil {
		return err
	}
	err = s.app.SetStatement(r.Context(), req(r).actor, id, cid, r.FormValue("statement"), splitTags(r.FormValue("tags")))
	if err != nil {
		field := "candidate"
		if f := problemOf(req(r), err, statementFields).Field; f != "" {
			field = f
		}
		return s.electionPageProblem(w, r, err, field+"-"+strconv.FormatInt(cid, 10))
	}
	return redirect(w, r, "/elections/"+r.PathValue("id"))
}

// candidacyStep takes one step of a candidacy, the one the route names,
// and comes back to the election's page.
func (s *Server) candidacyStep(w http.ResponseWriter, r *http.Request, step func(ctx context.Context, actor *rankfile.Actor, id, cid int64) error) error {
	id, cid, err := candidateIDs(r)
	if err != nil {
		return err
	}
	if err := step(r.Context(), req(r).actor, id, cid); err != nil {
		return s.electionPageProblem(w, r, err, "candidate-"+strconv.FormatInt(cid, 10))
	}
	return redirect(w, r, "/elections/"+r.PathValue("id"))
}

// candidateIDs reads the election and candidate of the request's path.
func candidateIDs(r *http.Request) (int64, int64, error) {
	id, err := electionID(r)
	if err != nil {
		return 0, 0, err
	}
	cid, err := strconv.ParseInt(r.PathValue("cid"), 10, 64)
	if err != nil {
		return 0, 0, rankfile.Errorf(rankfile.ENOTFOUND, "no such candidate")
	}
	return id, cid, nil
}

// uploadPhoto stores the candidate's photo from the form's file, or
// removes it when the form asks to; a file refused comes back marked on
// the photo's field (a browser never fills a file field again itself).
func (s *Server) uploadPhoto(w http.ResponseWriter, r *http.Request) error {
	id, cid, err := candidateIDs(r)
	if err != nil {
		return err
	}
	if actor := req(r).actor; !actor.SignedIn() {
		return actor.Require(false) // before the upload is read
	}
	r.Body = http.MaxBytesReader(w, r.Body, app.MaxPhotoUpload+64<<10)
	upload, err := readPhoto(r)
	if err == nil {
		err = s.app.SetPhoto(r.Context(), req(r).actor, id, cid, upload)
	}
	if err != nil {
		return s.electionPageProblem(w, r, err, "photo-"+strconv.FormatInt(cid, 10))
	}
	return redirect(w, r, "/elections/"+r.PathValue("id"))
}

// readPhoto reads the photo form's file: none when the form asks to
// remove the photo.
func readPhoto(r *http.Request) ([]byte, error) {
	if r.FormValue("remove") != "" {
		return nil, nil
	}
	file, _, err := r.FormFile("photo")
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "choose a photo of at most %d MB", app.MaxPhotoUpload>>20)
	}
	defer file.Close()
	upload, err := io.ReadAll(file)
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the photo could not be read")
	}
	return upload, nil
}

// photo serves a candidate's photo.
func (s *Server) photo(w http.ResponseWriter, r *http.Request) error {
	id, cid, err := candidateIDs(r)
	if err != nil {
		return err
	}
	jpeg, err := s.app.Photo(r.Context(), id, cid)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, err = w.Write(jpeg)
	return err
}
