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
		{"not after 的 when little follows", "他们|也|发布|了|关于|人工智能|在|医疗|领域|的|应用", 16, 2,
			[]string{"他们也发布了关于人工智能", "在医疗领域的应用"}},
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

// TestWrapPhrases: Chinese lines break between phrases, not inside them,
// even where a break inside the phrase would balance the lines better.
// The cases are from real captions.
func TestWrapPhrases(t *testing.T) {
	cases := []struct {
		name     string
		text     string // "|" marks the segmenter's words
		maxChars int
		want     []string
	}{
		{"什么时候 stays whole", "用来|讨论|人工智能|什么|时候|能够|达到|人类|水平", 16,
			[]string{"用来讨论人工智能什么时候", "能够达到人类水平"}},
		{"a noun keeps its localizer: 世界上", "Anthropic| |雇佣|的|都|是|世界|上|最|优秀|的|工程师|和|开发者", 16,
			[]string{"Anthropic 雇佣的", "都是世界上最优秀的工程师和开发者"}},
		{"极有可能 stays whole", "那么|其他|的|前沿|模型|极有|可能|会|面临|同样|的|问题", 16,
			[]string{"那么其他的前沿模型", "极有可能会面临同样的问题"}},
		{"长期价值 stays whole", "大|语言|模型|的|长期|价值|更|在于|生产力|工具", 16,
			[]string{"大语言模型的长期价值", "更在于生产力工具"}},
		{"a date keeps its season", "于是|在|二零二零年|冬天|到|二零二一年|年初", 16,
			[]string{"于是在二零二零年冬天到", "二零二一年年初"}},
		{"unbalanced to keep the phrase", "不同|的|研究|实验室|都|在|以|不同|的|方式|接近|同一个|目标", 16,
			[]string{"不同的研究实验室", "都在以不同的方式接近同一个目标"}},
		{"no line ends on 最", "但是|达里奥|可能|是|最|接近|能|看到|未来|的|那个|人", 16,
			[]string{"但是达里奥可能是最接近", "能看到未来的那个人"}},
		{"a number keeps its measure word", "假設|我們|在|實驗|中|遇到|100|個|案例", 9,
			[]string{"假設我們在實驗中", "遇到100個案例"}},
		{"a bracket stays with what it explains", "這|就是|相空間|（|又|被|稱為|狀態|空間|）|的|概念", 16,
			[]string{"這就是", "相空間（又被稱為狀態空間）的概念"}},
		{"a narrow bracket breaks inside, not before", "這|就是|相空間|（|又|被|稱為|狀態|空間|）|的|概念", 12,
			[]string{"這就是相空間（又被", "稱為狀態空間）的概念"}},
		{"a closing mark stays on its line", "我|想|這|就是|我們|要|找|的|答案|……", 11,
			[]string{"我想這就是", "我們要找的答案……"}},
		{"a compound breaks rather than overflow", "我们|需要|考虑|中华人民共和国", 6,
			[]string{"我们需要考虑", "中华人民共和国"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text, seg := marked(c.text)
			got := Wrap(text, seg, c.maxChars, 2, true)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Wrap(%q, %d) = %q, want %q", text, c.maxChars, got, c.want)
			}
		})
	}
}

// TestWrapNever checks, over every width, the breaks no Chinese line may
// have: a line starting with a closing mark, a line ending with an opening
// mark, a break at a space inside a formula, a number cut from its
// measure word, a break inside a word of two or three characters.
func TestWrapNever(t *testing.T) {
	texts := []string{
		"所以|動量|守恆|：|m1| |*| |v1| |+| |m2| |*| |v2| |=| |常數|。",
		"我|想|這|就是|我們|要|找|的|答案|……",
		"這|就是|相空間|（|又|被|稱為|狀態|空間|）|的|概念|。",
		"假設|我們|在|實驗|中|遇到|100|個|案例|，|結果|會|怎樣|？",
		"他|说|：|“|这|是|我们|的|目标|。|”",
	}
	for _, marked0 := range texts {
		text, seg := marked(marked0)
		words := strings.Split(marked0, "|")
		for width := 4; width <= 24; width++ {
			lines := Wrap(text, seg, width, 2, true)
			for k, l := range lines {
				first, _ := utf8.DecodeRuneInString(l)
				last, _ := utf8.DecodeLastRuneInString(l)
				if k > 0 && strings.ContainsRune(closingMarks, first) {
					t.Errorf("width %d: line %q starts with a closing mark (%q)", width, l, lines)
				}
				if k < len(lines)-1 && strings.ContainsRune(openingMarks, last) {
					t.Errorf("width %d: line %q ends with an opening mark (%q)", width, l, lines)
				}
				if k < len(lines)-1 && (strings.HasSuffix(l, "100") || strings.HasSuffix(l, "*") || strings.HasSuffix(l, "+") || strings.HasSuffix(l, "=")) {
					t.Errorf("width %d: line %q ends inside a number phrase or formula (%q)", width, l, lines)
				}
			}
			// No break inside a word of two or three characters.
			pos, breaks := 0, map[int]bool{}
			for _, l := range lines[:len(lines)-1] {
				pos += len(l)
				for pos < len(text) && text[pos] == ' ' {
					pos++
				}
				breaks[pos] = true
			}
			at := 0
			for _, w := range words {
				if n := utf8.RuneCountInString(w); n >= 2 && n <= 3 {
					for b := range breaks {
						if b > at && b < at+len(w) {
							t.Errorf("width %d: break inside %q (%q)", width, w, lines)
						}
					}
				}
				at += len(w)
			}
		}
	}
}

