package count

import "sort"

// search looks for a completion: how many winners to take from each type of
// candidate (candidates carrying the same constrained tags) so that every
// constraint holds. It is a depth-first search over types with pruning and
// memoised failures, small because there are few types.
type search struct {
	cons   []Constraint
	masks  []uint64
	caps   []int
	reach  [][]int // reach[t][i]: candidates in types t.. carrying tag i
	failed map[string]bool
}

func newSearch(cons []Constraint, types map[uint64]int) *search {
	s := &search{cons: cons, failed: map[string]bool{}}
	for m := range types {
		s.masks = append(s.masks, m)
	}
	sort.Slice(s.masks, func(i, j int) bool { return s.masks[i] < s.masks[j] })
	s.caps = make([]int, len(s.masks))
	s.reach = make([][]int, len(s.masks)+1)
	s.reach[len(s.masks)] = make([]int, len(cons))
	for t := len(s.masks) - 1; t >= 0; t-- {
		s.caps[t] = types[s.masks[t]]
		s.reach[t] = append([]int(nil), s.reach[t+1]...)
		for i := range cons {
			if s.masks[t]&(1<<i) != 0 {
				s.reach[t][i] += s.caps[t]
			}
		}
	}
	return s
}

// fill reports whether need more winners can be taken from types t.. given
// the counts of winners so far carrying each constrained tag.
func (s *search) fill(t, need int, counts []int) bool {
	if !s.possible(t, need, counts) {
		return false
	}
	if t == len(s.masks) {
		return need == 0
	}
	key := s.key(t, need, counts)
	if s.failed[key] {
		return false
	}
	next := make([]int, len(counts))
	for x := min(need, s.caps[t]); x >= 0; x-- {
		for i := range counts {
			next[i] = counts[i]
			if s.masks[t]&(1<<i) != 0 {
				next[i] += x
			}
		}
		if s.fill(t+1, need-x, next) {
			return true
		}
	}
	s.failed[key] = true
	return false
}

// possible prunes: no maximum exceeded, every minimum still reachable.
func (s *search) possible(t, need int, counts []int) bool {
	for i, k := range s.cons {
		if k.AtMost && counts[i] > k.N {
			return false
		}
		if !k.AtMost && counts[i]+min(need, s.reach[t][i]) < k.N {
			return false
		}
	}
	return true
}

// key identifies a search state; counts past a minimum are all alike.
func (s *search) key(t, need int, counts []int) string {
	b := make([]byte, 0, 8+2*len(counts))
	b = append(b, byte(t), byte(t>>8), byte(need), byte(need>>8))
	for i, k := range s.cons {
		v := counts[i]
		if !k.AtMost && v > k.N {
			v = k.N
		}
		b = append(b, byte(v), byte(v>>8))
	}
	return string(b)
}
