package textout

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/subtitle"
)

// Lines' quick path gives what the general one gives for lines that need
// no splitting or trimming.
func TestLinesQuickPath(t *testing.T) {
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
		var lines []subtitle.Line
		for n := rng.IntN(3); n >= 0; n-- {
			var l subtitle.Line
			for m := rng.IntN(3); m >= 0; m-- {
				l = append(l, subtitle.Span{Text: text(), Italic: rng.IntN(2) == 0})
			}
			lines = append(lines, l)
		}
		want := splitTextLines(append([]subtitle.Line(nil), lines...))
		if got := Lines(lines); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("lines %q: %q, want %q", lines, got, want)
		}
	}
}

// TestPlacementFromWebVTT: WebVTT line and align settings become the
// keypad placement SRT, TTML and ASS write.
func TestPlacementFromWebVTT(t *testing.T) {
	cases := map[string]int{
		"":                       0,
		"line:0":                 8,
		"line:1 align:left":      7,
		"line:-1":                0,
		"line:-2 align:right":    3,
		"line:10%":               8,
		"line:50%":               5,
		"line:50% align:start":   4,
		"line:90%":               0,
		"align:end":              3,
		"position:10% size:50%":  0,
		"line:100%,end align:xx": 0,
	}
	for settings, want := range cases {
		if got := Placement(subtitle.Cue{Settings: settings}); got != want {
			t.Errorf("Placement(%q) = %d, want %d", settings, got, want)
		}
	}
	if got := Placement(subtitle.Cue{Align: 9, Settings: "line:0"}); got != 9 {
		t.Errorf("Align wins over settings: %d", got)
	}
}

// TestAppendClock writes clock times as fmt writes them, for the units
// the writers use (milliseconds, centiseconds, 25 fps frames).
func TestAppendClock(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 20000; i++ {
		n := rng.Int64N(1 << uint(1+rng.IntN(40)))
		for _, u := range []struct {
			per          int64
			hours, fracs int
		}{{1000, 2, 3}, {1000, 1, 3}, {100, 2, 2}, {100, 1, 2}, {25, 2, 2}} {
			s := n / u.per
			want := fmt.Sprintf("%0*d:%02d:%02d.%0*d", u.hours, s/3600, s/60%60, s%60, u.fracs, n%u.per)
			if got := string(AppendClock([]byte("x"), n, u.per, u.hours, '.', u.fracs)); got != "x"+want {
				t.Fatalf("AppendClock(%d, %d, %d, %d) = %q, want %q", n, u.per, u.hours, u.fracs, got, "x"+want)
			}
		}
	}
}
