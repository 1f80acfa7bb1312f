package http

import (
	"net/http"

	"github.com/rankfile/rankfile"
)

// The ladder's page, for admins: the chapter's stages as text to edit,
// with what each line may count, and the stages as members see them.

// ladderData is the ladder's page.
type ladderData struct {
	Text    string
	Ladder  rankfile.Ladder // as stored, for the list of stages
	Done    bool
	Problem string
}

func (s *Server) ladderPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderLadder(w, r, http.StatusOK, ladderData{Done: r.URL.Query().Get("done") == "saved"})
}

// renderLadder shows the stored ladder, and in the form the text typed, or
// the stored ladder's when there is none.
func (s *Server) renderLadder(w http.ResponseWriter, r *http.Request, status int, d ladderData) error {
	var err error
	if d.Ladder, err = s.app.Ladder(r.Context(), req(r).actor); err != nil {
		return err
	}
	if d.Text == "" {
		d.Text = d.Ladder.String()
	}
	return s.renderStatus(w, r, status, "ladder.html", d)
}

// saveLadderForm writes the ladder; one that does not read comes back in
// the form as typed, with what is wrong.
func (s *Server) saveLadderForm(w http.ResponseWriter, r *http.Request) error {
	text := r.FormValue("ladder")
	err := s.app.SetLadder(r.Context(), req(r).actor, text)
	if code := rankfile.ErrorCode(err); code == rankfile.EINVALID {
		return s.renderLadder(w, r, statuses[code], ladderData{Text: text, Problem: req(r).l.Error(err)})
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/ladder?done=saved")
}
