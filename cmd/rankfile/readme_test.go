package main

import (
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestTheREADMEShowsEveryCommandAsItsHelpDoes holds the README's table of
// commands to the commands themselves: every command is in it, every flag of
// a command is in its synopsis, and a flag the command cannot run without is
// shown outside square brackets there and in the command's own help, while
// one it can is not shown as if it were required.
func TestTheREADMEShowsEveryCommandAsItsHelpDoes(t *testing.T) {
	spans := readmeCommandSpans(t)
	root := (&app{getenv: func(string) string { return "" }}).root()
	paths := runnablePaths(root)
	documented := map[string][]string{}
	for _, span := range spans {
		if path := longestPrefix(span, paths); path != "" {
			documented[path] = append(documented[path], span)
		} else {
			t.Errorf("README shows %q, which is no command", span)
		}
	}
	for _, path := range slices.Sorted(maps.Keys(paths)) {
		cmd := paths[path]
		if len(documented[path]) == 0 {
			t.Errorf("README does not show `rankfile %s`", path)
			continue
		}
		checkFlagsShown(t, path, cmd, documented[path])
	}
}

// checkFlagsShown checks one command's flags against its README synopses.
func checkFlagsShown(t *testing.T, path string, cmd *cobra.Command, spans []string) {
	t.Helper()
	cmd.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		_, required := f.Annotations[requiredFlag]
		shown, bare := 0, 0
		for _, span := range spans {
			depth, ok := flagDepth(span, f.Name)
			if ok {
				shown++
			}
			if ok && depth == 0 {
				bare++
			}
		}
		switch {
		case shown == 0:
			t.Errorf("README's `rankfile %s` does not show --%s", path, f.Name)
		case required && bare < len(spans):
			t.Errorf("README shows --%s of `rankfile %s` as optional, but the command requires it", f.Name, path)
		case !required && bare == len(spans):
			t.Errorf("README shows --%s of `rankfile %s` as required, but the command runs without it", f.Name, path)
		}
		if depth, ok := flagDepth(cmd.Use, f.Name); required && (!ok || depth > 0) {
			t.Errorf("`rankfile %s --help` does not show --%s as required", path, f.Name)
		} else if !required && ok && depth == 0 && !strings.Contains(cmd.Use, "|") {
			t.Errorf("`rankfile %s --help` shows --%s as required, but the command runs without it", path, f.Name)
		}
	})
}

// readmeCommandSpans returns the code spans of the first column of the
// README's table of commands, with the table's escaped bars restored.
func readmeCommandSpans(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	start := strings.Index(text, "\n## Command line\n")
	if start < 0 {
		t.Fatal("README has no Command line section")
	}
	section := text[start+1:]
	if end := strings.Index(section[1:], "\n## "); end >= 0 {
		section = section[:end+1]
	}
	span := regexp.MustCompile("`([^`]*)`")
	var spans []string
	for _, line := range strings.Split(section, "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		line = strings.ReplaceAll(line, `\|`, "\x00")
		cell := strings.Split(line, "|")[1]
		for _, m := range span.FindAllStringSubmatch(cell, -1) {
			spans = append(spans, strings.ReplaceAll(m[1], "\x00", "|"))
		}
	}
	if len(spans) < 20 {
		t.Fatalf("found only %d commands in the README's table", len(spans))
	}
	return spans
}

// runnablePaths maps each command that runs (not a group of commands) by its
// path without the leading "rankfile ".
func runnablePaths(root *cobra.Command) map[string]*cobra.Command {
	paths := map[string]*cobra.Command{}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Runnable() && c != root {
			paths[strings.TrimPrefix(c.CommandPath(), "rankfile ")] = c
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return paths
}

// longestPrefix names the command a synopsis such as "rankfile demo list N"
// shows: the longest command path it starts with, word for word.
func longestPrefix(span string, paths map[string]*cobra.Command) string {
	best := ""
	for path := range paths {
		p := "rankfile " + path
		if (span == p || strings.HasPrefix(span, p+" ")) && len(path) > len(best) {
			best = path
		}
	}
	return best
}

// flagDepth finds --name in a synopsis and says how many square brackets
// enclose it there (0: required).
func flagDepth(synopsis, name string) (int, bool) {
	re := regexp.MustCompile(`--` + regexp.QuoteMeta(name) + `($|[^a-z0-9-])`)
	loc := re.FindStringIndex(synopsis)
	if loc == nil {
		return 0, false
	}
	before := synopsis[:loc[0]]
	return strings.Count(before, "[") - strings.Count(before, "]"), true
}

// TestARequiredFlagMissingIsAUsageError checks that the root refuses a
// command run without a flag it requires, before it touches the database.
func TestARequiredFlagMissingIsAUsageError(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"sign-in-link", "--email", "a@example.org"}, "--base-url is required"},
		{[]string{"members", "override", "123", "--standing", "good"}, "--by and --reason are required"},
		{[]string{"bodies", "add", "Labor"}, "--kind is required"},
	} {
		var stdout, stderr strings.Builder
		dsn := t.TempDir() + "/none.db"
		code := Main(t.Context(), append([]string{"--db", dsn}, tc.args...), func(string) string { return "" }, nil, &stdout, &stderr)
		if code != exitInvalid || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%v: exit %d, %q; want exit %d and %q", tc.args, code, stderr.String(), exitInvalid, tc.want)
		}
		if _, err := os.Stat(dsn); err == nil {
			t.Errorf("%v: opened the database before refusing", tc.args)
		}
	}
}