// FuzzWrap wraps arbitrary text cut into arbitrary words ("|" marks them)
// at arbitrary widths: no panic, no text lost, at most two lines unless the
// text is one unbreakable token.
func FuzzWrap(f *testing.F) {
	f.Add("用来|讨论|人工智能|什么|时候|能够|达到|人类|水平", uint8(16))
	f.Add("這|就是|相空間|（|又|被|稱為|狀態|空間|）|的|概念", uint8(12))
	f.Add("m1| |*| |v1| |=| |常數|……", uint8(4))
	f.Add("人工智能数据中心|和|实验室", uint8(3))
	f.Fuzz(func(t *testing.T, s string, width uint8) {
		if len(s) > 2000 || width == 0 {
			return
		}
		text, seg := marked(s)
		lines := Wrap(text, seg, int(width), 2, true)
		strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
		var got strings.Builder
		for _, l := range lines {
			got.WriteString(strip(l))
		}
		if g, w := got.String(), strip(text); g != w {
			t.Fatalf("Wrap(%q, %d) = %q: text changed", text, width, lines)
		}
		if len(lines) > 2 {
			t.Fatalf("Wrap(%q, %d) = %d lines", text, width, len(lines))
		}
	})
}

// TestBreakCostOrder checks the order of a few break costs the layout
// tests cannot isolate.
func TestBreakCostOrder(t *testing.T) {
	cost := func(s string) float64 {
		toks := strings.Split(s, "|")
		for j, tok := range toks {
			if tok == "^" {
				return breakCost(append(toks[:j:j], toks[j+1:]...), j, true)
			}
		}
		t.Fatalf("no ^ in %q", s)
		return 0
	}
	for _, c := range []struct{ worse, better string }{
		{"下载|70| |^|GB|的|数据", "下载|^|70| |GB|的|数据"}, // a number and its unit (Latin words in Chinese)
		{"遇到|100|^|個|案例", "遇到|^|100|個|案例"},         // a number and its measure word
		{"一个|^|问题|就|来|了", "一个|问题|^|就|来|了"},         // a measure word and its noun
		{"完成|了|^|吗", "完成|了|吗|^|我们"},                // a particle starts no line
		{"可以|和|^|他们", "可以|^|和|他们"},                 // no line ends on 和
		{"所有|特征|^|的|组合", "所有|特征|的|组合|^|所以"},        // a phrase opener
	} {
		if w, b := cost(c.worse), cost(c.better); !(w > b) {
			t.Errorf("break %q costs %v, not more than %q at %v", c.worse, w, c.better, b)
		}
	}
}

// TestUnitsBrackets: inside a bracket every break costs as much as one
// inside a word, but an opening bracket that nothing closes (a smiley)
// holds nothing.
func TestUnitsBrackets(t *testing.T) {
	toks := strings.Split("相空間|（|又|稱|狀態|空間|）|，|我們", "|")
	_, cost := units(toks, toks, true)
	if cost[3] < breakInside || cost[8] != breakClause {
		t.Errorf("bracket: costs %v, want at least %v inside and %v after the comma", cost, breakInside, breakClause)
	}
	toks = strings.Split("好|吧|:(|我們|明天|，|再|試試", "|")
	_, cost = units(toks, toks, true)
	if cost[6] != breakClause {
		t.Errorf("smiley: cost after the comma %v, want %v", cost[6], breakClause)
	}
}
