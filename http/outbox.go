package http

import (
	"net/http"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// outboxPage shows admins the email owed and what is stuck.
func (s *Server) outboxPage(w http.ResponseWriter, r *http.Request) error {
	st, err := s.app.OutboxStatus(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	return s.render(w, r, "outbox.html", &outboxView{OutboxStatus: st, States: noticeStates,
		Done: r.URL.Query().Get("done")})
}

// outboxView is the outbox's page.
type outboxView struct {
	*app.OutboxStatus
	States []rankfile.NoticeState
	Done   string
}

// noticeStates are the states the outbox's page counts, in order.
var noticeStates = []rankfile.NoticeState{rankfile.NoticePending, rankfile.NoticeSending, rankfile.NoticeSent,
	rankfile.NoticeHeld, rankfile.NoticeFailed, rankfile.NoticeDropped}

// releaseNoticeForm sends a held or failed email again.
func (s *Server) releaseNoticeForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "nid", "email")
	if err != nil {
		return err
	}
	if err := s.app.ReleaseNotice(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	return redirect(w, r, "/admin/outbox?done=released")
}
