package app_test

import (
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/store/storetest"
)

// drawGroups gives the seat world's groups the demo's boundaries of Echo
// Park and Santa Monica / Venice: members 1, 3, 5 and 6 live in Echo Park,
// 2, 4 and 7 in Venice.
func (w *seatWorld) drawGroups() {
	var js []rankfile.Jurisdiction
	for _, j := range demo.Neighborhoods() {
		switch j.Slug {
		case "echo-park-silver-lake":
			j.Slug = "echo-park"
		case "santa-monica-venice":
			j.Slug = "venice"
		default:
			continue
		}
		js = append(js, j)
	}
	if _, err := w.app.Neighborhoods.LoadNeighborhoods(ctx, js, "test"); err != nil {
		w.t.Fatal(err)
	}
}

func TestWhoSeesANeighborhoodGroup(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newSeatWorld(t, dsn)
		w.drawGroups()
		w.hold("echo-park", 5) // Mia captains Echo Park
		for _, c := range []struct {
			what  string
			actor *rankfile.Actor
			want  string
		}{
			{"nobody signed in", &rankfile.Actor{}, rankfile.EUNAUTHORIZED},
			{"the captain", w.actor(5), ""},
			{"the branch's co-coordinator", w.actor(1), ""},
			{"another branch's co-coordinator", w.actor(2), rankfile.EFORBIDDEN},
			{"a committee's co-chair in the group", w.actor(3), rankfile.EFORBIDDEN},
			{"a member of another group", w.actor(7), rankfile.EFORBIDDEN},
		} {
			p, err := w.app.Neighborhood(ctx, c.actor, "echo-park")
			if got := rankfile.ErrorCode(err); (c.want == "" && err != nil) || (c.want != "" && got != c.want) {
				t.Errorf("%s: err = %v, want %q", c.what, err, c.want)
				continue
			}
			if err != nil {
				continue
			}
			var names []string
			for _, n := range p.Members {
				names = append(names, n.Member.FirstName)
				if !n.Contact || n.Member.Email == "" {
					t.Errorf("%s sees %s with contact %v, email %q; want their contact details",
						c.what, n.Member.FirstName, n.Contact, n.Member.Email)
				}
			}
			if got := strings.Join(names, ","); got != "Cora,Hana,Lupe,Mia" {
				t.Errorf("%s sees %s, want Cora,Hana,Lupe,Mia", c.what, got)
			}
		}
		entries, err := w.app.Audit.FindAuditEntries(ctx, rankfile.AuditFilter{Action: rankfile.AuditViewContact})
		if err != nil || len(entries) != 2 || !strings.Contains(entries[0].Detail, "neighborhood group echo-park") {
			t.Errorf("audit of the views: %d entries (%v), want 2 naming the group", len(entries), err)
		}
	})
}

func TestLoadingNeighborhoodsIsForStewards(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newSeatWorld(t, dsn)
		_, err := w.app.LoadNeighborhoods(ctx, w.actor(1), demo.Neighborhoods())
		if rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a co-coordinator loading boundaries: %v, want EFORBIDDEN", err)
		}
	})
}

func TestAMemberChoosesAGroupOfHerBranch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newSeatWorld(t, dsn)
		w.drawGroups()
		mia := w.actor(5)
		if err := w.app.ChooseNeighborhood(ctx, mia, "venice"); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("choosing another branch's group: %v, want EINVALID", err)
		}
		place, err := w.app.MyNeighborhood(ctx, mia)
		if err != nil || place.Group == nil || place.Group.Slug != "echo-park" || place.Chosen {
			t.Errorf("Mia's place = %+v (%v), want echo-park, where she lives", place, err)
		}
		if err := w.app.ChooseNeighborhood(ctx, &rankfile.Actor{}, "echo-park"); rankfile.ErrorCode(err) != rankfile.EUNAUTHORIZED {
			t.Errorf("choosing without signing in: %v, want EUNAUTHORIZED", err)
		}
	})
}
