package http

import (
	_ "embed"
	"net/http"
)

// openAPIDoc describes the JSON API. Public operations carry security: [].
//
//go:embed openapi.json
var openAPIDoc []byte

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPIDoc)
}
