package http_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile/store/storetest"
)

// The nomination forms of an election's page, sent with a mistake, come
// back with what was typed and the mistake marked on its field, in the
// reader's language. Mia (candidate 6 once she stands) nominates and
// edits her candidacy in the third election, contest 3.

// nominationLanguages are the two languages each form is tried in, with
// the words of each mistake's message in it.
var nominationLanguages = []struct {
	lang                              string
	notAnAddress, badTag, notAPicture string
}{
	{"en", "is not an email address", "a tag is a word or two", "the photo must be a JPEG or PNG picture"},
	{"es", "no es una dirección de correo", "una etiqueta es una o dos palabras", "la foto debe ser una imagen JPEG o PNG"},
}

// TestANominationOfAMistypedAddressKeepsIt nominates someone by an
// address that is not one: the form comes back with it, marked.
func TestANominationOfAMistypedAddressKeepsIt(t *testing.T) {
	for _, l := range nominationLanguages {
		t.Run(l.lang, func(t *testing.T) {
			w := newWorld(t, storetest.SQLiteDSN(t))
			status, page := w.do(w.client("member"), "POST", "/elections/3/nominate",
				url.Values{"contest": {"3"}, "email": {"wes at example"}}, "Cookie", "rankfile_lang="+l.lang)
			if status != http.StatusBadRequest {
				t.Errorf("status %d", status)
			}
			if missing := lacks(page, `value="wes at example" aria-invalid="true" aria-describedby="nominate-3-problem"`,
				`<p id="nominate-3-problem" class="problem field-problem" role="alert">`, l.notAnAddress); len(missing) > 0 {
				t.Errorf("the form lacks %q", missing)
			}
		})
	}
}

// TestAStatementWithABadTagKeepsWhatWasTyped saves a statement with a tag
// in quotes: the form comes back open, the statement and the tags as
// typed, the tags marked; what was saved before is unchanged.
func TestAStatementWithABadTagKeepsWhatWasTyped(t *testing.T) {
	for _, l := range nominationLanguages {
		t.Run(l.lang, func(t *testing.T) {
			w := newWorld(t, storetest.SQLiteDSN(t))
			mia := w.standing()
			status, page := w.do(mia, "POST", "/elections/3/candidates/6/statement",
				url.Values{"statement": {"Rent control **now**."}, "tags": {`renter, "woman"`}}, "Cookie", "rankfile_lang="+l.lang)
			if status != http.StatusBadRequest {
				t.Errorf("status %d", status)
			}
			if missing := lacks(page, "<details open>", ">Rent control **now**.</textarea>",
				`id="tags-6" name="tags" value="renter, &#34;woman&#34;" aria-invalid="true" aria-describedby="tags-6-problem"`,
				`<p id="tags-6-problem" class="problem field-problem" role="alert">`, l.badTag); len(missing) > 0 {
				t.Errorf("the form lacks %q", missing)
			}
			if _, page := w.do(mia, "GET", "/elections/3", nil); strings.Contains(page, "Rent control") {
				t.Errorf("the refused statement was saved")
			}
		})
	}
}

// TestAStatementTooLongIsMarked saves a statement over the limit: the
// statement is the field marked.
func TestAStatementTooLongIsMarked(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	long := strings.Repeat("a", 20001)
	status, page := w.do(w.standing(), "POST", "/elections/3/candidates/6/statement", url.Values{"statement": {long}, "tags": {"renter"}})
	if status != http.StatusBadRequest {
		t.Errorf("status %d", status)
	}
	if missing := lacks(page, `aria-invalid="true" aria-describedby="statement-6-problem">`+long+"</textarea>",
		`id="statement-6-problem"`, `id="tags-6" name="tags" value="renter">`); len(missing) > 0 {
		t.Errorf("the form lacks %q", missing)
	}
}

