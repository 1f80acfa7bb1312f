package pdf

import (
	"fmt"
	"io"

	"codeberg.org/go-pdf/fpdf"
)

// A request packet is what the chapter sends national when it asks for
// national's endorsement of a candidate: a document of titled sections,
// each of paragraphs and, where it counts votes, a table. The words come
// already in the reader's language; this file only lays them out.

// Packet is a packet's content, in the order it is printed.
type Packet struct {
	Title    string
	Subtitle string
	// Footer names the packet on each page, before its page number.
	Footer   string
	Page     string // "Page", before "2/3"
	Sections []PacketSection
}

// PacketSection is a titled part of the packet.
type PacketSection struct {
	Heading    string
	Paragraphs []string
	// Items are titled texts, a question and its answer, say.
	Items []PacketItem
	// Table's first row is its header; each row has as many cells.
	Table [][]string
}

// PacketItem is a text under its title.
type PacketItem struct{ Title, Text string }

// WritePacket writes the packet as a PDF on Letter paper.
func WritePacket(w io.Writer, pk *Packet) error {
	p := fpdf.New("P", "mm", "Letter", "")
	p.SetMargins(margin+5, margin+5, margin+5)
	p.SetAutoPageBreak(true, margin+8)
	p.AddUTF8FontFromBytes("dejavu", "", dejaVuSans)
	p.AddUTF8FontFromBytes("dejavu", "B", dejaVuSansBold)
	p.AliasNbPages("{nb}")
	p.SetFooterFunc(func() {
		p.SetY(-margin - 4)
		p.SetFont("dejavu", "", 7)
		p.CellFormat(0, 4, fmt.Sprintf("%s · %s %d/{nb}", pk.Footer, pk.Page, p.PageNo()), "", 0, "R", false, 0, "")
	})
	p.AddPage()
	p.SetFont("dejavu", "B", 16)
	p.MultiCell(0, 7, pk.Title, "", "L", false)
	p.SetFont("dejavu", "", 10)
	p.MultiCell(0, 5, pk.Subtitle, "", "L", false)
	for _, s := range pk.Sections {
		writeSection(p, &s)
	}
	if err := p.Error(); err != nil {
		return err
	}
	return p.Output(w)
}

// writeSection prints a section: its heading, paragraphs, items and
// table.
func writeSection(p *fpdf.Fpdf, s *PacketSection) {
	p.Ln(4)
	p.SetFont("dejavu", "B", 12)
	p.MultiCell(0, 6, s.Heading, "B", "L", false)
	p.Ln(1)
	p.SetFont("dejavu", "", 9.5)
	for _, para := range s.Paragraphs {
		p.MultiCell(0, 4.6, para, "", "L", false)
		p.Ln(1.5)
	}
	for _, it := range s.Items {
		p.SetFont("dejavu", "B", 9.5)
		p.MultiCell(0, 4.6, it.Title, "", "L", false)
		p.SetFont("dejavu", "", 9.5)
		p.MultiCell(0, 4.6, it.Text, "", "L", false)
		p.Ln(2)
	}
	if len(s.Table) > 0 {
		writeTable(p, s.Table)
	}
}

// writeTable prints rows of cells of equal width, the first in bold.
func writeTable(p *fpdf.Fpdf, rows [][]string) {
	width, _ := p.GetPageSize()
	left, _, right, _ := p.GetMargins()
	w := (width - left - right) / float64(len(rows[0]))
	for i, row := range rows {
		style := ""
		if i == 0 {
			style = "B"
		}
		p.SetFont("dejavu", style, 9)
		for j, cell := range row {
			align := "R"
			if j == 0 {
				align = "L"
			}
			p.CellFormat(w, 6, cell, "1", 0, align, false, 0, "")
		}
		p.Ln(-1)
	}
}
