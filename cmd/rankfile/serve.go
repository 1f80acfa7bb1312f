package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/spf13/cobra"

	rfhttp "github.com/rankfile/rankfile/http"
	"github.com/rankfile/rankfile/store"
)

func init() { register((*app).serveCommand) }

// defaultAddr keeps a new server private to the machine until its operator
// decides otherwise (behind a reverse proxy, say).
const defaultAddr = "localhost:8080"

func (a *app) serveCommand() *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve rankfile on the web",
		Args:  args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			return a.serve(cmd.Context(), db, addr)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", defaultAddr, "`HOST:PORT` to listen on")
	return cmd
}

// serve runs the web server until the context ends (Ctrl-C, SIGTERM).
func (a *app) serve(ctx context.Context, db *store.DB, addr string) error {
	logger := slog.New(slog.NewTextHandler(a.stderr, nil))
	srv := &rfhttp.Server{
		Bodies: store.NewBodyService(db),
		Ping:   db.Ping,
		Today:  db.Today,
		Logger: logger,
	}
	if err := srv.Open(addr); err != nil {
		return fmt.Errorf("listening on %s: %w", addr, err)
	}
	fmt.Fprintf(a.stdout, "rankfile is serving at %s\n", srv.URL())
	<-ctx.Done()
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	logger.Info("shutting down")
	return srv.Shutdown(shutdown)
}
