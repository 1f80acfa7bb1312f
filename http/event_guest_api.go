package http

import (
	"net/http"

	"github.com/rankfile/rankfile"
)

// guestAnswer is the API's answer to a guest's request, the same whatever
// became of it.
type guestAnswer struct {
	Status rankfile.RegistrationStatus `json:"status"`
}

// apiRegisterGuest asks for the registration of someone not signed in,
// with their contact details ({"name", "email", "phone", "zip"}).
func (s *Server) apiRegisterGuest(w http.ResponseWriter, r *http.Request, eventID int64) error {
	if !s.guestAllowed(w, r, true) {
		return nil
	}
	c := &rankfile.Contact{}
	if err := decodeBody(r, c, `{"name", "email", "phone", "zip", "language"}`); err != nil {
		return err
	}
	if c.Language == "" {
		c.Language = req(r).l.Lang() // the caller's Accept-Language
	}
	if _, err := s.app.RegisterGuest(r.Context(), eventID, c); err != nil {
		return err
	}
	return writeJSON(w, http.StatusAccepted, guestAnswer{Status: rankfile.Unconfirmed})
}

// apiConfirmGuestRegistration confirms the registration a contact's link
// opens.
func (s *Server) apiConfirmGuestRegistration(w http.ResponseWriter, r *http.Request) error {
	v, err := s.app.ConfirmGuestRegistration(r.Context(), r.PathValue("token"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

// apiGuestRegistration returns the registration a contact's link opens.
func (s *Server) apiGuestRegistration(w http.ResponseWriter, r *http.Request) error {
	v, err := s.app.GuestRegistration(r.Context(), r.PathValue("token"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

// apiCancelGuestRegistration cancels the registration a contact's link
// opens.
func (s *Server) apiCancelGuestRegistration(w http.ResponseWriter, r *http.Request) error {
	if err := s.app.CancelGuestRegistration(r.Context(), r.PathValue("token")); err != nil {
		return err
	}
	return s.apiGuestRegistration(w, r)
}
