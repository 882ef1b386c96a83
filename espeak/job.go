package espeak

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"sync"

	"github.com/subkit-dev/subkit/audio"
)

// ErrStopped is what a Job that was stopped gives for lines it had not
// handed over.
var ErrStopped = errors.New("espeak-ng: speaking stopped")

// A Job speaks lines with one voice in the background, as LogMel does and
// in the same batches (so each line's rows are the same as LogMel's for
// all the lines), first the lines asked for, the rest only when asked:
// an aligner can have a few minutes spoken in each of several voices
// while the recording is still being analysed, take the first lines of
// each to tell which voice fits, and then the rest of the one it keeps.
type Job struct {
	voice  string
	lines  []string
	ctx    context.Context
	cancel context.CancelFunc

	mu      sync.Mutex
	changed *sync.Cond
	ahead   int  // lines to speak before they are asked for
	asked   int  // lines asked for (First, All)
	next    int  // the first line of the next batch to start
	stopped bool // Stop was called, or every line was handed over
	rows    [][]float32
	spoken  []bool // of each batch
	err     error
	workers int
}

// Start starts speaking the first want lines (and the rest of their last
// batch) with voice in the background, on up to GOMAXPROCS (at most 4)
// processes at once.
func Start(ctx context.Context, voice string, lines []string, want int) *Job {
	j := &Job{voice: voice, lines: lines, ahead: want, rows: make([][]float32, len(lines))}
	j.ctx, j.cancel = context.WithCancel(ctx)
	j.changed = sync.NewCond(&j.mu)
	j.spoken = make([]bool, (len(lines)+batch-1)/batch)
	if err := Check(); err != nil {
		j.err, j.stopped = err, true
		return j
	}
	j.workers = min(runtime.GOMAXPROCS(0), 4, len(j.spoken))
	for range j.workers {
		go j.work()
	}
	return j
}

// work speaks batches in order while there are lines wanted: those
// asked for, and those to speak ahead. A batch is spoken when its first
// line is wanted.
func (j *Job) work() {
	j.mu.Lock()
	defer j.mu.Unlock()
	for {
		for !j.stopped && j.err == nil && j.next < len(j.lines) && j.next >= max(j.ahead, j.asked) {
			j.changed.Wait()
		}
		if j.stopped || j.err != nil || j.next >= len(j.lines) {
			return
		}
		from := j.next
		to := min(from+batch, len(j.lines))
		j.next = to
		j.mu.Unlock()
		out := make([][]float32, to-from)
		err := speakChunk(j.ctx, j.voice, j.lines[from:to], func(x []float32) []float32 { return audio.LogMel(x, Rate) }, out)
		j.mu.Lock()
		if err != nil {
			if j.err == nil && !j.stopped {
				j.err = err
			}
		} else if !j.stopped {
			copy(j.rows[from:to], out)
			j.spoken[from/batch] = true
		}
		j.changed.Broadcast()
	}
}

// wait asks for the first n lines and waits until they are spoken (or
// the job failed or stopped).
func (j *Job) wait(n int) error {
	j.asked = max(j.asked, n)
	j.changed.Broadcast()
	for {
		if j.err != nil {
			return j.err
		}
		if j.stopped {
			return ErrStopped
		}
		done := true
		for b := 0; b*batch < n; b++ {
			done = done && j.spoken[b]
		}
		if done {
			return nil
		}
		j.changed.Wait()
	}
}

// Ahead sets how many of the first lines are spoken without being asked
// for (more or fewer than Start was given); batches already begun are
// finished.
func (j *Job) Ahead(n int) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.ahead = n
	j.changed.Broadcast()
}

// First is the log-mel rows of the first n lines, spoken now if they were
// not yet. The job keeps them, for All; the caller may not change them.
func (j *Job) First(n int) ([][]float32, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	n = min(n, len(j.lines))
	if err := j.wait(n); err != nil {
		return nil, err
	}
	return slices.Clone(j.rows[:n]), nil
}

// All is the log-mel rows of every line, as LogMel gives them, once
// spoken. They are handed over: the job keeps none, and is done.
func (j *Job) All() ([][]float32, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if err := j.wait(len(j.lines)); err != nil {
		return nil, err
	}
	rows := j.rows
	j.rows, j.stopped = nil, true
	j.cancel()
	j.changed.Broadcast()
	return rows, nil
}

// Stop stops speaking (espeak-ng processes running are killed) and lets
// go of what was spoken.
func (j *Job) Stop() {
	j.mu.Lock()
	defer j.mu.Unlock()
	if !j.stopped {
		j.stopped = true
		j.rows = nil
		j.cancel()
	}
	j.changed.Broadcast()
}
