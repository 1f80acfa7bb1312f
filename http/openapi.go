package http

import (
	_ "embed"
	"net/http"
)

// The JSON API offers what the pages offer, through the same operations
// of package app: the same permission checks and audit entries.

// openAPIDoc describes the JSON API. Public operations carry security: [].
//
//go:embed openapi.json
var openAPIDoc []byte

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPIDoc)
}
