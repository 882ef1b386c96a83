package timing

import (
	"math"
	"testing"
)

func TestWeight(t *testing.T) {
	const en = EnglishSyllable
	cases := []struct {
		text string
		want float64
	}{
		{"大家好", 3},
		{"大家好，这里是最佳拍档", 10},    // the comma adds a pause, not length
		{"Anthropic", 9.0 / 3}, // no Han: letters/3
		{"of", 1},              // a word is at least a syllable
		{"DNA", 1}, {"UNESCO", 2},
		{"AI 行业", 2*en + 2},           // in Chinese speech: A I, a space, two Han
		{"GPT 2", 1 + 1},              // three letters, "two"
		{"二零二六年", 5},                  // Chinese numerals are Han
		{"こんにちは", 5},                  // kana
		{"안녕하세요", 5},                  // Hangul
		{"Привет", 6.0 / 3},           // other alphabets as Latin
		{"，。！", 0.5},                  // only punctuation: the floor
		{"", 0.5},                     // empty: the floor
		{"café", 4.0 / 3},             // accented letters are letters
		{"a\u0301", 1},                // one word of one letter; the mark adds nothing
		{"丹妮拉·阿莫代伊", 7},               // the middle dot is punctuation
		{"2026", 5},                   // no Han: twenty twenty-six
		{"Hertz Fellow", 11.0 / 3},    // the space is a pause
		{"e-mail", 1 + 4.0/3},         // hyphen adds nothing
		{"\U0001F600 emoji", 5.0 / 3}, // symbols add nothing
	}
	for _, c := range cases {
		if got := Weight(c.text); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("Weight(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestWidth(t *testing.T) {
	cases := []struct {
		text string
		cjk  bool
		want float64
	}{
		{"大家好，这里是最佳拍档", true, 11},
		{"Anthropic 即将", true, 4.5 + 0.5 + 2},
		{"丹妮拉·阿莫代伊", true, 8},
		{"“引号”", true, 4},
		{"café", true, 2},
		{"Hello, world", false, 12},
		{"大家好", false, 3},
		{"a\u0301", false, 1},
		{"ＡＢＣ", true, 3}, // full-width Latin
	}
	for _, c := range cases {
		if got := Width(c.text, c.cjk); got != c.want {
			t.Errorf("Width(%q, %v) = %v, want %v", c.text, c.cjk, got, c.want)
		}
	}
}

func TestReadingAndSpeechChars(t *testing.T) {
	cases := []struct {
		text    string
		cjk     bool
		reading float64
		speech  int
	}{
		{"大家好，这里是最佳拍档", true, 11, 10},
		{"Anthropic 即将", true, 4.5 + 0.5 + 2, 11},
		{"Hello,  world\nagain", false, 18, 17},
		{"  ", false, 0, 0},
	}
	for _, c := range cases {
		if got := ReadingChars(c.text, c.cjk); got != c.reading {
			t.Errorf("ReadingChars(%q) = %v, want %v", c.text, got, c.reading)
		}
		if got := SpeechChars(c.text, c.cjk); got != c.speech {
			t.Errorf("SpeechChars(%q) = %v, want %v", c.text, got, c.speech)
		}
	}
}

func TestDetectLang(t *testing.T) {
	cases := map[string]string{
		"大家好，这里是最佳拍档。我们今天说说这个公司":      "zh-Hans",
		"大家好，這裡是最佳拍檔。我們今天說說這個公司":      "zh-Hant",
		"今日は、いい天気ですね":                 "ja",
		"안녕하세요, 반갑습니다":                "ko",
		"Hello there, general Kenobi": "en",
		"Привет, как дела?":           "ru",
		"Anthropic 的联合创始人":            "zh-Hans",
		"":                            "en",
	}
	for text, want := range cases {
		if got := DetectLang(text); got != want {
			t.Errorf("DetectLang(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestProfileFor(t *testing.T) {
	cases := []struct {
		tag      string
		lang     string
		cps      float64
		maxChars int
	}{
		{"zh", "zh-Hans", 4.4, 16},
		{"zh-CN", "zh-Hans", 4.4, 16},
		{"zh-TW", "zh-Hant", 4.4, 16},
		{"zh-Hant-HK", "zh-Hant", 4.4, 16},
		{"en-GB", "en-GB", 15, 42},
		{"fr", "fr", 15, 42},
		{"ja", "ja", 5.5, 16},
	}
	for _, c := range cases {
		p := ProfileFor(c.tag)
		if p.Lang != c.lang || p.SpeechCPS != c.cps || p.MaxChars != c.maxChars {
			t.Errorf("ProfileFor(%q) = %+v", c.tag, p)
		}
	}
	if p := ProfileFor("zh-Hans"); p.ReadingCPS != 9 || !p.CJK {
		t.Errorf("zh-Hans reading ceiling = %v, CJK %v; want 9, true", p.ReadingCPS, p.CJK)
	}
}

func TestParseTranscript(t *testing.T) {
	got := ParseTranscript("\ufeff一\r\n二  三\r\n\r\n\n四\r五\n\n")
	want := []Line{{Text: "\ufeff一", Num: 1}, {Text: "二 三", Num: 2}, {Text: "四", Num: 5, Para: true}, {Text: "五", Num: 6}}
	// DecodeText removes the BOM; ParseTranscript leaves it.
	if len(got) != len(want) {
		t.Fatalf("got %d lines %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if l := ParseTranscript(" \n\t\n"); len(l) != 0 {
		t.Errorf("blank transcript gave %d lines", len(l))
	}
}

func TestCaptionChars(t *testing.T) {
	for _, c := range []struct {
		lines []string
		cjk   bool
		want  float64
	}{
		// A break between Han characters is no space; a half-width
		// comma counts 0.5.
		{[]string{"大家好,", "这里是最佳拍档"}, true, 10.5},
		// Between two Latin words in CJK text it is the space it stands
		// for: 0.5.
		{[]string{"我们用Open", "AI的模型"}, true, 3 + 2 + 0.5 + 1 + 3},
		// In English a break is a space: "Hello there" is 11.
		{[]string{"Hello", "there"}, false, 11},
	} {
		if got := CaptionChars(c.lines, c.cjk); got != c.want {
			t.Errorf("CaptionChars(%q, %v) = %g, want %g", c.lines, c.cjk, got, c.want)
		}
	}
}
