//go:build linux || darwin || freebsd || netbsd || openbsd

package count

import (
	"errors"
	"io"
	"os"
	"runtime/debug"
	"syscall"
)

// mapFile maps a regular file of at least minMapped bytes into memory
// instead of reading it: its pages then come from the page cache as they
// are parsed, where reading would first copy them all into fresh memory.
// ok is false when r is not such a file (or cannot be mapped), and the
// caller reads it instead.
func mapFile(r io.Reader) (data []byte, unmap func(), ok bool) {
	f, isFile := r.(*os.File)
	if !isFile {
		return nil, nil, false
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() < minMapped || int64(int(fi.Size())) != fi.Size() {
		return nil, nil, false
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, false
	}
	return data, func() { syscall.Munmap(data) }, true
}

// minMapped is the size from which mapping a file beats reading it.
const minMapped = 1 << 20

// parseMapped parses a mapped file. A file cut short while it is read
// makes its missing pages fault; that becomes an error rather than a
// crash.
func parseMapped(p *bltParser) (e *Election, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if _, fault := r.(interface{ Addr() uintptr }); !fault {
				panic(r)
			}
			e, err = nil, errors.New("the file changed while it was being read")
		}
	}()
	return p.parse()
}
