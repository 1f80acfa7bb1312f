package rankfile

import (
	"errors"
	"fmt"
	"slices"
)

// Error codes. The set is small and fixed so that every transport (CLI exit
// status, HTTP status, JSON API) can map each code in one table.
const (
	ECONFLICT     = "conflict"     // the request conflicts with the current state
	EFORBIDDEN    = "forbidden"    // the caller may not do this
	EINTERNAL     = "internal"     // a fault of ours; details are logged, never shown
	EINVALID      = "invalid"      // the input is wrong and nothing was changed
	ENOTFOUND     = "not_found"    // the thing asked for does not exist
	EUNAUTHORIZED = "unauthorized" // the caller is not signed in
	EBUSY         = "busy"         // another writer holds the data; try again
	ETOOMANY      = "too_many"     // the caller asked too often; try again later
)

// Error is a domain error: a code from the fixed set and a message written
// for the person using rankfile, in English. Format and Args keep how the
// message was made, so that a page can say it in the reader's language
// (locale.Localizer.Error); the JSON API and the logs keep the English.
type Error struct {
	Code    string
	Message string
	Format  string
	Args    []any
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("rankfile error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns a domain error with the given code and formatted message.
//
// An argument that is itself an *Error stands for its message, here in
// English and translated with the rest where the message is shown, so that
// an error can say where another happened ("line 3: ...").
func Errorf(code, format string, args ...any) *Error {
	shown := slices.Clone(args)
	for i, a := range args {
		if e, ok := a.(*Error); ok {
			shown[i] = e.Message
		}
	}
	return &Error{Code: code, Message: fmt.Sprintf(format, shown...), Format: format, Args: args}
}

// ErrorCode returns the code of a domain error anywhere in err's chain,
// EINTERNAL for any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of a domain error in err's chain. Other
// errors get a generic message so that internal details never reach users.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// FieldError is a domain error about one field of what a person sent:
// Field names it as the form names it (a meeting's session's chair is
// SessionField(0, "chair")), and Problem, when set, says in one word what
// is wrong with it ("unknown", "ambiguous"), so that a page marks the
// field and says the problem in its own words without reading the
// message, which is English.
type FieldError struct {
	Field   string
	Problem string
	Err     *Error
}

// Error implements the error interface.
func (e *FieldError) Error() string { return e.Field + ": " + e.Err.Error() }

// Unwrap returns the domain error, whose code and message stand as they are.
func (e *FieldError) Unwrap() error { return e.Err }

// FieldErrorf returns a domain error about the named field.
func FieldErrorf(field, code, format string, args ...any) *FieldError {
	return &FieldError{Field: field, Err: Errorf(code, format, args...)}
}

// InField returns err as an error about the named field, with the
// problem in one word if one is given; an error that is not a domain
// error, or nil, is returned as it is.
func InField(field, problem string, err error) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	return &FieldError{Field: field, Problem: problem, Err: e}
}

// FieldOf returns the field error in err's chain, or nil.
func FieldOf(err error) *FieldError {
	var e *FieldError
	if errors.As(err, &e) {
		return e
	}
	return nil
}
