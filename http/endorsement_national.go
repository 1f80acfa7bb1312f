package http

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/locale"
	"github.com/rankfile/rankfile/pdf"
)

// The request packet for national's endorsement of a candidate, as a PDF
// in the reader's language and as JSON, for those who vet the cycle.

func (s *Server) packetPDF(w http.ResponseWriter, r *http.Request) error {
	id, err := candidateID(r)
	if err != nil {
		return err
	}
	pk, err := s.app.EndorsementPacket(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := pdf.WritePacket(&buf, s.packetDocument(req(r).l, pk)); err != nil {
		return err
	}
	return sendFile(w, "application/pdf", fmt.Sprintf("endorsement-%d.pdf", id), buf.Bytes())
}

func (s *Server) apiPacket(w http.ResponseWriter, r *http.Request) error {
	id, err := candidateID(r)
	if err != nil {
		return err
	}
	pk, err := s.app.EndorsementPacket(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, pk)
}

// packetDocument lays the packet out in sections, in l's language.
func (s *Server) packetDocument(l *locale.Localizer, pk *app.EndorsementPacket) *pdf.Packet {
	c, race := pk.Candidate, pk.Race.Office
	if pk.Race.District != "" {
		race += ", " + pk.Race.District
	}
	doc := &pdf.Packet{Title: l.T("packet.title"), Footer: c.Name, Page: l.T("sheet.page"),
		Subtitle: l.T("packet.subtitle", "Name", c.Name, "Race", race, "Cycle", pk.Cycle.Name, "Election", l.Date(pk.Cycle.ElectionDate))}
	who := []string{c.Name}
	for _, v := range []string{c.Party, c.Website, c.Email} {
		if v != "" {
			who = append(who, v)
		}
	}
	if c.Decision != "" {
		who = append(who, l.T("decision.decided."+c.Decision))
	}
	doc.Sections = append(doc.Sections, pdf.PacketSection{Heading: l.T("packet.candidate"), Paragraphs: who},
		s.packetQuestionnaire(l, pk.Questionnaire))
	doc.Sections = append(doc.Sections, packetRecommendation(l, pk.Recommendation), s.packetVote(l, pk.Vote))
	plan := pdf.PacketSection{Heading: l.T("decision.national.plan"), Paragraphs: []string{l.T("packet.noplan")}}
	if pk.National != nil {
		plan.Paragraphs = []string{plainScript(pk.National.Plan)}
	}
	doc.Sections = append(doc.Sections, plan)
	return doc
}

// packetRecommendation is the body's recommendation with its vote.
func packetRecommendation(l *locale.Localizer, rec *rankfile.EndorsementRecommendation) pdf.PacketSection {
	sec := pdf.PacketSection{Heading: l.T("decision.recommendation")}
	if rec == nil {
		sec.Paragraphs = []string{l.T("decision.rec.none")}
		return sec
	}
	sec.Paragraphs = []string{l.T("decision.position." + string(rec.Position)),
		l.T("decision.rec.vote") + ": " + l.T("decision.rec.counts", "For", rec.For, "Against", rec.Against, "Abstain", rec.Abstain) +
			" · " + l.Date(rec.DecidedOn),
		plainScript(rec.Text)}
	return sec
}

// packetVote is the chapter's vote, a row a session and the total.
func (s *Server) packetVote(l *locale.Localizer, v *app.PacketVote) pdf.PacketSection {
	sec := pdf.PacketSection{Heading: l.T("packet.vote")}
	if v == nil {
		sec.Paragraphs = []string{l.T("packet.novote")}
		return sec
	}
	carried := l.T("packet.vote.lost")
	if v.Carried {
		carried = l.T("packet.vote.carried")
	}
	sec.Paragraphs = []string{v.Meeting + " · " + l.DateTime(v.Held, s.app.Zone), v.Question,
		l.T("meeting.threshold") + ": " + l.T("meeting.threshold."+string(v.Threshold)) + " · " + carried}
	sec.Table = [][]string{{l.T("packet.vote.session"), l.T("packet.vote.yes"), l.T("packet.vote.no"), l.T("packet.vote.abstain")}}
	for _, t := range append(append([]*rankfile.VoteTally{}, v.Sessions...), v.Combined) {
		if t == nil || len(t.Counts) < 2 {
			continue
		}
		name := t.Name
		if t == v.Combined {
			name = l.T("packet.vote.combined")
		}
		sec.Table = append(sec.Table, []string{name, strconv.Itoa(t.Counts[0]), strconv.Itoa(t.Counts[1]), strconv.Itoa(t.Abstain)})
	}
	return sec
}

// packetQuestionnaire is the questionnaire as submitted: each question,
// in the reader's language when it has one, with its answer.
func (s *Server) packetQuestionnaire(l *locale.Localizer, q *app.PacketQuestionnaire) pdf.PacketSection {
	sec := pdf.PacketSection{Heading: l.T("packet.questionnaire")}
	if q == nil {
		sec.Paragraphs = []string{l.T("packet.noquestionnaire")}
		return sec
	}
	sec.Paragraphs = []string{l.T("packet.submitted", "When", l.DateTime(q.SubmittedAt, s.app.Zone), "Version", q.Version)}
	if len(q.Documents) > 0 {
		sec.Paragraphs = append(sec.Paragraphs, l.T("packet.documents", "Names", strings.Join(q.Documents, ", ")))
	}
	for i, a := range q.Answers {
		question := a.Question
		if l.Lang() == "es" && a.QuestionES != "" {
			question = a.QuestionES
		}
		answer := a.Answer
		if answer == "" {
			answer = l.T("packet.noanswer")
		}
		sec.Items = append(sec.Items, pdf.PacketItem{Title: strconv.Itoa(i+1) + ". " + question, Text: answer})
	}
	return sec
}
