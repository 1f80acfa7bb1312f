package count

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// stvData locates the shared ground-truth data: $RANKFILE_STV_DATA, else a
// shared/data/stv found walking up from the working directory, else
// /work/shared/data/stv. Without it the test is skipped, or fails when
// RANKFILE_REQUIRE_DATA=1.
func stvData(tb testing.TB) string {
	tb.Helper()
	if dir := os.Getenv("RANKFILE_STV_DATA"); dir != "" {
		if isDir(dir) {
			return dir
		}
		missingData(tb, "RANKFILE_STV_DATA="+dir+" is not a directory")
	}
	if wd, err := os.Getwd(); err == nil {
		for dir := wd; ; dir = filepath.Dir(dir) {
			if cand := filepath.Join(dir, "shared", "data", "stv"); isDir(cand) {
				return cand
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	if isDir("/work/shared/data/stv") {
		return "/work/shared/data/stv"
	}
	missingData(tb, "shared/data/stv not found (set RANKFILE_STV_DATA)")
	return ""
}

func missingData(tb testing.TB, why string) {
	tb.Helper()
	if os.Getenv("RANKFILE_REQUIRE_DATA") == "1" {
		tb.Fatalf("ground-truth data required: %s", why)
	}
	tb.Skipf("skipping: ground-truth data missing: %s", why)
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// readBLTFile reads a BLT file of the shared data.
func readBLTFile(tb testing.TB, path string) *Election {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	e, err := ReadBLT(f)
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return e
}

// readJSONFile decodes a JSON file of the shared data.
func readJSONFile(tb testing.TB, path string, v any) {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
}

// mustCount counts or fails the test.
func mustCount(tb testing.TB, e *Election, opt Options) *Report {
	tb.Helper()
	rep, err := Count(e, opt)
	if err != nil {
		tb.Fatalf("Count: %v", err)
	}
	return rep
}

// electedNames returns the names of the report's winners in order.
func electedNames(rep *Report) []string {
	out := make([]string, len(rep.Elected))
	for i, c := range rep.Elected {
		out[i] = rep.Candidates[c]
	}
	return out
}
