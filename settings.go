package rankfile

import "context"

// Settings reads the installation's settings.
type Settings interface {
	// Setting returns a setting's value, "" when it is not set.
	Setting(ctx context.Context, key string) (string, error)
}
