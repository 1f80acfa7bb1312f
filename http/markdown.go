package http

import (
	"bytes"
	"html/template"

	"github.com/yuin/goldmark"
)

// markdownRenderer renders what members write (candidates' statements) as
// HTML. goldmark's defaults are what makes this safe to show: raw HTML in
// the text is left out, not passed through, and links to javascript: and
// similar are dropped.
var markdownRenderer = goldmark.New()

// markdown renders a member's markdown as HTML safe to put in a page.
func markdown(text string) template.HTML {
	var buf bytes.Buffer
	if err := markdownRenderer.Convert([]byte(text), &buf); err != nil {
		return template.HTML(template.HTMLEscapeString(text))
	}
	return template.HTML(buf.String())
}
