module github.com/rankfile/rankfile

go 1.26.0

require (
	github.com/paulmach/orb v0.14.0
	golang.org/x/text v0.41.0
)
