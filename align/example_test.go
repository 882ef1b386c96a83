package align_test

import (
	"fmt"

	"github.com/subkit-dev/subkit/align"
)

// Three captions on five stretches of speech: the second caption's two
// stretches are one caption (a word gap of 30 ms), the cough at 4.6 s is
// left out, and each caption starts where its speech does.
func ExampleAssign() {
	units := []align.Unit{
		{Weight: 8},              // 大家好，这里是最佳拍档
		{Weight: 10, Pause: 0.4}, // the next line, after a line's pause
		{Weight: 4, Pause: 0.6},  // after a sentence end
	}
	spans := []align.Span{
		{Start: 1.00, End: 2.70, Strength: 4},
		{Start: 3.20, End: 4.10, Strength: 4},
		{Start: 4.13, End: 5.30, Strength: 4},
		{Start: 5.90, End: 5.95, Strength: 0.2}, // a cough
		{Start: 6.80, End: 7.70, Strength: 4},
	}
	r, err := align.Assign(units, spans, align.Params{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, p := range r.Units {
		fmt.Printf("caption %d: %.2f-%.2f s (spans %d-%d)\n", i+1, p.Start, p.End, p.From, p.To-1)
	}
	fmt.Println("left out:", r.Skipped)
	// Output:
	// caption 1: 1.00-2.70 s (spans 0-0)
	// caption 2: 3.20-5.30 s (spans 1-2)
	// caption 3: 6.80-7.70 s (spans 4-4)
	// left out: 1
}

// A caption file 2 s late and timed at 25 fps for a 23.976 fps video is
// put back on the speech.
func ExampleSync() {
	var spans []align.Span
	var cues []align.Cue
	for i := 0; i < 40; i++ {
		start := 1 + 3.1*float64(i) + 0.4*float64(i%3)
		spans = append(spans, align.Span{Start: start, End: start + 1.5 + 0.2*float64(i%4)})
		// The file's times: the truth stretched by 25/23.976, then 2 s late.
		k := 25 / 23.976
		cues = append(cues, align.Cue{Start: start*k + 2, End: (start+1.5)*k + 2})
	}
	r, err := align.Sync(cues, spans, align.SyncOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("rate %.5f, offset %+.3f s, confidence %.2f\n", r.Rate, r.Offset, r.Confidence)
	// Output:
	// rate 0.95904, offset -1.918 s, confidence 1.00
}
