package check

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
)

// flashes is a document of n captions of 0.1 s each: every one breaks the
// minimum duration and the reading speed.
func flashes(n int) *subtitle.Document {
	d := &subtitle.Document{Cues: make([]subtitle.Cue, n)}
	for i := range d.Cues {
		at := time.Duration(i) * 200 * time.Millisecond
		d.Cues[i] = subtitle.Cue{Start: at, End: at + 100*time.Millisecond,
			Lines: []subtitle.Line{{{Text: fmt.Sprintf("flash %d", i)}}}}
	}
	return d
}

// Findings hands each finding over as it is found, not at the end: a
// change made to a later caption while the first finding is in hand shows
// in that caption's findings, and stopping early stops the check.
func TestFindingsStream(t *testing.T) {
	l := limits(t, "netflix-en")
	d := flashes(1000)
	want := Check(d, l, nil)
	if len(want) != 2000 {
		t.Fatalf("Check: %d findings, want 2000", len(want))
	}
	var got []Finding
	for f := range Findings(d, l, nil) {
		got = append(got, f)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("Findings and Check differ")
	}

	d = flashes(1000)
	n := 0
	var last []Finding
	for f := range Findings(d, l, nil) {
		if n == 0 {
			// The check has not reached the last caption yet: make it a
			// good one.
			c := &d.Cues[len(d.Cues)-1]
			c.End = c.Start + 2*time.Second
		}
		n++
		if f.Caption == len(d.Cues) {
			last = append(last, f)
		}
	}
	if n != 1998 || len(last) != 0 {
		t.Errorf("%d findings, %d for the last caption: the findings were made before the first was handed over", n, len(last))
	}

	n = 0
	for range Findings(flashes(1000), l, nil) {
		n++
		if n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("went on after a stop: %d", n)
	}
}
