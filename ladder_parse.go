package rankfile

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// DefaultLadder is the ladder a chapter starts with, in the form
// ParseLadder reads.
const DefaultLadder = `# Lowest stage first. Each line: a stage's key, a colon, and its rules
# joined by "and", each "<what> >= <how many>", and "in <n> days" to count
# only the last n days.
participant: events >= 1 in 180 days
active: events >= 3 in 90 days and one_on_ones >= 1 in 365 days
organizer: trainings >= 1 and one_on_ones_given >= 3 in 180 days
leader: seats >= 1
`

// Bounds of a ladder the chapter writes.
const (
	maxLadderStages = 12
	maxLadderRules  = 6
	maxLadderMin    = 10000
	maxLadderDays   = 3650
)

var (
	ladderKey  = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)
	ladderRule = regexp.MustCompile(`^([a-z0-9_:-]+) >= ([0-9]+)(?: in ([0-9]+) days?)?$`)
)

// ParseLadder reads a ladder: a line a stage, lowest first, "key: rule
// and rule ...", each rule "<what> >= <n>" with "in <days> days" to count
// only the last days; blank lines and lines starting with # are skipped.
// What can be counted: events, events:<kind> (events of a kind, such as
// events:canvass), meetings, one_on_ones, one_on_ones_given, trainings,
// courses (completed), courses:<level> (of a level, such as
// courses:fundamental), and seats and qualified (qualifications valid),
// both held today, so never "in". A level is read as a level's slug: the
// chapter's levels are in the database, which the store checks when the
// ladder is saved (CourseLevels). An error names the line and says
// what is wrong.
func ParseLadder(text string) (Ladder, error) {
	var l Ladder
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		s, err := parseLadderStage(line)
		if err == nil && l.Rank(s.Key) > 0 {
			err = Errorf(EINVALID, "the stage %s comes twice", s.Key)
		}
		if e, ok := err.(*Error); ok {
			return nil, Errorf(EINVALID, "line %d: %s", i+1, e)
		}
		if l = append(l, s); len(l) > maxLadderStages {
			return nil, Errorf(EINVALID, "a ladder has at most %d stages", maxLadderStages)
		}
	}
	if len(l) == 0 {
		return nil, Errorf(EINVALID, "the ladder has no stage: write one a line, as \"active: events >= 3 in 90 days\"")
	}
	return l, nil
}

// parseLadderStage reads "key: rule and rule ...".
func parseLadderStage(line string) (LadderStage, error) {
	key, rules, ok := strings.Cut(line, ":")
	key = strings.TrimSpace(key)
	if !ok || !ladderKey.MatchString(key) {
		return LadderStage{}, Errorf(EINVALID, "a stage starts with its key (lower-case letters, digits, - and _, up to 32) and a colon")
	}
	s := LadderStage{Key: key}
	for _, part := range strings.Split(rules, " and ") {
		r, err := parseLadderRule(strings.Join(strings.Fields(part), " "))
		if err != nil {
			return LadderStage{}, err
		}
		s.Rules = append(s.Rules, r)
	}
	if len(s.Rules) > maxLadderRules {
		return LadderStage{}, Errorf(EINVALID, "a stage has at most %d rules", maxLadderRules)
	}
	return s, nil
}

// parseLadderRule reads "<what> >= <n>" and its optional "in <days> days".
func parseLadderRule(text string) (LadderRule, error) {
	m := ladderRule.FindStringSubmatch(text)
	if m == nil {
		return LadderRule{}, Errorf(EINVALID, "%q is not a rule: write it as \"events >= 3 in 90 days\"", text)
	}
	r := LadderRule{Counter: m[1]}
	if !knownLadderCounter(r.Counter) {
		return LadderRule{}, Errorf(EINVALID, "%q cannot be counted: count events, events:<kind>, meetings, one_on_ones, one_on_ones_given, trainings, courses, courses:<level>, seats, qualified, doors or calls", r.Counter)
	}
	var err error
	if r.Min, err = strconv.Atoi(m[2]); err != nil || r.Min < 1 || r.Min > maxLadderMin {
		return LadderRule{}, Errorf(EINVALID, "%q: the count must be from 1 to %d", text, maxLadderMin)
	}
	if m[3] == "" {
		return r, nil
	}
	if r.Counter == CountSeats || r.Counter == CountQualified {
		return LadderRule{}, Errorf(EINVALID, "%q: seats and qualifications are those held today, so they take no \"in ... days\"", text)
	}
	if r.Days, err = strconv.Atoi(m[3]); err != nil || r.Days < 1 || r.Days > maxLadderDays {
		return LadderRule{}, Errorf(EINVALID, "%q: the days must be from 1 to %d", text, maxLadderDays)
	}
	return r, nil
}

// knownLadderCounter reports whether a ladder can count c.
func knownLadderCounter(c string) bool {
	switch c {
	case CountEvents, CountMeetings, CountOneOnOnes, CountOneOnOnesGiven, CountTrainings, CountSeats, CountCourses, CountQualified,
		CountDoors, CountCalls:
		return true
	}
	if level, ok := strings.CutPrefix(c, countCourseLevelPrefix); ok {
		return levelSlug.MatchString(level)
	}
	kind, ok := strings.CutPrefix(c, countEventKindPrefix)
	return ok && slices.Contains(EventKinds, EventKind(kind))
}

// CourseLevels returns the levels the ladder's courses:<level>
// rules name, once each, for the store to check against the chapter's.
func (l Ladder) CourseLevels() []string {
	var out []string
	for _, s := range l {
		for _, r := range s.Rules {
			if level, ok := strings.CutPrefix(r.Counter, countCourseLevelPrefix); ok && !slices.Contains(out, level) {
				out = append(out, level)
			}
		}
	}
	return out
}

// String writes the ladder as ParseLadder reads it.
func (l Ladder) String() string {
	var b strings.Builder
	for _, s := range l {
		b.WriteString(s.Key + ":")
		for i, r := range s.Rules {
			if i > 0 {
				b.WriteString(" and")
			}
			b.WriteString(" " + r.Counter + " >= " + strconv.Itoa(r.Min))
			if r.Days > 0 {
				b.WriteString(" in " + strconv.Itoa(r.Days) + " days")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}
