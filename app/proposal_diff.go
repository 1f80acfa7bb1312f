package app

import (
	"context"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/rankfile/rankfile"
)

// A readable diff between two versions of a proposal: section by
// section, what was taken out and what was put in, cleaned up to whole
// words and phrases as a person would mark a printed text.

// DiffPart is a run of text that stayed, was added or was removed.
type DiffPart struct {
	Op   string `json:"op"` // "same", "added" or "removed"
	Text string `json:"text"`
}

// SectionDiff is the diff of one section of the text; clauses are one a
// line.
type SectionDiff struct {
	Section string     `json:"section"` // title, summary, whereas, resolved, description, priorities, goals
	Changed bool       `json:"changed"`
	Parts   []DiffPart `json:"parts"`
}

// VersionDiff compares two versions of a proposal.
type VersionDiff struct {
	From     *rankfile.ProposalVersion `json:"from"`
	To       *rankfile.ProposalVersion `json:"to"`
	Sections []SectionDiff             `json:"sections"`
}

// diffVersions compares the sections of two versions.
func diffVersions(from, to *rankfile.ProposalVersion) *VersionDiff {
	d := &VersionDiff{From: from, To: to}
	pairs := []struct{ name, old, new string }{
		{"title", from.Title, to.Title},
		{"summary", from.Summary, to.Summary},
		{"whereas", strings.Join(from.Text.Whereas, "\n"), strings.Join(to.Text.Whereas, "\n")},
		{"resolved", strings.Join(from.Text.Resolved, "\n"), strings.Join(to.Text.Resolved, "\n")},
		{"description", from.Text.Description, to.Text.Description},
		{"priorities", from.Text.Priorities, to.Text.Priorities},
		{"goals", from.Text.Goals, to.Text.Goals},
	}
	for _, p := range pairs {
		if p.old == "" && p.new == "" {
			continue
		}
		d.Sections = append(d.Sections, diffSection(p.name, p.old, p.new))
	}
	return d
}

// diffSection diffs one section's text.
func diffSection(name, old, new string) SectionDiff {
	s := SectionDiff{Section: name, Changed: old != new}
	dmp := diffmatchpatch.New()
	diffs := dmp.DiffMain(old, new, false)
	diffs = dmp.DiffCleanupSemantic(diffs)
	for _, d := range diffs {
		op := "same"
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			op = "added"
		case diffmatchpatch.DiffDelete:
			op = "removed"
		}
		s.Parts = append(s.Parts, DiffPart{Op: op, Text: d.Text})
	}
	return s
}

// VersionDiff compares two versions of a proposal's text; from 0 means
// the one before to, to 0 the current one.
func (a *App) VersionDiff(ctx context.Context, actor *rankfile.Actor, id int64, from, to int) (*VersionDiff, error) {
	p, err := a.checkProposal(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	versions, err := a.Proposals.ProposalVersions(ctx, id)
	if err != nil {
		return nil, err
	}
	if to == 0 {
		to = p.Version
	}
	if from == 0 {
		from = max(to-1, 1)
	}
	if from < 1 || to > len(versions) || from > to {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "%q has versions 1 to %d", p.Title, len(versions))
	}
	return diffVersions(versions[from-1], versions[to-1]), nil
}
