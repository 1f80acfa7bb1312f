package rankfile_test

import (
	"testing"

	"github.com/rankfile/rankfile"
)

// TestTurnoutPercent rounds half up, for reading, and says 0 of an empty
// roll rather than dividing by nothing.
func TestTurnoutPercent(t *testing.T) {
	for _, tc := range []struct{ voted, electorate, want int }{
		{3, 7, 43}, {1, 8, 13}, {1, 200, 1}, {1, 201, 0}, {0, 0, 0}, {7, 7, 100}, {2, 3, 67},
	} {
		if got := (rankfile.Turnout{Voted: tc.voted, Electorate: tc.electorate}).Percent(); got != tc.want {
			t.Errorf("%d of %d: %d%%, want %d%%", tc.voted, tc.electorate, got, tc.want)
		}
	}
}
