//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package count

import "io"

// mapFile reports that files are read, not mapped, on this system.
func mapFile(io.Reader) (data []byte, unmap func(), ok bool) { return nil, nil, false }

// parseMapped is never called where files are not mapped.
func parseMapped(p *bltParser) (*Election, error) { return p.parse() }
