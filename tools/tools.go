//go:build tools

// Package tools pins the programs rankfile's scripts run but its binary
// does not contain: vegeta, the load generator of scripts/bench-web. It is a
// module of its own so that rankfile's go.mod stays free of them.
package tools

import _ "github.com/tsenart/vegeta/v12"
