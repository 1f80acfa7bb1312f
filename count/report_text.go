package count

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// WriteText writes the report for people: the rule and its inputs, the
// winners, then every round with each candidate's votes, the change from
// the round before, and what was decided and why.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	r.textHeader(&b)
	for i := range r.Rounds {
		r.textRound(&b, i)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (r *Report) textHeader(b *strings.Builder) {
	fmt.Fprintf(b, "%s: %s\n", r.Method.Title(), r.Title)
	fmt.Fprintf(b, "%s, %s (%d valid), %s, votes to %d decimal places\n",
		plural(r.Seats, "seat", "seats"), plural(int(r.Ballots), "ballot", "ballots"), r.Valid, r.quotaWords(), r.Places)
	fmt.Fprintf(b, "Lot seed: %q\n", r.Seed)
	if len(r.TieOrder) > 0 {
		fmt.Fprintf(b, "Tie order (replaces the lot): %s\n", strings.Join(r.names(r.TieOrder), ", "))
	}
	if len(r.Withdrawn) > 0 {
		fmt.Fprintf(b, "Withdrawn: %s\n", strings.Join(r.names(r.Withdrawn), ", "))
	}
	for _, k := range r.Constraints {
		fmt.Fprintf(b, "Constraint: %s\n", k)
	}
	b.WriteString("Elected, in order:\n")
	if len(r.Elected) == 0 {
		b.WriteString("  nobody\n")
	}
	for i, c := range r.Elected {
		fmt.Fprintf(b, "  %d. %s\n", i+1, r.Candidates[c])
	}
}

func (r *Report) textRound(b *strings.Builder, i int) {
	rd := &r.Rounds[i]
	fmt.Fprintf(b, "\nRound %d: %s\n", rd.Number, r.roundTitle(rd))
	var rows [][4]string
	for c, in := range rd.Counted {
		if !in {
			continue
		}
		change := ""
		if i > 0 {
			if d := rd.Tallies[c].Units - r.Rounds[i-1].Tallies[c].Units; d != 0 {
				change = signed(Decimal{Units: d, Places: r.Places})
			}
		}
		rows = append(rows, [4]string{r.Candidates[c], rd.Tallies[c].String(), change, r.noteFor(rd, c)})
	}
	rows = append(rows, [4]string{"exhausted", rd.Exhausted.String(), "", ""})
	if r.Method == Scottish {
		rows = append(rows, [4]string{"lost to truncation", rd.Loss.String(), "", ""})
	}
	writeRows(b, rows)
}

// writeRows writes rows of name, votes, change and note in aligned columns:
// the name left, the numbers right.
func writeRows(b *strings.Builder, rows [][4]string) {
	var w [3]int
	for _, row := range rows {
		for k := range w {
			w[k] = max(w[k], utf8.RuneCountInString(row[k]))
		}
	}
	for _, row := range rows {
		line := fmt.Sprintf("  %-*s  %*s  %*s  %s", w[0], row[0], w[1], row[1], w[2], row[2], row[3])
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
}

// roundTitle says what the round did.
func (r *Report) roundTitle(rd *Round) string {
	from := strings.Join(r.names(rd.From), ", ")
	switch {
	case rd.Action == "surplus":
		return fmt.Sprintf("surplus of %s (%s) transferred", from, rd.Surplus)
	case rd.Action == "exclusion" && r.Method == Scottish:
		return fmt.Sprintf("papers of %s transferred", from)
	case rd.Action == "exclusion":
		return fmt.Sprintf("ballots of %s transferred; majority threshold %s", from, rd.Quota)
	case r.Method == Meek:
		return fmt.Sprintf("%s, quota %s, total surplus %s", plural(rd.Iterations, "iteration", "iterations"), rd.Quota, rd.Surplus)
	case r.Method == IRV:
		return fmt.Sprintf("first preferences; majority threshold %s", rd.Quota)
	}
	return rd.Action
}

// noteFor says what the round decided about candidate c.
func (r *Report) noteFor(rd *Round, c int) string {
	for _, d := range rd.Elected {
		if d.Candidate == c {
			return "elected: " + string(d.Reason) + r.tieNote(d.Tie)
		}
	}
	for _, d := range rd.Excluded {
		if d.Candidate == c && d.Reason == ReasonSeatsFilled {
			return "not elected: every seat is filled"
		}
		if d.Candidate == c {
			return "excluded: " + string(d.Reason) + r.tieNote(d.Tie)
		}
	}
	for _, g := range rd.Guarded {
		if g == c {
			return "guarded: not excluded, to keep a minimum reachable"
		}
	}
	return ""
}

func (r *Report) tieNote(t *Tie) string {
	if t == nil {
		return ""
	}
	tied := strings.Join(r.names(t.Candidates), ", ")
	switch {
	case t.ByLot && len(r.TieOrder) > 0:
		return fmt.Sprintf(" (tied with %s; chosen by the tie order)", tied)
	case t.ByLot:
		return fmt.Sprintf(" (tied with %s; chosen by lot, seed %q)", tied, r.Seed)
	}
	return fmt.Sprintf(" (tied with %s; separated at round %d)", tied, t.Stage)
}

// signed formats a change with its sign.
func signed(d Decimal) string {
	if d.Units > 0 {
		return "+" + d.String()
	}
	return d.String()
}

// quotaWords says the quota for the header. Meek's quota falls as votes
// exhaust, so its header gives the final round's and the first's, each
// named as such; the other rules keep one quota throughout.
func (r *Report) quotaWords() string {
	first, changed := r.firstQuota()
	if !changed {
		return "quota " + r.Quota.String()
	}
	return fmt.Sprintf("final quota %s (first round %s)", r.Quota, first)
}

// firstQuota returns the first round's quota, and whether it differs from
// the final one: only Meek's quota moves, as votes exhaust.
func (r *Report) firstQuota() (Decimal, bool) {
	if r.Method != Meek || len(r.Rounds) == 0 {
		return r.Quota, false
	}
	return r.Rounds[0].Quota, r.Rounds[0].Quota != r.Quota
}

// plural writes n with the word's singular or plural form.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
