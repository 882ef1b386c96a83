package timing_test

import (
	"fmt"
	"time"

	"github.com/subkit-dev/subkit/timing"
)

func ExampleEstimate() {
	transcript := "大家好，这里是最佳拍档\n最近罕见公开亮相\n分享了创业五年来的创业心路、技术判断和行业思考\n"
	p := timing.ProfileFor(timing.DetectLang(transcript))
	res, err := timing.Estimate(timing.ParseTranscript(transcript), timing.Options{
		Profile:  p,
		Rules:    timing.DefaultRules(p),
		Duration: 12 * time.Second,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range res.Captions {
		fmt.Println(timing.FormatDuration(c.Start), timing.FormatDuration(c.End), c.Lines)
	}
	// Output:
	// 0:00:00.000 0:00:02.800 [大家好，这里是最佳拍档]
	// 0:00:03.200 0:00:05.440 [最近罕见公开亮相]
	// 0:00:05.840 0:00:12.000 [分享了创业五年来的创业心路、 技术判断和行业思考]
}

func ExampleParseDuration() {
	for _, s := range []string{"90s", "1m30.5s", "01:02:03.500", "1:02:03,5", "90.5"} {
		d, _ := timing.ParseDuration(s)
		fmt.Println(s, "=", d)
	}
	// Output:
	// 90s = 1m30s
	// 1m30.5s = 1m30.5s
	// 01:02:03.500 = 1h2m3.5s
	// 1:02:03,5 = 1h2m3.5s
	// 90.5 = 1m30.5s
}

func ExampleWrap() {
	fmt.Printf("%q\n", timing.Wrap("The quick brown fox jumps over the lazy dog and keeps running", nil, 42, 2, false))
	// Output:
	// ["The quick brown fox jumps over" "the lazy dog and keeps running"]
}

func ExampleSync() {
	// The first caption should start at 12.5 s and one at 1:31:40 at
	// 1:31:41.2: a linear map through both points.
	m, err := timing.Sync([]timing.Point{
		{Old: 10 * time.Second, New: 12500 * time.Millisecond},
		{Old: 91*time.Minute + 40*time.Second, New: 91*time.Minute + 41200*time.Millisecond},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range []time.Duration{10 * time.Second, 45 * time.Minute, 91*time.Minute + 40*time.Second} {
		fmt.Println(timing.FormatDuration(t), "->", timing.FormatDuration(m(t)))
	}
	// Output:
	// 0:00:10.000 -> 0:00:12.500
	// 0:45:00.000 -> 0:45:01.863
	// 1:31:40.000 -> 1:31:41.200
}

func ExampleFix() {
	items := []timing.FixItem{
		{Start: 1 * time.Second, End: 1300 * time.Millisecond, Chars: 11}, // a flash
		{Start: 3 * time.Second, End: 6500 * time.Millisecond, Chars: 8},  // runs into the next
		{Start: 6 * time.Second, End: 8 * time.Second, Chars: 13},
	}
	rules := timing.FixRules{CPS: 9, Min: 834 * time.Millisecond, Max: 7 * time.Second, Gap: 80 * time.Millisecond}
	_, changes, problems := timing.Fix(items, rules)
	for _, c := range changes {
		fmt.Printf("caption %d: %s, now %s-%s\n", c.Caption, c.What, timing.FormatDuration(c.NewStart), timing.FormatDuration(c.NewEnd))
	}
	fmt.Println(len(problems), "left")
	// Output:
	// caption 1: lengthened, now 0:00:01.000-0:00:02.223
	// caption 2: overlap removed, now 0:00:03.000-0:00:05.920
	// 0 left
}
