package locale_test

import (
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// TestEveryNoticeKindHasALabel checks that the outbox's page can name
// every kind of email in both languages.
func TestEveryNoticeKindHasALabel(t *testing.T) {
	for _, lang := range []string{"en", "es"} {
		l := locale.For(lang)
		for _, k := range rankfile.NoticeKinds {
			if got := l.T("outbox.kind." + string(k)); locale.MissingMarker(got) {
				t.Errorf("%s: no label for the notices of kind %s", lang, k)
			}
		}
	}
}
