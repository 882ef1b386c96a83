package zhtext

import (
	"os"
	"testing"
	"unicode/utf8"
)

func TestConvert(t *testing.T) {
	cases := []struct {
		from string
		to   Script
		in   string
		want string
	}{
		// Phrases before characters: a character table gives 公裏 and 塟.
		{"zh-Hans", Hant, "这条路有三公里长", "這條路有三公里長"},
		{"zh-Hans", Hant, "头发和发展", "頭髮和發展"},
		{"zh-Hans", Hant, "干燥的天气里干活", "乾燥的天氣裏幹活"},
		{"zh-Hans", Hant, "我们在AI前沿。", "我們在AI前沿。"},
		// Taiwan's words and variants.
		{"zh-Hans", TW, "这个软件的内存不够", "這個軟體的記憶體不夠"},
		{"zh-Hans", TW, "里面", "裡面"},
		{"zh-Hans", HK, "里面", "裏面"},
		// Back to Simplified, Taiwan's words too.
		{"zh-TW", Hans, "這個軟體的記憶體不夠", "这个软件的内存不够"},
		{"zh-Hant", Hans, "頭髮和發展，乾燥", "头发和发展，干燥"},
		{"", Hans, "English stays", "English stays"},
	}
	for _, c := range cases {
		got := NewConverter(c.from, c.to).Convert(c.in)
		if got != c.want {
			t.Errorf("%s→%s %q = %q, want %q", c.from, c.to, c.in, got, c.want)
		}
	}
}

func TestParseScript(t *testing.T) {
	for in, want := range map[string]Script{"zh-hans": Hans, "zh_TW": TW, "ZH-HK": HK, "zh-Hant": Hant} {
		if got, err := ParseScript(in); err != nil || got != want {
			t.Errorf("ParseScript(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseScript("zh-CN"); err == nil {
		t.Error("ParseScript(zh-CN): no error")
	}
}

func TestTablesSorted(t *testing.T) {
	names, _ := dictFS.ReadDir("dict")
	if len(names) < 16 {
		t.Fatalf("%d dictionaries", len(names))
	}
	for _, e := range names {
		n := e.Name()[:len(e.Name())-len(".txt.gz")]
		tb := loadTable(n)
		for i := 1; i < len(tb.lines); i++ {
			a, _ := tb.entry(i - 1)
			b, _ := tb.entry(i)
			if a >= b {
				t.Fatalf("%s: %q before %q", n, a, b)
			}
		}
	}
}

// BenchmarkConvert converts the bundled interview sample (about 6,000
// characters) to Taiwan's Traditional, dictionaries already loaded.
func BenchmarkConvert(b *testing.B) {
	data, err := os.ReadFile("../../shared/samples/interview-zh.txt")
	if err != nil {
		b.Skip("the shared sample is missing")
	}
	c := NewConverter("zh-Hans", TW)
	c.Convert("软件")
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		c.Convert(string(data))
	}
}

// TestSimplifiedChars checks OpenCC's one-character table: a character
// goes through Taiwan's variants, then to Simplified (裡 → 裏 → 里), and
// only characters that change into one character are in it.
func TestSimplifiedChars(t *testing.T) {
	m := SimplifiedChars()
	for from, want := range map[rune]rune{'們': '们', '裡': '里', '裏': '里', '臺': '台', '麼': '么', '於': '于'} {
		if got := m[from]; got != want {
			t.Errorf("%c → %c, want %c", from, got, want)
		}
	}
	for _, r := range "们里中a" {
		if to, ok := m[r]; ok {
			t.Errorf("%c → %c, want it left out", r, to)
		}
	}
	for from, to := range m {
		if from == to || to == utf8.RuneError {
			t.Errorf("%c → %c", from, to)
		}
	}
}

// TestScriptChars: the characters only one script writes, by OpenCC's
// tables, with the regional Traditional forms each script shares or not.
func TestScriptChars(t *testing.T) {
	simp, trad := ScriptChars()
	for _, c := range []struct {
		r          rune
		simp, trad bool
	}{
		{'们', true, false}, {'們', false, true}, {'后', true, false}, {'後', false, true},
		{'里', true, false}, {'裏', false, true}, {'裡', false, true}, // Taiwan's form of 裏
		{'户', false, false}, {'戶', false, true}, // Hong Kong writes 户
		{'麽', false, false}, // both tables convert it
		{'核', false, false}, {'的', false, false}, {'中', false, false}, {'a', false, false},
	} {
		if simp[c.r] != c.simp || trad[c.r] != c.trad {
			t.Errorf("%c: Simplified-only %v, Traditional-only %v; want %v, %v", c.r, simp[c.r], trad[c.r], c.simp, c.trad)
		}
	}
	for r := range simp {
		if trad[r] {
			t.Errorf("%c is in both", r)
		}
	}
	if len(simp) < 2000 || len(trad) < 2000 {
		t.Errorf("%d Simplified-only and %d Traditional-only characters: the tables did not load", len(simp), len(trad))
	}
}
