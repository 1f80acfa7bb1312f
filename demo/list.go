package demo

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
)

// headerB is the national list's header from 2021 on.
var headerB = strings.Split("actionkit_id,first_name,middle_name,last_name,suffix,billing_address1,"+
	"billing_address2,billing_city,billing_state,billing_zip,mailing_address1,mailing_address2,"+
	"mailing_city,mailing_state,mailing_zip,country,best_phone,mobile_phone,home_phone,work_phone,email,"+
	"mail_preference,do_not_call,p2ptext_optout,join_date,xdate,membership_type,monthly_dues_status,"+
	"yearly_dues_status,membership_status,memb_status_letter,union_member,union_name,union_local,"+
	"student_yes_no,student_school_name,ydsa_chapter,dsa_chapter,accommodations,race,list_date", ",")

// chapterName is what national calls the demo chapter in its lists, and
// chapterSlug the slug of its body.
const (
	chapterName = "Los Angeles"
	chapterSlug = "los-angeles-chapter"
)

// listB writes people as a list of 2021 on, with a byte-order mark as
// spreadsheet exports have.
func listB(people []*person, listDate rankfile.Date) []byte {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.Write(headerB)
	for _, p := range people {
		state, chapter := "CA", chapterName
		if p.chapter != "" {
			state, chapter = p.state, p.chapter
		}
		w.Write([]string{fmt.Sprint(p.id), p.first, p.middle, p.last, "", p.street, "", p.city, state, p.zip,
			p.street, "", p.city, state, p.zip, "US", p.phone, p.phone, "", "", p.email, p.mailPref,
			yesNo(p.doNotCall, "TRUE", "FALSE"), yesNo(p.textOptOut, "TRUE", "FALSE"), p.join.String(),
			p.xdate.String(), p.memberType, p.monthly, p.yearly, p.status, p.status[:1], p.union, p.unionName,
			"", p.student, p.school, "", chapter, p.needs, p.race, listDate.String()})
	}
	w.Flush()
	return buf.Bytes()
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}
