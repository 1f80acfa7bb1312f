package mail

import (
	"fmt"
	"slices"
	"strings"

	gosmtp "github.com/wneessen/go-mail/smtp"
)

// authenticator logs in with PLAIN, or with LOGIN for servers that offer
// only that (Microsoft 365 among them). It chooses once it has seen what the
// server offers, which go-mail's fixed choices cannot do.
type authenticator struct {
	username, password, host string
	// allowPlaintext is true only in TLS mode none, whose Config.Validate
	// already confined it to loopback or an explicit allowance. In the
	// other modes the mechanisms refuse to send credentials without TLS.
	allowPlaintext bool
	chosen         gosmtp.Auth
}

// Start picks the mechanism and begins the exchange.
func (a *authenticator) Start(server *gosmtp.ServerInfo) (string, []byte, error) {
	switch {
	case slices.Contains(server.Auth, "PLAIN"):
		a.chosen = gosmtp.PlainAuth("", a.username, a.password, a.host, a.allowPlaintext)
	case slices.Contains(server.Auth, "LOGIN"):
		a.chosen = gosmtp.LoginAuth(a.username, a.password, a.host, a.allowPlaintext)
	default:
		return "", nil, fmt.Errorf("the SMTP server offers neither PLAIN nor LOGIN authentication (it offers %q)",
			strings.Join(server.Auth, " "))
	}
	return a.chosen.Start(server)
}

// Next continues the exchange with the chosen mechanism.
func (a *authenticator) Next(fromServer []byte, more bool) ([]byte, error) {
	return a.chosen.Next(fromServer, more)
}
