package app

import (
	"context"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// RequestSignIn asks for a one-time sign-in link to be emailed to each
// member with the address, in their language (else lang). It checks the
// address and queues the request, nothing more: a worker then looks the
// address up, makes the links and sends the email. So the request does the
// same work, and takes the same time, whether or not the address is a
// member's, and nobody can probe the roster by the answer or its timing.
// At most SignInEmailLimit emails go to one address in 15 minutes; further
// requests are answered the same and send nothing.
//
// It returns EINVALID for something that is not an address, and EBUSY,
// for any address alike, when too many requests are waiting. A request
// still queued when the process dies is lost, harmlessly: no link was
// made, and the member asks again.
func (a *App) RequestSignIn(ctx context.Context, email, lang string, linkFor func(token string) string) error {
	email = strings.TrimSpace(email)
	if !strings.Contains(email, "@") || len(email) > 320 {
		return rankfile.Errorf(rankfile.EINVALID, "enter your email address")
	}
	if !a.signIns.add(signInRequest{email: email, lang: lang, linkFor: linkFor}, a.answerSignIn) {
		return rankfile.Errorf(rankfile.EBUSY, "many people are signing in right now: try again in a minute")
	}
	return nil
}

// answerSignIn answers a queued request: it makes a link for each member
// with the address and emails them, unless the address was sent its
// share of emails lately. Failures are logged without the address.
func (a *App) answerSignIn(rq signInRequest) {
	ctx, cancel := context.WithTimeout(context.Background(), mailTimeout)
	defer cancel()
	members, _, err := a.Members.FindMembers(ctx, rankfile.MemberFilter{Email: rq.email, Limit: 1})
	if err != nil || len(members) == 0 {
		a.logSignInFault(err)
		return
	}
	if !a.signIns.mayEmail(strings.ToLower(rq.email), a.Now(), a.signInEmailLimit()) {
		return
	}
	links, err := a.Auth.CreateSignInTokens(ctx, rq.email)
	if err != nil || len(links) == 0 {
		a.logSignInFault(err)
		return
	}
	lang := rq.lang
	if l := links[0].Member.Preferences.Language; l != "" {
		lang = l
	}
	m := signInMessage(locale.For(lang), a.Name, rq.email, links, rq.linkFor)
	a.logSignInFault(a.Mailer.Send(ctx, m))
}

// signInEmailLimit is SignInEmailLimit, or its default.
func (a *App) signInEmailLimit() int {
	if a.SignInEmailLimit > 0 {
		return a.SignInEmailLimit
	}
	return signInEmailsPerAddress
}

func (a *App) logSignInFault(err error) {
	if err != nil {
		a.Logger.Error("answering a sign-in request", "err", err)
	}
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