// TestAPhotoThatIsNoPictureIsMarked uploads a file that is not a
// picture: the election's page comes back with the photo's field open
// and marked, saying why.
func TestAPhotoThatIsNoPictureIsMarked(t *testing.T) {
	for _, l := range nominationLanguages {
		t.Run(l.lang, func(t *testing.T) {
			w := newWorld(t, storetest.SQLiteDSN(t))
			status, page := w.uploadAnswer(w.standing(), "/elections/3/candidates/6/photo", "photo", []byte("not a picture"), "Cookie", "rankfile_lang="+l.lang)
			if status != http.StatusBadRequest {
				t.Errorf("status %d", status)
			}
			if missing := lacks(page, "<details open>",
				`name="photo" type="file" accept="image/jpeg,image/png" aria-invalid="true" aria-describedby="photo-6-problem">`,
				`<p id="photo-6-problem" class="problem field-problem" role="alert">`+l.notAPicture); len(missing) > 0 {
				t.Errorf("the form lacks %q", missing)
			}
		})
	}
}

// standing has Mia nominate herself in the third election (she is
// candidate 6) and returns her browser.
func (w *world) standing() *http.Client {
	w.t.Helper()
	mia := w.client("member")
	if status, _ := w.do(mia, "POST", "/elections/3/nominate", url.Values{"contest": {"3"}}); status != http.StatusSeeOther {
		w.t.Fatalf("nominating herself: %d", status)
	}
	return mia
}

// uploadAnswer posts a file in a multipart form, as a browser's file
// input does, and returns the status and the page.
func (w *world) uploadAnswer(c *http.Client, path, field string, content []byte, header ...string) (int, string) {
	w.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, _ := mw.CreateFormFile(field, "upload")
	part.Write(content)
	mw.Close()
	a := w.fetch(c, "POST", path, &body, mw.FormDataContentType(), header...)
	return a.status, a.body
}

// TestAStatementsMistakeOnAPhone saves a statement with a tag in quotes
// on a phone 390 pixels wide, in English and in Spanish: the form comes
// back open, as typed, the tags marked and the mistake said under them,
// and the page fits the phone.
func TestAStatementsMistakeOnAPhone(t *testing.T) {
	for _, l := range nominationLanguages {
		t.Run(l.lang, func(t *testing.T) {
			w := newWorld(t, storetest.SQLiteDSN(t))
			w.standing()
			ctx := browser(t)
			do(t, ctx, "signing in",
				chromedp.EmulateViewport(390, 844),
				chromedp.Navigate(w.signInLink("member")),
				click("main form button"),
				chromedp.WaitVisible(chromedp.ID("standing-h")))
			if l.lang == "es" {
				do(t, ctx, "in Spanish", click(`.languages button[value="es"]`),
					chromedp.WaitVisible(chromedp.CSS(`html[lang="es"]`)))
			}
			do(t, ctx, "the statement with a tag in quotes",
				chromedp.Navigate(w.srv.URL+"/elections/3"),
				click("ul.candidates details summary"),
				chromedp.SetValue(chromedp.ID("statement-6"), "Rent control now."),
				chromedp.SetValue(chromedp.ID("tags-6"), `renter, "woman"`),
				click(`form[action$="/statement"] button`),
				chromedp.WaitVisible(chromedp.ID("tags-6-problem")))
			if got := text(t, ctx, "#tags-6-problem"); !strings.Contains(got, l.badTag) {
				t.Errorf("the mistake reads %q", got)
			}
			kept := read(ctx, chromedp.Evaluate[[]string](`[document.getElementById("statement-6").value, document.getElementById("tags-6").value,
				document.getElementById("tags-6").getAttribute("aria-invalid")]`))
			if strings.Join(kept, "|") != `Rent control now.|renter, "woman"|true` {
				t.Errorf("the form came back with %q", kept)
			}
			fitsThePhone(t, ctx, "the election's page with the mistake in "+l.lang)
			screenshot(t, ctx, "statement-"+l.lang+".png")
		})
	}
}
