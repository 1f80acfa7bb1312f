package http

import (
	"net/http"
	"strconv"
	"time"

	"github.com/rankfile/rankfile"
)

// Guests: someone not signed in asks to register for a public event with
// their name and address, and confirms through the link emailed there.
// Each client may ask only so often, and the answer is the same whatever
// became of the request (a seat held already, the address's emails used
// up for the day), so that it tells nothing about the address.

// How often one client may ask for guest registrations.
const (
	guestRequests = 10
	guestPeriod   = time.Hour
)

// guestAllowed reports whether the client may ask for one more guest
// registration, and answers 429 when it may not: a page in the reader's
// language, or for the API the API's own answer.
func (s *Server) guestAllowed(w http.ResponseWriter, r *http.Request, api bool) bool {
	if s.guestLimit.allow(r.Context(), s.clientKey(r)) {
		return true
	}
	if api {
		apiTooMany(w)
		return false
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(guestPeriod/guestRequests/time.Second)))
	if err := s.renderStatus(w, r, http.StatusTooManyRequests, "error.html", errorPage{Code: rankfile.ETOOMANY}); err != nil {
		s.logFault(r, err)
	}
	return false
}

// registerGuestForm asks for the registration of someone not signed in,
// and sends them to look in their email.
func (s *Server) registerGuestForm(w http.ResponseWriter, r *http.Request, eventID int64) error {
	if !s.guestAllowed(w, r, false) {
		return nil
	}
	c := &rankfile.Contact{Name: r.FormValue("name"), Email: r.FormValue("email"),
		Phone: r.FormValue("phone"), Zip: r.FormValue("zip"), Language: req(r).l.Lang()}
	if _, err := s.app.RegisterGuest(r.Context(), eventID, c); err != nil {
		return s.eventProblem(w, r, err, c)
	}
	return redirect(w, r, "/events/"+r.PathValue("id")+"?done=guest")
}

// guestRegistrationPage is what the link in a contact's email opens: the
// event as their registration lets them see it, with a button to confirm
// it (a POST: mail scanners open links), or to cancel it.
func (s *Server) guestRegistrationPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderGuest(w, r, http.StatusOK)
}

func (s *Server) renderGuest(w http.ResponseWriter, r *http.Request, status int) error {
	v, err := s.app.GuestRegistration(r.Context(), r.PathValue("token"))
	if err != nil {
		return err
	}
	p, err := s.eventPageOf(r, v)
	if err != nil {
		return err
	}
	w.Header().Set("Referrer-Policy", "no-referrer") // the secret is in this page's address
	return s.renderStatus(w, r, status, "event_guest.html", p)
}

// confirmGuestForm confirms the registration a contact's link opens. A
// link that lapsed, or an event that takes no registrations now, shows the
// page again, which says so.
func (s *Server) confirmGuestForm(w http.ResponseWriter, r *http.Request) error {
	token := r.PathValue("token")
	v, err := s.app.ConfirmGuestRegistration(r.Context(), token)
	if fixable(err) {
		return s.renderGuest(w, r, statuses[rankfile.ErrorCode(err)])
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/registrations/"+token+"?done="+string(v.Mine.Status))
}

// cancelGuestForm cancels the registration a contact's link opens.
func (s *Server) cancelGuestForm(w http.ResponseWriter, r *http.Request) error {
	token := r.PathValue("token")
	if err := s.app.CancelGuestRegistration(r.Context(), token); err != nil {
		return err
	}
	return redirect(w, r, "/registrations/"+token+"?done=unregistered")
}
