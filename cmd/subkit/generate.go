package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
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
	"github.com/subkit-dev/subkit/guide"
	"github.com/subkit-dev/subkit/media"
	"github.com/subkit-dev/subkit/segment"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/timing"
)

func generateCommand(e *env) *cli.Command {
	return genCommand(e, "generate", "time a plain transcript (one caption a line) into SRT, WebVTT and TTML tracks")
}

// alignCommand is generate with --audio required.
func alignCommand(e *env) *cli.Command {
	c := genCommand(e, "align", "time a plain transcript to the speech in an audio or video file (generate --audio)")
	c.Action = func(c *cli.Context) error {
		if c.String("audio") == "" {
			return usagef("align: --audio FILE is required (the sound to time the transcript to)")
		}
		return e.generate(c)
	}
	return c
}

func genCommand(e *env, name, usage string) *cli.Command {
	return &cli.Command{
		Name:      name,
		Usage:     usage,
		ArgsUsage: "TRANSCRIPT... (- for standard input)",
		Description: `Each line of the transcript becomes a caption (or several, when it is too long
to show at once). With --audio each caption is timed to the speech in the
file's sound: a WAV is read directly, anything else is decoded by ffmpeg.
With --duration or --video the captions are fitted to the video's length;
without, they are placed at --cps characters a second. With --video (or
--shots, a list of its cuts) a caption start within half a second of a shot
change then moves onto it and an end to 2 frames before it, Netflix's rule,
where that keeps the other rules.

Outputs go beside each transcript (talk.txt -> talk.srt, talk.vtt, talk.ttml),
into the directory -o names, into the file -o names (one format), or to
standard output with -o - (one format). An existing output is an error
unless --force, as in convert; an input is never overwritten.

Durations: 90s, 1m30.5s, 01:02:03.500, 1:02:03,5 or plain seconds (90.5).`,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "to", Aliases: []string{"t"}, Usage: "output formats `LIST`, comma-separated: " + formatList(), DefaultText: "srt, vtt and ttml, or the one -o's extension names"},
			&cli.StringSliceFlag{Name: "format", Hidden: true},
			&cli.BoolFlag{Name: "force", Aliases: []string{"f"}, Usage: "replace existing output files", DisableDefaultText: true},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "output `FILE`, directory, or - for standard output"},
			&cli.StringFlag{Name: "duration", Aliases: []string{"d"}, Usage: "the video's length `D`: fit the captions to it"},
			&cli.StringFlag{Name: "video", Usage: "read the video's length from `FILE` with ffprobe, and move caption starts and ends near its shot changes onto them (with --audio: only the shot changes)"},
			&cli.StringFlag{Name: "shots", Usage: "move caption starts and ends near the shot changes listed in `FILE` onto them (see check --shots)"},
			&cli.StringFlag{Name: "audio", Usage: "time the captions to the speech in `FILE` (WAV, or any audio or video ffmpeg reads)"},
			&cli.StringFlag{Name: "start", Usage: "start time `D` of the first caption", Value: "0"},
			&cli.Float64Flag{Name: "cps", Usage: "speaking rate `N` in characters a second, pauses included, when no length is known", DefaultText: "by language: Chinese 4.4, English 15"},
			&cli.StringFlag{Name: "lang", Usage: "language `TAG` (BCP 47: zh-Hans, zh-Hant, en, ja...); detected from the text when absent"},
			&cli.StringFlag{Name: "min", Usage: "shortest caption `D`", DefaultText: "5/6 s, as 834ms"},
			&cli.StringFlag{Name: "max", Usage: "longest caption `D`; longer lines are split", DefaultText: "7s"},
			&cli.StringFlag{Name: "gap", Usage: "minimum gap `D` between captions", DefaultText: "2 frames at 24 fps, 83ms"},
			&cli.IntFlag{Name: "max-chars", Usage: "`N` characters a line (CJK: half-width characters count 0.5)", DefaultText: "16 for Chinese, Japanese, Korean; 42 others"},
			&cli.IntFlag{Name: "max-lines", Usage: "`N` lines a caption", DefaultText: "2"},
			&cli.BoolFlag{Name: "bom", Usage: "start outputs with a byte-order mark", DisableDefaultText: true},
			&cli.BoolFlag{Name: "crlf", Usage: "end lines with CR LF", DisableDefaultText: true},
			outputEncodingFlag("UTF-8"),
			&cli.Float64Flag{Name: "fps", Usage: "frame rate `N` of FCPXML timelines and MicroDVD files written", DefaultText: "the video's with --video, else FCPXML 25, MicroDVD 23.976"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "print every warning (a long run of one kind is summarised)", DisableDefaultText: true},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "do not print warnings", DisableDefaultText: true},
			&cli.BoolFlag{Name: "json", Usage: "with --audio: print every caption's place and confidence, and the files written with their text encodings, as JSON on standard output", DisableDefaultText: true},
			&cli.Float64Flag{Name: "min-confidence", Usage: "with --audio: refuse (exit 1, write nothing) when the transcript's confidence that the recording says it is under `C` (0 to 1)", Value: 0.1},
			punctuationFlag(),
			scriptFlag(),
			bilingualFlag(),
			chineseBelowFlag(),
		},
		Action: func(c *cli.Context) error { return e.generate(c) },
	}
}

