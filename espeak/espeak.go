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
	"io"
	"os/exec"
	"runtime"
	"slices"
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

// Alternatives are other espeak-ng voices a recording in lang may have
// been spoken in, to try beside Voice(lang): for Mandarin, the plain cmn
// voice, which reads characters as pinyin letters and tone digits in
// English sounds (narration made with espeak-ng -v cmn sounds like that,
// and the Mandarin voice does not model it).
func Alternatives(lang string) []string {
	if Voice(lang) == "cmn-latn-pinyin" {
		return []string{"cmn"}
	}
	return nil
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
	err := each(ctx, voice, lines, slices.Clone, func(i int, x []float32) { out[i] = x })
	return out, err
}

// LogMel speaks each line with voice and returns its audio.LogMel rows
// (none for a line with nothing to say): the spoken reference an aligner
// compares a recording with. Only the rows are kept, not the samples.
func LogMel(ctx context.Context, voice string, lines []string) ([][]float32, error) {
	out := make([][]float32, len(lines))
	err := each(ctx, voice, lines, func(x []float32) []float32 { return audio.LogMel(x, Rate) },
		func(i int, rows []float32) { out[i] = rows })
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
	return each(ctx, voice, lines, slices.Clone, use)
}

// each is Each with the samples of each line turned by conv (which may
// not keep them) as they come from espeak-ng, so only one line's samples
// are held a process; use gets what conv returned.
func each(ctx context.Context, voice string, lines []string, conv func([]float32) []float32, use func(i int, x []float32)) error {
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
				if errs[w] = speakChunk(ctx, voice, lines[from:to], conv, out); errs[w] == nil {
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
// separating pauses as it comes, each piece trimmed and turned by conv;
// when the cut does not give one piece a line (a line that speaks a long
// pause itself), each line is spoken on its own.
func speakChunk(ctx context.Context, voice string, lines []string, conv func([]float32) []float32, out [][]float32) error {
	var b strings.Builder
	b.WriteString("<speak>")
	for _, l := range lines {
		b.WriteString(ssmlEscaper.Replace(l))
		b.WriteString(`<break time="` + separator + `"/>`)
	}
	b.WriteString("</speak>")
	var pieces [][]float32
	err := run(ctx, voice, b.String(), func(p []float32) { pieces = append(pieces, conv(trim(p))) })
	if err != nil {
		return err
	}
	if len(pieces) == len(lines) {
		copy(out, pieces)
		return nil
	}
	for i, l := range lines {
		var x []float32
		err := run(ctx, voice, "<speak>"+ssmlEscaper.Replace(l)+"</speak>", func(p []float32) { x = append(x, p...) }, true)
		if err != nil {
			return err
		}
		out[i] = conv(trim(x))
	}
	return nil
}

// run speaks ssml and hands its samples to piece, cut as readPieces
// cuts them (whole, with the runs, when whole is given). piece may not
// keep the samples.
func run(ctx context.Context, voice, ssml string, piece func([]float32), whole ...bool) error {
	cmd := exec.CommandContext(ctx, Program, "-m", "-v", voice, "--stdout")
	cmd.Stdin = strings.NewReader(ssml)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return ErrMissing
		}
		return fmt.Errorf("%s -v %s: %v", Program, voice, err)
	}
	rerr := readPieces(stdout, piece, len(whole) > 0 && whole[0])
	if rerr != nil {
		io.Copy(io.Discard, stdout) // let the process finish
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("%s -v %s: %v: %s", Program, voice, err, strings.TrimSpace(stderr.String()))
	}
	if msg := strings.TrimSpace(stderr.String()); strings.Contains(msg, "rror") {
		return fmt.Errorf("%s -v %s: %s", Program, voice, msg)
	}
	if rerr != nil {
		return fmt.Errorf("%s: its output: %w", Program, rerr)
	}
	return nil
}

// readPieces reads WAV samples from r and hands them to piece cut at
// each run of at least cut zero samples that has sound after it (the
// zeros left out; the last piece ends before the zeros at the end), or
// all at once when whole.
func readPieces(r io.Reader, piece func([]float32), whole bool) error {
	w, err := audio.NewWAVReader(r)
	if err != nil {
		return err
	}
	var cur []float32 // the piece so far, with the zeros after it
	zeros := 0
	buf := make([]float32, 1<<14)
	for {
		n, err := w.Read(buf)
		for _, v := range buf[:n] {
			if v != 0 && !whole {
				if zeros >= cut {
					piece(cur[:len(cur)-zeros])
					cur = cur[:0]
				}
				zeros = 0
			} else if v == 0 {
				zeros++
			}
			cur = append(cur, v)
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
	}
	if whole {
		piece(cur)
	} else {
		piece(cur[:len(cur)-zeros])
	}
	return nil
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
