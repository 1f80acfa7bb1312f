package http

import (
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
)

func (s *Server) memberPage(w http.ResponseWriter, r *http.Request) error {
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
	data := memberData{Member: m, Full: v >= rankfile.SeeEverything, BranchName: names[m.Branch.Slug]}
	if data.Full && actor.Steward {
		if data.Sensitive, err = s.app.Sensitive(r.Context(), actor, id); err != nil {
			return err
		}
	}
	return s.render(w, r, "member.html", data)
}

// memberData is a member's page: what the viewer may see of them.
type memberData struct {
	Member    *rankfile.Member
	Full      bool
	Sensitive *rankfile.MemberSensitive
	// BranchName names the member's branch, "" when they have none.
	BranchName string
}
