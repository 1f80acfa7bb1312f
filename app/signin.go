package app

import (
	"context"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// mailTimeout bounds how long sending one email may take.
const mailTimeout = time.Minute

// RequestSignIn emails a one-time sign-in link to each member with the
// address, in their language (else lang). An address nobody has gets the
// same answer and takes the same time: the email is sent in the
// background either way, so that nobody can probe the roster.
func (a *App) RequestSignIn(ctx context.Context, email, lang string, linkFor func(token string) string) error {
	email = strings.TrimSpace(email)
	if !strings.Contains(email, "@") || len(email) > 320 {
		return rankfile.Errorf(rankfile.EINVALID, "enter your email address")
	}
	links, err := a.Auth.CreateSignInTokens(ctx, email)
	if err != nil || len(links) == 0 {
		return err
	}
	if l := links[0].Member.Preferences.Language; l != "" {
		lang = l
	}
	a.sendLater(signInMessage(locale.For(lang), a.Name, email, links, linkFor))
	return nil
}

// sendLater sends a message outside the request, logging a failure
// without saying whom it was for.
func (a *App) sendLater(m *rankfile.Message) {
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), mailTimeout)
		defer cancel()
		if err := a.Mailer.Send(ctx, m); err != nil {
			a.Logger.Error("sending email", "kind", m.Kind, "err", err)
		}
	}()
}

func signInMessage(l *locale.Localizer, org, email string, links []rankfile.SignInLink, linkFor func(string) string) *rankfile.Message {
	var b strings.Builder
	b.WriteString(l.T("signin.mail.greeting", "Name", links[0].Member.FirstName) + "\n\n")
	if len(links) == 1 {
		b.WriteString(l.T("signin.mail.one", "Org", org, "Minutes", int(rankfile.SignInLifetime.Minutes())) + "\n\n")
		b.WriteString(linkFor(links[0].Token) + "\n\n")
	} else {
		b.WriteString(l.T("signin.mail.several", "Org", org, "Minutes", int(rankfile.SignInLifetime.Minutes())) + "\n\n")
		for _, link := range links {
			b.WriteString(l.T("signin.mail.as", "Name", link.Member.FullName()) + "\n" + linkFor(link.Token) + "\n\n")
		}
	}
	b.WriteString(l.T("signin.mail.ignore") + "\n")
	return &rankfile.Message{To: email, Subject: l.T("signin.mail.subject", "Org", org), Text: b.String(), Kind: "sign-in"}
}

// CheckSignIn reports whether a sign-in link still works, without using it.
func (a *App) CheckSignIn(ctx context.Context, token string) error {
	return a.Auth.CheckSignInToken(ctx, token)
}

// SignIn uses a sign-in link and returns the new session's secret.
func (a *App) SignIn(ctx context.Context, token string) (string, error) {
	secret, _, err := a.Auth.RedeemSignInToken(ctx, token)
	return secret, err
}

// ActorForSession returns who is behind a session cookie.
func (a *App) ActorForSession(ctx context.Context, secret string) (*rankfile.Actor, error) {
	s, err := a.Auth.FindSession(ctx, secret)
	if err != nil {
		return nil, err
	}
	return a.Auth.Actor(ctx, s.MemberID)
}

// ActorForAPIToken returns who is behind an API token.
func (a *App) ActorForAPIToken(ctx context.Context, secret string) (*rankfile.Actor, error) {
	t, err := a.Auth.FindAPIToken(ctx, secret)
	if err != nil {
		return nil, err
	}
	return a.Auth.Actor(ctx, t.MemberID)
}

// SignOut ends one browser's session.
func (a *App) SignOut(ctx context.Context, secret string) error {
	return a.Auth.EndSession(ctx, secret)
}

// SignOutEverywhere ends every session of the actor and revokes their API
// tokens, the revoking audited as theirs.
func (a *App) SignOutEverywhere(ctx context.Context, actor *rankfile.Actor) error {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return err
	}
	return a.Auth.EndAllSessions(as(ctx, actor), actor.ID())
}
