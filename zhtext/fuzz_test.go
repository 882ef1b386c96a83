package zhtext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCaptionSpans: only pauses, stops and spaces go or change, and
// ？！…《》“” and every other character stay in order.
func FuzzCaptionSpans(f *testing.F) {
	for _, s := range []string{"我们今天，来谈谈。", "，、；：", "真的吗？！……", "a，b、 c", "\xff，"} {
		f.Add(s, "尾巴。")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		out := CaptionSpans([]string{a, b})
		if len(out) != 2 {
			t.Fatalf("%d runs", len(out))
		}
		strip := func(s string) string {
			return strings.Map(func(r rune) rune {
				if strings.ContainsRune("，。、；：　 \t", r) {
					return -1
				}
				return r
			}, s)
		}
		if strip(a+b) != strip(out[0]+out[1]) {
			t.Errorf("%q → %q", []string{a, b}, out)
		}
		// A run is a span's text, valid UTF-8 (a character split across
		// two runs, as this fuzzer can make, is no line).
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return
		}
		if r, _ := utf8.DecodeLastRuneInString(out[0] + out[1]); strings.ContainsRune("，。、；：", r) {
			t.Errorf("%q ends on %q", out, r)
		}
	})
}

// FuzzConvert: text without Han characters passes unchanged, and valid
// UTF-8 stays valid.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{"这个软件", "頭髮", "abc 123", "\xe4\xb8", "⿰木木"} {
		f.Add(s)
	}
	convs := []*Converter{NewConverter("zh-Hans", TW), NewConverter("zh-TW", Hans), NewConverter("", HK)}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range convs {
			got := c.Convert(s)
			if utf8.ValidString(s) && !utf8.ValidString(got) {
				t.Errorf("%s(%q) = %q, not UTF-8", c.Config(), s, got)
			}
			if utf8.ValidString(s) && strings.IndexFunc(s, func(r rune) bool { return r >= 0x2E80 }) < 0 && got != s {
				t.Errorf("%s(%q) = %q", c.Config(), s, got)
			}
		}
	})
}
