package rankfile

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Names are compared folded: searches by name match whatever accents are
// typed or left out ("hector" finds Héctor, "Núñez" finds Nunez), and the
// roster lists Álvarez among the A's. The store keeps each member's names
// folded in columns of their own, which it sorts and searches by.
//
// The folded names are stored: changing FoldName changes what is stored,
// so a change to it needs a migration that folds every name again.

// foldLetters are letters without a decomposition that people write with
// their plain neighbours all the same.
var foldLetters = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i",
}

// FoldName folds a name for matching: lower case, its letters decomposed
// (NFD) and their accents (nonspacing marks) dropped, and the few letters
// of foldLetters spelled plainly.
func FoldName(s string) string {
	if ascii, ok := foldASCII(s); ok {
		return ascii // most names: no decomposing, no copy when already lower case
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case foldLetters[r] != "":
			b.WriteString(foldLetters[r])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldASCII folds a name written in ASCII alone: its lower case. It
// reports false for any other name.
func foldASCII(s string) (string, bool) {
	upper := false
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return "", false
		}
		upper = upper || ('A' <= s[i] && s[i] <= 'Z')
	}
	if !upper {
		return s, true
	}
	return strings.ToLower(s), true
}
