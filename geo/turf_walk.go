package geo

import (
	"cmp"
	"math"
	"slices"

	"github.com/rankfile/rankfile"
)

// walkTurfs gives each run of pieces its walking order: the run's stretches
// of street sides, each walked in house-number order one way or the other,
// taken nearest first from one end of the turf.
func walkTurfs(runs [][]piece, proj projection) []Turf {
	turfs := make([]Turf, len(runs))
	for i, run := range runs {
		for _, seg := range walkOrder(stretches(run), proj) {
			for _, d := range seg {
				turfs[i].Doors = append(turfs[i].Doors, d.ID)
			}
		}
	}
	return turfs
}

// stretches joins a run's pieces that continue one another along a side
// of a street.
func stretches(run []piece) [][]Door {
	pieces := slices.Clone(run)
	slices.SortFunc(pieces, func(a, b piece) int { return cmp.Compare(a.seq, b.seq) })
	var out [][]Door
	for i, p := range pieces {
		if i > 0 && p.side == pieces[i-1].side && p.seq == pieces[i-1].seq+1 {
			out[len(out)-1] = append(out[len(out)-1], p.doors...)
			continue
		}
		out = append(out, slices.Clone(p.doors))
	}
	return out
}

// walkOrder orders the stretches nearest first: it starts at the stretch
// end farthest from the turf's middle, and from the end of each stretch
// goes to the nearest end of a stretch not yet walked, walking it from
// that end.
func walkOrder(segs [][]Door, proj projection) [][]Door {
	at := startPoint(segs, proj)
	out := make([][]Door, 0, len(segs))
	for len(segs) > 0 {
		best, reverse, bestDist := 0, false, math.Inf(1)
		for i, s := range segs {
			if d := proj.meters(at, s[0].Point); d < bestDist {
				best, reverse, bestDist = i, false, d
			}
			if d := proj.meters(at, s[len(s)-1].Point); d < bestDist {
				best, reverse, bestDist = i, true, d
			}
		}
		s := segs[best]
		if reverse {
			slices.Reverse(s)
		}
		out = append(out, s)
		at = s[len(s)-1].Point
		segs = slices.Delete(segs, best, best+1)
	}
	return out
}

// startPoint returns the stretch end farthest from the middle of all the
// stretches: a walk from one end of a turf to the other.
func startPoint(segs [][]Door, proj projection) rankfile.Point {
	var sumX, sumY float64
	n := 0
	for _, s := range segs {
		for _, d := range s {
			x, y := proj.xy(d.Point)
			sumX, sumY, n = sumX+x, sumY+y, n+1
		}
	}
	mx, my := sumX/float64(n), sumY/float64(n)
	far, farDist := segs[0][0].Point, -1.0
	for _, s := range segs {
		for _, d := range []Door{s[0], s[len(s)-1]} {
			x, y := proj.xy(d.Point)
			if dist := math.Hypot(x-mx, y-my); dist > farDist {
				far, farDist = d.Point, dist
			}
		}
	}
	return far
}
