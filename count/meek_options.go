package count

// MeekOptions holds options of the Meek rule. The zero value is the PR
// Foundation's reference rule exactly.
type MeekOptions struct {
	// Protected lists candidates protected from defeat, as in a
	// vacancy recount: they are elected at the end if not before, and are
	// elected against a quota of their own while the others face a quota
	// computed over the unprotected seats (the reference implementation's
	// extension, Meeks-PRF-js "protected").
	Protected []int
	// AltDefeats enables the reference rule's optional defeat of several
	// sure losers at once, and says when in a round it is checked.
	AltDefeats AltDefeats
	// AltDefeatRounds, when not nil, limits alternative defeats to the
	// rounds whose entry is true, round 1 first; later rounds have none.
	AltDefeatRounds []bool
}

// altDefeatsIn returns when alternative defeats are checked in a round.
func (o MeekOptions) altDefeatsIn(round int) AltDefeats {
	if o.AltDefeatRounds != nil && (round > len(o.AltDefeatRounds) || !o.AltDefeatRounds[round-1]) {
		return AltDefeatsNever
	}
	return o.AltDefeats
}

// AltDefeats says whether and when the Meek count defeats several
// candidates at once, when together with the total surplus they cannot
// catch the next candidate up.
type AltDefeats int

// The alternative-defeat settings of Meeks-PRF-js.
const (
	// AltDefeatsNever defeats one candidate per round (the default).
	AltDefeatsNever AltDefeats = iota
	// AltDefeatsIfNoNewElected checks after every iteration that
	// elected nobody, before the surplus tests.
	AltDefeatsIfNoNewElected
	// AltDefeatsPerReferenceRule checks where the reference rule places
	// the option: after the surplus tests, before updating keep factors.
	AltDefeatsPerReferenceRule
	// AltDefeatsBeforeSingle checks once a round's iterations are over,
	// before defeating a single candidate.
	AltDefeatsBeforeSingle
)
