package http

import (
	"net/http"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// signInData is what the sign-in page shows.
type signInData struct {
	Email   string
	Next    string
	Sent    bool
	Minutes int
	Problem string // a message id
}

func (s *Server) signInForm(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, "auth_signin.html", signInData{Next: safeNext(r.URL.Query().Get("next"))})
}

// signInRequest asks for a link to be emailed to the address. Known and
// unknown addresses get the same page, after the same work (the request is
// only queued: see app.RequestSignIn), so that nobody can probe who is a
// member. The link is worked out from this request now, so that the queue
// holds nothing of it.
func (s *Server) signInRequest(w http.ResponseWriter, r *http.Request) error {
	d := signInData{Email: strings.TrimSpace(r.FormValue("email")), Next: safeNext(r.FormValue("next")),
		Minutes: int(rankfile.SignInLifetime.Minutes())}
	base, next := s.linkTo(r, ""), nextQuery(d.Next)
	err := s.app.RequestSignIn(r.Context(), d.Email, req(r).l.Lang(), func(token string) string {
		return base + SignInPath(token) + next
	})
	switch rankfile.ErrorCode(err) {
	case "":
		d.Sent = true
		return s.render(w, r, "auth_signin.html", d)
	case rankfile.EINVALID:
		d.Problem = "signin.problem.email"
		return s.renderStatus(w, r, http.StatusBadRequest, "auth_signin.html", d)
	case rankfile.EBUSY:
		d.Problem = "signin.problem.busy"
		return s.renderStatus(w, r, http.StatusServiceUnavailable, "auth_signin.html", d)
	}
	return err
}

// signInConfirm shows the page an emailed link opens. Using the link takes
// a second click (a POST): mail filters that open links to scan them would
// otherwise spend it before the member could.
func (s *Server) signInConfirm(w http.ResponseWriter, r *http.Request) error {
	token := r.PathValue("token")
	valid := s.app.CheckSignIn(r.Context(), token) == nil
	status := http.StatusOK
	if !valid {
		status = http.StatusGone
	}
	w.Header().Set("Referrer-Policy", "no-referrer") // the token is in this page's address
	return s.renderStatus(w, r, status, "auth_signin_confirm.html", map[string]any{
		"Token": token, "Valid": valid, "Next": safeNext(r.URL.Query().Get("next")),
	})
}

// signInRedeem uses the link, sets the session cookie and goes on.
func (s *Server) signInRedeem(w http.ResponseWriter, r *http.Request) error {
	secret, err := s.app.SignIn(r.Context(), r.PathValue("token"))
	if rankfile.ErrorCode(err) == rankfile.EUNAUTHORIZED {
		return s.renderStatus(w, r, http.StatusGone, "auth_signin_confirm.html", map[string]any{"Valid": false})
	} else if err != nil {
		return err
	}
	s.setCookie(w, sessionCookie, secret, int(rankfile.SessionLifetime.Seconds()))
	http.Redirect(w, r, safeNext(r.FormValue("next")), http.StatusSeeOther)
	return nil
}

func (s *Server) signOut(w http.ResponseWriter, r *http.Request) error {
	if rq := req(r); rq.session != "" {
		if err := s.app.SignOut(r.Context(), rq.session); err != nil {
			return err
		}
	}
	s.setCookie(w, sessionCookie, "", -1)
	return redirect(w, r, "/")
}

func (s *Server) signOutEverywhere(w http.ResponseWriter, r *http.Request) error {
	if err := s.app.SignOutEverywhere(r.Context(), req(r).actor); err != nil {
		return err
	}
	s.setCookie(w, sessionCookie, "", -1)
	return redirect(w, r, "/")
}

// setLanguage remembers the switcher's choice in a cookie and, for a
// signed-in member, in their preferences.
func (s *Server) setLanguage(w http.ResponseWriter, r *http.Request) error {
	lang := r.FormValue("lang")
	if !locale.Supported(lang) {
		return rankfile.Errorf(rankfile.EINVALID, "rankfile does not speak %q", lang)
	}
	s.setCookie(w, languageCookie, lang, 365*24*3600)
	if a := req(r).actor; a.SignedIn() {
		p := a.Member.Preferences
		p.Language = lang
		if err := s.app.SetPreferences(r.Context(), a, p); err != nil {
			return err
		}
	}
	http.Redirect(w, r, safeNext(r.FormValue("back")), http.StatusSeeOther)
	return nil
}

// SignInPath is the path of the page that signs in with a one-time token:
// what a sign-in link leads to.
func SignInPath(token string) string { return "/sign-in/" + token }
