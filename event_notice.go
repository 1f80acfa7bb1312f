package rankfile

// The notices a change to an event owes the people registered for it:
// the store reports what the change did, under the event's lock (an
// EventChange), the app decides the notices it owes by the rules below
// (EventChange.Notices), and the store queues them in the change's
// transaction, so that a registration acknowledged is an email that will
// be sent and a change refused owes nothing.

// EventChange is what one change to an event or its registrations did,
// as the store saw it under the event's lock. Registrations in it carry
// their id, event, member or contact, and status.
type EventChange struct {
	EventID int64
	// Placed are registrations that took a seat or a place in line in
	// the change, a member registering or a guest confirming: Status says
	// which.
	Placed []*Registration
	// Asked is a guest's registration asked for in the change and waiting
	// to be confirmed; AskedLastDay counts the emails asking to confirm
	// its address had in the last GuestEmailDay, AskedLately those this
	// registration had in the last GuestEmailAgain (see GuestEmailDue).
	Asked                     *Registration
	AskedLastDay, AskedLately int
	// Moved is set when the event's time or place changed, Cancelled when
	// the event was cancelled; Registrants are then everyone registered
	// or waitlisted, in the order they registered, before anyone was
	// taken off the waitlist.
	Moved, Cancelled bool
	Registrants      []*Registration
	// Promoted are those taken off the waitlist into a seat, in line.
	Promoted []*Registration
}

// EventNotices decides the notices an event's change owes. The store
// queues exactly what it returns, in the change's transaction; an error
// undoes the change.
type EventNotices func(*EventChange) ([]*Notice, error)

// Notices are the notices the change owes, by rankfile's one set of
// rules: a guest asking to register is asked to confirm (when
// GuestEmailDue: an address gets only so many such emails); whoever takes
// a seat or a place in line hears which; everyone registered or
// waitlisted hears that the event moved or was cancelled; whoever is
// taken off the waitlist hears that they have a seat.
func (c *EventChange) Notices() []*Notice {
	var out []*Notice
	if c.Asked != nil && GuestEmailDue(c.AskedLastDay, c.AskedLately) {
		out = append(out, NoticeTo(c.Asked, NoticeConfirm))
	}
	for _, reg := range c.Placed {
		if kind := placedNotice(reg.Status); kind != "" {
			out = append(out, NoticeTo(reg, kind))
		}
	}
	if c.Moved || c.Cancelled {
		kind := NoticeMoved
		if c.Cancelled {
			kind = NoticeCancelled
		}
		for _, reg := range c.Registrants {
			out = append(out, NoticeTo(reg, kind))
		}
	}
	for _, reg := range c.Promoted {
		out = append(out, NoticeTo(reg, NoticePromoted))
	}
	return out
}

// placedNotice is the notice that tells a registrant the status they
// took: a seat, or a place in line.
func placedNotice(s RegistrationStatus) NoticeKind {
	switch s {
	case Registered:
		return NoticeRegistered
	case Waitlisted:
		return NoticeWaitlisted
	}
	return ""
}

// NoticeTo is a notice of kind about a registration, to its registrant.
func NoticeTo(reg *Registration, kind NoticeKind) *Notice {
	return &Notice{Kind: kind, EventID: reg.EventID, RegistrationID: reg.ID, MemberID: reg.MemberID, ContactID: reg.ContactID}
}