// genConfig is the generate command's flags, checked.
type genConfig struct {
	formats   []subtitle.Format
	output    string
	outDir    bool
	duration  time.Duration
	start     time.Duration
	cps       float64
	lang      string
	rules     func(timing.Profile) timing.Rules
	encode    subtitle.EncodeOptions
	quiet     bool
	verbose   bool
	force     bool
	segmenter timing.Segmenter
	audio     *audioJob // the speech to time to, with --audio
	audioName string
	json      bool    // print each caption's place and confidence
	minConf   float64 // refuse a transcript less sure than this
	zh        zhOptions
	bilingual bilingualOptions
	shots     *shotSource // --video or --shots: the cuts captions are moved onto
	gapSet    bool        // --gap was given
}

func (e *env) generate(c *cli.Context) error {
	inputs := c.Args().Slice()
	if len(inputs) == 0 {
		return usagef("%s: no transcript given (use - for standard input)", c.Command.Name)
	}
	cfg, err := e.genFlags(c, inputs)
	if err != nil {
		return err
	}
	failed := false
	for _, in := range inputs {
		if err := e.generateOne(in, cfg); err != nil {
			fmt.Fprintf(e.stderr, "subkit: %v\n", err)
			failed = true
			if cfg.audio != nil && cfg.audio.failed() {
				break // the sound could not be read: so for every transcript
			}
		}
	}
	if failed {
		return errReported
	}
	return nil
}

