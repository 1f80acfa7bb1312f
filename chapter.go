package rankfile

import "strings"

// A member belongs to one chapter, which the national list names in its
// dsa_chapter column ("Los Angeles", "Metro DC"). Each import places every
// member it adds or changes in the chapter body of that name, and adding,
// renaming or removing a chapter places the roster again. A member whose
// chapter has no body is at large: they are the national organization's
// alone. An installation with one chapter is that chapter's: every member
// is placed in it whatever the list says, as a chapter's own list carries
// only its members (and some with a neighboring chapter's name).

// chapterNoise are the words a chapter's name may carry on one side and
// not the other: "Los Angeles chapter" is "Los Angeles" on the list, and
// "Metro DC DSA" is "Metro DC".
var chapterNoise = map[string]bool{"chapter": true, "dsa": true, "ydsa": true,
	"democratic": true, "socialists": true, "of": true, "america": true, "the": true}

// ChapterKey reduces a chapter's name to what matches it: its letters and
// digits in lower case, by words, without the words every chapter's name
// may or may not carry. Two names with one key are one chapter.
func ChapterKey(name string) string {
	words := strings.Fields(strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return ' '
	}, name))
	kept := words[:0]
	for _, w := range words {
		if !chapterNoise[w] {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// ChapterPlacement places members in chapters by the chapter their list
// names: the chapters' bodies by key, or the one chapter of an
// installation that has one.
type ChapterPlacement struct {
	byKey map[string]int64
	only  int64
}

// NewChapterPlacement places members among the chapters given, by their
// names (a slug stays what the first name made it). Two chapters whose
// names share a key cannot both be matched: the first one keeps it.
func NewChapterPlacement(chapters []*Body) *ChapterPlacement {
	p := &ChapterPlacement{byKey: make(map[string]int64, len(chapters))}
	for _, c := range chapters {
		if k := ChapterKey(c.Name); k != "" && p.byKey[k] == 0 {
			p.byKey[k] = c.ID
		}
	}
	if len(chapters) == 1 {
		p.only = chapters[0].ID
	}
	return p
}

// Place returns the id of the chapter of a member whose list names
// listChapter, 0 for a member at large.
func (p *ChapterPlacement) Place(listChapter string) int64 {
	if p.only != 0 {
		return p.only
	}
	return p.byKey[ChapterKey(listChapter)]
}
