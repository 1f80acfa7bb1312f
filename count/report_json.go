package count

import (
	"bytes"
	"encoding/json"
	"io"
)

// JSON shape of a report. The fields the CLI promises come first (method,
// seats, quota, elected, rounds with number, tallies, exhausted, elected,
// excluded); the rest add what a recount needs to be checked. Numbers are
// exact decimals with the method's places: 5 for Scottish STV, 9 for Meek, 0
// for IRV.
type jsonReport struct {
	Method      Method       `json:"method"`
	Seats       int          `json:"seats"`
	Quota       Decimal      `json:"quota"`
	Elected     []string     `json:"elected"`
	Rounds      []jsonRound  `json:"rounds"`
	Title       string       `json:"title"`
	Seed        string       `json:"seed"`
	TieOrder    []string     `json:"tie_order,omitempty"`
	Constraints []Constraint `json:"constraints,omitempty"`
	Withdrawn   []string     `json:"withdrawn,omitempty"`
	Ballots     int64        `json:"ballots"`
	Valid       int64        `json:"valid"`
	Decimals    int          `json:"decimals"`
}

type jsonRound struct {
	Number       int            `json:"number"`
	Tallies      namedValues    `json:"tallies"`
	Exhausted    Decimal        `json:"exhausted"`
	Elected      []string       `json:"elected"`
	Excluded     []string       `json:"excluded"`
	Action       string         `json:"action"`
	From         []string       `json:"from,omitempty"`
	Quota        Decimal        `json:"quota"`
	Surplus      *Decimal       `json:"surplus,omitempty"`
	Transfers    *namedValues   `json:"transfers,omitempty"`
	NowExhausted *Decimal       `json:"exhausted_change,omitempty"`
	Loss         *Decimal       `json:"loss,omitempty"`
	Decisions    []jsonDecision `json:"decisions"`
	Guarded      []string       `json:"guarded,omitempty"`
	Iterations   int            `json:"iterations,omitempty"`
	KeepFactors  *namedValues   `json:"keep_factors,omitempty"`
}

type jsonDecision struct {
	Candidate string   `json:"candidate"`
	Outcome   string   `json:"outcome"`
	Reason    Reason   `json:"reason"`
	Tie       *jsonTie `json:"tie,omitempty"`
}

type jsonTie struct {
	Candidates []string `json:"candidates"`
	Stage      int      `json:"broken_at_round,omitempty"`
	ByLot      bool     `json:"by_lot"`
}

// namedValues is a JSON object of numbers keyed by candidate name, written
// in candidate order rather than sorted.
type namedValues struct {
	names  []string
	values []Decimal
}

// MarshalJSON writes the object in insertion order.
func (nv namedValues) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, name := range nv.names {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(name)
		b.Write(key)
		b.WriteByte(':')
		b.Write(nv.values[i].appendTo(nil))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// MarshalJSON writes the report in the JSON shape above.
func (r *Report) MarshalJSON() ([]byte, error) {
	jr := jsonReport{
		Method: r.Method, Seats: r.Seats, Quota: r.Quota, Elected: append([]string{}, r.names(r.Elected)...),
		Title: r.Title, Seed: r.Seed, TieOrder: r.names(r.TieOrder), Constraints: r.Constraints,
		Withdrawn: r.names(r.Withdrawn), Ballots: r.Ballots, Valid: r.Valid, Decimals: r.Places,
		Rounds: make([]jsonRound, len(r.Rounds)),
	}
	for i := range r.Rounds {
		jr.Rounds[i] = r.jsonRound(i)
	}
	return json.Marshal(jr)
}

// WriteJSON writes the report as indented JSON and a final newline.
func (r *Report) WriteJSON(w io.Writer) error {
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, data, "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err = w.Write(out.Bytes())
	return err
}

func (r *Report) jsonRound(i int) jsonRound {
	rd := &r.Rounds[i]
	jr := jsonRound{
		Number: rd.Number, Tallies: r.counted(rd, rd.Tallies), Exhausted: rd.Exhausted,
		Elected: r.decided(rd.Elected), Excluded: r.decided(rd.Excluded), Action: rd.Action,
		From: r.names(rd.From), Quota: rd.Quota, Guarded: r.names(rd.Guarded), Iterations: rd.Iterations,
		Decisions: r.jsonDecisions(rd),
	}
	if rd.Surplus.Units != 0 || rd.Action == "surplus" {
		jr.Surplus = &rd.Surplus
	}
	if r.Method == Scottish {
		jr.Loss = &rd.Loss
	}
	if i > 0 {
		t := r.changes(i)
		jr.Transfers = &t
		d := Decimal{Units: rd.Exhausted.Units - r.Rounds[i-1].Exhausted.Units, Places: r.Places}
		jr.NowExhausted = &d
	}
	if rd.KeepFactors != nil {
		kf := r.counted(rd, rd.KeepFactors)
		jr.KeepFactors = &kf
	}
	return jr
}

// counted returns the values of the candidates counted in the round.
func (r *Report) counted(rd *Round, values []Decimal) namedValues {
	var nv namedValues
	for c, in := range rd.Counted {
		if in {
			nv.names = append(nv.names, r.Candidates[c])
			nv.values = append(nv.values, values[c])
		}
	}
	return nv
}

// changes returns how each candidate's votes changed from the previous
// round, leaving out candidates unchanged.
func (r *Report) changes(i int) namedValues {
	prev, cur := &r.Rounds[i-1], &r.Rounds[i]
	var nv namedValues
	for c := range cur.Tallies {
		if d := cur.Tallies[c].Units - prev.Tallies[c].Units; (cur.Counted[c] || prev.Counted[c]) && d != 0 {
			nv.names = append(nv.names, r.Candidates[c])
			nv.values = append(nv.values, Decimal{Units: d, Places: r.Places})
		}
	}
	return nv
}

func (r *Report) names(cands []int) []string {
	if cands == nil {
		return nil
	}
	out := make([]string, len(cands))
	for i, c := range cands {
		out[i] = r.Candidates[c]
	}
	return out
}

func (r *Report) decided(ds []Decision) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, r.Candidates[d.Candidate])
	}
	return out
}

// roundDecision is a decision with its outcome, "elected" or "excluded".
type roundDecision struct {
	Decision
	outcome string
}

// decisionsInOrder lists a round's decisions as they happened: in a
// Scottish exclusion stage the exclusion comes first, then whoever its
// transfer elected; otherwise elections come first, then exclusions.
func (r *Report) decisionsInOrder(rd *Round) []roundDecision {
	var first, last []roundDecision
	for _, d := range rd.Excluded {
		if r.Method == Scottish && d.Reason != ReasonSeatsFilled {
			first = append(first, roundDecision{d, "excluded"})
		} else {
			last = append(last, roundDecision{d, "excluded"})
		}
	}
	for _, d := range rd.Elected {
		first = append(first, roundDecision{d, "elected"})
	}
	return append(first, last...)
}

func (r *Report) jsonDecisions(rd *Round) []jsonDecision {
	out := []jsonDecision{}
	for _, d := range r.decisionsInOrder(rd) {
		jd := jsonDecision{Candidate: r.Candidates[d.Candidate], Outcome: d.outcome, Reason: d.Reason}
		if d.Tie != nil {
			jd.Tie = &jsonTie{Candidates: r.names(d.Tie.Candidates), Stage: d.Tie.Stage, ByLot: d.Tie.ByLot}
		}
		out = append(out, jd)
	}
	return out
}
