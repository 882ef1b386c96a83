package timing

import (
	"errors"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/subkit-dev/subkit/internal/longtest"
)

func zhOptions(d time.Duration) Options {
	p := ProfileFor("zh-Hans")
	return Options{Profile: p, Rules: DefaultRules(p), Duration: d}
}

func lines(texts ...string) []Line {
	var ls []Line
	for i, t := range texts {
		para := strings.HasPrefix(t, "¶")
		ls = append(ls, Line{Text: strings.TrimPrefix(t, "¶"), Num: i + 1, Para: para})
	}
	return ls
}

// checkInvariants asserts what must hold of every estimate.
func checkInvariants(t *testing.T, res *Result, o Options) {
	t.Helper()
	for i, c := range res.Captions {
		if c.Start < 0 || c.End < c.Start {
			t.Fatalf("caption %d: bad times %v..%v", i+1, c.Start, c.End)
		}
		if c.Start%time.Millisecond != 0 || c.End%time.Millisecond != 0 {
			t.Fatalf("caption %d: times not whole milliseconds", i+1)
		}
		d := c.End - c.Start
		if d < o.Rules.Min || d > o.Rules.Max {
			t.Fatalf("caption %d lasts %v, outside [%v, %v]", i+1, d, o.Rules.Min, o.Rules.Max)
		}
		if i > 0 {
			if gap := c.Start - res.Captions[i-1].End; gap < o.Rules.Gap {
				t.Fatalf("caption %d: gap %v before it is under %v", i+1, gap, o.Rules.Gap)
			}
		}
		if len(c.Lines) > o.Rules.MaxLines {
			t.Fatalf("caption %d has %d lines", i+1, len(c.Lines))
		}
	}
	if o.Duration > 0 && len(res.Captions) > 0 {
		if last := res.Captions[len(res.Captions)-1].End; last > o.Duration {
			t.Fatalf("last caption ends at %v, after the video's end %v", last, o.Duration)
		}
	}
}

func TestEstimateFitsDuration(t *testing.T) {
	o := zhOptions(20 * time.Second)
	res, err := Estimate(lines("大家好", "这里是最佳拍档", "最近罕见公开亮相", "分享了创业心路"), o)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, res, o)
	cs := res.Captions
	if cs[0].Start != 0 {
		t.Errorf("first caption starts at %v, want 0", cs[0].Start)
	}
	if end := cs[len(cs)-1].End; end < o.Duration-time.Millisecond || end > o.Duration {
		t.Errorf("last caption ends at %v, want the video's end %v", end, o.Duration)
	}
	// Time is in proportion to weight: 7 characters get 7/3 the time of 3
	// (none is at the minimum here).
	d0, d1 := (cs[0].End - cs[0].Start).Seconds(), (cs[1].End - cs[1].Start).Seconds()
	if r := d1 / d0; r < 7.0/3-0.01 || r > 7.0/3+0.01 {
		t.Errorf("duration ratio %v, want 7/3", r)
	}
	// Equal lines, equal pauses.
	if g1, g2 := cs[1].Start-cs[0].End, cs[2].Start-cs[1].End; g1 != g2 || g1 != PauseLine {
		t.Errorf("gaps %v, %v; want %v each", g1, g2, PauseLine)
	}
}

func TestEstimateStartAndPauses(t *testing.T) {
	o := zhOptions(17 * time.Second)
	o.Start = 5 * time.Second
	res, err := Estimate(lines("第一句话说完了。", "第二句话", "¶新的一段开始", "还有一句"), o)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, res, o)
	cs := res.Captions
	if cs[0].Start != o.Start {
		t.Errorf("first start %v, want %v", cs[0].Start, o.Start)
	}
	gaps := []time.Duration{cs[1].Start - cs[0].End, cs[2].Start - cs[1].End, cs[3].Start - cs[2].End}
	want := []time.Duration{PauseSentence, PauseParagraph, PauseLine}
	for i := range gaps {
		if d := gaps[i] - want[i]; d < -time.Millisecond || d > time.Millisecond {
			t.Errorf("gap %d = %v, want %v", i+1, gaps[i], want[i])
		}
	}
}

