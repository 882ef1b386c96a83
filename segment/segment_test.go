package segment

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
	"github.com/subkit-dev/subkit/zhtext"
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

// TestDictionary checks the embedded word table: sorted, every word Han,
// every frequency at least 2, and lookups of words and prefixes.
func TestDictionary(t *testing.T) {
	w := zhWords()
	if w.n < 350000 {
		t.Fatalf("the dictionary has %d words, want more than 350000", w.n)
	}
	prev := ""
	for i := range w.n {
		word := w.word(i)
		if word <= prev || !isHanWord(word) {
			t.Fatalf("word %d %q after %q: not sorted, or not Han", i, word, prev)
		}
		if f, ok := w.find(word); !ok || f < 2 {
			t.Fatalf("find(%q) = %v, %v", word, f, ok)
		}
		prev = word
	}
	for _, tt := range []struct {
		s      string
		word   bool
		prefix bool
	}{{"创始人", true, true}, {"创始", true, true}, {"并肩作", false, true}, {"创人始", false, false}} {
		f, prefix := w.find(tt.s)
		if (f > 0) != tt.word || prefix != tt.prefix {
			t.Errorf("find(%q) = %v, %v; want a word %v, a prefix %v", tt.s, f, prefix, tt.word, tt.prefix)
		}
	}
}

