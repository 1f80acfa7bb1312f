package http

import (
	"context"

	"github.com/rankfile/rankfile"
)

// branchNames maps each branch's slug to its name: pages name branches as
// people know them, never by the slug of their addresses.
func (s *Server) branchNames(ctx context.Context) (map[string]string, error) {
	branches, err := s.app.BranchList(ctx)
	if err != nil {
		return nil, err
	}
	return namesBySlug(branches), nil
}

// namesBySlug maps bodies' slugs to their names.
func namesBySlug(bodies []*rankfile.Body) map[string]string {
	names := make(map[string]string, len(bodies))
	for _, b := range bodies {
		names[b.Slug] = b.Name
	}
	return names
}
