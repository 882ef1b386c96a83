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
