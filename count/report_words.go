package count

import (
	"strings"
	"text/template"
)

// Translator gives the words of an HTML report in a reader's language: the
// message with the key, its {{.Name}} fields filled from args (name, value
// pairs). The web app passes its message catalog; English is the default.
type Translator func(key string, args ...any) string

// englishWords are the HTML report's words in English, for WriteHTML.
var englishWords = map[string]string{
	"method.irv":              "Instant runoff",
	"method.scottish":         "Scottish STV",
	"method.meek":             "Meek STV",
	"count.summary":           "{{.Rule}}: {{.Seats}}, {{.Ballots}} ballots ({{.Valid}} valid), {{.Quota}}, votes to {{.Places}} decimal places. Lot seed:",
	"count.seats.one":         "1 seat",
	"count.seats.other":       "{{.N}} seats",
	"count.quotafixed":        "quota {{.Quota}}",
	"count.quotameek":         "final quota {{.Final}} (first round {{.First}})",
	"count.constraints":       "Constraints:",
	"count.elected":           "Elected",
	"count.nobody":            "Nobody was elected.",
	"count.caption":           "Votes at each round",
	"count.candidate":         "Candidate",
	"count.round":             "Round {{.N}}",
	"count.outcome":           "Outcome",
	"count.exhausted":         "Exhausted",
	"count.quota":             "Quota",
	"count.decisions":         "Decisions",
	"count.notelected":        "not elected",
	"count.electedplace":      "elected, place {{.N}}",
	"count.decision":          "Round {{.N}}: {{.Text}}",
	"count.filled":            "{{.Name}} not elected: every seat is filled",
	"count.waselected":        "{{.Name}} elected: {{.Reason}}{{.Tie}}",
	"count.wasexcluded":       "{{.Name}} excluded: {{.Reason}}{{.Tie}}",
	"count.reason.quota":      "reached the quota",
	"count.reason.majority":   "over half the continuing votes",
	"count.reason.last":       "no more candidates than seats left",
	"count.reason.protected":  "given a remaining seat the constraints reserve",
	"count.reason.lowest":     "fewest votes",
	"count.reason.surelosers": "sure losers: their votes together cannot catch up",
	"count.reason.doomed":     "electing them would leave the constraints unmet",
	"count.tie.order":         " (tied with {{.Tied}}; chosen by the tie order)",
	"count.tie.lot":           " (tied with {{.Tied}}; chosen by lot, seed {{.Seed}})",
	"count.tie.stage":         " (tied with {{.Tied}}; separated at round {{.Stage}})",
	"count.chart":             "Line chart of each candidate's votes at each round",
	"count.chartcaption":      "Each candidate's votes round by round. The table gives the figures to two decimals; the count's files hold every decimal.",
	"count.chartquota":        "The dotted line is the quota.",
}

// english is the default Translator.
func english(key string, args ...any) string {
	text, ok := englishWords[key]
	if !ok {
		return key
	}
	t, err := template.New(key).Parse(text)
	if err != nil {
		return text
	}
	data := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		data[args[i].(string)] = args[i+1]
	}
	var b strings.Builder
	if t.Execute(&b, data) != nil {
		return text
	}
	return b.String()
}

// reasonKeys name each reason's words.
var reasonKeys = map[Reason]string{
	ReasonQuota: "count.reason.quota", ReasonMajority: "count.reason.majority",
	ReasonLastStanding: "count.reason.last", ReasonProtected: "count.reason.protected",
	ReasonLowest: "count.reason.lowest", ReasonSureLosers: "count.reason.surelosers",
	ReasonDoomed: "count.reason.doomed",
}