func TestEstimateWithoutDuration(t *testing.T) {
	o := zhOptions(0)
	o.CPS = 4
	res, err := Estimate(lines("一二三四五六七八", "一二三四五六七八九十一二三四五六"), o) // 24 characters
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, res, o)
	if end := res.Captions[len(res.Captions)-1].End; end != 6*time.Second {
		t.Errorf("24 characters at 4 a second end at %v, want 6s", end)
	}
}

func TestEstimateShortfall(t *testing.T) {
	o := zhOptions(2 * time.Second)
	_, err := Estimate(lines("一", "二", "三"), o)
	var se *ShortfallError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want a ShortfallError", err)
	}
	// 3 × 834 ms + 2 × 83 ms = 2.668 s: 668 ms short.
	if se.Need != 2668*time.Millisecond || !strings.Contains(err.Error(), "0:00:00.668 short") {
		t.Errorf("shortfall = %v (%v), want 2.668 s needed, 668 ms short", se.Need, err)
	}
	// Just enough: every caption at the minimum, pauses shrunk to the gap.
	o.Duration = 2668 * time.Millisecond
	res, err := Estimate(lines("一", "二", "三"), o)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, res, o)
}

func TestEstimateSplitsLongLines(t *testing.T) {
	// 40 characters: over 16×2, so at least two captions; and at 4.4 a
	// second a caption of 20 would still fit in 7 s.
	long := "我们得从公司的出身说起，很多人都知道核心团队来自别的公司，但是很少有人清楚这场出走的原因"
	o := zhOptions(0)
	res, err := Estimate(lines(long), o)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, res, o)
	if len(res.Captions) < 2 {
		t.Fatalf("got %d captions, want the line split", len(res.Captions))
	}
	var joined strings.Builder
	for _, c := range res.Captions {
		joined.WriteString(strings.Join(c.Lines, ""))
		if c.Line != 1 {
			t.Errorf("caption from line %d, want 1", c.Line)
		}
	}
	if joined.String() != long {
		t.Errorf("split lost text: %q", joined.String())
	}
	// A slow video: the same line must be split so no caption is over 7 s.
	o.Duration = 60 * time.Second
	res, err = Estimate(lines(long), o)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, res, o)
	if len(res.Captions) < 60/7 {
		t.Errorf("got %d captions for 60 s of one line, want at least %d", len(res.Captions), 60/7)
	}
}

func TestEstimateReadingSpeedWarnings(t *testing.T) {
	// 30 characters in 3 s: 10 a second, over the 9 of zh-Hans.
	o := zhOptions(3 * time.Second)
	res, err := Estimate(lines("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) == 0 {
		t.Fatal("no reading-speed warning")
	}
	w := res.Warnings[0]
	if w.Caption != 1 || w.Line != 1 || !strings.Contains(w.Message, "reading speed") || !strings.Contains(w.Message, "limit of 9") {
		t.Errorf("warning = %+v", w)
	}
	// The same line in 10 s is fine.
	o.Duration = 10 * time.Second
	res, err = Estimate(lines("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"), o)
	if err != nil || len(res.Warnings) != 0 {
		t.Errorf("warnings %v, err %v; want none", res.Warnings, err)
	}
}

func TestEstimateRejectsBadOptions(t *testing.T) {
	bad := []func(*Options){
		func(o *Options) { o.Rules.Min = 8 * time.Second },
		func(o *Options) { o.Rules.Gap = -1 },
		func(o *Options) { o.Rules.MaxChars = 0 },
		func(o *Options) { o.Start = -time.Second },
		func(o *Options) { o.Start = 30 * time.Second },
		func(o *Options) { o.CPS = -1 },
	}
	for i, f := range bad {
		o := zhOptions(20 * time.Second)
		f(&o)
		if _, err := Estimate(lines("大家好"), o); err == nil {
			t.Errorf("case %d: no error", i)
		}
	}
	if _, err := Estimate(nil, zhOptions(20*time.Second)); err == nil {
		t.Error("no lines: no error")
	}
}

// TestEstimateProperties runs random transcripts and lengths through the
// estimator and checks the invariants and that no text is lost: 60 cases,
// 300 in the long run.
func TestEstimateProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []rune("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经，。、Anthropic AI 2026")
	for k := range longtest.Pick(60, 300) {
		n := 1 + rng.Intn(30)
		var texts []string
		chars := 0
		for i := 0; i < n; i++ {
			l := 1 + rng.Intn(70)
			var b strings.Builder
			for j := 0; j < l; j++ {
				b.WriteRune(alphabet[rng.Intn(len(alphabet))])
			}
			s := strings.TrimSpace(b.String())
			if s == "" {
				s = "好"
			}
			if rng.Intn(10) == 0 {
				s = "¶" + s
			}
			texts = append(texts, s)
			chars += len([]rune(s))
		}
		o := zhOptions(0)
		if rng.Intn(4) > 0 {
			o.Duration = time.Duration(float64(chars)/(1+7*rng.Float64())*float64(time.Second)) + 30*time.Second
			o.Start = time.Duration(rng.Intn(10000)) * time.Millisecond
		}
		ls := lines(texts...)
		res, err := Estimate(ls, o)
		var se *ShortfallError
		if errors.As(err, &se) {
			continue
		}
		if err != nil {
			t.Fatalf("case %d: %v", k, err)
		}
		checkInvariants(t, res, o)
		checkTextKept(t, ls, res)
	}
}

