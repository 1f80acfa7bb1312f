package locale

import (
	"strconv"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/rankfile/rankfile"
)

// Stage names a stage of the chapter's ladder: the catalog's name for the
// default ladder's stages, and a chapter's own stage by the key it wrote.
func (l *Localizer) Stage(key string) string {
	s, err := l.l.Localize(&i18n.LocalizeConfig{MessageID: "ladder.stage." + key})
	if err != nil {
		return key
	}
	return s
}

// LadderNeed says what a rule of the ladder asks and how much of it the
// member has done, as "1 of 3 events in the last 90 days".
func (l *Localizer) LadderNeed(r rankfile.LadderRule, have int) string {
	return l.T("ladder.need", "Have", have, "Rule", l.LadderRule(r))
}

// LadderRule says what a rule of the ladder asks, as "3 events in the
// last 90 days".
func (l *Localizer) LadderRule(r rankfile.LadderRule) string {
	what := l.counter(r.Counter, r.Min)
	if r.Days > 0 {
		return l.T("ladder.rule.days", "Min", r.Min, "What", what, "Days", strconv.Itoa(r.Days))
	}
	return l.T("ladder.rule", "Min", r.Min, "What", what)
}

// counter names what a rule counts, in the plural form for n.
func (l *Localizer) counter(c string, n int) string {
	if level, ok := strings.CutPrefix(c, "courses:"); ok {
		return l.N("ladder.counter.courses.level", n, "Level", level)
	}
	if kind, ok := strings.CutPrefix(c, "events:"); ok {
		return l.N("ladder.counter.events.kind", n, "Kind", l.T("event.kind."+kind))
	}
	return l.N("ladder.counter."+c, n)
}
