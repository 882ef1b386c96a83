// Package espeak speaks text with the espeak-ng synthesizer, for aligners
// that compare a recording with a spoken reference of its transcript.
//
// espeak-ng is a separate program (Debian and Ubuntu: apt-get install
// espeak-ng; Homebrew: brew install espeak-ng); it speaks over a hundred
// languages with a small formant synthesizer and no model to download.
// Speak runs it as a few processes, each speaking many lines with a long
// pause between them, and cuts its output at the pauses.
package espeak

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"strings"
	"sync"

	"github.com/subkit-dev/subkit/audio"
)

// Program is the synthesizer run.
var Program = "espeak-ng"

// ErrMissing means espeak-ng is not installed.
var ErrMissing = errors.New("espeak-ng is not installed; it speaks the transcript so the recording can be matched to it (Debian/Ubuntu: apt-get install espeak-ng; macOS: brew install espeak-ng)")

// Check reports ErrMissing when espeak-ng is not on the PATH.
func Check() error {
	if _, err := exec.LookPath(Program); err != nil {
		return ErrMissing
	}
	return nil
}

// Voice is the espeak-ng voice for a BCP 47 language tag. Mandarin is
// spoken from its characters by the voice that reads Latin letters as
// pinyin (the plain cmn voice turns characters into pinyin with tone
// digits and then reads those as English words).
func Voice(lang string) string {
	l := strings.ToLower(strings.ReplaceAll(lang, "_", "-"))
	base, _, _ := strings.Cut(l, "-")
	switch {
	case l == "" || base == "en":
		if strings.HasPrefix(l, "en-gb") || strings.HasPrefix(l, "en-uk") {
			return "en-gb"
		}
		return "en-us"
	case base == "yue" || l == "zh-hk" || l == "zh-mo" || strings.HasPrefix(l, "zh-yue"):
		return "yue"
	case base == "zh" || base == "cmn":
		return "cmn-latn-pinyin"
	}
	return base
}

// Rate is the sample rate of what espeak-ng speaks.
const Rate = 22050

// separator is the pause put between lines, and cut is the least run of
// silent samples taken as one: espeak's own pauses (a full stop, a comma)
// are well under a second.
const (
	separator = "3000ms"
	cut       = 2 * Rate
)

// Speak speaks each line with voice and returns the samples of each
// (silence at either end trimmed; a line with nothing to say is empty), at
// Rate. See Each.
func Speak(ctx context.Context, voice string, lines []string) ([][]float32, error) {
	out := make([][]float32, len(lines))
	err := Each(ctx, voice, lines, func(i int, x []float32) { out[i] = x })
	return out, err
}

// LogMel speaks each line with voice and returns its audio.LogMel rows
// (none for a line with nothing to say): the spoken reference an aligner
// compares a recording with. Only the rows are kept, not the samples.
func LogMel(ctx context.Context, voice string, lines []string) ([][]float32, error) {
	out := make([][]float32, len(lines))
	err := Each(ctx, voice, lines, func(i int, x []float32) { out[i] = audio.LogMel(x, Rate) })
	return out, err
}

// batch is how many lines one espeak-ng process speaks: a few minutes of
// sound, so only that much is held at a time.
const batch = 32

// Each speaks each line with voice and hands its samples (as Speak
// returns them) to use, which may keep them only as long as the call and
// is called from up to GOMAXPROCS (at most 4) goroutines at once, each
// with its own lines.
func Each(ctx context.Context, voice string, lines []string, use func(i int, samples []float32)) error {
	if err := Check(); err != nil {
		return err
	}
	workers := min(runtime.GOMAXPROCS(0), 4, max(1, (len(lines)+batch-1)/batch))
	next := make(chan int)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for from := range next {
				if errs[w] != nil {
					continue
				}
				to := min(from+batch, len(lines))
				out := make([][]float32, to-from)
				if errs[w] = speakChunk(ctx, voice, lines[from:to], out); errs[w] == nil {
					for k, x := range out {
						use(from+k, x)
					}
				}
			}
		}()
	}
	for from := 0; from < len(lines); from += batch {
		next <- from
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// speakChunk speaks lines in one process and cuts the result at the
// separating pauses; when the cut does not give one piece a line (a line
// that speaks a long pause itself), each line is spoken on its own.
func speakChunk(ctx context.Context, voice string, lines []string, out [][]float32) error {
	var b strings.Builder
	b.WriteString("<speak>")
	for _, l := range lines {
		b.WriteString(ssmlEscaper.Replace(l))
		b.WriteString(`<break time="` + separator + `"/>`)
	}
	b.WriteString("</speak>")
	x, err := run(ctx, voice, b.String())
	if err != nil {
		return err
	}
	if pieces := split(x, len(lines)); pieces != nil {
		for i, p := range pieces {
			out[i] = trim(p)
		}
		return nil
	}
	for i, l := range lines {
		x, err := run(ctx, voice, "<speak>"+ssmlEscaper.Replace(l)+"</speak>")
		if err != nil {
			return err
		}
		out[i] = trim(x)
	}
	return nil
}

func run(ctx context.Context, voice, ssml string) ([]float32, error) {
	cmd := exec.CommandContext(ctx, Program, "-m", "-v", voice, "--stdout")
	cmd.Stdin = strings.NewReader(ssml)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, ErrMissing
		}
		return nil, fmt.Errorf("%s -v %s: %v: %s", Program, voice, err, strings.TrimSpace(stderr.String()))
	}
	if msg := strings.TrimSpace(stderr.String()); strings.Contains(msg, "rror") {
		return nil, fmt.Errorf("%s -v %s: %s", Program, voice, msg)
	}
	r, err := audio.NewWAVReader(&stdout)
	if err != nil {
		return nil, fmt.Errorf("%s: its output: %w", Program, err)
	}
	x, err := audio.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: its output: %w", Program, err)
	}
	return x, nil
}

// split cuts x at runs of at least cut zero samples and returns n pieces
// (the run after the last line ends it), or nil when the runs do not
// give n.
func split(x []float32, n int) [][]float32 {
	var pieces [][]float32
	start, zeros := 0, 0
	for i, v := range x {
		if v != 0 {
			if zeros >= cut {
				pieces = append(pieces, x[start:i-zeros])
				start = i
			}
			zeros = 0
			continue
		}
		zeros++
	}
	pieces = append(pieces, x[start:len(x)-zeros])
	if len(pieces) != n {
		return nil
	}
	return pieces
}

// trim cuts the near-silence (under -60 dB of full scale, in 5 ms blocks)
// off both ends of x.
func trim(x []float32) []float32 {
	const block = Rate / 200
	loud := func(i int) bool {
		var e float64
		to := min(i+block, len(x))
		for _, v := range x[i:to] {
			e += float64(v) * float64(v)
		}
		return e/float64(max(1, to-i)) > 1e-6
	}
	a := 0
	for a < len(x) && !loud(a) {
		a += block
	}
	if a >= len(x) {
		return nil
	}
	b := len(x)
	for b > a && !loud(max(a, b-block)) {
		b -= block
	}
	return x[a:min(b, len(x))]
}

// ssmlEscaper escapes text for the SSML espeak-ng reads.
var ssmlEscaper = strings.NewReplacer("<", "&lt;", ">", "&gt;", "&", "&amp;", `"`, "&quot;")
