package rankfile

import "strings"

// formulaStarts are the characters with which a spreadsheet takes a cell
// for a formula (or, tab and carriage return, for something like one).
const formulaStarts = "=+-@\t\r"

// SpreadsheetSafe keeps the cells of a CSV file that people may open in a
// spreadsheet from being read as formulas: a cell beginning with = + - @,
// a tab or a carriage return gets a leading apostrophe, which spreadsheets
// hide. rankfile's own readers of such files undo it (count.ReadTags).
func SpreadsheetSafe(cells ...string) []string {
	for i, c := range cells {
		if c != "" && strings.ContainsRune(formulaStarts, rune(c[0])) {
			cells[i] = "'" + c
		}
	}
	return cells
}
