package main

// The CLI reads and writes every caption format subkit has: each registers
// itself with package subtitle when imported.
import _ "github.com/subkit-dev/subkit/subtitle/all"
