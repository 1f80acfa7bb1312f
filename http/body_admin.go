package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
)

// adminData is the admin page: every body with its seats and who holds them.
type adminData struct {
	Bodies []*rankfile.BodyView
	Kinds  []rankfile.BodyKind
	Done   string
}

func (s *Server) adminPage(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	if err := actor.Require(actor.CanManageBodies()); err != nil {
		return err
	}
	tree, err := s.app.Directory(r.Context(), actor)
	if err != nil {
		return err
	}
	d := adminData{Kinds: rankfile.BodyKinds, Done: r.URL.Query().Get("done")}
	var walkErr error
	tree.Walk(func(n *rankfile.BodyNode, _ int) {
		if walkErr != nil {
			return
		}
		var v *rankfile.BodyView
		v, walkErr = s.app.BodyAdminView(r.Context(), actor, n.Body.ID)
		d.Bodies = append(d.Bodies, v)
	})
	if walkErr != nil {
		return walkErr
	}
	return s.render(w, r, "body_admin.html", d)
}

func (s *Server) adminCreateBody(w http.ResponseWriter, r *http.Request) error {
	kind, err := rankfile.ParseBodyKind(r.FormValue("kind"))
	if err != nil {
		return err
	}
	b := &rankfile.Body{Kind: kind, Name: strings.TrimSpace(r.FormValue("name")), Slug: r.FormValue("slug"),
		Description: r.FormValue("description"), ContactEmail: r.FormValue("contact_email"),
		ContactURL: r.FormValue("contact_url"), Joining: r.FormValue("joining")}
	if b.Slug == "" {
		b.Slug = rankfile.Slugify(b.Name)
	}
	if b.ParentID, err = formID(r, "parent"); err != nil {
		return err
	}
	if err := s.app.CreateBody(r.Context(), req(r).actor, b); err != nil {
		return err
	}
	return redirect(w, r, "/admin?done=body")
}

func (s *Server) adminUpdateBody(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such body")
	}
	upd := rankfile.BodyUpdate{}
	for field, dst := range map[string]**string{"name": &upd.Name, "description": &upd.Description,
		"contact_email": &upd.ContactEmail, "contact_url": &upd.ContactURL, "joining": &upd.Joining} {
		if r.Form.Has(field) || r.PostForm.Has(field) || r.FormValue(field) != "" {
			v := r.FormValue(field)
			*dst = &v
		}
	}
	if _, err := s.app.UpdateBody(r.Context(), req(r).actor, id, upd); err != nil {
		return err
	}
	return redirect(w, r, "/admin?done=body")
}

func (s *Server) adminCreateSeat(w http.ResponseWriter, r *http.Request) error {
	seat := &rankfile.Seat{Title: strings.TrimSpace(r.FormValue("title")), FilledBy: r.FormValue("filled_by")}
	var err error
	if seat.BodyID, err = formID(r, "body"); err != nil {
		return err
	}
	seat.Count, _ = strconv.Atoi(r.FormValue("count"))
	seat.TermMonths, _ = strconv.Atoi(r.FormValue("term_months"))
	if seat.ElectorateBodyID, err = formID(r, "electorate"); err != nil {
		return err
	}
	if seat.AppointingSeatID, err = formID(r, "appointing_seat"); err != nil {
		return err
	}
	if err := s.app.CreateSeat(r.Context(), req(r).actor, seat); err != nil {
		return err
	}
	return redirect(w, r, "/admin?done=seat")
}

func (s *Server) adminCreatePosition(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	p := &rankfile.Position{}
	var err error
	if p.BodyID, err = formID(r, "body"); err != nil {
		return err
	}
	if p.SeatID, err = formID(r, "seat"); err != nil {
		return err
	}
	if p.StartOn, err = rankfile.ParseDate(r.FormValue("start_on")); err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "start: %v", err)
	}
	if p.StartOn.IsZero() {
		p.StartOn = s.app.Today()
	}
	if p.EndOn, err = rankfile.ParseDate(r.FormValue("end_on")); err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "end: %v", err)
	}
	m, err := s.app.FindMemberForAdmin(r.Context(), actor, r.FormValue("member"))
	if err != nil {
		return err
	}
	p.MemberID = m.ID
	if err := s.app.CreatePosition(r.Context(), actor, p); err != nil {
		return err
	}
	return redirect(w, r, "/admin?done=position")
}

func (s *Server) adminEndPosition(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such position")
	}
	last := s.app.Today()
	if v := r.FormValue("end_on"); v != "" {
		if last, err = rankfile.ParseDate(v); err != nil {
			return rankfile.Errorf(rankfile.EINVALID, "end: %v", err)
		}
	}
	if err := s.app.EndPosition(r.Context(), req(r).actor, id, last); err != nil {
		return err
	}
	return redirect(w, r, "/admin?done=position")
}
