package rankfile

import "slices"

// What hosts see of feedback: per question the average and how many gave
// each score, and the free texts, over one event or a set of them (a
// series, a body's events, a course's). An event counts only once it has
// FeedbackThreshold answers, so that no sum over a set, less what another
// set shows, gives away a handful of answers.

// FeedbackResults is the feedback over a set of events.
type FeedbackResults struct {
	// Events is how many events are counted; Withheld how many had too
	// few answers to count.
	Events   int `json:"events"`
	Withheld int `json:"withheld"`
	// Answered is how many answers are counted.
	Answered  int                      `json:"answered"`
	Questions []*FeedbackQuestionTally `json:"questions"`
	Texts     []FeedbackText           `json:"texts"`
}

// Shown reports whether there is anything to show: some event whose
// answers the reader may see (Actor.CanSeeFeedbackAnswers, which holds
// the threshold, decides which).
func (r *FeedbackResults) Shown() bool { return r.Events > 0 }

// FeedbackQuestionTally is what one question was answered.
type FeedbackQuestionTally struct {
	// Key names the question ("useful"): its text is the message
	// "feedback.q." + Key.
	Key      string  `json:"key"`
	Answered int     `json:"answered"`
	Average  float64 `json:"average"`
	// Counts holds how many gave each score, Counts[0] for a 1.
	Counts [FeedbackScale]int `json:"counts"`
}

// Share returns the share of answers that gave score (1 to 5), in percent.
func (q *FeedbackQuestionTally) Share(score int) int {
	if q.Answered == 0 || score < 1 || score > FeedbackScale {
		return 0
	}
	return (q.Counts[score-1]*100 + q.Answered/2) / q.Answered
}

// FeedbackScoreRow is how many gave one score, and their share.
type FeedbackScoreRow struct {
	Score, Count, Share int
}

// Rows returns how many gave each score, the highest score first, for a
// table.
func (q *FeedbackQuestionTally) Rows() []FeedbackScoreRow {
	var out []FeedbackScoreRow
	for score := FeedbackScale; score >= 1; score-- {
		out = append(out, FeedbackScoreRow{Score: score, Count: q.Counts[score-1], Share: q.Share(score)})
	}
	return out
}

// FeedbackText is an answer's free text and, if she signed it, its
// author's name.
type FeedbackText struct {
	Text     string `json:"text"`
	SignedBy string `json:"signed_by,omitempty"`
}

// TallyFeedback sums answers, in the order given, which the store made
// one that says nothing of when each came. Questions are matched across
// versions of the form by key, in the current form's order first.
func TallyFeedback(answers []*FeedbackAnswer) *FeedbackResults {
	r := &FeedbackResults{Answered: len(answers)}
	byKey := map[string]*FeedbackQuestionTally{}
	for _, k := range CurrentFeedbackForm().Questions {
		byKey[k] = &FeedbackQuestionTally{Key: k}
		r.Questions = append(r.Questions, byKey[k])
	}
	sums := map[string]int{}
	for _, a := range answers {
		form, _ := FeedbackFormVersion(a.FormVersion)
		for i, k := range form.Questions {
			q := byKey[k]
			if q == nil {
				q = &FeedbackQuestionTally{Key: k}
				byKey[k] = q
				r.Questions = append(r.Questions, q)
			}
			if i < len(a.Scores) && a.Scores[i] >= 1 && a.Scores[i] <= FeedbackScale {
				q.Answered++
				q.Counts[a.Scores[i]-1]++
				sums[k] += a.Scores[i]
			}
		}
		if a.Text != "" {
			r.Texts = append(r.Texts, FeedbackText{Text: a.Text, SignedBy: a.SignedBy})
		}
	}
	for _, q := range r.Questions {
		if q.Answered > 0 {
			q.Average = float64(sums[q.Key]) / float64(q.Answered)
		}
	}
	r.Questions = slices.DeleteFunc(r.Questions, func(q *FeedbackQuestionTally) bool { return q.Answered == 0 && r.Answered > 0 })
	return r
}
