// Command copy is the floor for scripts/bench-convert.sh: it reads a file
// and writes its bytes unchanged, so the time of any converter can be set
// against the cost of the I/O alone.
//
// Usage: go run ./scripts/bench/copy IN OUT
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: copy IN OUT")
		os.Exit(2)
	}
	b, err := os.ReadFile(os.Args[1])
	if err == nil {
		err = os.WriteFile(os.Args[2], b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "copy:", err)
		os.Exit(1)
	}
}
