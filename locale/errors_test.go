package locale_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// pageDirs are the packages whose messages reach pages.
var pageDirs = []string{"..", "../app", "../http", "../store", "../roster", "../geo"}

// serverFormats returns the formats of every rankfile.Errorf in the
// packages that reach pages.
func serverFormats(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, dir := range pageDirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			af, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(af, func(n ast.Node) bool {
				if s, ok := errorfFormat(n, dir == ".."); ok && !slices.Contains(out, s) {
					out = append(out, s)
				}
				return true
			})
		}
	}
	return out
}

// errorfFormat returns the format of a call to rankfile.Errorf or
// rankfile.FieldErrorf (unqualified within the domain package itself),
// when it is a constant.
func errorfFormat(n ast.Node, domain bool) (string, bool) {
	c, ok := n.(*ast.CallExpr)
	if !ok {
		return "", false
	}
	var name string
	switch fn := c.Fun.(type) {
	case *ast.SelectorExpr:
		if x, ok := fn.X.(*ast.Ident); !ok || x.Name != "rankfile" {
			return "", false
		}
		name = fn.Sel.Name
	case *ast.Ident:
		if !domain {
			return "", false
		}
		name = fn.Name
	default:
		return "", false
	}
	format := map[string]int{"Errorf": 1, "FieldErrorf": 2}
	at, ok := format[name]
	if !ok || len(c.Args) <= at {
		return "", false
	}
	return constString(c.Args[at])
}

// constString reads a string literal, or literals joined with +.
func constString(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		a, ok1 := constString(e.X)
		b, ok2 := constString(e.Y)
		return a + b, ok1 && ok2
	}
	return "", false
}

// TestEveryServerMessageIsTranslated finds every message the server makes
// for people and looks it up in each language's catalog of them, with
// the same arguments.
func TestEveryServerMessageIsTranslated(t *testing.T) {
	formats := serverFormats(t)
	if len(formats) < 300 {
		t.Fatalf("found only %d messages: the search is broken", len(formats))
	}
	for _, l := range locale.Languages[1:] {
		m := locale.ServerMessages(l.Tag)
		for _, f := range formats {
			tr, ok := m[f]
			if !ok {
				t.Errorf("%s lacks the server message %q", l.Tag, f)
			} else if !slices.Equal(sortedVerbs(f), sortedVerbs(tr)) {
				t.Errorf("%s: %q takes other arguments than %q", l.Tag, tr, f)
			}
		}
	}
}

func sortedVerbs(f string) []rune {
	v := locale.Verbs(f)
	slices.Sort(v)
	return v
}

func TestServerMessagesInSpanish(t *testing.T) {
	es, en := locale.For("es"), locale.For("en")
	err := rankfile.Errorf(rankfile.EINVALID, "a seat needs a title")
	if got := es.Error(err); got != "un cargo necesita un título" {
		t.Errorf("Spanish: %q", got)
	}
	if got := en.Error(err); got != "a seat needs a title" {
		t.Errorf("English: %q", got)
	}
	err = rankfile.Errorf(rankfile.ECONFLICT, "%q is %s already", "open", rankfile.ProposalDraft)
	if got := es.Error(err); got != `"open" ya está en estado borrador` {
		t.Errorf("a status word in Spanish, a name left as written: %q", got)
	}
	if got := es.Error(rankfile.Errorf(rankfile.ENOTFOUND, "no such %s", "election")); got != "no se encontró: elección" {
		t.Errorf("a word given to a message: %q", got)
	}
}
