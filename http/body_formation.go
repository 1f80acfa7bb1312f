package http

import (
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// A draft's fieldset on what it does to the bodies: nothing, form a
// committee or working group, or dissolve one. It works without
// JavaScript: every field is there, and the radio button says which
// apply.

// formationChoices is what the fieldset offers.
type formationChoices struct {
	*app.BodyChoices
	Kinds []rankfile.BodyKind
	// DefaultCoChairs is how many co-chairs a body formed has unless the
	// draft says otherwise.
	DefaultCoChairs int
}

func (s *Server) formationChoices(r *http.Request) (*formationChoices, error) {
	choices, err := s.app.ProposalBodyChoices(r.Context())
	if err != nil {
		return nil, err
	}
	f := &formationChoices{BodyChoices: choices, Kinds: rankfile.FormableKinds}
	for _, seat := range (&rankfile.BodyFormation{Kind: rankfile.KindWorkingGroup}).Seats() {
		if seat.Title == rankfile.SeatCoChair {
			f.DefaultCoChairs = seat.Count
		}
	}
	return f, nil
}

// readBodyFormation reads into p what the form says it does to the
// bodies, by the radio button "bodies".
func readBodyFormation(r *http.Request, p *rankfile.Proposal) {
	switch r.FormValue("bodies") {
	case "forms":
		parent, _ := strconv.ParseInt(r.FormValue("forms_parent"), 10, 64)
		chairs, _ := strconv.Atoi(r.FormValue("forms_co_chairs"))
		p.Forms = &rankfile.BodyFormation{Kind: rankfile.BodyKind(r.FormValue("forms_kind")), Name: r.FormValue("forms_name"),
			ParentID: parent, CoChairs: chairs}
	case "dissolves":
		p.Dissolves, _ = strconv.ParseInt(r.FormValue("dissolves"), 10, 64)
		if p.Dissolves == 0 {
			p.Dissolves = -1 // chosen, but no body named: refused as no such body
		}
	}
}
