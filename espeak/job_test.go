package espeak

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/subkit-dev/subkit/internal/extcheck"
)

// A Job gives each line the rows LogMel gives it for all the lines: the
// first lines before the rest are spoken (none of the rest spoken ahead
// unless asked), then every line; a job stopped gives ErrStopped.
func TestJob(t *testing.T) {
	extcheck.RequireTool(t, Program)
	var lines []string
	for i := range 2*batch + 3 {
		lines = append(lines, fmt.Sprintf("line number %d of the test", i+1))
	}
	want, err := LogMel(context.Background(), "en-us", lines)
	if err != nil {
		t.Fatal(err)
	}
	same := func(got [][]float32, what string) {
		t.Helper()
		for i, r := range got {
			if len(r) == 0 || !slices.Equal(r, want[i]) {
				t.Errorf("%s: line %d: %d values, LogMel gave %d (or they differ)", what, i+1, len(r), len(want[i]))
			}
		}
	}

	j := Start(context.Background(), "en-us", lines, 3)
	first, err := j.First(batch + 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != batch+2 {
		t.Fatalf("First(%d): %d lines", batch+2, len(first))
	}
	same(first, "first lines")
	j.mu.Lock()
	spokenLast := j.spoken[2]
	j.mu.Unlock()
	if spokenLast {
		t.Errorf("the last batch was spoken though not asked for")
	}
	all, err := j.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(lines) {
		t.Fatalf("All: %d lines for %d", len(all), len(lines))
	}
	same(all, "all lines")
	if _, err := j.First(1); !errors.Is(err, ErrStopped) {
		t.Errorf("First after All: %v, want ErrStopped", err)
	}

	j = Start(context.Background(), "en-us", lines, len(lines))
	j.Stop()
	if _, err := j.All(); !errors.Is(err, ErrStopped) {
		t.Errorf("All after Stop: %v, want ErrStopped", err)
	}
}
