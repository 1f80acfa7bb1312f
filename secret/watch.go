package secret

import (
	"os"
	"sync"
	"time"
)

// Source gives the keyring to use now. A *Keyring is a Source of itself; a
// *Watched reads its key file again when the file changes.
type Source interface {
	Keyring() *Keyring
}

// Keyring returns r itself, so that a fixed keyring serves as a Source.
func (r *Keyring) Keyring() *Keyring { return r }

// WatchInterval is how often a Watched looks at its key file at most. A
// rotation waits a little longer than this before resealing, so that every
// running rankfile seals with the new key by then.
const WatchInterval = time.Second

// Watched is a keyring loaded from a key file and loaded again whenever the
// file changes, so that a running server follows a rotation made by another
// process without a restart. A key file that has become unreadable or
// invalid leaves the last good keyring in use: sealed values must not
// become unreadable because of a slip in editing the file, and rotations
// replace the file atomically, so a half-written one is never seen.
type Watched struct {
	path     string
	interval time.Duration

	mu      sync.Mutex
	ring    *Keyring
	stamp   fileStamp
	checked time.Time
}

// fileStamp tells one version of a file from another: a rotation renames
// a new file into place, so the file itself differs even when its time and
// size happen to match the old one's.
type fileStamp struct {
	info os.FileInfo
}

func (a fileStamp) same(b fileStamp) bool {
	return os.SameFile(a.info, b.info) && a.info.ModTime().Equal(b.info.ModTime()) && a.info.Size() == b.info.Size()
}

// Watch loads the key file at path and returns a Watched over it.
func Watch(path string) (*Watched, error) {
	info, err := os.Stat(path)
	if err != nil {
		_, err := LoadFile(path) // its message says what is wrong
		return nil, err
	}
	ring, err := LoadFile(path)
	if err != nil {
		return nil, err
	}
	return &Watched{path: path, interval: WatchInterval, ring: ring, stamp: stampOf(info), checked: time.Now()}, nil
}

// Path returns the key file's path.
func (w *Watched) Path() string { return w.path }

// Keyring returns the keyring of the key file as it last was, looking at
// the file again when WatchInterval has passed since the last look.
func (w *Watched) Keyring() *Keyring {
	w.mu.Lock()
	defer w.mu.Unlock()
	if now := time.Now(); now.Sub(w.checked) >= w.interval {
		w.checked = now
		w.reload()
	}
	return w.ring
}

// reload loads the file again if it changed and is still a good key file.
func (w *Watched) reload() {
	info, err := os.Stat(w.path)
	if err != nil || stampOf(info).same(w.stamp) {
		return
	}
	if ring, err := LoadFile(w.path); err == nil {
		w.ring, w.stamp = ring, stampOf(info)
	}
}

func stampOf(info os.FileInfo) fileStamp {
	return fileStamp{info: info}
}
