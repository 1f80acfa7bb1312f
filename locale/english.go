package locale

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// EnglishOnly returns the words of four letters or more that the English
// catalog uses and the Spanish one never does, lower case: such a word in
// a Spanish page or email is English left over (text a template or the
// code wrote in English, or a message shown untranslated). Words that
// are not English to a Spanish reader (names of formats and things such as
// "email" or "rankfile") are left out. It is for the tests that look.
func EnglishOnly() map[string]bool {
	words := map[string]map[string]bool{}
	for _, l := range Languages {
		words[l.Tag] = map[string]bool{}
		b, err := catalogs.ReadFile("catalogs/" + l.Tag + ".json")
		if err != nil {
			panic("locale: catalog " + l.Tag + ": " + err.Error()) // a build defect
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			panic("locale: catalog " + l.Tag + ": " + err.Error())
		}
		for _, v := range m {
			for _, s := range catalogTexts(v) {
				for _, w := range Words(placeholders.ReplaceAllString(s, " ")) {
					words[l.Tag][w] = true
				}
			}
		}
	}
	out := map[string]bool{}
	for w := range words["en"] {
		if !words["es"][w] && len([]rune(w)) >= 4 && !slices.Contains(notEnglish, w) {
			out[w] = true
		}
	}
	return out
}

// notEnglish are words of the English catalog that are not English to a
// Spanish reader: names of things and formats, and "English" as the
// language switcher names it.
var notEnglish = []string{"rankfile", "email", "online", "json", "ical", "icalendar", "csv", "blt", "zoom",
	"meek", "scottish", "api", "html", "markdown", "token", "tokens", "google", "apple", "outlook", "geojson",
	"english"}

// placeholders matches a message's placeholders, which are not words.
var placeholders = regexp.MustCompile(`\{\{[^}]*\}\}`)

// catalogTexts returns a message's texts: one, or its plural forms.
func catalogTexts(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case map[string]any:
		var out []string
		for _, f := range v {
			out = append(out, catalogTexts(f)...)
		}
		return out
	}
	return nil
}

// Words splits a text into lower-case words.
func Words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
}
