package main

import (
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/subkit-dev/subkit/timing"
)

// TestChineseBreaks wraps sample captions with the real word segmenter, in
// Simplified and in Traditional characters: each breaks between phrases,
// and the Traditional text (segmented through its Simplified form) breaks
// where the Simplified does.
func TestChineseBreaks(t *testing.T) {
	cases := []struct {
		simp, trad string
		want       []string
	}{
		{"用来讨论人工智能什么时候能够达到人类水平", "用來討論人工智能什麼時候能夠達到人類水平",
			[]string{"用来讨论人工智能什么时候", "能够达到人类水平"}},
		{"Anthropic 雇佣的都是世界上最优秀的工程师和开发者", "Anthropic 僱傭的都是世界上最優秀的工程師和開發者",
			[]string{"Anthropic 雇佣的", "都是世界上最优秀的工程师和开发者"}},
		{"那么其他的前沿模型极有可能会面临同样的问题", "那麼其他的前沿模型極有可能會面臨同樣的問題",
			[]string{"那么其他的前沿模型", "极有可能会面临同样的问题"}},
		{"大语言模型的长期价值更在于生产力工具", "大語言模型的長期價值更在於生產力工具",
			[]string{"大语言模型的长期价值", "更在于生产力工具"}},
		{"我将其作为一个长期的研究方向来坚持下去", "我將其作為一個長期的研究方向來堅持下去",
			[]string{"我将其作为一个长期的", "研究方向来坚持下去"}},
	}
	seg := wordSegmenter()
	runes := func(lines []string) []int {
		var n []int
		for _, l := range lines {
			n = append(n, utf8.RuneCountInString(l))
		}
		return n
	}
	for _, c := range cases {
		got := timing.Wrap(c.simp, seg, 16, 2, true)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Wrap(%q) = %q, want %q", c.simp, got, c.want)
		}
		trad := timing.Wrap(c.trad, seg, 16, 2, true)
		if !reflect.DeepEqual(runes(trad), runes(got)) {
			t.Errorf("Traditional %q breaks as %q, Simplified as %q", c.trad, trad, got)
		}
	}
}
