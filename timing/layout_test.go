package timing

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// marked returns the text without marks and a segmenter that knows the
// marked words: like a dictionary segmenter, it cuts any text, the whole
// or a part, into the longest known words, other characters one by one.
func marked(s string) (string, Segmenter) {
	parts := strings.Split(s, "|")
	words := map[string]bool{}
	for _, p := range parts {
		words[p] = true
	}
	return strings.Join(parts, ""), dictSegmenter(words)
}

type dictSegmenter map[string]bool

func (d dictSegmenter) Segment(text string) []string {
	var out []string
	for len(text) > 0 {
		n := 0
		for w := range d {
			if len(w) > n && strings.HasPrefix(text, w) {
				n = len(w)
			}
		}
		if n == 0 {
			_, n = utf8.DecodeRuneInString(text)
		}
		out = append(out, text[:n])
		text = text[n:]
	}
	return out
}

func TestSimpleSegmenter(t *testing.T) {
	cases := map[string][]string{
		"Anthropic的联合":           {"Anthropic", "的", "联", "合"},
		"don't stop-gap 3.5 ok.": {"don't", " ", "stop-gap", " ", "3.5", " ", "ok", "."},
		"你好，  世界":                {"你", "好", "，", "  ", "世", "界"},
		"":                       nil,
	}
	for in, want := range cases {
		got := SimpleSegmenter{}.Segment(in)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Segment(%q) = %q, want %q", in, got, want)
		}
		if strings.Join(got, "") != in {
			t.Errorf("Segment(%q) does not join back", in)
		}
	}
}

func TestWrap(t *testing.T) {
	cases := []struct {
		name     string
		text     string // "|" marks word boundaries
		maxChars int
		cjk      bool
		want     []string
	}{
		{"fits", "大家好|，|这里|是|最佳|拍档", 16, true, []string{"大家好，这里是最佳拍档"}},
		{"prefers the comma", "分享|了|创业|五年|来|的|创业|心路|、|技术|判断|和|行业|思考", 16, true,
			[]string{"分享了创业五年来的创业心路、", "技术判断和行业思考"}},
		{"balanced at a word", "又|要|把|安全性|和|可靠性|放在|最|核心|的|位置", 16, true,
			[]string{"又要把安全性和可靠性", "放在最核心的位置"}},
		{"never inside a word", "Anthropic|的|联合|创始人|丹妮|拉|·|阿莫|代伊", 16, true,
			[]string{"Anthropic的联合创始人", "丹妮拉·阿莫代伊"}},
		{"english at spaces", "The| |quick| |brown| |fox| |jumps| |over| |the| |lazy| |dog| |and| |keeps| |running", 42, false,
			[]string{"The quick brown fox jumps over", "the lazy dog and keeps running"}},
		{"no break before closing punctuation", "一二三四五六七八九十|一二三|，|四五六七", 16, true,
			[]string{"一二三四五六七八九十", "一二三，四五六七"}},
		{"no article or preposition at a line end", "Hello| |and| |welcome| |to| |the| |show| |of| |the| |year| |everyone", 30, false,
			[]string{"Hello and welcome to the show", "of the year everyone"}},
		{"one long word stays whole", "https://example.com/a/very/long/path/that/cannot/break", 20, false,
			[]string{"https://example.com/a/very/long/path/that/cannot/break"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text, seg := marked(c.text)
			got := Wrap(text, seg, c.maxChars, 2, c.cjk)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Wrap = %q, want %q", got, c.want)
			}
			if strings.Join(got, "") != strings.ReplaceAll(text, " ", "") && c.cjk {
				t.Errorf("Wrap lost or changed text: %q", got)
			}
		})
	}
}

func TestSplit(t *testing.T) {
	cases := []struct {
		name     string
		text     string
		limit    float64
		minParts int
		want     []string
	}{
		{"fits in one", "我们|得|从|Anthropic|的|出身|说起", 32, 1, []string{"我们得从Anthropic的出身说起"}},
		{"at the sentence end", "这是|第一|句|话|，|很|长|很|长|很|长|。|这是|第二|句|话|，|也|很|长|很|长", 16, 1,
			[]string{"这是第一句话，很长很长很长。", "这是第二句话，也很长很长"}},
		{"forced into three", "一|二|三|四|五|六|七|八|九", 32, 3, []string{"一二三", "四五六", "七八九"}},
		{"at clause marks", "首先|，|我们|要|说|的|是|这个|问题|；|然后|，|我们|再|谈|别的|东西", 14, 1,
			[]string{"首先，我们要说的是这个问题；", "然后，我们再谈别的东西"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text, seg := marked(c.text)
			got := Split(text, seg, c.limit, c.minParts, true)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Split = %q, want %q", got, c.want)
			}
			if strings.Join(got, "") != text {
				t.Errorf("Split lost or changed text: %q", got)
			}
		})
	}
}
