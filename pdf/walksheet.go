// Package pdf writes rankfile's printed documents, with fpdf and the
// DejaVu fonts embedded in the binary (they hold every letter of English
// and Spanish, and far more), so that printing needs nothing installed.
package pdf

import (
	_ "embed"
	"fmt"
	"io"
	"math"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/rankfile/rankfile"
)

var (
	//go:embed fonts/DejaVuSans.ttf
	dejaVuSans []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	dejaVuSansBold []byte
)

// A walk sheet is a turf on paper, for canvassers without a phone (or
// whose phone died): the turf's doors drawn as a route, the script, and
// the doors in walking order with boxes to tick for each result and the
// support level, which a data entry page takes back in.

// WalkSheet is what one turf's sheet shows.
type WalkSheet struct {
	Campaign string
	Turf     string
	Script   string
	Doors    []WalkDoor // in walking order
	Words    WalkWords
}

// WalkDoor is one door of the sheet.
type WalkDoor struct {
	Address string
	People  []string
	Point   *rankfile.Point // nil when the door has no coordinates: listed, not drawn
}

// WalkWords are the sheet's words in the reader's language.
type WalkWords struct {
	Canvasser, Date, Doors, Route, Script   string
	Number, Address, People, Support, Notes string
	Page                                    string // "Page", before "2/3"
	Codes                                   []WalkCode
}

// WalkCode is one result a canvasser ticks, with its short form for the
// box and what it means, for the legend.
type WalkCode struct{ Short, Meaning string }

// Letter page, in millimeters.
const (
	pageW, pageH = 215.9, 279.4
	margin       = 10.0
	rowH         = 8.0
)

// WriteWalkSheet writes the sheet as a PDF.
func WriteWalkSheet(w io.Writer, s *WalkSheet) error {
	p := fpdf.New("P", "mm", "Letter", "")
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(false, margin)
	p.AddUTF8FontFromBytes("dejavu", "", dejaVuSans)
	p.AddUTF8FontFromBytes("dejavu", "B", dejaVuSansBold)
	p.AliasNbPages("{nb}")
	p.SetFooterFunc(func() {
		p.SetY(-margin - 4)
		p.SetFont("dejavu", "", 7)
		p.CellFormat(0, 4, fmt.Sprintf("%s · %s · %s %d/{nb}", s.Campaign, s.Turf, s.Words.Page, p.PageNo()), "", 0, "R", false, 0, "")
	})
	p.AddPage()
	writeHeading(p, s)
	drawRoute(p, s, p.GetY(), 75)
	writeScript(p, s)
	writeDoors(p, s)
	return p.Output(w)
}

// writeHeading writes the campaign and turf, and lines for the
// canvasser's name and the date.
func writeHeading(p *fpdf.Fpdf, s *WalkSheet) {
	p.SetFont("dejavu", "B", 14)
	p.CellFormat(0, 7, s.Campaign+" — "+s.Turf, "", 1, "L", false, 0, "")
	p.SetFont("dejavu", "", 9)
	line := fmt.Sprintf("%s: ______________________   %s: ____________   %s: %d", s.Words.Canvasser, s.Words.Date, s.Words.Doors, len(s.Doors))
	p.CellFormat(0, 6, line, "", 1, "L", false, 0, "")
	p.Ln(1)
}

// drawRoute draws the doors with coordinates as numbered dots joined in
// walking order, fitted into a box of the page's width and height h.
func drawRoute(p *fpdf.Fpdf, s *WalkSheet, top, h float64) {
	p.SetFont("dejavu", "B", 8)
	p.CellFormat(0, 4, s.Words.Route, "", 1, "L", false, 0, "")
	top += 4
	width := pageW - 2*margin
	p.SetDrawColor(160, 160, 160)
	p.Rect(margin, top, width, h, "D")
	place := fitRoute(s.Doors, margin+6, top+6, width-12, h-12)
	p.SetLineWidth(0.3)
	var prev *[2]float64
	for i := range s.Doors {
		if at, ok := place[i]; ok {
			if prev != nil {
				p.Line(prev[0], prev[1], at[0], at[1])
			}
			prev = &at
		}
	}
	p.SetDrawColor(0, 0, 0)
	p.SetFont("dejavu", "", 6)
	for i := range s.Doors {
		if at, ok := place[i]; ok {
			p.SetFillColor(255, 255, 255)
			p.Circle(at[0], at[1], 2, "FD")
			p.Text(at[0]-textWidth(p, i+1)/2, at[1]+0.8, fmt.Sprint(i+1))
		}
	}
	p.SetY(top + h + 2)
}

func textWidth(p *fpdf.Fpdf, n int) float64 { return p.GetStringWidth(fmt.Sprint(n)) }