func (e *env) genFlags(c *cli.Context, inputs []string) (*genConfig, error) {
	name := c.Command.Name // generate or align
	cfg := &genConfig{
		output:  c.String("output"),
		cps:     c.Float64("cps"),
		lang:    c.String("lang"),
		quiet:   c.Bool("quiet"),
		force:   c.Bool("force"),
		verbose: c.Bool("verbose"),
	}
	// Formats: -f, else the extension of -o, else all three.
	for _, v := range append(c.StringSlice("to"), c.StringSlice("format")...) {
		for _, name := range strings.Split(v, ",") {
			if strings.TrimSpace(name) == "" {
				continue
			}
			f, err := subtitle.ParseFormat(name)
			if err != nil {
				return nil, usageError{err}
			}
			if !containsFormat(cfg.formats, f) {
				cfg.formats = append(cfg.formats, f)
			}
		}
	}
	stdinCount := 0
	for _, in := range inputs {
		if in == "-" {
			stdinCount++
		}
	}
	if stdinCount > 1 {
		return nil, usagef("%s: standard input (-) given more than once", name)
	}
	if o := cfg.output; o != "" && o != "-" {
		cfg.outDir = isDirTarget(o)
		if !cfg.outDir && len(cfg.formats) == 0 {
			if f := subtitle.FormatFromPath(o); f != subtitle.Unknown {
				cfg.formats = []subtitle.Format{f}
			}
		}
	}
	chosen := len(cfg.formats) > 0
	if !chosen {
		cfg.formats = subtitle.TextFormats()
	}
	var err error
	if cfg.encode, err = readEncodeFlags(c, cfg.formats...); err != nil {
		if !chosen {
			return nil, usagef("%v (generate writes srt, vtt and ttml unless -t chooses: give -t srt)", err)
		}
		return nil, err
	}
	switch {
	case cfg.output == "-" && len(cfg.formats) != 1:
		return nil, usagef("%s: -o - writes one format to standard output; choose it with -t", name)
	case cfg.output == "-" && len(inputs) != 1:
		return nil, usagef("%s: -o - takes one transcript", name)
	case cfg.output != "" && cfg.output != "-" && !cfg.outDir && len(inputs) > 1:
		return nil, usagef("%s: -o %s names one file but %d transcripts were given; name a directory", name, cfg.output, len(inputs))
	case cfg.output != "" && cfg.output != "-" && !cfg.outDir && len(cfg.formats) > 1:
		return nil, usagef("%s: -o %s names one file but %d formats were asked for; name a directory or choose one format with -t", name, cfg.output, len(cfg.formats))
	case cfg.output == "" && stdinCount == 1 && len(cfg.formats) != 1:
		return nil, usagef("%s: a transcript from standard input needs -o DIR, or one format with -t to write to standard output", name)
	}

	dur := c.String("duration")
	video := c.String("video")
	audioFile := c.String("audio")
	switch {
	case audioFile != "" && dur != "":
		return nil, usagef("%s: --audio times the captions to the speech; it takes no --duration", name)
	case audioFile != "" && c.IsSet("cps"):
		return nil, usagef("%s: --audio measures the speaking rate; it takes no --cps", name)
	case audioFile != "" && c.IsSet("start"):
		return nil, usagef("%s: --audio finds where the speech starts; it takes no --start", name)
	case dur != "" && video != "":
		return nil, usagef("%s: give --duration or --video, not both", name)
	case dur != "":
		if cfg.duration, err = timing.ParseDuration(dur); err != nil {
			return nil, usagef("--duration: %v", err)
		}
		if cfg.duration <= 0 {
			return nil, usagef("--duration must be positive")
		}
	}
	if cfg.encode.FPS, err = readFPS(c); err != nil {
		return nil, err
	}
	// The video is probed once: its length (unless --audio times the
	// captions), the rate its cuts are counted at, and that of frame-based
	// outputs unless --fps.
	var probed *media.Info
	if video != "" {
		info, err := media.Probe(context.Background(), video)
		if err != nil {
			return nil, videoError(err)
		}
		probed = &info
		if audioFile == "" {
			if cfg.duration, err = info.Length(); err != nil {
				return nil, err
			}
		}
		if cfg.encode.FPS == 0 && info.Rate.Valid() {
			cfg.encode.FPS = info.Rate.FPS()
		}
	}
	if cfg.start, err = timing.ParseDuration(c.String("start")); err != nil {
		return nil, usagef("--start: %v", err)
	}
	if cfg.start < 0 {
		return nil, usagef("--start cannot be negative")
	}
	if cfg.duration > 0 && cfg.start >= cfg.duration {
		return nil, usagef("--start %s is not before the end of the video %s", timing.FormatDuration(cfg.start), timing.FormatDuration(cfg.duration))
	}
	if c.IsSet("cps") && !(cfg.cps > 0) {
		return nil, usagef("--cps must be a positive number")
	}
	if c.IsSet("cps") && cfg.duration > 0 {
		return nil, usagef("--cps places captions when no length is known; with --duration or --video the rate is fitted to the length")
	}
	if cfg.lang != "" && !validTag(cfg.lang) {
		return nil, usagef("--lang %q is not a language tag like zh-Hans or en", cfg.lang)
	}
	minD, setMin, err := ruleFlag(c, "min", false)
	if err != nil {
		return nil, err
	}
	maxD, setMax, err := ruleFlag(c, "max", false)
	if err != nil {
		return nil, err
	}
	gapD, setGap, err := ruleFlag(c, "gap", false)
	if err != nil {
		return nil, err
	}
	maxChars, maxLines := c.Int("max-chars"), c.Int("max-lines")
	if c.IsSet("max-chars") && maxChars < 1 || c.IsSet("max-lines") && maxLines < 1 {
		return nil, usagef("--max-chars and --max-lines must be at least 1")
	}
	cfg.rules = func(p timing.Profile) timing.Rules {
		r := timing.DefaultRules(p)
		if setMin {
			r.Min = minD
		}
		if setMax {
			r.Max = maxD
		}
		if setGap {
			r.Gap = gapD
		}
		if c.IsSet("max-chars") {
			r.MaxChars = maxChars
		}
		if c.IsSet("max-lines") {
			r.MaxLines = maxLines
		}
		return r
	}
	cfg.gapSet = setGap
	if setMin && setMax && minD > maxD {
		return nil, usagef("--min %s is over --max %s", c.String("min"), c.String("max"))
	}
	if cfg.zh, err = zhFlags(c); err != nil {
		return nil, err
	}
	if cfg.bilingual, err = bilingualFlags(c, c.IsSet("max-lines")); err != nil {
		return nil, err
	}
	cfg.segmenter = wordSegmenter()
	if audioFile != "" {
		// The Chinese dictionaries load on another core while the sound
		// is analysed (they take about half a second).
		go cfg.segmenter.Segment("中文")
		var known *media.Info // the sound's length, when --video is the same file
		if audioFile == video {
			known = probed
		}
		if cfg.audio, err = startAudio(audioFile, known); err != nil {
			return nil, err
		}
		cfg.audioName = audioFile
		if err := espeak.Check(); err != nil {
			return nil, fmt.Errorf("--audio: %w", err)
		}
		if os.Getenv("GOMEMLIMIT") == "" {
			// An hour's features and references are a few hundred MB
			// live; without a limit the collector lets the heap grow to
			// twice that.
			debug.SetMemoryLimit(alignMemory)
		}
	}
	if cfg.shots, err = e.readShotFlags(c, 0, probed); err != nil {
		return nil, err
	}
	cfg.json = c.Bool("json")
	cfg.minConf = c.Float64("min-confidence")
	switch {
	case (cfg.json || c.IsSet("min-confidence")) && audioFile == "":
		return nil, usagef("%s: --json and --min-confidence are about timing to --audio", c.Command.Name)
	case cfg.minConf < 0 || cfg.minConf > 1:
		return nil, usagef("--min-confidence must be between 0 and 1")
	case cfg.json && cfg.output == "-":
		return nil, usagef("%s: --json prints to standard output; write the captions to a file with -o", c.Command.Name)
	}
	return cfg, nil
}

