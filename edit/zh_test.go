package edit

import (
	"bytes"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/subtitle"
	_ "github.com/subkit-dev/subkit/subtitle/ttml"
	"github.com/subkit-dev/subkit/zhtext"
)

func TestPunctuate(t *testing.T) {
	d := &subtitle.Document{Cues: []subtitle.Cue{
		cue(0, 1000, "我们今天，", "来谈谈。"),
		cue(1000, 2000, "真的吗？"),
		cue(2000, 3000, "。"),
	}}
	if n := Punctuate(d); n != 2 {
		t.Errorf("%d cues changed, want 2", n)
	}
	got := []string{lines(d.Cues[0]), lines(d.Cues[1]), lines(d.Cues[2])}
	if strings.Join(got, "|") != "我们今天/来谈谈|真的吗？|" {
		t.Errorf("got %q", got)
	}
}

func TestConvertScriptSetsLang(t *testing.T) {
	d := &subtitle.Document{Lang: "zh-Hans", Cues: []subtitle.Cue{cue(0, 1000, "这个软件", "software", "学生")}}
	d.Cues[0].Lines[1][0].Lang = "en"
	d.Cues[0].Lines[2][0].Lang = "ja" // kanji stay as they are
	if n := ConvertScript(d, zhtext.TW); n != 1 {
		t.Errorf("%d cues changed", n)
	}
	if got := lines(d.Cues[0]); got != "這個軟體/software/学生" || d.Lang != "zh-TW" || d.Cues[0].Lines[1][0].Lang != "en" {
		t.Errorf("got %q, lang %q", got, d.Lang)
	}
	var b bytes.Buffer
	if err := subtitle.Encode(&b, d, subtitle.TTML, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `xml:lang="zh-TW"`) {
		t.Errorf("TTML without xml:lang=zh-TW:\n%s", b.String())
	}
}