// TestTraditional checks that Traditional text is segmented through its
// Simplified form: words the Traditional dictionary cuts badly come out
// whole, and Simplified text is not touched.
func TestTraditional(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"我將其作為", []string{"我", "將", "其", "作為"}},
		{"他們遇到機會", []string{"他們", "遇到", "機會"}},
		{"創始人並肩作戰", []string{"創始人", "並肩作戰"}},
		{"在相空間中", []string{"在", "相空間", "中"}},
		// Simplified text with a character that is also Traditional (著)
		// is not mapped: 著名 stays a word.
		{"著名的数学家", []string{"著名", "的", "数学家"}},
	}
	for _, tt := range tests {
		if got := shared.Segment(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Segment(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestMatchesGSE checks the embedded tables and the search against gse's
// own loader of its own embedded "zh" dictionary: the same Han words with
// the same frequencies, the same total frequency, and the same words for
// every Han run of the Simplified sample. (Traditional text is segmented
// through Simplified here, so it differs from gse by design;
// scripts/zhseg-compare.py counts how, against jieba.)
//
// Under the race detector gse takes about a minute to load its whole
// dictionary, so there it loads only the lines of the words found in the
// sample's first raceSampleLines lines, and one line more for the
// frequency of all the others (the total being the embedded one, so
// only the whole load checks it); the words of those lines and the runs
// of those lines are checked.
func TestMatchesGSE(t *testing.T) {
	if testing.Short() {
		t.Skip("loading gse's embedded dictionary takes seconds")
	}
	text := sample(t, false)
	w := zhWords()
	var ref *gse.Segmenter
	if raceEnabled {
		lines := strings.SplitAfter(text, "\n")
		text = strings.Join(lines[:min(len(lines), raceSampleLines)], "")
		ref = gseSubset(t, hanRuns(text), math.Float64frombits(u64(w.data, 12)))
	} else {
		ref = gseSegmenter(t)
	}
	if got, want := w.logT, math.Log(ref.Dict.TotalFreq()); got != want && !raceEnabled {
		t.Errorf("log total frequency %v, gse's %v", got, want)
	}
	// Every Han word of gse's is ours with gse's frequency, or a
	// Traditional word we keep in its Simplified form.
	han, mapped := 0, 0
	m := t2s()
	for i := range ref.Dict.Tokens {
		tok := &ref.Dict.Tokens[i]
		word := tok.Text()
		if !isHanWord(word) {
			continue
		}
		han++
		if freq, _ := w.find(word); freq != 0 {
			if freq != tok.Freq() {
				t.Errorf("%q: frequency %v, gse's %v", word, freq, tok.Freq())
			}
			continue
		}
		rs := []rune(word)
		for k, r := range rs {
			if s, ok := m[r]; ok {
				rs[k] = s
			}
		}
		if freq, _ := w.find(string(rs)); freq == 0 {
			t.Errorf("%q: neither it nor its Simplified form %q is a word", word, string(rs))
		}
		mapped++
	}
	if han < 100 {
		t.Fatalf("gse loaded %d Han words", han)
	}
	if !raceEnabled && (w.n+mapped < han || w.n > han) {
		t.Errorf("%d Han words, gse has %d, of which %d are kept in Simplified form", w.n, han, mapped)
	}
	runs := hanRuns(text)
	for _, run := range runs {
		got := appendHan(nil, run, false)
		want := ref.CutDAG(run)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %q\n gse %q", run, got, want)
		}
	}
	t.Logf("%d Han words of gse's, %d runs", han, len(runs))
}

// raceSampleLines is how many lines of the sample TestMatchesGSE checks
// under the race detector.
const raceSampleLines = 60

// gseSubset loads into gse, with gse's own loader, the lines of its "zh"
// dictionary (data/dict/zh/s_1.txt then t_1.txt, read from the module)
// whose word is found in one of runs, then a word no run holds (U+E000)
// with the frequency that brings gse's total to total. gse looks up only
// words inside a run, so it segments the runs as with its whole
// dictionary.
func gseSubset(t *testing.T, runs []string, total float64) *gse.Segmenter {
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	out, err := exec.Command(goTool, "list", "-m", "-f", "{{.Dir}}", "github.com/go-ego/gse").Output()
	if err != nil {
		t.Fatalf("finding gse's module: %v", err)
	}
	dir := strings.TrimSpace(string(out))
	joined := "|" + strings.Join(runs, "|") + "|"
	var keep strings.Builder
	for _, name := range []string{"s_1.txt", "t_1.txt"} {
		b, err := os.ReadFile(filepath.Join(dir, "data", "dict", "zh", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			word, _, _ := strings.Cut(line, " ")
			if word != "" && strings.Contains(joined, word) {
				keep.WriteString(line + "\n")
			}
		}
	}
	ref := new(gse.Segmenter)
	ref.SkipLog = true
	if err := ref.LoadDictStr(keep.String()); err != nil {
		t.Fatal(err)
	}
	if rest := total - ref.Dict.TotalFreq(); rest > 0 {
		if err := ref.AddTokenForce("\ue000", rest); err != nil {
			t.Fatal(err)
		}
	}
	return ref
}

func gseSegmenter(t testing.TB) *gse.Segmenter {
	ref := new(gse.Segmenter)
	ref.SkipLog = true
	if err := ref.LoadDictEmbed("zh"); err != nil {
		t.Fatal(err)
	}
	return ref
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

// BenchmarkOpen measures what the first Chinese text of a program costs
// beyond its segmentation: opening the tables and making the two small
// maps of Traditional characters. heap-MB is the heap that keeps.
func BenchmarkOpen(b *testing.B) {
	b.ReportAllocs()
	var heap uint64
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		w, h := openWords(zhDict), zhHMM()
		tc, m := loadTChars(), zhtext.SimplifiedChars()
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(w)
		runtime.KeepAlive(h)
		runtime.KeepAlive(tc)
		runtime.KeepAlive(m)
		heap += after.HeapAlloc - before.HeapAlloc
	}
	b.ReportMetric(float64(heap)/float64(b.N)/1e6, "heap-MB")
}

// BenchmarkLoadGSEEmbed measures, for comparison, gse's own loading of its
// embedded "zh" dictionary, as gse.Segmenter.LoadDictEmbed does it (what
// this package did before it read its tables in place).
func BenchmarkLoadGSEEmbed(b *testing.B) {
	b.ReportAllocs()
	var heap uint64
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		seg := gseSegmenter(b)
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(seg)
		heap += after.HeapAlloc - before.HeapAlloc
	}
	b.ReportMetric(float64(heap)/float64(b.N)/1e6, "heap-MB")
}

// BenchmarkSegmentSampleGSE segments the Simplified sample with gse, for
// comparison with BenchmarkSegmentSample.
func BenchmarkSegmentSampleGSE(b *testing.B) {
	ref := gseSegmenter(b)
	runs := hanRuns(sample(b, false))
	b.ReportAllocs()
	for b.Loop() {
		for _, run := range runs {
			ref.CutDAG(run)
		}
	}
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

func TestSimplify(t *testing.T) {
	for in, want := range map[string]string{"什麼時候": "什么时候", "能夠": "能够", "中国": "中国", "GPT-4": "GPT-4", "": ""} {
		if got := shared.Simplify(in); got != want {
			t.Errorf("Simplify(%q) = %q, want %q", in, got, want)
		}
	}
}
