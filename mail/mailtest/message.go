package mailtest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Message is one message the server accepted, decoded as a mail client
// would show it.
type Message struct {
	// From and To are the envelope: MAIL FROM and every RCPT TO.
	From string
	To   []string
	// Header holds the raw header fields; Subject is the decoded subject.
	Header  netmail.Header
	Subject string
	// Text and HTML are the decoded text/plain and text/html bodies, with
	// the wire's CRLF line ends turned back into "\n".
	Text string
	HTML string
	// Attachments are the parts that are neither the text nor the HTML,
	// decoded.
	Attachments []Attachment
	// Raw is the message exactly as it arrived.
	Raw []byte
}

// Attachment is a file a message carried.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// urlPattern matches http and https URLs up to whitespace or a character
// that cannot end one in running text.
var urlPattern = regexp.MustCompile(`https?://[^\s<>"']+`)

// Links returns the http and https URLs in the text body, in order, without
// trailing punctuation such as a sentence's full stop.
func (m Message) Links() []string {
	var links []string
	for _, u := range urlPattern.FindAllString(m.Text, -1) {
		links = append(links, strings.TrimRight(u, ".,;:!?)]"))
	}
	return links
}

func (m Message) sentTo(addr string) bool {
	for _, to := range m.To {
		if strings.EqualFold(to, addr) {
			return true
		}
	}
	return false
}

// parse decodes a message as it arrived in DATA.
func parse(raw []byte) (Message, error) {
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Message{}, fmt.Errorf("header: %w", err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return Message{}, fmt.Errorf("subject: %w", err)
	}
	m := Message{Header: msg.Header, Subject: subject, Raw: raw}
	err = m.readPart(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), "", msg.Body)
	return m, err
}

// readPart reads one MIME part into m, descending into multipart parts.
func (m *Message) readPart(contentType, encoding, disposition string, body io.Reader) error {
	if contentType == "" {
		contentType = "text/plain; charset=us-ascii" // RFC 2045's default
	}
	media, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return fmt.Errorf("content type %q: %w", contentType, err)
	}
	if strings.HasPrefix(media, "multipart/") {
		return m.readMultipart(multipart.NewReader(body, params["boundary"]))
	}
	if media != "text/plain" && media != "text/html" || strings.HasPrefix(disposition, "attachment") {
		return m.readAttachment(contentType, encoding, disposition, body)
	}
	text, err := decodeText(encoding, params["charset"], body)
	if err != nil {
		return fmt.Errorf("%s part: %w", media, err)
	}
	if media == "text/html" {
		m.HTML = text
	} else if m.Text == "" {
		m.Text = text
	}
	return nil
}

func (m *Message) readMultipart(r *multipart.Reader) error {
	for {
		// NextRawPart leaves Content-Transfer-Encoding to decodeText, so
		// every encoding is handled in one place.
		p, err := r.NextRawPart()
		if err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("multipart: %w", err)
		}
		err = m.readPart(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"),
			p.Header.Get("Content-Disposition"), p)
		if err != nil {
			return err
		}
	}
}

// readAttachment decodes an attachment into m.
func (m *Message) readAttachment(contentType, encoding, disposition string, body io.Reader) error {
	a := Attachment{ContentType: contentType}
	if _, params, err := mime.ParseMediaType(disposition); err == nil {
		a.Name = params["filename"]
	}
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return fmt.Errorf("attachment %q: %w", a.Name, err)
	}
	a.Data = data
	m.Attachments = append(m.Attachments, a)
	return nil
}

// decodeText undoes the transfer encoding and checks the charset: rankfile
// sends UTF-8, and a message in anything else would be a fault to report.
func decodeText(encoding, charset string, body io.Reader) (string, error) {
	switch strings.ToLower(charset) {
	case "", "utf-8", "us-ascii":
	default:
		return "", fmt.Errorf("charset %q is not UTF-8", charset)
	}
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	case "", "7bit", "8bit":
	default:
		return "", fmt.Errorf("transfer encoding %q is not supported", encoding)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return "", fmt.Errorf("%s: %w", encoding, err)
	}
	if !utf8.Valid(b) {
		return "", fmt.Errorf("text is not valid UTF-8")
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n"), nil
}
