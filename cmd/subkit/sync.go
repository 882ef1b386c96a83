package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/subkit-dev/subkit/align"
	"github.com/subkit-dev/subkit/audio"
	"github.com/subkit-dev/subkit/edit"
	"github.com/subkit-dev/subkit/espeak"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/timing"
)

func syncCommand(e *env) *cli.Command {
	flags := []cli.Flag{
		&cli.StringFlag{Name: "audio", Usage: "the sound `FILE` to sync to (WAV, or any audio or video ffmpeg reads)"},
		&cli.BoolFlag{Name: "split", Usage: "find a separate offset for each part (as when adverts were cut out)", DisableDefaultText: true},
		&cli.Float64Flag{Name: "min-confidence", Usage: "refuse (exit 1, write nothing) below confidence `C` (0 to 1)", Value: 0.5},
		&cli.StringFlag{Name: "max-offset", Usage: "search offsets up to `D` either way", DefaultText: "the audio's length"},
		&cli.BoolFlag{Name: "drop-negative", Usage: "drop captions that end up wholly before 0 (they are kept at 0 otherwise; reported either way)", DisableDefaultText: true},
		&cli.StringFlag{Name: "lang", Usage: "the captions' language `TAG` (BCP 47: en, zh-Hans...), for speaking their text; detected from the text when absent"},
		&cli.BoolFlag{Name: "in-place", Usage: "replace each input with its synced self", DisableDefaultText: true},
		fpsFlag(),
	}
	return &cli.Command{
		Name:      "sync",
		Usage:     "shift and stretch caption files to fit the speech in an audio or video file",
		ArgsUsage: "CAPTIONS... (files, directories with -r, - for standard input)",
		Description: `Finds the offset and rate (a frame rate change such as 25 to 23.976, or any
steady drift) that put the captions on the speech in --audio's sound, and
retimes the file by them, as retime would. It prints what it found and a
confidence: the share of caption starts that land on a speech onset beyond
chance. Below --min-confidence nothing is written and the exit code is 1.
The captions' text is spoken with espeak-ng and matched with the recording,
so each caption's start and end are found by what is said and the offset
and rate fitted to all of them; without espeak-ng, or for a language it
does not speak, caption starts are matched with speech onsets only (the
report says which). With --split each part of the file gets its own
offset (the rate is one) from the onsets.`,
		Flags:  append(flags, batchFlags("output `FORMAT`", "the input's format")...),
		Action: func(c *cli.Context) error { return e.sync(c) },
	}
}