// speakAhead gives, for each voice, what speaks captions' texts for
// align.Options (the first is Reference, the others Alternatives), and
// Chosen. When the audio's length is known before its analysis ends (a
// WAV header, ffprobe), the captions are cut as they will be for that
// length and spoken meanwhile: in each voice the few the voices are tried
// on (align.VoiceSample), then every caption in the voice the first
// minutes fit best (align.GuessVoice); the voice chosen in the end speaks
// what is left, the others stop. Should the cut come out
// otherwise once the sound is read, the captions are spoken as cut. stop
// ends what is still being spoken.
func speakAhead(lines []timing.Line, topt timing.Options, audioName string, seconds float64, voices []string) (speakers []func([]string) ([][]float32, error), chosen func(int), stop func()) {
	speakers = make([]func([]string) ([][]float32, error), len(voices))
	for i, v := range voices {
		speakers[i] = func(texts []string) ([][]float32, error) {
			return espeak.LogMel(context.Background(), v, texts)
		}
	}
	none := func() {}
	if seconds <= 0 {
		return speakers, nil, none
	}
	texts, err := align.CaptionTexts(lines, topt, seconds)
	if err != nil {
		return speakers, nil, none
	}
	sample := len(texts)
	if len(voices) > 1 {
		if sample, err = align.VoiceSample(lines, topt, seconds); err != nil {
			return speakers, nil, none
		}
	}
	jobs := make([]*espeak.Job, len(voices))
	for i, v := range voices {
		jobs[i] = espeak.Start(context.Background(), v, texts, sample)
	}
	stop = func() {
		for _, j := range jobs {
			j.Stop()
		}
	}
	for i := range voices {
		fresh := speakers[i]
		speakers[i] = func(t []string) ([][]float32, error) {
			var refs [][]float32
			err := espeak.ErrStopped
			switch {
			case slices.Equal(t, texts):
				refs, err = jobs[i].All()
			case len(t) < len(texts) && slices.Equal(t, texts[:len(t)]):
				refs, err = jobs[i].First(len(t))
			default:
				stop() // cut otherwise: nothing spoken ahead is of use
			}
			if err != nil {
				return fresh(t)
			}
			return refs, nil
		}
	}
	switch {
	case sample >= len(texts):
		// Every caption is in the sample: all are spoken in each voice.
	default:
		// Which voice is kept is told once the whole sound is analysed;
		// its first minutes, analysed again on their own, tell which
		// voice most likely: that one speaks the rest ahead.
		go func() {
			first := make([]func([]string) ([][]float32, error), len(jobs))
			for i, j := range jobs {
				first[i] = func(t []string) ([][]float32, error) { return j.First(len(t)) }
			}
			v := 0
			if f, err := analyzeFirst(audioName, align.GuessSeconds); err == nil {
				if g, err := align.GuessVoice(lines, f, topt, seconds, first); err == nil {
					v = g
				}
			}
			jobs[v].Ahead(len(texts))
		}()
	}
	chosen = func(voice int) {
		for i, j := range jobs {
			if i != voice {
				j.Stop()
			}
		}
	}
	return speakers, chosen, stop
}

