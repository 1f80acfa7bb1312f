package count

// Method names a counting rule.
type Method string

// The counting rules.
const (
	// IRV is instant runoff for one seat: the candidate with the fewest
	// votes is excluded until one holds more than half the continuing
	// votes.
	IRV Method = "irv"
	// Scottish is Scottish STV as SSI 2007/42 rules 45-52 count it.
	Scottish Method = "scottish"
	// Meek is Meek STV by the Proportional Representation Foundation's
	// reference rule.
	Meek Method = "meek"
)

// Places returns the decimal places in which the method counts votes.
func (m Method) Places() int {
	switch m {
	case Scottish:
		return 5
	case Meek:
		return 9
	}
	return 0
}

// Title names the method for people, as report headings do.
func (m Method) Title() string {
	switch m {
	case IRV:
		return "Instant runoff (IRV)"
	case Scottish:
		return "Scottish STV (SSI 2007/42)"
	case Meek:
		return "Meek STV (PR Foundation reference rule)"
	}
	return string(m)
}

// Reason says why a candidate was elected or excluded.
type Reason string

// The reasons a report gives.
const (
	ReasonQuota        Reason = "quota"              // reached the quota
	ReasonMajority     Reason = "majority"           // IRV: over half the continuing votes
	ReasonLastStanding Reason = "last ones standing" // no more continuing candidates than seats left
	ReasonProtected    Reason = "protected"          // Meek: a protected candidate given a remaining seat
	ReasonLowest       Reason = "lowest"             // fewest votes
	ReasonSureLosers   Reason = "sure losers"        // Meek: defeated together, their votes cannot catch up
	ReasonDoomed       Reason = "doomed"             // electing them would make the constraints unsatisfiable
	ReasonSeatsFilled  Reason = "seats filled"       // still continuing when every seat was filled
)

// Decision records one candidate elected or excluded, and why.
type Decision struct {
	// Candidate is the candidate's index.
	Candidate int
	// Reason says why.
	Reason Reason
	// Tie is set when the candidate was chosen from several tied ones.
	Tie *Tie
}

// Tie records how a tie between candidates was broken.
type Tie struct {
	// Candidates are the tied candidates.
	Candidates []int
	// Stage is the earlier stage whose totals broke the tie, or 0.
	Stage int
	// ByLot reports that the tie was broken by lot (or by the election's
	// tie order, which stands in for the lot).
	ByLot bool
}

// Round is one stage of a count: what moved, the totals afterwards and what
// was decided.
type Round struct {
	// Number counts rounds from 1.
	Number int
	// Action says what the round did: "first preferences", "surplus",
	// "exclusion" or, for Meek, "iteration".
	Action string
	// From lists the candidates whose votes were transferred in this
	// round (Scottish and IRV).
	From []int
	// Surplus is the surplus transferred (Scottish) or the total surplus
	// left when the iteration stopped (Meek).
	Surplus Decimal
	// Quota is the quota in force (for IRV, the majority threshold).
	Quota Decimal
	// Tallies holds each candidate's votes, by candidate index; only
	// entries with Counted set are meaningful.
	Tallies []Decimal
	// Counted marks the candidates still in the count at this round:
	// continuing, elected, or excluded in this very round.
	Counted []bool
	// Exhausted is the value of ballots with no continuing candidate left.
	Exhausted Decimal
	// Loss is the value lost to truncation so far (Scottish).
	Loss Decimal
	// Elected and Excluded list what this round decided.
	Elected, Excluded []Decision
	// Guarded lists candidates with fewer votes than the one excluded who
	// were kept because excluding them would leave a minimum unreachable.
	Guarded []int
	// Iterations is the number of Meek iterations in the round.
	Iterations int
	// KeepFactors holds each candidate's Meek keep factor at the end of
	// the round.
	KeepFactors []Decimal
}

// Report is the full record of a count.
type Report struct {
	// Method is the rule counted by.
	Method Method
	// Title is the election's title.
	Title string
	// Seats is the number of seats filled.
	Seats int
	// Candidates holds the names; every other field refers to candidates
	// by their index here.
	Candidates []string
	// Withdrawn lists the candidates who withdrew before the count.
	Withdrawn []int
	// Seed is the seed of the lot, recorded whether or not a lot was drawn.
	Seed string
	// TieOrder is the tie order that replaced the lot, if any.
	TieOrder []int
	// Constraints are the reserved-seat constraints enforced.
	Constraints []Constraint
	// Ballots is the number of ballots; Valid those that rank at least one
	// candidate who did not withdraw.
	Ballots, Valid int64
	// Quota is the quota of the last round.
	Quota Decimal
	// Elected lists the winners in order of election.
	Elected []int
	// Rounds records the count round by round.
	Rounds []Round
	// Places is the number of decimals in every value of the report.
	Places int
}