// fitRoute places the doors with coordinates in the box, east to the
// right and north up, keeping the turf's shape (a degree of longitude is
// shorter than one of latitude away from the equator).
func fitRoute(doors []WalkDoor, x, y, w, h float64) map[int][2]float64 {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	xy := map[int][2]float64{}
	for i, d := range doors {
		if d.Point == nil {
			continue
		}
		px, py := d.Point.Lon*math.Cos(d.Point.Lat*math.Pi/180), d.Point.Lat
		xy[i] = [2]float64{px, py}
		minX, minY, maxX, maxY = min(minX, px), min(minY, py), max(maxX, px), max(maxY, py)
	}
	scale := math.Min(w/math.Max(maxX-minX, 1e-9), h/math.Max(maxY-minY, 1e-9))
	offX := x + (w-(maxX-minX)*scale)/2
	offY := y + (h-(maxY-minY)*scale)/2
	for i, v := range xy {
		xy[i] = [2]float64{offX + (v[0]-minX)*scale, offY + (maxY-v[1])*scale}
	}
	return xy
}

// writeScript writes the script and the legend of the result codes.
func writeScript(p *fpdf.Fpdf, s *WalkSheet) {
	if strings.TrimSpace(s.Script) != "" {
		p.SetFont("dejavu", "B", 8)
		p.CellFormat(0, 4, s.Words.Script, "", 1, "L", false, 0, "")
		p.SetFont("dejavu", "", 8)
		p.MultiCell(0, 3.6, s.Script, "", "L", false)
	}
	var legend []string
	for _, c := range s.Words.Codes {
		legend = append(legend, c.Short+" = "+c.Meaning)
	}
	p.SetFont("dejavu", "", 7)
	p.MultiCell(0, 3.4, strings.Join(legend, " · "), "", "L", false)
	p.Ln(2)
}

// Column widths of the doors' table: number, address, people, a box per
// result code, five support boxes, notes.
const (
	colNumber, colAddress, colPeople, colCode, colSupport = 8.0, 46.0, 44.0, 9.0, 5.0
)

// writeDoors writes the doors in walking order, a row each, with the
// table's head again on every page.
func writeDoors(p *fpdf.Fpdf, s *WalkSheet) {
	writeDoorsHead(p, s)
	for i, d := range s.Doors {
		if p.GetY()+rowH > pageH-margin-6 {
			p.AddPage()
			writeDoorsHead(p, s)
		}
		writeDoorRow(p, s, i+1, d)
	}
}

func notesWidth(s *WalkSheet) float64 {
	return pageW - 2*margin - colNumber - colAddress - colPeople - float64(len(s.Words.Codes))*colCode - 5*colSupport
}

func writeDoorsHead(p *fpdf.Fpdf, s *WalkSheet) {
	p.SetFont("dejavu", "B", 7)
	p.SetFillColor(230, 230, 230)
	cell := func(w float64, text string) { p.CellFormat(w, 5, text, "1", 0, "C", true, 0, "") }
	cell(colNumber, s.Words.Number)
	cell(colAddress, s.Words.Address)
	cell(colPeople, s.Words.People)
	for _, c := range s.Words.Codes {
		cell(colCode, c.Short)
	}
	cell(5*colSupport, s.Words.Support+" 1-5")
	cell(notesWidth(s), s.Words.Notes)
	p.Ln(-1)
}

func writeDoorRow(p *fpdf.Fpdf, s *WalkSheet, n int, d WalkDoor) {
	p.SetFont("dejavu", "", 7)
	p.CellFormat(colNumber, rowH, fmt.Sprint(n), "1", 0, "C", false, 0, "")
	p.CellFormat(colAddress, rowH, fit(p, d.Address, colAddress), "1", 0, "L", false, 0, "")
	p.CellFormat(colPeople, rowH, fit(p, strings.Join(d.People, ", "), colPeople), "1", 0, "L", false, 0, "")
	for range s.Words.Codes {
		p.CellFormat(colCode, rowH, "☐", "1", 0, "C", false, 0, "")
	}
	for i := range 5 {
		p.CellFormat(colSupport, rowH, fmt.Sprint(i+1), "1", 0, "C", false, 0, "")
	}
	p.CellFormat(notesWidth(s), rowH, "", "1", 1, "L", false, 0, "")
}

// fit shortens text with an ellipsis to fit a cell.
func fit(p *fpdf.Fpdf, text string, w float64) string {
	if p.GetStringWidth(text) <= w-2 {
		return text
	}
	runes := []rune(text)
	for len(runes) > 0 && p.GetStringWidth(string(runes)+"…") > w-2 {
		runes = runes[:len(runes)-1]
	}
	return string(runes) + "…"
}