// analyzeFirst analyses the first seconds of an audio or video file.
func analyzeFirst(name string, seconds float64) (*audio.Features, error) {
	s, err := audio.Open(context.Background(), name)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return audio.Analyze(&firstSamples{s, int64(seconds * float64(s.Rate()))})
}

// firstSamples reads the first n samples of a source.
type firstSamples struct {
	audio.Source
	n int64
}

func (s *firstSamples) Read(p []float32) (int, error) {
	if s.n <= 0 {
		return 0, io.EOF
	}
	k, err := s.Source.Read(p[:min(int64(len(p)), s.n)])
	s.n -= int64(k)
	return k, err
}

// analyzeAudio reads an audio or video file's sound into features.
func analyzeAudio(name string) (*audio.Features, error) {
	j, err := startAudio(name, nil)
	if err != nil {
		return nil, err
	}
	return j.wait()
}

// audioJob is an audio file being analysed on another goroutine, so the
// transcript can be read and spoken meanwhile.
type audioJob struct {
	// seconds is the length its features will cover, when known before
	// the analysis ends (0: not known).
	seconds float64
	done    chan struct{}
	f       *audio.Features
	err     error
}

// startAudio opens an audio or video file (failing now when it cannot be
// opened) and analyses its sound in the background. probed is what
// ffprobe found of the file already, nil when it has not been probed.
func startAudio(name string, probed *media.Info) (*audioJob, error) {
	s, err := audio.Open(context.Background(), name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("--audio: %w", err)
		}
		return nil, err
	}
	j := &audioJob{done: make(chan struct{})}
	if n, ok := s.Samples(); ok {
		j.seconds = audio.FeatureSeconds(n, s.Rate())
	} else if d, err := probedLength(name, probed); err == nil {
		// A guess: ffmpeg's decode may be a few samples off the length
		// the container gives.
		j.seconds = audio.FeatureSeconds(int64(math.Round(d.Seconds()*float64(s.Rate()))), s.Rate())
	}
	go func() {
		defer close(j.done)
		defer s.Close()
		f, err := audio.Analyze(s)
		switch {
		case err != nil:
			j.err = fmt.Errorf("%s: %w", name, err)
		case f.Frames() == 0:
			j.err = fmt.Errorf("%s: no sound in the file", name)
		default:
			j.f = f
		}
	}()
	return j, nil
}

// probedLength is a media file's length from probed, or from ffprobe when
// probed is nil.
func probedLength(name string, probed *media.Info) (time.Duration, error) {
	if probed != nil {
		return probed.Length()
	}
	return media.Duration(context.Background(), name)
}

// wait is the features once the analysis is done.
func (j *audioJob) wait() (*audio.Features, error) {
	<-j.done
	return j.f, j.err
}

// failed tells whether the analysis is over and failed.
func (j *audioJob) failed() bool {
	select {
	case <-j.done:
		return j.err != nil
	default:
		return false
	}
}

// ruleFlag reads a --min, --max or --gap flag: whether it was given, and
// its duration in whole milliseconds. Only --gap may be zero, unless
// zeroOK (check, where zero means the rule is not checked).
func ruleFlag(c *cli.Context, name string, zeroOK bool) (time.Duration, bool, error) {
	if !c.IsSet(name) {
		return 0, false, nil
	}
	d, err := timing.ParseDuration(c.String(name))
	if err != nil {
		return 0, false, usagef("--%s: %v", name, err)
	}
	if d < 0 || (d == 0 && name != "gap" && !zeroOK) {
		return 0, false, usagef("--%s must be positive", name)
	}
	return d.Round(time.Millisecond), true, nil
}

// wordSegmenter is one Segmenter for the process: its dictionaries load on
// first use and are kept for every later transcript.
var wordSegmenter = sync.OnceValue(segment.New)

func containsFormat(fs []subtitle.Format, f subtitle.Format) bool {
	for _, g := range fs {
		if g == f {
			return true
		}
	}
	return false
}

