package app

import (
	"slices"
	"testing"
)

// TestNamesakesAreToldApart finds two members of one name: both are
// marked, each with the last two digits of their member number, and a
// member alone with their name is not.
func TestNamesakesAreToldApart(t *testing.T) {
	list := []*CheckInCandidate{{Name: "Ana Ruiz", Tag: lastDigits("81234", 2)}, {Name: "ana ruiz", Tag: lastDigits("5577", 2)},
		{Name: "Bo Ng", Tag: lastDigits("12", 2)}}
	markNamesakes(list)
	if !list[0].Namesake || !list[1].Namesake || list[2].Namesake {
		t.Errorf("namesakes marked %v %v %v", list[0].Namesake, list[1].Namesake, list[2].Namesake)
	}
	if list[0].Tag != "34" || list[1].Tag != "77" || list[2].Tag != "" {
		t.Errorf("tags %q %q %q; want 34, 77 and none for a number of two digits", list[0].Tag, list[1].Tag, list[2].Tag)
	}
}

// TestFoundPeopleAreInTheReadersOrder sorts names as Spanish and English
// readers expect, not by their bytes (which put Á after Z).
func TestFoundPeopleAreInTheReadersOrder(t *testing.T) {
	names := func(list []*CheckInCandidate) []string {
		var out []string
		for _, c := range list {
			out = append(out, c.Name)
		}
		return out
	}
	list := []*CheckInCandidate{{Name: "Zoe Ruiz"}, {Name: "Ángel Ruiz"}, {Name: "Ñeco Paz"}, {Name: "Nora Paz"}, {Name: "Beto Paz"}}
	SortCandidates(list, "es")
	if want := []string{"Ángel Ruiz", "Beto Paz", "Nora Paz", "Ñeco Paz", "Zoe Ruiz"}; !slices.Equal(names(list), want) {
		t.Errorf("in Spanish: %v, want %v", names(list), want)
	}
	SortCandidates(list, "en")
	if names(list)[0] != "Ángel Ruiz" || names(list)[4] != "Zoe Ruiz" {
		t.Errorf("in English: %v", names(list))
	}
}
