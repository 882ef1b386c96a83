package subtitle

import (
	"reflect"
	"sort"
	"testing"
)

func TestLosses(t *testing.T) {
	d := &Document{
		Notes:  []Note{{Before: 0, Text: "a note"}},
		Styles: []Style{{Name: "", Format: WebVTT, Text: "::cue { color: red }"}},
		Cues: []Cue{
			{ID: "one", Settings: "align:start", Lines: styled.Cues[2].Lines},
			{ID: "two", Lines: styled.Cues[3].Lines},
			{Lines: styled.Cues[1].Lines},
		},
	}
	cases := map[Format][]string{
		SRT: {
			"class names (<c>) in 1 cue", "comment blocks (NOTE) in 1 block",
			"cue identifiers in 2 cues", "WebVTT cue settings (kept as top/middle/bottom, left/right placement only) in 1 cue", "inline timestamps (karaoke) in 1 cue",
			"ruby text in 1 cue", "span languages in 1 cue", "voice names (<v>) in 1 cue", "vtt style blocks in 1 block",
		},
		WebVTT: {"colors in 1 cue"}, // #ff00ee has no WebVTT default class; red and #ff00ff (magenta) have
		TTML: {
			"class names (<c>) in 1 cue", "comment blocks (NOTE) in 1 block",
			"cue identifiers in 2 cues", "WebVTT cue settings (kept as top/middle/bottom, left/right placement only) in 1 cue", "inline timestamps (karaoke) in 1 cue",
			"ruby text in 1 cue", "voice names (<v>) in 1 cue", "vtt style blocks in 1 block",
		},
	}
	for f, want := range cases {
		sort.Strings(want)
		if got := Losses(d, f); !reflect.DeepEqual(got, want) {
			t.Errorf("%v:\n got %q\nwant %q", f, got, want)
		}
	}
	if l := Losses(tricky, WebVTT); l != nil {
		t.Errorf("plain document loses %q", l)
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
		if got := placement(Cue{Settings: settings}); got != want {
			t.Errorf("placement(%q) = %d, want %d", settings, got, want)
		}
	}
	if got := placement(Cue{Align: 9, Settings: "line:0"}); got != 9 {
		t.Errorf("Align wins over settings: %d", got)
	}
}
