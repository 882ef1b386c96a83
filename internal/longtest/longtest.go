// Package longtest chooses between the quick and the long version of a
// test. The long versions are accuracy runs: long synthetic tracks, large
// corpora, many random cases. They are not needed to see that a behaviour
// broke, only to measure how well it holds, and they cost minutes under
// -race, so they run only when asked for:
//
//	SUBKIT_LONG=1 go test -race ./...
//
// (make test-long). go test keys its cache on the variable, so a quick
// result is never reported for a long run or the other way round.
package longtest

import "os"

// On reports whether the long versions are asked for: SUBKIT_LONG is set
// to anything but "", "0" or "false".
func On() bool {
	switch os.Getenv("SUBKIT_LONG") {
	case "", "0", "false":
		return false
	}
	return true
}

// Pick returns long when the long versions are asked for, quick otherwise.
func Pick[T any](quick, long T) T {
	if On() {
		return long
	}
	return quick
}
