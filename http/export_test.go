package http

// SignersShown lets tests list fewer members in support than a page does.
var SignersShown = &signersShown
