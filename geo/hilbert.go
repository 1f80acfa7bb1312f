package geo

// hilbertSide is the number of cells along each side of the grid the
// Hilbert curve fills: 2^16, so a city's cells are well under a meter.
const hilbertSide = 1 << 16

// hilbertKey returns the place of cell (x, y) along the Hilbert curve
// through the grid. Cells close along the curve are close on the grid,
// which is why cutting the curve into runs gives compact turfs.
func hilbertKey(x, y uint32) uint64 {
	var key uint64
	for s := uint32(hilbertSide / 2); s > 0; s /= 2 {
		var rx, ry uint32
		if x&s != 0 {
			rx = 1
		}
		if y&s != 0 {
			ry = 1
		}
		key += uint64(s) * uint64(s) * uint64((3*rx)^ry)
		x, y = hilbertRotate(hilbertSide, x, y, rx, ry)
	}
	return key
}

// hilbertRotate turns a quadrant so that the curve's pieces join up.
func hilbertRotate(n, x, y, rx, ry uint32) (uint32, uint32) {
	if ry == 0 {
		if rx == 1 {
			x, y = n-1-x, n-1-y
		}
		x, y = y, x
	}
	return x, y
}
