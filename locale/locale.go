// Package locale holds what rankfile says to people, in English and
// Spanish: every string of every page and email comes from its catalogs.
package locale

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/rankfile/rankfile"
)

//go:embed catalogs/*.json
var catalogs embed.FS

// Language is a language rankfile speaks.
type Language struct {
	Tag  string // BCP 47, such as "es"
	Name string // in the language itself, for the switcher
}

// Languages lists the languages rankfile speaks (rankfile.LanguageTags),
// each named in itself; the first is the default.
var Languages = []Language{{"en", "English"}, {"es", "Español"}}

// bundle holds the catalogs, read on first use: commands that speak to no
// one (a count) do not pay for them.
var bundle = sync.OnceValue(loadBundle)

func loadBundle() *i18n.Bundle {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	for _, l := range Languages {
		if _, err := b.LoadMessageFileFS(catalogs, "catalogs/"+l.Tag+".json"); err != nil {
			panic("locale: catalog " + l.Tag + ": " + err.Error()) // a build defect
		}
	}
	return b
}

// Localizer speaks one language.
type Localizer struct {
	lang string
	l    *i18n.Localizer
}

// For returns a localizer for the first of the preferences rankfile
// speaks; each preference may be a tag or an Accept-Language header.
func For(preferences ...string) *Localizer {
	lang := Match(preferences...)
	return &Localizer{lang: lang, l: i18n.NewLocalizer(bundle(), lang)}
}

// Match returns the tag of the first preferred language rankfile speaks,
// else the default.
func Match(preferences ...string) string {
	for _, p := range preferences {
		tags, _, err := language.ParseAcceptLanguage(p)
		if err != nil {
			continue
		}
		for _, t := range tags {
			base, _ := t.Base()
			if Supported(base.String()) {
				return base.String()
			}
		}
	}
	return Languages[0].Tag
}

// Supported reports whether rankfile speaks the language with the tag.
func Supported(tag string) bool {
	for _, l := range Languages {
		if l.Tag == tag {
			return true
		}
	}
	return false
}

// Lang returns the localizer's language tag.
func (l *Localizer) Lang() string { return l.lang }

// T returns the message id, its {{.Name}} placeholders filled from args
// given as name, value pairs. A message missing from the catalogs shows as
// ⟦id⟧, which the template tests look for.
func (l *Localizer) T(id string, args ...any) string {
	if len(args) == 0 {
		return l.plain(id)
	}
	return l.localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: l.data(args)})
}

// plainMessages keeps the messages without arguments once localized, by
// language and id: the catalogs do not change while rankfile runs, and a
// page shows dozens of them, each of which the bundle would otherwise
// look up and run as a template afresh.
var plainMessages sync.Map

// plain returns the message id, which takes no arguments.
func (l *Localizer) plain(id string) string {
	key := l.lang + "\x00" + id
	if s, ok := plainMessages.Load(key); ok {
		return s.(string)
	}
	s := l.localize(&i18n.LocalizeConfig{MessageID: id})
	if !MissingMarker(s) {
		plainMessages.Store(key, s)
	}
	return s
}

// TArgs is T with the arguments in a slice, for templates.
func (l *Localizer) TArgs(id string, args []any) string { return l.T(id, args...) }

// N is T for a message with plural forms, chosen by count, which is also
// available to the message as {{.Count}}.
func (l *Localizer) N(id string, count int, args ...any) string {
	d := l.data(args)
	d["Count"] = count
	return l.localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: count, TemplateData: d})
}

func (l *Localizer) localize(c *i18n.LocalizeConfig) string {
	s, err := l.l.Localize(c)
	if err != nil {
		return "⟦" + c.MessageID + "⟧"
	}
	return s
}

// data makes a message's template data from name, value pairs; dates are
// written the language's way.
func (l *Localizer) data(args []any) map[string]any {
	d := make(map[string]any, len(args)/2+1)
	for i := 0; i+1 < len(args); i += 2 {
		v := args[i+1]
		if date, ok := v.(rankfile.Date); ok {
			v = l.Date(date)
		}
		d[fmt.Sprint(args[i])] = v
	}
	return d
}

// MissingMarker reports whether a rendered text shows a missing message.
func MissingMarker(s string) bool { return strings.Contains(s, "⟦") }
