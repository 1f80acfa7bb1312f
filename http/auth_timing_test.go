package http_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"net/url"
	"slices"
	"testing"
	"time"

	rfhttp "github.com/rankfile/rankfile/http"
	"github.com/rankfile/rankfile/store/storetest"
)

// Sample size and significance level of the timing test. With 300
// requests of each kind, the two-sample Kolmogorov-Smirnov test at
// p < 0.001 rejects for D above 0.16: a difference between the two
// distributions of that size is found, while two samples of one
// distribution are rejected once in a thousand runs. Answering a known
// address in the request (a transaction writing its links) made D 0.5 to
// 0.9; see BENCHMARKS.md.
const (
	timingSamples = 300
	timingAlpha   = 0.001
)

// TestSignInTimingTellsNobodyWhoIsAMember asks for sign-in links for
// known and unknown addresses, timingSamples of each in random order, one
// after another through the real server, and compares the two samples of
// response times with a two-sample Kolmogorov-Smirnov test: it fails when
// the test tells them apart at p < timingAlpha. Every known request is
// answered in full (links written, an email sent): the per-address email
// limit, which would spare most of them, is raised out of the way, as the
// per-client limit is. `go test -v` prints the figures.
func TestSignInTimingTellsNobodyWhoIsAMember(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		known, unknown := timeSignIns(t, dsn, timingSamples)
		d, p := kolmogorovSmirnov(known, unknown)
		t.Logf("known: median %v, p90 %v; unknown: median %v, p90 %v; D = %.3f, p = %.3g (N = %d each)",
			quantile(known, 0.5), quantile(known, 0.9), quantile(unknown, 0.5), quantile(unknown, 0.9), d, p, len(known))
		if p < timingAlpha {
			t.Errorf("the response times of known and unknown addresses differ: D = %.3f, p = %.3g < %g", d, p, timingAlpha)
		}
	})
}

// timeSignIns asks for n links for known addresses and n for unknown
// ones, interleaved at random, and returns the response times of each.
func timeSignIns(t *testing.T, dsn string, n int) (known, unknown []time.Duration) {
	w := newWorldWith(t, dsn, rfhttp.Config{InsecureCookies: true, SignInsPerMinute: 1 << 20})
	w.app.SignInEmailLimit = 1 << 20
	members := []string{"steward@example.org", "admin@example.org", "coordinator@example.org",
		"cochair@example.org", "member@example.org", "west@example.org", "housing@example.org"}
	const warmUp = 20 // requests answered first, and not counted
	kinds := make([]bool, 2*n)
	for i := range kinds {
		kinds[i] = i%2 == 0
	}
	rand.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	kinds = append(make([]bool, warmUp), kinds...)
	for i := range warmUp {
		kinds[i] = i%2 == 0
	}
	c := w.client("")
	for i, isKnown := range kinds {
		email := fmt.Sprintf("stranger%d@example.org", i)
		if isKnown {
			email = members[i%len(members)]
		}
		start := time.Now()
		if status, _ := w.do(c, "POST", "/sign-in", url.Values{"email": {email}}); status != 200 {
			t.Fatalf("asking for a link: %d", status)
		}
		if elapsed := time.Since(start); i < warmUp {
			continue
		} else if isKnown {
			known = append(known, elapsed)
		} else {
			unknown = append(unknown, elapsed)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := w.app.DrainSignIns(ctx); err != nil {
		t.Fatal(err)
	}
	return known, unknown
}

// kolmogorovSmirnov returns the two-sample Kolmogorov-Smirnov statistic
// D (the largest gap between the two empirical distribution functions)
// and its p-value by the asymptotic Kolmogorov distribution. It sorts the
// samples.
func kolmogorovSmirnov(a, b []time.Duration) (d, p float64) {
	slices.Sort(a)
	slices.Sort(b)
	for i, j := 0, 0; i < len(a) && j < len(b); {
		x := min(a[i], b[j])
		for i < len(a) && a[i] == x {
			i++
		}
		for j < len(b) && b[j] == x {
			j++
		}
		d = max(d, math.Abs(float64(i)/float64(len(a))-float64(j)/float64(len(b))))
	}
	n := float64(len(a)*len(b)) / float64(len(a)+len(b))
	return d, kolmogorovQ(math.Sqrt(n) * d)
}

// kolmogorovQ is the probability that the Kolmogorov distribution exceeds
// x: 2 times the sum over k >= 1 of (-1)^(k-1) exp(-2 k^2 x^2). Below 0.2
// the series converges slowly and the answer is 1 to nine digits.
func kolmogorovQ(x float64) float64 {
	if x < 0.2 {
		return 1
	}
	var sum float64
	for k := 1; k <= 100; k++ {
		term := math.Exp(-2 * float64(k*k) * x * x)
		if k%2 == 0 {
			term = -term
		}
		sum += term
		if math.Abs(term) < 1e-16 {
			break
		}
	}
	return min(max(2*sum, 0), 1)
}

// quantile returns the q-quantile of a sorted sample.
func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(int(q*float64(len(sorted))), len(sorted)-1)].Round(time.Microsecond)
}

// TestKolmogorovSmirnov checks the statistic against figures worked out
// by hand and the distribution against its published critical values.
func TestKolmogorovSmirnov(t *testing.T) {
	ms := func(xs ...int) []time.Duration {
		out := make([]time.Duration, len(xs))
		for i, x := range xs {
			out[i] = time.Duration(x) * time.Millisecond
		}
		return out
	}
	for _, c := range []struct {
		a, b []time.Duration
		d    float64
	}{
		{ms(1, 2, 3, 4), ms(1, 2, 3, 4), 0},
		{ms(1, 2, 3, 4), ms(5, 6, 7, 8), 1},
		{ms(1, 3, 5, 7), ms(2, 4, 6, 8), 0.25},
		{ms(1, 2, 2, 9), ms(3, 4), 0.75},
	} {
		if d, _ := kolmogorovSmirnov(c.a, c.b); math.Abs(d-c.d) > 1e-12 {
			t.Errorf("D of %v and %v = %v, want %v", c.a, c.b, d, c.d)
		}
	}
	for _, c := range []struct{ x, q float64 }{{1.2238, 0.10}, {1.3581, 0.05}, {1.6276, 0.01}, {1.9495, 0.001}, {0.1, 1}} {
		if q := kolmogorovQ(c.x); math.Abs(q-c.q) > 1e-4*max(1, c.q*10) {
			t.Errorf("Q(%v) = %v, want %v", c.x, q, c.q)
		}
	}
}
