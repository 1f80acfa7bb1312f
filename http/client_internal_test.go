package http

import (
	"log/slog"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

func TestClientKey(t *testing.T) {
	s := &Server{logger: slog.New(slog.DiscardHandler), proxies: proxies{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8")}}
	for _, c := range []struct {
		name, peer, xff, realIP, want string
	}{
		{"a client", "203.0.113.1:4000", "", "", "203.0.113.1"},
		{"a client writing headers", "203.0.113.1:4000", "198.51.100.1", "198.51.100.2", "203.0.113.1"},
		{"behind a proxy", "10.0.0.2:4000", "203.0.113.1", "", "203.0.113.1"},
		{"behind a proxy, forged on the left", "10.0.0.2:4000", "198.51.100.1, 203.0.113.1", "", "203.0.113.1"},
		{"behind two proxies", "10.0.0.2:4000", "198.51.100.1, 203.0.113.1, 10.0.0.3", "", "203.0.113.1"},
		{"in two headers", "10.0.0.2:4000", "198.51.100.1\n203.0.113.1, 10.0.0.3", "", "203.0.113.1"},
		{"with a port", "10.0.0.2:4000", "203.0.113.1:5555", "", "203.0.113.1"},
		{"X-Real-IP alone", "10.0.0.2:4000", "", "203.0.113.1", "203.0.113.1"},
		{"X-Forwarded-For first", "10.0.0.2:4000", "203.0.113.1", "198.51.100.1", "203.0.113.1"},
		{"nonsense from a proxy", "10.0.0.2:4000", "203.0.113.1, nonsense, 10.0.0.3", "", "10.0.0.3"},
		{"nonsense only", "10.0.0.2:4000", "nonsense", "", "10.0.0.2"},
		{"only proxies", "10.0.0.2:4000", "10.0.0.4, 10.0.0.3", "", "10.0.0.4"},
		{"IPv6 by its /64", "[2001:db8:1:2:3:4:5:6]:4000", "", "", "2001:db8:1:2::/64"},
		{"IPv6 behind a proxy", "[fd00::1]:4000", "[2001:db8:1:2::9]:80", "", "2001:db8:1:2::/64"},
		{"IPv4 in IPv6", "[::ffff:203.0.113.1]:4000", "", "", "203.0.113.1"},
		{"a proxy's mapped address", "[::ffff:10.0.0.2]:4000", "203.0.113.1", "", "203.0.113.1"},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.peer
		if c.xff != "" {
			for _, v := range strings.Split(c.xff, "\n") {
				r.Header.Add("X-Forwarded-For", v)
			}
		}
		if c.realIP != "" {
			r.Header.Set("X-Real-IP", c.realIP)
		}
		if got := s.clientKey(r); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestHTTPSOnlyFromATrustedProxy(t *testing.T) {
	p := proxies{netip.MustParsePrefix("10.0.0.0/8")}
	for peer, want := range map[string]bool{"10.0.0.2:4000": true, "203.0.113.1:4000": false} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = peer
		r.Header.Set("X-Forwarded-Proto", "https")
		if got := p.https(r); got != want {
			t.Errorf("X-Forwarded-Proto: https from %s: %v, want %v", peer, got, want)
		}
	}
}
