package zhtext

import (
	"strings"
	"testing"
)

func TestCaptionLine(t *testing.T) {
	cases := map[string]string{
		"我们今天，来谈谈。":     "我们今天　来谈谈",
		"苹果、香蕉、橘子；":     "苹果　香蕉　橘子",
		"他说：":           "他说",
		"真的吗？":          "真的吗？",
		"太好了！":          "太好了！",
		"然后……":          "然后……",
		"《三体》，“黑暗森林”。":  "《三体》　“黑暗森林”",
		"好， 我们走。 ":      "好　我们走",
		"，开头":           "开头",
		"Hello, world.": "Hello, world.",
		"第一句。第二句，":      "第一句。第二句",
		"":              "",
		"。":             "",
	}
	for in, want := range cases {
		if got := CaptionLine(in); got != want {
			t.Errorf("CaptionLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCaptionSpans(t *testing.T) {
	got := CaptionSpans([]string{"我们，", "今天", "。"})
	if strings.Join(got, "|") != "我们　|今天|" {
		t.Errorf("got %q", got)
	}
}

func TestParsePunctuation(t *testing.T) {
	if p, err := ParsePunctuation("Caption"); err != nil || p != Caption {
		t.Errorf("caption: %v %v", p, err)
	}
	if _, err := ParsePunctuation("drop"); err == nil {
		t.Error("drop: no error")
	}
}
