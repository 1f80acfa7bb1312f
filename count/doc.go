// Package count counts ranked ballots: instant runoff for one seat, Scottish
// STV as The Scottish Local Government Elections Order 2007 prescribes it, and
// Meek STV as the Proportional Representation Foundation's reference rule
// defines it, with optional reserved-seat constraints for both STV methods.
//
// The package knows nothing of storage or the web. It reads and writes the
// BLT ballot format, counts an Election with Count, and renders the resulting
// Report as JSON, text or an HTML fragment.
//
// Every count is exact and reproducible: votes are integers in a fixed number
// of decimal places (5 for Scottish STV, 9 for Meek, 0 for IRV), every
// rounding is the one the rule prescribes, and a tie that the rule breaks by
// lot is broken by a documented hash of a seed that the caller supplies and
// the report records. The same input gives byte-identical output on every
// machine.
package count
