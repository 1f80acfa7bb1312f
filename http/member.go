package http

import (
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

func (s *Server) memberPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderMember(w, r, http.StatusOK, &memberData{Done: r.URL.Query().Get("done")})
}

// renderMember shows a member's page as the viewer may see it, with the
// forms given (filled in as sent, after a mistake).
func (s *Server) renderMember(w http.ResponseWriter, r *http.Request, status int, data *memberData) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such member")
	}
	actor := req(r).actor
	m, v, err := s.app.Member(r.Context(), actor, id)
	if err != nil {
		return err
	}
	names, err := s.branchNames(r.Context())
	if err != nil {
		return err
	}
	data.Member, data.Full, data.BranchName = m, v >= rankfile.SeeEverything, names[m.Branch.Slug]
	if data.ChapterName, err = s.app.ChapterName(r.Context(), m); err != nil {
		return err
	}
	if data.Full && actor.Steward {
		if data.Sensitive, err = s.app.Sensitive(r.Context(), actor, id); err != nil {
			return err
		}
	}
	if data.Record, err = s.app.MemberRecordOf(r.Context(), actor, id); err != nil {
		return err
	}
	if actor.CanSeeTrainingRecord(id) {
		if data.Training, err = s.app.TrainingRecord(r.Context(), actor, id); err != nil {
			return err
		}
	}
	if data.Conversations, err = s.app.Conversations(r.Context(), actor, id); err != nil {
		return err
	}
	return s.renderStatus(w, r, status, "member.html", data)
}

// memberData is a member's page: what the viewer may see of them, and, for
// a data steward, the forms that change their standing override and roles.
type memberData struct {
	Member    *rankfile.Member
	Full      bool
	Sensitive *rankfile.MemberSensitive
	// BranchName names the member's branch, "" when they have none.
	BranchName string
	// ChapterName names the member's chapter where there are several.
	ChapterName string
	Record      *app.MemberRecord
	// Conversations are the member's one-on-ones the viewer may read; nil
	// when they have none to read or write.
	Conversations *app.Conversations
	// Training is the member's training record, for the member and data
	// stewards; nil for others.
	Training *app.TrainingRecord
	// Override is the override form as sent; Problems names each field
	// that was wrong with the message key that says why.
	Override app.OverrideForm
	// Point is the point as typed, when it was wrong.
	Point    *string
	Problems map[string]string
	Problem  string
	Done     string
}