// checkTextKept asserts that the captions hold the lines' text, in order,
// white space aside, and are valid UTF-8.
func checkTextKept(t *testing.T, ls []Line, res *Result) {
	t.Helper()
	// White space is dropped from each line on its own, and the captions
	// must hold U+FFFD where the text has a byte that is not UTF-8: joined,
	// invalid bytes ending one line and starting the next could spell a
	// space (U+3000 is E3 80 80) that was never in the text.
	strip := func(s string) string { return strings.Join(strings.Fields(s), "") }
	var got, want strings.Builder
	for _, c := range res.Captions {
		for _, l := range c.Lines {
			got.WriteString(strip(l))
		}
	}
	for _, l := range ls {
		// A byte that is not UTF-8 is kept as U+FFFD.
		var v strings.Builder
		for _, r := range l.Text {
			v.WriteRune(r)
		}
		want.WriteString(strip(v.String()))
	}
	if !utf8.ValidString(got.String()) {
		t.Fatalf("captions are not valid UTF-8: %q", got.String())
	}
	if g, w := got.String(), want.String(); g != w {
		t.Fatalf("text changed:\n got %q\nwant %q", g, w)
	}
}

// TestEstimateWrapsWithinLimits: a line that fits MaxChars × MaxLines in
// total but cannot be wrapped into MaxLines lines without cutting a word
// becomes more captions, not an over-long line.
func TestEstimateWrapsWithinLimits(t *testing.T) {
	text, seg := marked("在|保持|美国| |AI| |的|全球|领先|地位|、|确保|模型|对|所有|人群|安全|有益|等|议题|上")
	o := zhOptions(6 * time.Second) // short enough for one caption
	o.Segmenter = seg
	res, err := Estimate([]Line{{Text: text, Num: 1}}, o)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, res, o)
	if len(res.Captions) < 2 {
		t.Errorf("got %d captions: %+v", len(res.Captions), res.Captions)
	}
	for _, c := range res.Captions {
		for _, l := range c.Lines {
			if Width(l, true) > 16 {
				t.Errorf("line %q is %v wide", l, Width(l, true))
			}
		}
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
}

// TestEstimateBreaksCompound: a line that fits two lines only if a long
// compound breaks between its parts is one caption of two lines, not two
// captions.
func TestEstimateBreaksCompound(t *testing.T) {
	text, seg := marked("他们|正在|建设|新的|人工智能数据中心|和|实验室")
	o := zhOptions(6 * time.Second)
	o.Rules.MaxChars = 10
	o.Segmenter = seg
	res, err := Estimate([]Line{{Text: text, Num: 1}}, o)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, res, o)
	want := []string{"他们正在建设新的人工", "智能数据中心和实验室"}
	if len(res.Captions) != 1 || !reflect.DeepEqual(res.Captions[0].Lines, want) {
		t.Errorf("got %+v, want one caption %q", res.Captions, want)
	}
}
