package app_test

import (
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestANameThatFindsNoOneIsAnErrorAboutItsField: the names typed for a
// session's chair and secretary that find no one, or a chair id outside
// the body, come back as errors about that field (rankfile.FieldError),
// with the problem in a word, so that the form marks the field without
// reading the English message.
func TestANameThatFindsNoOneIsAnErrorAboutItsField(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		c := &rankfile.Body{Kind: rankfile.KindCommittee, Slug: "labor", Name: "Labor", ParentID: w.chapter.ID}
		if err := w.app.Bodies.CreateBody(ctx, c); err != nil {
			t.Fatal(err)
		}
		field := rankfile.SessionField(1, "secretary")
		_, err := w.app.ResolveMember(ctx, w.admin, c, field, "Nobody Here")
		if fe := rankfile.FieldOf(err); fe == nil || fe.Field != "session-1-secretary" || fe.Problem != "unknown" || rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a name that finds no one: %v, about %+v", err, fe)
		}
		_, err = w.app.ResolveMember(ctx, w.admin, c, field, "N")
		if fe := rankfile.FieldOf(err); fe == nil || fe.Field != field || fe.Problem != "" || rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a name too short: %v, about %+v", err, fe)
		}
		m := w.newMeeting(&rankfile.Proposal{})
		m.BodyID, m.Agenda = c.ID, nil
		err = w.app.CreateMeeting(ctx, w.admin, m)
		if fe := rankfile.FieldOf(err); fe == nil || fe.Field != "session-0-chair" || rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a chair outside the body: %v, about %+v", err, fe)
		}
	})
}
