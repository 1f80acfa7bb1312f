package http

import (
	"net/http"
	"net/netip"
	"strings"
)

// proxies are the reverse proxies whose word rankfile takes about the
// client behind them (X-Forwarded-For, X-Real-IP) and about how the client
// came (X-Forwarded-Proto). Anyone else could write those headers to
// escape a rate limit or be told to upgrade to HTTPS, so from anyone else
// they are ignored.
type proxies []netip.Prefix

// trusts reports whether an address is one of the proxies.
func (p proxies) trusts(a netip.Addr) bool {
	for _, prefix := range p {
		if prefix.Contains(a) {
			return true
		}
	}
	return false
}

// peer returns the address the request's connection comes from.
func peer(r *http.Request) (netip.Addr, bool) {
	if ap, err := netip.ParseAddrPort(r.RemoteAddr); err == nil {
		return ap.Addr().Unmap().WithZone(""), true
	}
	a, err := netip.ParseAddr(r.RemoteAddr)
	return a.Unmap().WithZone(""), err == nil
}

// client returns the address of the client behind a request: the peer's,
// or, when the peer is a trusted proxy, the one its forwarding headers
// name. X-Forwarded-For is read from the right, where each proxy appends
// the address it was reached from, past the trusted proxies, to the first
// address that is not one: what is left of it anyone could have written.
func (p proxies) client(r *http.Request) (netip.Addr, bool) {
	addr, ok := peer(r)
	if !ok || !p.trusts(addr) {
		return addr, ok
	}
	if hops := forwardedFor(r); len(hops) > 0 {
		for i := len(hops) - 1; i >= 0; i-- {
			hop, ok := parseHop(hops[i])
			if !ok {
				break // a trusted proxy wrote nonsense: the last good hop stands
			}
			addr = hop
			if !p.trusts(hop) {
				break
			}
		}
		return addr, true
	}
	if real, ok := parseHop(r.Header.Get("X-Real-IP")); ok {
		return real, true
	}
	return addr, true
}

// forwardedFor lists the hops of every X-Forwarded-For header, in order.
func forwardedFor(r *http.Request) []string {
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		for _, hop := range strings.Split(v, ",") {
			if hop = strings.TrimSpace(hop); hop != "" {
				hops = append(hops, hop)
			}
		}
	}
	return hops
}

// parseHop reads an address as proxies write it: bare, or with a port
// (IPv6 then in brackets).
func parseHop(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap().WithZone(""), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap().WithZone(""), true
	}
	return netip.Addr{}, false
}

// https reports whether the client reached rankfile over HTTPS: directly,
// or through a trusted proxy that says so.
func (p proxies) https(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	addr, ok := peer(r)
	return ok && p.trusts(addr) && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// clientKey names the client a limit applies to: its address, or for
// IPv6 its /64, the network one host is given and can take any address
// of to start afresh.
func (s *Server) clientKey(r *http.Request) string {
	s.noteUntrustedProxy(r)
	addr, ok := s.proxies.client(r)
	if !ok {
		return r.RemoteAddr
	}
	if addr.Is6() {
		return netip.PrefixFrom(addr, 64).Masked().String()
	}
	return addr.String()
}

// noteUntrustedProxy warns once when forwarding headers come from a peer
// that is not a trusted proxy: most likely a reverse proxy missing from the
// configuration, behind which every client would share one limit. The
// warning names no address: logs carry no personal data.
func (s *Server) noteUntrustedProxy(r *http.Request) {
	if r.Header.Get("X-Forwarded-For") == "" && r.Header.Get("X-Real-IP") == "" {
		return
	}
	if addr, ok := peer(r); ok && s.proxies.trusts(addr) {
		return
	}
	s.untrustedProxy.Do(func() {
		s.logger.Warn("a request came with X-Forwarded-For or X-Real-IP from a peer that is not a trusted proxy; " +
			"the headers were ignored. If rankfile is behind a reverse proxy, name it with --trusted-proxy")
	})
}
