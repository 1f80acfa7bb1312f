package rankfile

import (
	"strings"
	"unicode/utf8"
)

// Canvassing is a canvasser's shift on the doors of a turf, on a phone
// that may lose its connection: the turf, the script and the answers are
// kept on the phone, and the answers sent when it is back (each with the
// id the phone made, so that one sent twice is stored once; attempt.go).
// Someone who answers a door and is not on the campaign's list (a new
// tenant, a roommate) is added to the door's household as a target of the
// campaign, with the attempt that met them (Attempt.Met).

// PersonMet is someone met at a door who is not on the campaign's list:
// what the canvasser wrote down of them. Recording the attempt makes them
// a target of the campaign, in the door's household, and names them as
// who answered; an attempt sent twice makes them once.
type PersonMet struct {
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name,omitempty"`
	Phone     string `json:"phone,omitempty"`
	Email     string `json:"email,omitempty"`
}

// Validate checks the person's name and writes their phone and email as
// targets hold them.
func (p *PersonMet) Validate() error {
	p.FirstName, p.LastName = strings.TrimSpace(p.FirstName), strings.TrimSpace(p.LastName)
	if p.FirstName == "" || utf8.RuneCountInString(p.FirstName) > 60 || utf8.RuneCountInString(p.LastName) > 60 {
		return FieldErrorf("met", EINVALID, "someone met at the door needs a first name, and names of at most %d characters", 60)
	}
	var err error
	if p.Phone = strings.TrimSpace(p.Phone); p.Phone != "" {
		if p.Phone, err = NormalizePhone(p.Phone); err != nil {
			return err
		}
	}
	if p.Email = strings.TrimSpace(p.Email); p.Email != "" {
		p.Email, err = NormalizeEmail(p.Email)
	}
	return err
}
