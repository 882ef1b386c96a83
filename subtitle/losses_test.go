package subtitle_test

import (
	"reflect"
	"sort"
	"testing"

	"github.com/subkit-dev/subkit/subtitle"
)

func TestLosses(t *testing.T) {
	d := &subtitle.Document{
		Notes:  []subtitle.Note{{Before: 0, Text: "a note"}},
		Styles: []subtitle.Style{{Name: "", Format: subtitle.WebVTT, Text: "::cue { color: red }"}},
		Cues: []subtitle.Cue{
			{ID: "one", Settings: "align:start", Lines: styled.Cues[2].Lines},
			{ID: "two", Lines: styled.Cues[3].Lines},
			{Lines: styled.Cues[1].Lines},
		},
	}
	cases := map[subtitle.Format][]string{
		subtitle.SRT: {
			"class names (<c>) in 1 cue", "comment blocks (NOTE) in 1 block",
			"cue identifiers in 2 cues", "WebVTT cue settings (kept as top/middle/bottom, left/right placement only) in 1 cue", "inline timestamps (karaoke) in 1 cue",
			"ruby text in 1 cue", "span languages in 1 cue", "voice names (<v>) in 1 cue", "vtt style blocks in 1 block",
		},
		subtitle.WebVTT: {"colors in 1 cue"}, // #ff00ee has no WebVTT default class; red and #ff00ff (magenta) have
		subtitle.TTML: {
			"class names (<c>) in 1 cue", "comment blocks (NOTE) in 1 block",
			"cue identifiers in 2 cues", "WebVTT cue settings (kept as top/middle/bottom, left/right placement only) in 1 cue", "inline timestamps (karaoke) in 1 cue",
			"ruby text in 1 cue", "voice names (<v>) in 1 cue", "vtt style blocks in 1 block",
		},
	}
	for f, want := range cases {
		sort.Strings(want)
		if got := subtitle.Losses(d, f); !reflect.DeepEqual(got, want) {
			t.Errorf("%v:\n got %q\nwant %q", f, got, want)
		}
	}
	if l := subtitle.Losses(tricky, subtitle.WebVTT); l != nil {
		t.Errorf("plain document loses %q", l)
	}
}
