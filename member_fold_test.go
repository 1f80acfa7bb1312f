package rankfile_test

import (
	"testing"

	"github.com/rankfile/rankfile"
)

func TestFoldName(t *testing.T) {
	for name, want := range map[string]string{
		"Héctor":       "hector",
		"NÚÑEZ":        "nunez",
		"Ángela María": "angela maria",
		"Müller-Groß":  "muller-gross",
		"Łukasz Øster": "lukasz oster",
		"O'Brien":      "o'brien",
		"Nguyễn":       "nguyen",
		"":             "",
	} {
		if got := rankfile.FoldName(name); got != want {
			t.Errorf("FoldName(%q) = %q, want %q", name, got, want)
		}
	}
}
