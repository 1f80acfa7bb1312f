package rankfile_test

import (
	"testing"

	"github.com/rankfile/rankfile"
)

// TestTrainersSeeTheirSessionsFeedback checks who sees a session's
// feedback: its trainer, though she leads none of its hosts, and not a
// member who is not; the answers only from five.
func TestTrainersSeeTheirSessionsFeedback(t *testing.T) {
	e := &rankfile.Event{BodyID: 9}
	trainer := &rankfile.Actor{Member: &rankfile.Member{ID: 7}}
	member := &rankfile.Actor{Member: &rankfile.Member{ID: 8}}
	if !trainer.CanSeeFeedback(e, []int64{7}) || member.CanSeeFeedback(e, []int64{7}) || trainer.CanSeeFeedback(e, nil) {
		t.Error("the session's trainer, and only she, sees its feedback")
	}
	if trainer.CanSeeFeedbackAnswers(e, []int64{7}, 4) || !trainer.CanSeeFeedbackAnswers(e, []int64{7}, 5) {
		t.Error("the trainer sees the answers from five")
	}
}
