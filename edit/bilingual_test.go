package edit

import (
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/timing"
)

// A line cut into two captions shares its translation between them, in
// order and by their length; the translation's spans carry its language,
// and --chinese-below puts it on top.
func TestAddTranslations(t *testing.T) {
	lines := []timing.Line{{Text: "大家好", Num: 1}, {Text: "今天我们聊聊这个软件在医疗领域的应用", Num: 3}}
	second := []string{"Hello everyone", "Today we talk about this software and its uses in medicine"}
	caps := []timing.Caption{
		{Lines: []string{"大家好"}, Line: 1},
		{Lines: []string{"今天我们聊聊这个软件"}, Line: 3},
		{Lines: []string{"在医疗领域的应用"}, Line: 3},
	}
	for _, below := range []bool{false, true} {
		doc := &subtitle.Document{}
		for _, c := range caps {
			doc.Cues = append(doc.Cues, subtitle.Cue{Lines: subtitle.Text(c.Lines...)})
		}
		AddTranslations(doc, caps, lines, second, below)
		var got []string
		for i, c := range doc.Cues {
			if len(c.Lines) != 2 {
				t.Fatalf("below %v: cue %d has %d lines, want 2: %+v", below, i+1, len(c.Lines), c.Lines)
			}
			zh, tr := c.Lines[0], c.Lines[1]
			if below {
				zh, tr = tr, zh
			}
			if zh.String() != caps[i].Lines[0] {
				t.Errorf("below %v: cue %d's Chinese is %q", below, i+1, zh.String())
			}
			if tr[0].Lang != "en" || zh[0].Lang != "" {
				t.Errorf("below %v: cue %d: languages %q and %q, want en on the translation only", below, i+1, tr[0].Lang, zh[0].Lang)
			}
			got = append(got, tr.String())
		}
		if got[0] != "Hello everyone" {
			t.Errorf("below %v: line 1's translation is %q", below, got[0])
		}
		if got[1]+" "+got[2] != second[1] || len(got[1]) <= len(got[2]) {
			t.Errorf("below %v: line 3's translation shared as %q and %q", below, got[1], got[2])
		}
		if strings.Contains(got[1]+got[2], "  ") {
			t.Errorf("below %v: doubled spaces in %q, %q", below, got[1], got[2])
		}
	}
}
