package demo

// DrawNeighborhoods lets the tests draw the groups' boundaries again.
var DrawNeighborhoods = drawNeighborhoods
