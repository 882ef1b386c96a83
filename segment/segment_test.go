package segment

import (
	"bufio"
	"compress/gzip"
	"os"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// shared is one Segmenter for the tests that do not look at loading, so
// that the dictionary is loaded once.
var shared = New()

// sample returns the lines of the Chinese interview transcript in
// Simplified (the repository's sample) or Traditional characters (the same
// text converted with OpenCC's s2twp).
func sample(t testing.TB, traditional bool) string {
	t.Helper()
	name := "../testdata/interview-zh.txt"
	if traditional {
		name = "testdata/interview-zh-hant.txt"
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// checkTokens fails unless toks concatenate to text and none is empty.
func checkTokens(t testing.TB, text string, toks []string) {
	t.Helper()
	if got := strings.Join(toks, ""); got != text {
		t.Fatalf("Segment(%q): tokens %q concatenate to %q", text, toks, got)
	}
	for i, tok := range toks {
		if tok == "" {
			t.Fatalf("Segment(%q): token %d is empty: %q", text, i, toks)
		}
	}
}

func TestConcatenation(t *testing.T) {
	inputs := []string{
		"",
		"a",
		"Anthropic的联合创始人丹妮拉·阿莫代伊",
		"从 GPT 2 到 GPT 3 的规模化推进",
		"贾里德曾经是达里奥的Hertz Fellow",
		"The quick brown fox jumps over the lazy dog.",
		"  leading and trailing spaces \t\n",
		"Mixed: “quotes”, 《书名》、顿号，句号。问号？叹号！冒号：分号；……——(x)[y]{z}",
		"emoji 👩‍💻👍🏻🇯🇵🇺🇸1️⃣❤️ 😀😀 end",
		"combining: cafe\u0301 n\u0303 \u0301 leading mark, 中\u0301文, ひ\u3099",
		"invalid \xff\xfe bytes \x80 inside 中\xe4\xb8文 and a cut rune \xe4\xb8",
		"\xe4\xb8\xad",
		"\ufeffBOM, NUL \x00, ZWSP \u200b, NBSP\u00a0, ideographic space\u3000here",
		"ひらがなカタカナーです。東京タワー、ｶﾀｶﾅﾞ",
		"안녕하세요, AI를 사용합니다",
		"這份遲來的公開訪談，並肩作戰的夥伴",
		"Ελληνικά и русский текст, עברית, العربية, ไทยภาษา",
		"2026年1月1日 10:30, 3.5%, 1,000,000 and v1.2.3",
		"-'don't' -- state-of-the-art- ’tis",
		"\U0002a700\U0002b740\U00020000 rare Han and 〇々〆",
		strings.Repeat("中", 3000),
		strings.Repeat("a中 ", 200),
	}
	for _, text := range inputs {
		toks := shared.Segment(text)
		checkTokens(t, text, toks)
	}
	for _, trad := range []bool{false, true} {
		text := sample(t, trad)
		checkTokens(t, text, shared.Segment(text))
		for _, line := range strings.Split(text, "\n") {
			checkTokens(t, line, shared.Segment(line))
		}
	}
}

func TestSegment(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"Hello, world!", []string{"Hello", ",", " ", "world", "!"}},
		{"OpenAI and Google Brain", []string{"OpenAI", " ", "and", " ", "Google", " ", "Brain"}},
		{"a  \t\r\nb", []string{"a", "  \t\r\n", "b"}},
		{"Don't stop: state-of-the-art GPT-4.", []string{"Don't", " ", "stop", ":", " ", "state-of-the-art", " ", "GPT-4", "."}},
		{"rock’n’roll 'quoted' students' -x- a--b", []string{"rock’n’roll", " ", "'", "quoted", "'", " ", "students", "'", " ", "-", "x", "-", " ", "a", "-", "-", "b"}},
		{"3.5% at 10:30, 1,000 v1.2.3 1. a.b", []string{"3.5", "%", " ", "at", " ", "10:30", ",", " ", "1,000", " ", "v1.2.3", " ", "1", ".", " ", "a", ".", "b"}},
		{"...!?", []string{".", ".", ".", "!", "?"}},
		{"、，。！？：；“”《》·…", []string{"、", "，", "。", "！", "？", "：", "；", "“", "”", "《", "》", "·", "…"}},
		{"（括号）【方括号】「引号」", []string{"（", "括号", "）", "【", "方括号", "】", "「", "引号", "」"}},
		{"在 OpenAI 时期就已经是并肩作战的伙伴", []string{"在", " ", "OpenAI", " ", "时期", "就", "已经", "是", "并肩作战", "的", "伙伴"}},
		{"从 GPT 2 到 GPT 3 的规模化推进", []string{"从", " ", "GPT", " ", "2", " ", "到", " ", "GPT", " ", "3", " ", "的", "规模化", "推进"}},
		{"Anthropic的联合创始人", []string{"Anthropic", "的", "联合", "创始人"}},
		{"2026年", []string{"2026", "年"}},
		{"中\u3000文", []string{"中", "\u3000", "文"}},
		{"cafe\u0301s naïve", []string{"cafe\u0301s", " ", "naïve"}},
		{"\u0301\u0302x", []string{"\u0301\u0302", "x"}},
		{" \u0301", []string{" ", "\u0301"}},
		{"中\u0301文", []string{"中\u0301", "文"}},
		{"👩‍💻👍🏻🇯🇵🇺🇸🇯1️⃣❤️😀😀", []string{"👩‍💻", "👍🏻", "🇯🇵", "🇺🇸", "🇯", "1️⃣", "❤️", "😀", "😀"}},
		{"ひらがなカタカナーです。", []string{"ひらがな", "カタカナー", "です", "。"}},
		{"ｶﾀｶﾅﾞabc", []string{"ｶﾀｶﾅﾞ", "abc"}},
		{"ーabc", []string{"ー", "abc"}},
		{"안녕하세요, AI를 사용", []string{"안녕하세요", ",", " ", "AI를", " ", "사용"}},
		{"ab\xffcd\xe4\xb8", []string{"ab", "\xff", "cd", "\xe4", "\xb8"}},
		{"x\ufffdy", []string{"x", "\ufffd", "y"}},
		{"a\x00b\u200bc", []string{"a", "\x00", "b", "\u200b", "c"}},
	}
	for _, tt := range tests {
		got := shared.Segment(tt.text)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Segment(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// TestChineseWords checks that words of the sample come out whole.
func TestChineseWords(t *testing.T) {
	tests := []struct {
		traditional bool
		words       []string
	}{
		{false, []string{"联合", "创始人", "并肩作战", "解释性", "规模化", "愿景", "算力", "竞争对手", "军备竞赛", "数据中心", "差异化", "可靠性"}},
		{true, []string{"聯合", "創始人", "並肩作戰", "解釋性", "規模化", "願景", "算力", "競爭對手", "軍備競賽", "差異化", "可靠性"}},
	}
	for _, tt := range tests {
		found := make(map[string]bool)
		for _, tok := range shared.Segment(sample(t, tt.traditional)) {
			found[tok] = true
		}
		for _, w := range tt.words {
			if !found[w] {
				t.Errorf("traditional=%v: %q is not a token of the sample", tt.traditional, w)
			}
		}
	}
}

// TestLoading checks what each kind of text loads, that Traditional text
// needs the Traditional words (without them, words like 創始人 fall apart),
// and that loading them changes neither the total frequency nor how
// Simplified text is segmented.
func TestLoading(t *testing.T) {
	s := New()
	s.Segment("Hello, world! ひらがな 안녕 😀")
	if s.zh.Dict != nil {
		t.Fatal("text without Han characters loaded the dictionary")
	}

	text := sample(t, false)
	before := s.Segment(text)
	simp := s.zh.Dict.NumTokens()
	if simp < 300000 {
		t.Fatalf("the Simplified dictionary has %d words, want more than 300000", simp)
	}
	total := s.zh.Dict.TotalFreq()
	if want := headerTotal(t); total != want {
		t.Errorf("total frequency %v with the Simplified words, want the whole dictionary's %v", total, want)
	}

	const trad = "創始人並肩作戰"
	want := []string{"創始人", "並肩作戰"}
	var simpOnly []string
	for _, run := range hanRuns(trad) {
		s.mu.RLock()
		simpOnly = append(simpOnly, s.zh.CutDAG(run)...)
		s.mu.RUnlock()
	}
	if reflect.DeepEqual(simpOnly, want) {
		t.Errorf("the Simplified words alone already give %q: the Traditional words are not needed", simpOnly)
	}

	if got := s.Segment(trad); !reflect.DeepEqual(got, want) {
		t.Errorf("Segment(%q) = %q, want %q", trad, got, want)
	}
	if n := s.zh.Dict.NumTokens(); n < simp+200000 {
		t.Errorf("Traditional text loaded %d words, want more than 200000", n-simp)
	}
	if got := s.zh.Dict.TotalFreq(); got != total {
		t.Errorf("total frequency %v after loading the Traditional words, was %v", got, total)
	}
	if after := s.Segment(text); !reflect.DeepEqual(before, after) {
		t.Errorf("the Simplified sample segments differently once the Traditional words are loaded")
	}
}

// headerTotal returns the total frequency that the embedded dictionary's
// header records.
func headerTotal(t *testing.T) float64 {
	zr, err := gzip.NewReader(strings.NewReader(zhSimplified))
	if err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(zr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimPrefix(line, "#total ")), 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestMatchesGSE checks the embedded dictionary and its loading against
// gse's own loader of its own embedded "zh" dictionary: the same Han
// words with the same frequencies, the same total frequency, and the same
// segmentation of the samples.
func TestMatchesGSE(t *testing.T) {
	if testing.Short() {
		t.Skip("loading gse's embedded dictionary takes seconds")
	}
	if raceEnabled {
		t.Skip("loading gse's embedded dictionary takes minutes under the race detector")
	}
	s := New()
	s.Segment("繁體") // load all
	var ref gse.Segmenter
	ref.SkipLog = true
	ref.NotLoadHMM = true // s loaded the model; gse would reload it
	if err := ref.LoadDictEmbed("zh"); err != nil {
		t.Fatal(err)
	}

	if got, want := s.zh.Dict.TotalFreq(), ref.Dict.TotalFreq(); got != want {
		t.Errorf("total frequency %v, gse's %v", got, want)
	}
	han := 0
	for i := range ref.Dict.Tokens {
		tok := &ref.Dict.Tokens[i]
		word := tok.Text()
		if !isHanWord(word) {
			continue
		}
		han++
		if freq, _, ok := s.zh.Find(word); !ok || freq != tok.Freq() {
			t.Errorf("%q: frequency %v (found %v), gse's %v", word, freq, ok, tok.Freq())
		}
	}
	if got := s.zh.Dict.NumTokens() - 2; got != han { // less the two pseudo-words
		t.Errorf("%d Han words, gse has %d", got, han)
	}

	for _, trad := range []bool{false, true} {
		for _, run := range hanRuns(sample(t, trad)) {
			got := appendHan(s, run)
			want := ref.CutDAG(run)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s:\n got %q\n gse %q", run, got, want)
			}
		}
	}
}

func appendHan(s *Segmenter, run string) []string {
	return s.appendHan(nil, run)
}

func isHanWord(w string) bool {
	for _, r := range w {
		if !isHan(r) {
			return false
		}
	}
	return w != ""
}

// hanRuns returns the runs of Han characters in text.
func hanRuns(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return !isHan(r) })
}

func TestAppendAligned(t *testing.T) {
	tests := []struct {
		text  string
		words []string
		want  []string
	}{
		{"联合创始人", []string{"联合", "创始人"}, []string{"联合", "创始人"}},
		// The same lengths in runes, other case: the text's bytes win.
		{"ABC中", []string{"ab", "c中"}, []string{"AB", "C中"}},
		// Misaligned: one token per character.
		{"联合创始人", []string{"联合", "创始"}, []string{"联", "合", "创", "始", "人"}},
		{"联合创始人", []string{"联合", "创始人", "们"}, []string{"联", "合", "创", "始", "人"}},
		{"联合创始人", []string{"联合", "", "创始人"}, []string{"联", "合", "创", "始", "人"}},
		{"联合创始人", []string{"联和", "创始人"}, []string{"联", "合", "创", "始", "人"}},
		{"联合", nil, []string{"联", "合"}},
	}
	for _, tt := range tests {
		got := appendAligned([]string{"x"}, tt.text, tt.words)
		want := append([]string{"x"}, tt.want...)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("appendAligned(%q, %q) = %q, want %q", tt.text, tt.words, got, want)
		}
	}
}

// TestLongHanRun checks that a long run of Han characters gse knows
// nothing about is segmented, in pieces (quickly: BenchmarkLongHanRun
// would show a quadratic cost; a test that times itself fails on a loaded
// machine, so this one only logs).
func TestLongHanRun(t *testing.T) {
	text := strings.Repeat("\U0002a700", 20000) + strings.Repeat("并肩作战", 1000)
	shared.Segment("中") // load before timing
	start := time.Now()
	toks := shared.Segment(text)
	t.Logf("a run of %d Han characters took %v", utf8.RuneCountInString(text), time.Since(start))
	checkTokens(t, text, toks)
	n := 0
	for _, tok := range toks {
		if tok == "并肩作战" {
			n++
		}
	}
	if n < 990 {
		t.Errorf("并肩作战 is a token %d times, want about 1000", n)
	}
}

// TestConcurrent segments Simplified and Traditional text from several
// goroutines on a new Segmenter, so that the loads race with each other
// and with segmentation.
func TestConcurrent(t *testing.T) {
	texts := []string{"Hello, world", "联合创始人", "聯合創始人並肩作戰", "并肩作战的伙伴", "ひらがな"}
	want := make([][]string, len(texts))
	for i, text := range texts {
		want[i] = shared.Segment(text)
	}
	s := New()
	var wg sync.WaitGroup
	for g := 0; g < 2*runtime.GOMAXPROCS(0)+2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 20 {
				i := (g + k) % len(texts)
				if got := s.Segment(texts[i]); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("Segment(%q) = %q, want %q", texts[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

// FuzzSegment checks that the tokens of any text concatenate to it, that
// none is empty, that whitespace runs are tokens of their own, and that
// Segment does not panic.
func FuzzSegment(f *testing.F) {
	for _, seed := range []string{
		"Anthropic的联合创始人丹妮拉·阿莫代伊",
		"从 GPT 2 到 GPT 3 的规模化推进",
		"Don't stop state-of-the-art GPT-4 at 10:30, 3.5%",
		"👩‍💻👍🏻🇯🇵1️⃣ cafe\u0301",
		"ひらがなカタカナー 안녕하세요 聯合創始人",
		"ab\xffcd\xe4\xb8\xe4\xb8\xad",
		"中\u200d\u0301 \u200d",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := shared.Segment(text)
		checkTokens(t, text, toks)
		for i, tok := range toks {
			r, _ := utf8.DecodeRuneInString(tok)
			if isSpaceOnly(tok) != unicode.IsSpace(r) {
				t.Fatalf("token %d %q mixes whitespace and other runes (tokens %q)", i, tok, toks)
			}
			if i > 0 && unicode.IsSpace(r) && isSpaceOnly(toks[i-1]) {
				t.Fatalf("tokens %d and %d are both whitespace (tokens %q)", i-1, i, toks)
			}
		}
	})
}

func isSpaceOnly(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return s != ""
}

// BenchmarkLoad measures loading the Simplified dictionary: a new
// Segmenter's first text with a Han character. heap-MB is the heap the
// loaded Segmenter keeps.
func BenchmarkLoad(b *testing.B) {
	benchmarkLoad(b, "中")
}

// BenchmarkLoadTraditional measures loading the whole dictionary,
// Simplified and Traditional words.
func BenchmarkLoadTraditional(b *testing.B) {
	benchmarkLoad(b, "中國")
}

func benchmarkLoad(b *testing.B, text string) {
	b.ReportAllocs()
	var heap uint64
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		s := New()
		s.Segment(text)
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(s)
		heap += after.HeapAlloc - before.HeapAlloc
	}
	b.ReportMetric(float64(heap)/float64(b.N)/1e6, "heap-MB")
}

// BenchmarkLoadGSEEmbed measures, for comparison, gse's own loading of its
// embedded "zh_s" dictionary, as gse.Segmenter.LoadDictEmbed does it.
func BenchmarkLoadGSEEmbed(b *testing.B) {
	b.ReportAllocs()
	var heap uint64
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		var seg gse.Segmenter
		seg.SkipLog = true
		if err := seg.LoadDictEmbed("zh_s"); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(&seg)
		heap += after.HeapAlloc - before.HeapAlloc
	}
	b.ReportMetric(float64(heap)/float64(b.N)/1e6, "heap-MB")
}

// BenchmarkSegmentSample measures segmenting the whole Simplified sample,
// dictionary loaded.
func BenchmarkSegmentSample(b *testing.B) {
	text := sample(b, false)
	shared.Segment(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		shared.Segment(text)
	}
}

// BenchmarkLongHanRun segments a 24,000-character run of Han text, most of
// it unknown to the dictionary: its cost per character must not grow with
// the run (compare -benchtime runs at two sizes).
func BenchmarkLongHanRun(b *testing.B) {
	text := strings.Repeat("\U0002a700", 20000) + strings.Repeat("并肩作战", 1000)
	shared.Segment("中")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		shared.Segment(text)
	}
}