// validTag accepts what BCP 47 tags look like: letters, digits, hyphens,
// starting with a 2-3 letter language.
func validTag(t string) bool {
	parts := strings.Split(strings.ReplaceAll(t, "_", "-"), "-")
	if l := len(parts[0]); l < 2 || l > 8 {
		return false
	}
	for i, p := range parts {
		if p == "" || len(p) > 8 {
			return false
		}
		for _, r := range p {
			letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
			if !letter && (i == 0 || r < '0' || r > '9') {
				return false
			}
		}
	}
	return true
}

// generateOne times one transcript and writes its tracks.
func (e *env) generateOne(in string, cfg *genConfig) (err error) {
	// With --json, the placement's report, printed on return: with the
	// outputs once they are written, else without them.
	var report *alignReport
	defer func() {
		if report != nil {
			if perr := e.printJSONLine(report); err == nil {
				err = perr
			}
		}
	}()
	// The outputs as they are before the work: one another run writes
	// meanwhile is not replaced.
	exists := make([]bool, len(cfg.formats))
	was := make([]os.FileInfo, len(cfg.formats))
	for i, f := range cfg.formats {
		exists[i], was[i] = lookOutput(outputPath(in, f, cfg))
	}
	raw, err := e.readInput(in)
	if err != nil {
		return err
	}
	if f := captionFormat(raw); f != subtitle.Unknown {
		return fmt.Errorf("%s: this is a caption file (%s), not a transcript: generate would time its timing lines as text; use convert to change its format, retime or sync to change its times", displayName(in), f)
	}
	text, _, ws, err := subtitle.DecodeTextLenient(in, raw)
	if err != nil {
		return err
	}
	if !cfg.quiet {
		for _, w := range ws {
			fmt.Fprintf(e.stderr, "%s: warning: %s\n", displayName(in), w)
		}
	}
	lines := timing.ParseTranscript(text)
	if len(lines) == 0 {
		return &subtitle.ParseError{File: in, Err: fmt.Errorf("%w: the transcript has no lines", subtitle.ErrEmpty)}
	}
	lines, second, note, err := cfg.bilingual.split(lines)
	if err != nil {
		return &subtitle.ParseError{File: in, Err: err}
	}
	if note != "" && !cfg.quiet {
		fmt.Fprintf(e.stderr, "%s: %s\n", displayName(in), note)
	}
	lang := cfg.lang
	if lang == "" {
		lang = timing.DetectLang(joinLines(lines))
	}
	lines, lang = cfg.zh.convertTranscript(lines, lang)
	p := timing.ProfileFor(lang)
	p.Lang = lang
	topt := timing.Options{
		Profile:   p,
		Rules:     cfg.bilingual.rules(cfg.rules(p), second != nil),
		Duration:  cfg.duration,
		Start:     cfg.start,
		CPS:       cfg.cps,
		Segmenter: cfg.segmenter,
	}
	var res *timing.Result
	if cfg.audio != nil {
		voices := append([]string{espeak.Voice(lang)}, espeak.Alternatives(lang)...)
		speakers, chosen, stop := speakAhead(lines, topt, cfg.audioName, cfg.audio.seconds, voices)
		defer stop()
		// (err is the function's own, not one of this block: an
		// alignment that fails must reach the check below it.)
		f, werr := cfg.audio.wait()
		if werr != nil {
			return werr
		}
		var ares *align.Result
		res, ares, err = align.Captions(lines, f, align.Options{Timing: topt, Reference: speakers[0], Alternatives: speakers[1:], Chosen: chosen})
		if err != nil {
			err = fmt.Errorf("timing to %s: %w", cfg.audioName, err)
		} else {
			e.snapShots(in, res, topt.Rules, lang, cfg)
			conf := ares.Confidence()
			unsure, fits := describeFits(res, ares.Fits)
			if cfg.json {
				report = newAlignReport(in, cfg.audioName, conf, voices[ares.Voice], ares, fits)
			}
			if conf < cfg.minConf {
				return fmt.Errorf("%s: timing to %s: confidence %.2f is under %.2f, so nothing was written (is it the right audio, and is every line spoken?)", displayName(in), cfg.audioName, conf, cfg.minConf)
			}
			if !cfg.quiet {
				if ares.BySound {
					fmt.Fprintf(e.stderr, "%s: warning: espeak-ng's %s voice does not model the voice in %s (voice fit %.3f, under %.3f): captions placed by where sound starts and stops\n",
						displayName(in), voices[ares.Voice], cfg.audioName, ares.VoiceFit, align.VoiceFloor)
				}
				for _, w := range unsure {
					fmt.Fprintf(e.stderr, "%s: warning: %s\n", displayName(in), w)
				}
			}
		}
	} else {
		res, err = timing.Estimate(lines, topt)
		if err == nil {
			e.snapShots(in, res, topt.Rules, lang, cfg)
		}
	}
	if err != nil {
		return fmt.Errorf("%s: %w", displayName(in), err)
	}
	doc := &subtitle.Document{Lang: lang}
	for _, c := range res.Captions {
		doc.Cues = append(doc.Cues, subtitle.Cue{Start: c.Start, End: c.End, Lines: subtitle.Text(c.Lines...)})
	}
	if second != nil {
		edit.AddTranslations(doc, res.Captions, lines, second, cfg.bilingual.below)
	}
	cfg.zh.punctuate(doc)
	if cfg.outDir {
		if err := os.MkdirAll(cfg.output, 0o755); err != nil {
			return err
		}
	}
	var outs []output
	for i, f := range cfg.formats {
		var buf bytes.Buffer
		if err := subtitle.Encode(&buf, doc, f, cfg.encode); err != nil {
			var pe *subtitle.ParseError
			if errors.As(subtitle.PlaceEncodeError(displayName(in), text, subtitle.Unknown, err), &pe) {
				return pe
			}
			return fmt.Errorf("%s: %w", displayName(in), err)
		}
		path := outputPath(in, f, cfg)
		if exists[i] {
			if err := checkOverwrite(in, path, cfg.force, false, "choose another -o"); err != nil {
				return err
			}
		}
		outs = append(outs, output{path: path, data: buf.Bytes(), fresh: !exists[i], was: was[i]})
	}
	if err := e.writeOutputs(outs); err != nil {
		return err
	}
	if report != nil {
		for i, f := range cfg.formats {
			enc, err := subtitle.OutputEncoding(f, cfg.encode)
			if err != nil {
				return fmt.Errorf("%s: --output-encoding: %w", outs[i].path, err)
			}
			report.Outputs = append(report.Outputs, writtenOutput{Output: outs[i].path, To: f.String(), OutEncoding: enc})
		}
	}
	if !cfg.quiet {
		ws := make([]string, len(res.Warnings))
		for i, w := range res.Warnings {
			ws[i] = w.String()
		}
		for _, w := range summarizeWarnings(ws, cfg.verbose, "--verbose lists them all") {
			fmt.Fprintf(e.stderr, "%s: warning: %s\n", displayName(in), w)
		}
	}
	return nil
}

