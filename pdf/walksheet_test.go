package pdf_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/pdf"
)

// spanishWords are the sheet's words in Spanish.
var spanishWords = pdf.WalkWords{
	Canvasser: "Quién toca", Date: "Fecha", Doors: "Puertas", Route: "Recorrido", Script: "Guion",
	Number: "N.º", Address: "Dirección", People: "Personas", Support: "Apoyo", Notes: "Notas", Page: "Página",
	Codes: []pdf.WalkCode{{"NC", "no está en casa"}, {"R", "rechaza"}, {"SM", "se mudó"}, {"I", "inaccesible"}, {"NCT", "no contactar"}},
}

// pdfText returns the text of a PDF as pdftotext reads it, page by page:
// an independent reader, not ours.
func pdfText(t *testing.T, doc []byte) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("RANKFILE_TEST_REQUIRE_PDFTOTEXT") != "" {
			t.Fatal("pdftotext (poppler-utils) is required")
		}
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "sheet.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(out), "\f")
}

// TestWalkSheetReadsInWalkingOrder writes a Spanish sheet of 40 doors and
// reads it back with pdftotext: the heading, the script, the legend, every
// door's address and people in walking order, the table's head again on
// the second page, and page numbers out of the total.
func TestWalkSheetReadsInWalkingOrder(t *testing.T) {
	s := &pdf.WalkSheet{Campaign: "Sí a la Medida H", Turf: "Zona 3", Script: "Hola, me llamo ___ y soy voluntaria de la campaña.", Words: spanishWords}
	for i := range 40 {
		s.Doors = append(s.Doors, pdf.WalkDoor{
			Address: fmt.Sprintf("%d N Main St", 1200+2*i), People: []string{fmt.Sprintf("Ana Núñez %d", i+1)},
			Point: &rankfile.Point{Lat: 34.07 + float64(i%10)*0.0002, Lon: -118.26 + float64(i/10)*0.0003},
		})
	}
	s.Doors[7].Point = nil // listed, not drawn
	var buf bytes.Buffer
	if err := pdf.WriteWalkSheet(&buf, s); err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("RANKFILE_TEST_SCREENSHOTS"); out != "" {
		os.WriteFile(filepath.Join(out, "walksheet.pdf"), buf.Bytes(), 0o644)
	}
	pages := pdfText(t, buf.Bytes())
	text := strings.Join(pages, "\n")
	for _, want := range []string{"Sí a la Medida H — Zona 3", "Quién toca:", "Puertas: 40", "Recorrido", "Guion",
		"voluntaria de la campaña", "NCT = no contactar", "Dirección", "Apoyo 1-5"} {
		if !strings.Contains(text, want) {
			t.Errorf("the sheet lacks %q", want)
		}
	}
	at := -1
	for i, d := range s.Doors {
		next := strings.Index(text[at+1:], d.Address)
		if next < 0 {
			t.Fatalf("door %d (%s) is missing, or out of walking order", i+1, d.Address)
		}
		at += 1 + next
		if !regexp.MustCompile(`Ana Núñez ` + fmt.Sprint(i+1) + `\b`).MatchString(text) {
			t.Errorf("door %d's people are missing", i+1)
		}
	}
	if len(pages) < 3 || !strings.Contains(pages[1], "Dirección") || !strings.Contains(pages[0], "Página 1/2") || !strings.Contains(pages[1], "Página 2/2") {
		t.Errorf("want two pages, the head again and numbered 1/2, 2/2: %d pages\n%s", len(pages)-1, text)
	}
}
