package store_test

import (
	"testing"
	"time"

	"github.com/rankfile/rankfile/store/storetest"
)

// TestRateLimitsCountAcrossServers: two servers of one database count a
// client's requests together, each client and each limit apart.
func TestRateLimitsCountAcrossServers(t *testing.T) {
	dsn := storetest.PostgresDSN(t)
	a, b := storetest.Open(t, dsn), storetest.Open(t, dsn)
	var got []bool
	for i, name := range []string{"a", "b", "a", "b"} {
		server := a
		if name == "b" {
			server = b
		}
		ok, err := server.Allow(ctx, "sign-in", "203.0.113.7", 3, time.Hour)
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		got = append(got, ok)
	}
	if !got[0] || !got[1] || !got[2] || got[3] {
		t.Errorf("three allowed an hour, four asked of two servers: %v", got)
	}
	if ok, _ := b.Allow(ctx, "sign-in", "198.51.100.1", 3, time.Hour); !ok {
		t.Error("another client was refused")
	}
	if ok, _ := b.Allow(ctx, "api", "203.0.113.7", 3, time.Hour); !ok {
		t.Error("the client was refused by another limit")
	}
}