// snapShots moves the captions near the shot changes of --video or
// --shots onto them, by the Netflix profile for the language; with
// --verbose it says what moved and what could not.
func (e *env) snapShots(in string, res *timing.Result, rules timing.Rules, lang string, cfg *genConfig) {
	if cfg.shots == nil {
		return
	}
	p := guide.ForLang(lang)
	pr := p.FixRules(0, p.Shots(cfg.shots.times, cfg.shots.rate))
	fr := timing.FixRules{Min: rules.Min, Max: rules.Max, Gap: rules.Gap, Shots: pr.Shots, ShotRules: pr.ShotRules}
	if !cfg.gapSet && pr.Gap > 0 {
		// The gap is the guide's frames at the video's rate: an end 2
		// frames before a cut then keeps it.
		fr.Gap = pr.Gap
	}
	changes, problems := timing.SnapCaptions(res.Captions, fr)
	if !cfg.verbose || cfg.quiet {
		return
	}
	for _, c := range changes {
		fmt.Fprintf(e.stderr, "%s: caption %d: %s: %s-%s -> %s-%s\n", displayName(in), c.Caption, c.What,
			timing.FormatDuration(c.OldStart), timing.FormatDuration(c.OldEnd), timing.FormatDuration(c.NewStart), timing.FormatDuration(c.NewEnd))
	}
	for _, p := range problems {
		fmt.Fprintf(e.stderr, "%s: caption %d (%s-%s): %s\n", displayName(in), p.Caption, timing.FormatDuration(p.Start), timing.FormatDuration(p.End), p.Message)
	}
}

// outputPath is where format f of input in goes.
func outputPath(in string, f subtitle.Format, cfg *genConfig) string {
	base := "stdin"
	dir := "."
	if in != "-" {
		base = strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
		dir = filepath.Dir(in)
	}
	switch {
	case cfg.output == "-":
		return "-"
	case cfg.outDir:
		return filepath.Join(cfg.output, base+f.Ext())
	case cfg.output != "":
		return cfg.output
	case in == "-":
		return "-"
	}
	return filepath.Join(dir, base+f.Ext())
}

