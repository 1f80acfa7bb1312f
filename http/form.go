package http

import (
	"errors"

	"github.com/rankfile/rankfile"
)

// A form sent with a mistake comes back as it was typed, with the mistake
// said next to the field it concerns (aria-invalid and aria-describedby
// point at it) or, when it concerns no one field, above the form.

// fieldProblem is what was wrong with a form: the message, in the
// reader's language, and the name of the field it concerns, if one.
type fieldProblem struct {
	Field   string
	Message string
}

// Is reports whether the problem concerns the named field.
func (p *fieldProblem) Is(field string) bool { return p != nil && p.Field == field }

// General reports whether the problem concerns no one field, to be said
// above the form.
func (p *fieldProblem) General() bool { return p != nil && p.Field == "" }

// problemOf says an error in the request's language and finds its field:
// the one the form reader named (fieldError), else the one the domain
// named (rankfile.FieldError), else the one fields gives for the
// message's format.
func problemOf(rq *request, err error, fields map[string]string) *fieldProblem {
	p := &fieldProblem{Message: rq.l.Error(err)}
	var fe *fieldError
	var de *rankfile.Error
	if errors.As(err, &fe) {
		p.Field = fe.field
	} else if f := rankfile.FieldOf(err); f != nil {
		p.Field = f.Field
	} else if errors.As(err, &de) {
		p.Field = fields[de.Format]
	}
	return p
}

// fieldError is an error in reading one field of a form.
type fieldError struct {
	field string
	err   error
}

func (e *fieldError) Error() string { return e.field + ": " + e.err.Error() }
func (e *fieldError) Unwrap() error { return e.err }

// inField marks an error as one of the named field; nil stays nil.
func inField(field string, err error) error {
	if err == nil {
		return nil
	}
	return &fieldError{field: field, err: err}
}

// keptBodies are the bodies a form keeps among its choices though they
// may be dissolved since: those the record it changes names (id not 0),
// so that saving it does not move it; none for a new record.
func keptBodies(id int64, bodies ...int64) []int64 {
	if id == 0 {
		return nil
	}
	return bodies
}
