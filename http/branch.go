package http

import (
	"context"
)

// branchNames maps each branch's slug to its name: pages name branches as
// people know them, never by the slug of their addresses.
func (s *Server) branchNames(ctx context.Context) (map[string]string, error) {
	branches, err := s.app.BranchList(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(branches))
	for _, b := range branches {
		names[b.Slug] = b.Name
	}
	return names, nil
}