// alignMemory is the soft memory limit when timing to audio.
const alignMemory = 300 << 20

// captionFit is one caption in the --json report.
type captionFit struct {
	Caption    int     `json:"caption"`
	Line       int     `json:"line"`
	Start      float64 `json:"start"`
	End        float64 `json:"end"`
	Confidence float64 `json:"confidence"`
	Text       string  `json:"text"`
}

// describeFits gives a warning for each caption placed with little
// confidence and every caption's place for --json.
func describeFits(res *timing.Result, fits []align.Fit) ([]string, []captionFit) {
	if len(fits) != len(res.Captions) {
		return nil, nil
	}
	var warn []string
	report := make([]captionFit, len(fits))
	for i, c := range res.Captions {
		f := fits[i]
		conf := math.Round(f.Confidence*100) / 100
		report[i] = captionFit{Caption: i + 1, Line: c.Line, Start: ms(c.Start), End: ms(c.End), Confidence: conf, Text: strings.Join(c.Lines, "\n")}
		if f.Confidence < align.UnsureBelow {
			warn = append(warn, fmt.Sprintf("caption %d (transcript line %d) at %s: unsure it is spoken there (confidence %.2f)",
				i+1, c.Line, timing.FormatDuration(c.Start), conf))
		}
	}
	return warn, report
}

// ms is d in seconds, to the millisecond.
func ms(d time.Duration) float64 { return math.Round(d.Seconds()*1000) / 1000 }

// alignReport is the placement's --json report: the confidence, the
// voice whose references were used, how well they model the recording
// (left out when not measured) and whether the captions were placed by
// sound alone for that reason, the contrast (whether the sounds follow
// the order of the words; left out when not measured), the factor the
// references' frequency scale was warped by to fit the speaker (when
// tried), every caption's place, and the outputs once written. Field
// names are stable.
type alignReport struct {
	Transcript string          `json:"transcript"`
	Audio      string          `json:"audio"`
	Confidence float64         `json:"confidence"`
	Voice      string          `json:"voice"`
	VoiceFit   *float64        `json:"voice_fit,omitempty"`
	BySound    bool            `json:"by_sound"`
	Contrast   *float64        `json:"contrast,omitempty"`
	Warp       float64         `json:"warp,omitempty"`
	Captions   []captionFit    `json:"captions"`
	Outputs    []writtenOutput `json:"outputs,omitempty"`
}

// writtenOutput is one file written, its fields named as in convert's
// --json report.
type writtenOutput struct {
	Output      string `json:"output"`
	To          string `json:"to"`
	OutEncoding string `json:"output_encoding,omitempty"`
}

func newAlignReport(in, audioName string, conf float64, voice string, ares *align.Result, captions []captionFit) *alignReport {
	var fit *float64
	if v := math.Round(ares.VoiceFit*1000) / 1000; !math.IsNaN(v) {
		fit = &v
	}
	var contrast *float64
	if v := math.Round(align.Contrast(ares.Fits)*1000) / 1000; !math.IsNaN(v) {
		contrast = &v
	}
	return &alignReport{Transcript: displayName(in), Audio: audioName, Confidence: math.Round(conf*100) / 100,
		Voice: voice, VoiceFit: fit, BySound: ares.BySound, Contrast: contrast, Warp: ares.Warp, Captions: captions}
}

// printJSONLine prints v as JSON on a line of standard output.
func (e *env) printJSONLine(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "%s\n", b)
	return err
}

// srtTiming is an SRT timing line: 00:00:01,000 --> 00:00:02,500.
var srtTiming = regexp.MustCompile(`(?m)^\s*\d+:\d{1,2}:\d{1,2}[,.]\d+\s*-->\s*\d+:\d{1,2}:\d{1,2}[,.]\d+`)

// captionFormat is the caption format a file given as a transcript is
// in, or Unknown for a transcript. subtitle.Detect takes any "-->" near
// the top for SRT; a transcript may say "A --> B", so SRT also needs a
// timing line.
func captionFormat(raw []byte) subtitle.Format {
	f := subtitle.Detect(raw)
	if f == subtitle.SRT {
		head := raw[:min(len(raw), 4096)]
		if text, _, err := subtitle.DecodeText("", head); err != nil || !srtTiming.MatchString(text) {
			return subtitle.Unknown
		}
	}
	return f
}
