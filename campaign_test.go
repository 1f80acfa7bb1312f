package rankfile_test

import (
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
)

func TestSameTarget(t *testing.T) {
	ana := rankfile.Target{SourceID: 1, ExternalID: "V1", FirstName: "Ana", LastName: "Núñez", Phone: "+12135550101", HouseholdID: 7}
	for _, c := range []struct {
		name string
		row  rankfile.Target
		same bool
	}{
		{"same voter id, another spelling", rankfile.Target{SourceID: 1, ExternalID: "V1", FirstName: "Anna", LastName: "Nunez"}, true},
		{"another voter id of the same list, same name and door", rankfile.Target{SourceID: 1, ExternalID: "V2", FirstName: "Ana", LastName: "Núñez", HouseholdID: 7}, false},
		{"another list, same name and door", rankfile.Target{SourceID: 2, ExternalID: "X9", FirstName: "ana", LastName: "NUNEZ", HouseholdID: 7}, true},
		{"same name, another door", rankfile.Target{SourceID: 2, FirstName: "Ana", LastName: "Núñez", HouseholdID: 8}, false},
		{"same last name and phone", rankfile.Target{SourceID: 2, FirstName: "A.", LastName: "Nunez", Phone: "+12135550101"}, true},
		{"same phone, another name", rankfile.Target{SourceID: 2, FirstName: "Bo", LastName: "Li", Phone: "+12135550101"}, false},
		{"nothing known of either door", rankfile.Target{SourceID: 2, FirstName: "Ana", LastName: "Núñez"}, false},
	} {
		if got := rankfile.SameTarget(&ana, &c.row); got != c.same {
			t.Errorf("%s: SameTarget = %v, want %v", c.name, got, c.same)
		}
	}
}

// TestTargetMergeKeepsWhatIsKnown checks that a newer row fills only what
// the target lacks.
func TestTargetMergeKeepsWhatIsKnown(t *testing.T) {
	c := rankfile.Target{FirstName: "Ana", LastName: "Núñez", Phone: "+12135550101"}
	c.Merge(&rankfile.Target{FirstName: "Anna", Phone: "+13105550199", Email: "ana@example.org", SourceID: 2, ExternalID: "V1", HouseholdID: 3})
	want := rankfile.Target{FirstName: "Ana", LastName: "Núñez", Phone: "+12135550101", Email: "ana@example.org", SourceID: 2, ExternalID: "V1", HouseholdID: 3}
	if c != want {
		t.Errorf("merged %+v, want %+v", c, want)
	}
}

func TestCampaignValidate(t *testing.T) {
	good := rankfile.Campaign{BodyID: 1, Name: " Yes on Measure H ", Kind: rankfile.CampaignMeasure, RetentionMonths: 24}
	if err := good.Validate(); err != nil || good.Name != "Yes on Measure H" {
		t.Fatalf("good campaign: %v (name %q)", err, good.Name)
	}
	for _, c := range []struct {
		edit func(*rankfile.Campaign)
		want string
	}{
		{func(c *rankfile.Campaign) { c.Name = " " }, "needs a name"},
		{func(c *rankfile.Campaign) { c.Kind = "party" }, `"party" is not a kind of campaign`},
		{func(c *rankfile.Campaign) { c.BodyID = 0 }, "belongs to a body"},
		{func(c *rankfile.Campaign) { c.RetentionMonths = 121 }, "0 to 120 months"},
	} {
		bad := good
		c.edit(&bad)
		if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want %q", err, c.want)
		}
	}
}
