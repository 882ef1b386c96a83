package webvtt

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// The writer's quick escaping gives what the Replacer gives.
func TestEscapeQuickPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "字", " ", "\t", "\u3000", "&", "<", ">", "\x00", "\n", "\r", "", "b c", "\xff"}
	text := func() string {
		var b strings.Builder
		for n := rng.IntN(5); n >= 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for i := 0; i < 20000; i++ {
		s := text()
		if got, want := string(appendVTTEscaped(nil, s)), vttEscaper.Replace(s); got != want {
			t.Fatalf("escaping %q: %q, want %q", s, got, want)
		}
	}
}
