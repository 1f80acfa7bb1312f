package rankfile_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
)

// TestSpreadsheetSafe checks that every cell a spreadsheet would take for
// a formula is escaped, and nothing else.
func TestSpreadsheetSafe(t *testing.T) {
	got := rankfile.SpreadsheetSafe("=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "Ana", "", "a=b")
	want := []string{"'=HYPERLINK(\"x\")", "'+1", "'-2", "'@SUM(A1)", "'\tx", "Ana", "", "a=b"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestATagCannotBeAFormula checks that a candidate cannot declare a tag
// that a spreadsheet would run.
func TestATagCannotBeAFormula(t *testing.T) {
	for _, tag := range []string{"=1+1", "@cmd", "+x", "-x"} {
		if err := rankfile.CheckStatement("", []string{tag}); rankfile.ErrorCode(err) != rankfile.EINVALID ||
			!strings.Contains(rankfile.ErrorMessage(err), "beginning with a letter or digit") {
			t.Errorf("tag %q: %v; want it refused", tag, err)
		}
	}
	if err := rankfile.CheckStatement("", []string{"woman", "person of color", "2nd-term"}); err != nil {
		t.Errorf("plain tags: %v", err)
	}
}
