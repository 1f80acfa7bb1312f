package mail

import (
	"strconv"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
)

// Environment variables read by ConfigFromEnv.
const (
	// EnvHost names the SMTP server; leaving it and the rest unset means
	// no SMTP server.
	EnvHost = "RANKFILE_SMTP_HOST"
	// EnvPort is the server's port, a whole number.
	EnvPort = "RANKFILE_SMTP_PORT"
	// EnvUsername is the SMTP AUTH username.
	EnvUsername = "RANKFILE_SMTP_USERNAME"
	// EnvPassword is the SMTP AUTH password.
	EnvPassword = "RANKFILE_SMTP_PASSWORD"
	// EnvFrom is the sender address, optionally with a display name.
	EnvFrom = "RANKFILE_SMTP_FROM"
	// EnvTLS is the TLS mode: starttls, tls or none.
	EnvTLS = "RANKFILE_SMTP_TLS"
	// EnvTimeout bounds one send, as a Go duration such as "20s".
	EnvTimeout = "RANKFILE_SMTP_TIMEOUT"
	// EnvAllowPlaintext, when "true", permits TLS mode none to a host that
	// is not loopback.
	EnvAllowPlaintext = "RANKFILE_SMTP_ALLOW_PLAINTEXT"
)

// ConfigFromEnv reads a Config from the RANKFILE_SMTP_* variables through
// getenv (os.Getenv, or a map in tests). Unset variables leave their fields
// at zero, so with none set the result is the zero Config, which New takes to
// mean "no SMTP server". It returns an EINVALID error for a value that cannot
// be parsed, naming the variable; it does not call Validate.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		Host:     strings.TrimSpace(getenv(EnvHost)),
		Username: getenv(EnvUsername),
		Password: getenv(EnvPassword),
		From:     strings.TrimSpace(getenv(EnvFrom)),
		TLS:      strings.ToLower(strings.TrimSpace(getenv(EnvTLS))),
	}
	var err error
	if c.Port, err = envInt(getenv, EnvPort); err != nil {
		return Config{}, err
	}
	if c.Timeout, err = envDuration(getenv, EnvTimeout); err != nil {
		return Config{}, err
	}
	if c.AllowPlaintext, err = envBool(getenv, EnvAllowPlaintext); err != nil {
		return Config{}, err
	}
	return c, nil
}

func envInt(getenv func(string) string, name string) (int, error) {
	s := strings.TrimSpace(getenv(name))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, rankfile.Errorf(rankfile.EINVALID, "%s=%q is not a whole number.", name, s)
	}
	return n, nil
}

func envDuration(getenv func(string) string, name string) (time.Duration, error) {
	s := strings.TrimSpace(getenv(name))
	if s == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, rankfile.Errorf(rankfile.EINVALID, "%s=%q is not a duration such as 30s.", name, s)
	}
	return d, nil
}

func envBool(getenv func(string) string, name string) (bool, error) {
	s := strings.TrimSpace(getenv(name))
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, rankfile.Errorf(rankfile.EINVALID, "%s=%q is not true or false.", name, s)
	}
	return b, nil
}
