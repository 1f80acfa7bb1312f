package http

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"

	"github.com/rankfile/rankfile/locale"
	"github.com/rankfile/rankfile/pdf"
)

// A turf's walk sheet: the PDF a canvasser walks with when a phone will
// not do, in the reader's language, for the turf's holders and the
// campaign's runners.

func (s *Server) walkSheet(w http.ResponseWriter, r *http.Request) error {
	id, err := turfID(r)
	if err != nil {
		return err
	}
	walk, err := s.app.Walk(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	l := req(r).l
	sheet := &pdf.WalkSheet{Campaign: walk.Campaign.Name, Turf: walk.Turf.Name, Script: plainScript(walk.Script.ScriptFor(l.Lang())),
		Words: walkWords(l)}
	for _, d := range walk.Doors {
		door := pdf.WalkDoor{Address: d.Household.Address.Line(), Point: d.Household.Point}
		for _, p := range d.People {
			if !p.DoNotContact {
				door.People = append(door.People, p.Name)
			}
		}
		sheet.Doors = append(sheet.Doors, door)
	}
	var buf bytes.Buffer
	if err := pdf.WriteWalkSheet(&buf, sheet); err != nil {
		return err
	}
	return sendFile(w, "application/pdf", fmt.Sprintf("turf-%d.pdf", walk.Turf.ID), buf.Bytes())
}

// walkWords are the sheet's words in the reader's language.
func walkWords(l *locale.Localizer) pdf.WalkWords {
	w := pdf.WalkWords{Canvasser: l.T("sheet.canvasser"), Date: l.T("sheet.date"), Doors: l.T("sheet.doors"),
		Route: l.T("sheet.route"), Script: l.T("sheet.script"), Number: l.T("sheet.number"), Address: l.T("sheet.address"),
		People: l.T("sheet.people"), Support: l.T("sheet.support"), Notes: l.T("sheet.notes"), Page: l.T("sheet.page")}
	for _, res := range doorResults[1:] { // a conversation is what the support box says
		w.Codes = append(w.Codes, pdf.WalkCode{Short: l.T("sheet.code." + string(res)), Meaning: l.T("canvass.result." + string(res))})
	}
	return w
}

// plainScript writes a Markdown script as the sheet prints it: the
// emphasis marks left out.
func plainScript(md string) string {
	return strings.NewReplacer("**", "", "__", "", "`", "").Replace(md)
}
