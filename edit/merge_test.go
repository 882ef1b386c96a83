package edit

import (
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/subtitle"
)

func cue(start, end int64, text ...string) subtitle.Cue {
	return subtitle.Cue{Start: ms(start), End: ms(end), Lines: subtitle.Text(text...)}
}

func lines(c subtitle.Cue) string { return strings.Join(c.PlainLines(), "/") }

func TestMergePairsByTime(t *testing.T) {
	en := &subtitle.Document{Lang: "en", Cues: []subtitle.Cue{
		cue(0, 2000, "Hello."),
		cue(2100, 4000, "How are you?"),
		cue(4000, 5000, "Fine,"), cue(5000, 6000, "thanks."), // two cues under one Chinese cue
		cue(9000, 9500, "(music)"), // nothing Chinese at that time
	}}
	zh := &subtitle.Document{Lang: "zh-Hans", Cues: []subtitle.Cue{
		cue(100, 2100, "你好。"),
		cue(2000, 3900, "你好吗？"),
		cue(4000, 6000, "很好，谢谢。"),
		cue(7000, 8000, "（笑）"), // no English
	}}
	// The English track given first: the Chinese still comes first.
	out, st := Merge(en, zh, MergeOptions{})
	got := make([]string, len(out.Cues))
	for i, c := range out.Cues {
		got[i] = lines(c)
	}
	want := []string{"你好。/Hello.", "你好吗？/How are you?", "很好，谢谢。/Fine,/thanks.", "（笑）", "(music)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("merged:\n got %q\nwant %q", got, want)
	}
	if st != (MergeStats{Paired: 3, OnlyUpper: 1, OnlyLower: 1, UpperLang: "zh-Hans", LowerLang: "en"}) {
		t.Errorf("stats %+v", st)
	}
	if out.Lang != "zh-Hans" || out.Cues[0].Lines[0][0].Lang != "" || out.Cues[0].Lines[1][0].Lang != "en" {
		t.Errorf("languages: doc %q, lines %q %q", out.Lang, out.Cues[0].Lines[0][0].Lang, out.Cues[0].Lines[1][0].Lang)
	}
	if out.Cues[0].Start != ms(100) || out.Cues[4].Start != ms(9000) {
		t.Errorf("times: %v %v", out.Cues[0].Start, out.Cues[4].Start)
	}

	below, _ := Merge(en, zh, MergeOptions{ChineseBelow: true})
	if got := lines(below.Cues[0]); got != "Hello./你好。" {
		t.Errorf("ChineseBelow: %q", got)
	}
}

func TestMergeStyles(t *testing.T) {
	zh := &subtitle.Document{Lang: "zh-Hans", Cues: []subtitle.Cue{cue(0, 2000, "你好")}}
	en := &subtitle.Document{Lang: "en", Cues: []subtitle.Cue{cue(0, 2000, "Hello")}}
	out, _ := Merge(zh, en, MergeOptions{Styles: true})
	if len(out.Cues) != 2 || out.Cues[0].Style != "Primary" || out.Cues[1].Style != "Secondary" {
		t.Fatalf("cues %+v", out.Cues)
	}
	if lines(out.Cues[0]) != "你好" || lines(out.Cues[1]) != "Hello" {
		t.Errorf("texts %q %q", lines(out.Cues[0]), lines(out.Cues[1]))
	}
	if len(out.Styles) != 2 || !strings.HasPrefix(out.Styles[1].Text, "Style: Secondary,Arial,14,") {
		t.Errorf("styles %+v", out.Styles)
	}
}

func TestMergeSmallOverlapDoesNotPair(t *testing.T) {
	zh := &subtitle.Document{Lang: "zh", Cues: []subtitle.Cue{cue(0, 2000, "一")}}
	en := &subtitle.Document{Lang: "en", Cues: []subtitle.Cue{cue(1500, 4000, "one")}}
	out, st := Merge(zh, en, MergeOptions{})
	if len(out.Cues) != 2 || st.Paired != 0 {
		t.Errorf("a 500 ms overlap of 2 s cues paired: %+v", out.Cues)
	}
}

// The merged track keeps the Chinese track's frame rate, else the other's.
func TestMergeFPS(t *testing.T) {
	for _, c := range []struct{ zh, en, want float64 }{{29.97, 25, 29.97}, {0, 24, 24}, {0, 0, 0}} {
		zh := &subtitle.Document{Lang: "zh-Hans", FPS: c.zh, Cues: []subtitle.Cue{cue(0, 2000, "你好")}}
		en := &subtitle.Document{Lang: "en", FPS: c.en, Cues: []subtitle.Cue{cue(0, 2000, "Hello")}}
		for _, order := range [][2]*subtitle.Document{{zh, en}, {en, zh}} {
			if out, _ := Merge(order[0], order[1], MergeOptions{}); out.FPS != c.want {
				t.Errorf("zh %v, en %v: FPS %v, want %v", c.zh, c.en, out.FPS, c.want)
			}
		}
	}
}