func (e *env) sync(c *cli.Context) error {
	start := time.Now()
	name := c.String("audio")
	if name == "" {
		return usagef("sync: --audio FILE is required (the sound to sync to)")
	}
	minConf := c.Float64("min-confidence")
	if minConf < 0 || minConf > 1 {
		return usagef("--min-confidence must be between 0 and 1")
	}
	var opt align.SyncOptions
	opt.Split = c.Bool("split")
	if s := c.String("max-offset"); s != "" {
		d, err := timing.ParseDuration(s)
		if err != nil || d <= 0 {
			return usagef("--max-offset must be a positive duration")
		}
		opt.MaxOffset = d.Seconds()
	}
	cfg, inputs, err := e.batchSetup(c, "sync", true)
	if err != nil {
		return err
	}
	if cfg.encodeOpt.FPS, err = readFPS(c); err != nil {
		return err
	}
	cfg.inPlace = c.Bool("in-place")
	if cfg.inPlace && cfg.output != "" {
		return usagef("sync: --in-place replaces the inputs; it takes no -o")
	}
	// An input that would be overwritten fails now, not after the sound
	// is analysed.
	if !cfg.inPlace {
		for _, in := range inputs {
			if out := batchOutput(in, cfg); out != "-" && in.path != "-" && sameFile(out, in.path) {
				return fmt.Errorf("%s: output %s would overwrite the input; %s", in.path, out, cfg.choose())
			}
		}
	}
	// The sound is analysed in the background while the first input is
	// read and its captions are spoken (see below); each input waits for
	// it before it is synced.
	job, err := startAudio(name, nil)
	if err != nil {
		return err
	}
	analysed := sync.OnceValues(func() ([]align.Span, error) {
		f, err := job.wait()
		if err != nil {
			return nil, err
		}
		opt.Features = f
		segs := audio.Detect(f, audio.VADOptions{})
		spans := make([]align.Span, len(segs))
		for i, s := range segs {
			spans[i] = align.Span{Start: s.Start, End: s.End}
		}
		return spans, nil
	})
	ropts := timing.RetimeOptions{DropNegative: c.Bool("drop-negative")}
	lang := c.String("lang")
	speakErr := espeak.Check()
	if speakErr == nil && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(alignMemory) // see generate
	}
	cfg.transform = func(d *subtitle.Document) ([]string, []string, error) {
		if len(d.Cues) == 0 {
			return nil, nil, fmt.Errorf("no captions to sync")
		}
		cues := make([]align.Cue, len(d.Cues))
		texts := make([]string, len(d.Cues))
		for i, q := range d.Cues {
			cues[i] = align.Cue{Start: q.Start.Seconds(), End: q.End.Seconds()}
			texts[i] = strings.Join(q.PlainLines(), " ")
		}
		var reference func([]string) ([][]float32, error)
		if speakErr == nil && !opt.Split {
			l := lang
			if l == "" {
				l = timing.DetectLang(strings.Join(texts, "\n"))
			}
			voice := espeak.Voice(l)
			speak := func(t []string) ([][]float32, error) {
				refs, err := espeak.LogMel(context.Background(), voice, t)
				if err != nil {
					return nil, fmt.Errorf("espeak-ng cannot speak %s (voice %s): %w", l, voice, err)
				}
				return refs, nil
			}
			// The texts are spoken now, while the sound is analysed
			// (Sync asks for them only after its onset fit); asked
			// for other texts, it speaks those.
			early := make(chan struct{})
			var refs [][]float32
			var rerr error
			go func() {
				defer close(early)
				refs, rerr = speak(texts)
			}()
			reference = func(t []string) ([][]float32, error) {
				<-early
				if !slices.Equal(t, texts) {
					return speak(t)
				}
				return refs, rerr
			}
		}
		spans, err := analysed()
		if err != nil {
			return nil, nil, err
		}
		o := opt
		if reference != nil {
			o.Texts, o.Reference = texts, reference
		}
		r, err := align.Sync(cues, spans, o)
		if err != nil {
			return nil, nil, fmt.Errorf("sync to %s: %w", name, err)
		}
		found := describeSync(r, d)
		var warns []string
		switch {
		case r.Method == align.MethodContent:
		case o.Split:
			found[0] += ", by speech onsets (--split)"
		case speakErr != nil:
			found[0] += ", by speech onsets only"
			warns = append(warns, "the text was not used: "+speakErr.Error())
		default:
			found[0] += ", by speech onsets only"
			warns = append(warns, "the text was not used: "+r.Why)
		}
		if r.Confidence < minConf {
			return nil, nil, fmt.Errorf("sync to %s: confidence %.2f is under %.2f, so nothing was written (is it the right audio?); the best fit: %s", name, r.Confidence, minConf, strings.TrimPrefix(found[0], "sync: "))
		}
		return found, append(warns, edit.Retime(d, r.TimingMap(cueStarts(d)), ropts)...), nil
	}
	return e.report(e.runBatch(inputs, cfg), cfg.json, cfg.verbose, cfg.quiet, start)
}

// describeSync says what sync found, a line for the whole and one a part.
func describeSync(r *align.SyncResult, d *subtitle.Document) []string {
	rate := fmt.Sprintf("rate %.6f", r.Rate)
	for _, known := range []struct {
		from, to string
		v        float64
	}{{"25", "23.976", 25 / 23.976}, {"23.976", "25", 23.976 / 25}, {"25", "24", 25.0 / 24}, {"24", "25", 24.0 / 25},
		{"24", "23.976", 24 / 23.976}, {"23.976", "24", 23.976 / 24}, {"30", "29.97", 30 / 29.97}, {"29.97", "30", 29.97 / 30}} {
		// The file was timed at one frame rate and plays at another.
		if math.Abs(r.Rate*known.v-1) < 2e-5 {
			rate += fmt.Sprintf(" (frame rate %s to %s)", known.from, known.to)
		}
	}
	out := []string{fmt.Sprintf("sync: offset %+.3f s, %s, confidence %.2f (%d of %d caption starts on speech onsets)",
		r.Offset, rate, r.Confidence, r.Matched, len(d.Cues))}
	if r.Method == align.MethodContent {
		out[0] += fmt.Sprintf(", fitted to what is said (%d caption starts placed by it)", r.Anchors)
	}
	if len(r.Parts) > 1 {
		for _, p := range r.Parts {
			out = append(out, fmt.Sprintf("sync: captions %d-%d (from %s): offset %+.3f s", p.From+1, p.To,
				timing.FormatDuration(d.Cues[p.From].Start), p.Offset))
		}
	}
	return out
}

// cueStarts are the starts of d's cues.
func cueStarts(d *subtitle.Document) []time.Duration {
	starts := make([]time.Duration, len(d.Cues))
	for i, c := range d.Cues {
		starts[i] = c.Start
	}
	return starts
}
