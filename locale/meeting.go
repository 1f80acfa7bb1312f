package locale

import "github.com/rankfile/rankfile"

// meetingTexts are the agenda items' titles and votes' questions rankfile
// writes itself, in English as the record keeps them, with the message
// each is said by on the pages.
var meetingTexts = map[string]string{
	rankfile.PrioritiesTitle: "meeting.priorities",
}

// MeetingText says an agenda item's title or a vote's question in the
// localizer's language when rankfile wrote it (the priorities vote's); a
// title or question a chair typed shows as typed.
func (l *Localizer) MeetingText(text string) string {
	if id, ok := meetingTexts[text]; ok {
		return l.T(id)
	}
	return text
}
