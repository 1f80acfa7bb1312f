package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
)

// nominate puts a member forward: the form's email address, or the
// member themselves when it is blank.
func (s *Server) nominate(w http.ResponseWriter, r *http.Request) error {
	id, err := electionID(r)
	if err != nil {
		return err
	}
	contest, _ := strconv.ParseInt(r.FormValue("contest"), 10, 64)
	if err := s.app.Nominate(r.Context(), req(r).actor, id, contest, r.FormValue("email")); err != nil {
		return err
	}
	return redirect(w, r, "/elections/"+r.PathValue("id")+"?nominated=1")
}

// candidateAction accepts, declines, seconds or withdraws a candidacy, or
// saves its statement.
func (s *Server) candidateAction(w http.ResponseWriter, r *http.Request) error {
	id, err := electionID(r)
	if err != nil {
		return err
	}
	cid, err := strconv.ParseInt(r.PathValue("cid"), 10, 64)
	if err != nil {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such candidate")
	}
	ctx, actor := r.Context(), req(r).actor
	switch r.PathValue("action") {
	case "accept", "decline":
		err = s.app.AnswerNomination(ctx, actor, id, cid, r.PathValue("action") == "accept")
	case "second":
		err = s.app.Second(ctx, actor, id, cid)
	case "withdraw":
		err = s.app.Withdraw(ctx, actor, id, cid)
	case "statement":
		err = s.app.SetStatement(ctx, actor, id, cid, r.FormValue("statement"), splitTags(r.FormValue("tags")))
	default:
		err = rankfile.Errorf(rankfile.ENOTFOUND, "no such action")
	}
	if err != nil {
		return err
	}
	return redirect(w, r, "/elections/"+r.PathValue("id"))
}

// splitTags reads tags written with commas between them.
func splitTags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}
