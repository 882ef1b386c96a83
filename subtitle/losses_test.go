package subtitle

import (
	"reflect"
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
			"cue identifiers in 2 cues", "cue settings (position, alignment) in 1 cue", "inline timestamps (karaoke) in 1 cue",
			"ruby text in 1 cue", "span languages in 1 cue", "voice names (<v>) in 1 cue", "vtt style blocks in 1 block",
		},
		WebVTT: {"colors in 1 cue"}, // #ff00ff has no WebVTT default class; red has
		TTML: {
			"class names (<c>) in 1 cue", "comment blocks (NOTE) in 1 block",
			"cue identifiers in 2 cues", "cue settings (position, alignment) in 1 cue", "inline timestamps (karaoke) in 1 cue",
			"ruby text in 1 cue", "voice names (<v>) in 1 cue", "vtt style blocks in 1 block",
		},
	}
	for f, want := range cases {
		if got := Losses(d, f); !reflect.DeepEqual(got, want) {
			t.Errorf("%v:\n got %q\nwant %q", f, got, want)
		}
	}
	if l := Losses(tricky, WebVTT); l != nil {
		t.Errorf("plain document loses %q", l)
	}
}
