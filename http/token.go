package http

import (
	"net/http"
	"strconv"
	"time"

	"github.com/rankfile/rankfile"
)

// A member's personal API tokens: the page that lists, makes and revokes
// them, and the same through the JSON API. The form that makes a token
// answers with a redirect (so that reloading the page makes no second
// token), and hands the secret to the page it redirects to in a cookie
// that lives two minutes and is cleared as the page shows it: the secret
// is shown once, and the page is never kept by a cache.

// newTokenCookie carries a new token's secret to the one page that shows
// it.
const newTokenCookie = "rankfile_new_token"

// tokensView is the tokens page.
type tokensView struct {
	Tokens []tokenRow
	// Created is the token just made, and Secret its secret, shown once.
	Created *rankfile.APIToken
	Secret  string
	// Name and Days are the form's values; Problem what was wrong with them.
	Name    string
	Days    int
	Choices []int
	Problem string
	Done    string
}

// tokenRow is a token as the page lists it, with its state decided here:
// "active", "expired" or "revoked".
type tokenRow struct {
	*rankfile.APIToken
	State string
}

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request) error {
	v := &tokensView{Days: rankfile.DefaultTokenDays, Done: r.URL.Query().Get("done")}
	if c, err := r.Cookie(newTokenCookie); err == nil && c.Value != "" {
		v.Secret = c.Value
		s.setCookie(w, newTokenCookie, "", -1) // shown this once
	}
	return s.renderTokens(w, r, http.StatusOK, v)
}

// renderTokens shows the page with the actor's tokens as they are now,
// and the one just made when the query names it and its secret came.
func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, status int, v *tokensView) error {
	tokens, err := s.app.MyAPITokens(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	now := s.app.Now()
	created := r.URL.Query().Get("created")
	for _, t := range tokens {
		v.Tokens = append(v.Tokens, tokenRow{APIToken: t, State: tokenState(t, now)})
		if v.Secret != "" && created == strconv.FormatInt(t.ID, 10) {
			v.Created = t
		}
	}
	if v.Created == nil {
		v.Secret = ""
	}
	v.Choices = rankfile.TokenDayChoices
	return s.renderStatus(w, r, status, "token.html", v)
}

// tokenState says whether a token works at now, and if not, why.
func tokenState(t *rankfile.APIToken, now time.Time) string {
	switch {
	case t.Revoked():
		return "revoked"
	case !t.Active(now):
		return "expired"
	}
	return "active"
}

// createTokenForm makes a token and answers with the page showing its
// secret, this once. A mistake shows the form again, filled in.
func (s *Server) createTokenForm(w http.ResponseWriter, r *http.Request) error {
	v := &tokensView{Name: r.FormValue("name"), Days: rankfile.DefaultTokenDays}
	days, err := rankfile.ParseTokenDays(r.FormValue("expires"))
	if err == nil {
		v.Days = days
		v.Secret, v.Created, err = s.app.CreateMyAPIToken(r.Context(), req(r).actor, v.Name, days)
	}
	if err != nil {
		if rankfile.ErrorCode(err) != rankfile.EINVALID {
			return err
		}
		v.Problem = req(r).l.Error(err)
		return s.renderTokens(w, r, http.StatusBadRequest, v)
	}
	s.setCookie(w, newTokenCookie, v.Secret, 120)
	return redirect(w, r, "/profile/tokens?created="+strconv.FormatInt(v.Created.ID, 10))
}

// revokeTokenForm revokes one of the member's tokens.
func (s *Server) revokeTokenForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "token")
	if err != nil {
		return err
	}
	if err := s.app.RevokeMyAPIToken(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	return redirect(w, r, "/profile/tokens?done=revoked")
}

// tokenJSON is a token as the API lists it: never its secret or hash.
type tokenJSON struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	ExpiresAt  time.Time  `json:"expires_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
	Active     bool       `json:"active"`
}

// orNull is a time for JSON, null when it never happened.
func orNull(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func (s *Server) apiMyTokens(w http.ResponseWriter, r *http.Request) error {
	tokens, err := s.app.MyAPITokens(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	now := s.app.Now()
	out := make([]tokenJSON, len(tokens))
	for i, t := range tokens {
		out[i] = tokenJSON{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt, LastUsedAt: orNull(t.LastUsedAt),
			ExpiresAt: t.ExpiresAt, RevokedAt: orNull(t.RevokedAt), Active: t.Active(now)}
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiRevokeMyToken(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "token")
	if err != nil {
		return err
	}
	if err := s.app.RevokeMyAPIToken(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
