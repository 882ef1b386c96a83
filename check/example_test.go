package check_test

import (
	"fmt"
	"time"

	"github.com/subkit-dev/subkit/check"
	"github.com/subkit-dev/subkit/guide"
	"github.com/subkit-dev/subkit/subtitle"
)

func ExampleCheck() {
	srt := `1
00:00:01,000 --> 00:00:02,000
大家好，这里是最佳拍档

2
00:00:02,040 --> 00:00:04,000
<i>最近罕见公开亮相
`
	doc, err := subtitle.Read("a.srt", []byte(srt), subtitle.SRT)
	if err != nil {
		panic(err)
	}
	p, _ := guide.Lookup("netflix-zh-hans")
	raw := &check.Raw{Format: subtitle.SRT, Cues: subtitle.Sources("a.srt", srt, subtitle.SRT)}
	for _, f := range check.Check(doc, check.For(p, check.Options{}), raw) {
		fmt.Printf("caption %d (line %d) %s: %s\n", f.Caption, f.FileLine, f.Rule, f.Message)
	}
	// Output:
	// caption 1 (line 2) reading-speed: reads at 11.0 characters a second, 2.0 over the limit of 9: 11 characters need 1.223s, it has 1s
	// caption 2 (line 6) gap: starts 0.04s after caption 1 ends, under the minimum gap 0.083s
	// caption 2 (line 6) unbalanced-tags: <i> left open at the end of the caption
}

func ExampleFor() {
	p, _ := guide.Lookup("netflix-en")
	l := check.For(p, check.Options{Children: true, FPS: 25})
	l.MaxChars = 37 // a per-rule override
	fmt.Println(l.CPS, l.Gap, l.MaxChars, l.MaxLines, l.Min, l.Max)
	// Output: 17 80ms 37 2 834ms 7s
}

func ExampleWords() {
	doc := &subtitle.Document{Cues: []subtitle.Cue{
		{Start: 0, End: 2 * time.Second, Lines: subtitle.Text("Well, it's seven o'clock", "and we are late again.")},
	}}
	p, _ := guide.Lookup("bbc")
	fmt.Println(check.Words(doc.Cues[0].PlainLines()[0]))
	for _, f := range check.Check(doc, check.For(p, check.Options{}), nil) {
		fmt.Printf("%s %.0f %s over %g\n", f.Rule, f.Value, f.Unit, f.Limit)
	}
	// Output:
	// 4
	// reading-speed 270 wpm over 180
}

func ExampleMeasure() {
	doc := &subtitle.Document{Cues: []subtitle.Cue{
		{Start: 1 * time.Second, End: 3 * time.Second, Lines: subtitle.Text("大家好")},
		{Start: 3500 * time.Millisecond, End: 5 * time.Second, Lines: subtitle.Text("这一句话的字数实在是太多了读不完")},
		{Start: 5500 * time.Millisecond, End: 8 * time.Second, Lines: subtitle.Text("最近罕见公开亮相")},
	}}
	p, _ := guide.Lookup("netflix-zh-hans")
	s := check.Measure(doc, check.For(p, check.Options{}))
	fmt.Printf("%d captions over %v, %v on screen\n", s.Captions, s.Span, s.OnScreen)
	fmt.Printf("reading speed: median %.1f, max %.1f %s (limit %g)\n", s.CPS.Median, s.CPS.Max, s.Unit, s.Limit)
	fmt.Printf("fastest: caption %d, %s\n", s.Worst[0].Caption, check.Class(s.Worst[0], s.Limit))
	// Output:
	// 3 captions over 7s, 6s on screen
	// reading speed: median 3.2, max 10.7 cps (limit 9)
	// fastest: caption 2, over
}
