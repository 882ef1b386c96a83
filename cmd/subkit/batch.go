package main

// The batch machinery convert, retime and fix share: inputs, output
// planning, workers, atomic writes and reports.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/subkit-dev/subkit/subtitle"
)

// batchFlags are the flags every batch command (convert, retime, sync,
// fix) shares. Their names follow docs/flags.md; hidden flags keep
// spellings that were documented before.
func batchFlags(toUsage, toDefault string) []cli.Flag {
	return append([]cli.Flag{
		&cli.StringFlag{Name: "to", Aliases: []string{"t"}, Usage: toUsage, DefaultText: toDefault},
		&cli.StringFlag{Name: "format", Hidden: true},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "output `FILE`, directory, or - for standard output"},
	}, append(inputFlags(),
		&cli.BoolFlag{Name: "force", Aliases: []string{"f"}, Usage: "replace existing output files", DisableDefaultText: true},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "`N` files at once", DefaultText: "the number of CPUs"},
		&cli.BoolFlag{Name: "json", Usage: "print one JSON object a file, then a summary, on standard output", DisableDefaultText: true},
		&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "say what each file was and became, and print every warning", DisableDefaultText: true},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "do not print warnings", DisableDefaultText: true},
		&cli.BoolFlag{Name: "bom", Usage: "start text outputs with a byte-order mark", DisableDefaultText: true},
		&cli.BoolFlag{Name: "crlf", Usage: "end lines with CR LF", DisableDefaultText: true},
		outputEncodingFlag("UTF-8; with --in-place, the input's"),
	)...)
}

// outputEncodingFlag is --output-encoding, for every command that writes
// captions.
func outputEncodingFlag(def string) cli.Flag {
	return &cli.StringFlag{Name: "output-encoding", Usage: "output text `ENCODING` (" + strings.Join(subtitle.OutputEncodings(), ", ") + "); WebVTT and TTML are UTF-8 only", DefaultText: def}
}

// readEncodeFlags reads --output-encoding, --bom and --crlf (those the
// command has) into EncodeOptions, checked against each output format
// known now (none: checked per file).
func readEncodeFlags(c *cli.Context, formats ...subtitle.Format) (subtitle.EncodeOptions, error) {
	o := subtitle.EncodeOptions{Encoding: c.String("output-encoding"), BOM: c.Bool("bom"), CRLF: c.Bool("crlf")}
	if err := subtitle.CheckEncodeOptions(subtitle.Unknown, o); err != nil {
		return o, usageError{fmt.Errorf("--output-encoding: %w", err)}
	}
	for _, f := range formats {
		if f == subtitle.Unknown {
			continue
		}
		if err := subtitle.CheckEncodeOptions(f, o); err != nil {
			return o, usageError{fmt.Errorf("--output-encoding: %w", err)}
		}
	}
	return o, nil
}

// fpsFlag is --fps for the commands whose only frame rate is their
// outputs': sync, merge, generate and align.
func fpsFlag() cli.Flag {
	return &cli.Float64Flag{Name: "fps", Usage: "frame rate `N` of FCPXML timelines and MicroDVD files written", DefaultText: "an FCPXML input's, else FCPXML 25, MicroDVD 23.976"}
}

// readFPS reads --fps as a frame rate; 0 when not given.
func readFPS(c *cli.Context) (float64, error) {
	fps := c.Float64("fps")
	if c.IsSet("fps") && !(fps > 0 && fps < 1000) {
		return 0, usagef("--fps must be a frame rate above 0 and under 1000")
	}
	return fps, nil
}

// inputFlags are the flags of every command that reads caption files:
// which files, in what format and encoding.
func inputFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "recursive", Aliases: []string{"r"}, Usage: "take the caption files in directories, recursively", DisableDefaultText: true},
		&cli.StringFlag{Name: "files-from", Usage: "read input paths from `FILE`, one a line (- for standard input)"},
		&cli.StringFlag{Name: "from", Usage: "input `FORMAT`, for standard input or files without a telling extension", DefaultText: "detected"},
		&cli.StringFlag{Name: "input-format", Hidden: true},
		&cli.StringFlag{Name: "encoding", Usage: "input text `ENCODING` (" + strings.Join(subtitle.Encodings(), ", ") + ")", DefaultText: "detected"},
	}
}

// readFormatFlags reads the input format and encoding inputFlags
// defines, checked: the zero values when not given.
func readFormatFlags(c *cli.Context) (from subtitle.Format, encoding string, err error) {
	if f := firstSet(c, "from", "input-format"); f != "" {
		if from, err = subtitle.ParseFormat(f); err != nil {
			return subtitle.Unknown, "", usageError{fmt.Errorf("--from: %w", err)}
		}
	}
	encoding = c.String("encoding")
	if encoding != "" {
		if _, err := subtitle.DecodeTextAs("", nil, encoding); errors.Is(err, subtitle.ErrEncoding) {
			return subtitle.Unknown, "", usageError{fmt.Errorf("--encoding: %w", err)}
		}
	}
	return from, encoding, nil
}

// readInputs reads the inputs inputFlags and the arguments name: at
// least one.
func (e *env) readInputs(c *cli.Context, name string) ([]input, error) {
	inputs, err := e.collectInputs(c.Args().Slice(), c.String("files-from"), c.Bool("recursive"))
	if err != nil {
		return nil, err
	}
	if len(inputs) == 0 {
		return nil, usagef("%s: no input given (files, directories with -r, - for standard input, or --files-from)", name)
	}
	return inputs, nil
}

// firstSet is the value of the first of the named string flags that was
// given: a flag and the hidden old spellings it replaced.
func firstSet(c *cli.Context, names ...string) string {
	for _, n := range names {
		if c.IsSet(n) {
			return c.String(n)
		}
	}
	return ""
}

// fileReport is what a batch command says about one file; with --json it
// is printed as one object a line. Field names are stable.
type fileReport struct {
	Input    string `json:"input"`
	Output   string `json:"output,omitempty"`
	From     string `json:"from,omitempty"`
	To       string `json:"to,omitempty"`
	Encoding string `json:"encoding,omitempty"`
	// OutEncoding is the output's text encoding, once it is written.
	OutEncoding string   `json:"output_encoding,omitempty"`
	Cues        int      `json:"cues"`
	Warnings    []string `json:"warnings"`
	Changes     []string `json:"changes,omitempty"`
	Error       string   `json:"error,omitempty"`
}

// summary closes a --json report.
type summary struct {
	Summary   bool    `json:"summary"`
	Files     int     `json:"files"`
	Converted int     `json:"converted"`
	Failed    int     `json:"failed"`
	Warnings  int     `json:"warnings"`
	Seconds   float64 `json:"seconds"`
}

// batchConfig is a batch command's flags, checked. A zero to keeps each
// input's format. transform, when set, changes each document before it is
// written and says what it changed and what it could not do. dryRun
// reports without writing.
type batchConfig struct {
	name      string // the command, for messages
	inPlace   bool   // the output may replace its input
	transform func(*subtitle.Document) (changes, warnings []string, err error)
	dryRun    bool
	to, from  subtitle.Format
	encoding  string
	fps       float64 // convert --fps: frame-based formats' frame rate
	language  string  // convert --language: the SAMI language to read
	output    string
	outDir    bool
	force     bool
	jobs      int
	json      bool
	verbose   bool
	quiet     bool
	encodeOpt subtitle.EncodeOptions
	// Which of --bom, --crlf and --output-encoding were given: with
	// --in-place, the others keep what the input had.
	setBOM, setCRLF, setEnc bool
	made                    sync.Map   // directories mkdirs has made or found
	largeGC                 *sync.Once // collects garbage sooner from the first large input on (runBatch)
}

// largeInput is the size from which an input is large: see runBatch.
const largeInput = 4 << 20

// mkdirs is os.MkdirAll for output directories, once per directory in a
// batch rather than once per file.
func (cfg *batchConfig) mkdirs(dir string) error {
	if _, ok := cfg.made.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	cfg.made.Store(dir, true)
	return nil
}

// batchSetup reads the shared batch flags and the inputs. keepFormat
// allows no -t: each output keeps its input's format.
func (e *env) batchSetup(c *cli.Context, name string, keepFormat bool) (*batchConfig, []input, error) {
	cfg := &batchConfig{
		name:    name,
		output:  c.String("output"),
		force:   c.Bool("force"),
		jobs:    c.Int("jobs"),
		json:    c.Bool("json"),
		verbose: c.Bool("verbose"),
		quiet:   c.Bool("quiet"),
		setBOM:  c.IsSet("bom"),
		setCRLF: c.IsSet("crlf"),
		setEnc:  c.IsSet("output-encoding"),
	}
	var err error
	if f := firstSet(c, "to", "format"); f != "" {
		if cfg.to, err = subtitle.ParseFormat(f); err != nil {
			return nil, nil, usageError{fmt.Errorf("--to: %w", err)}
		}
	}
	if o := cfg.output; cfg.to == subtitle.Unknown && o != "" && o != "-" && !isDirTarget(o) {
		cfg.to = subtitle.FormatFromPath(o)
	}
	if cfg.encodeOpt, err = readEncodeFlags(c, cfg.to); err != nil {
		return nil, nil, err
	}
	if cfg.from, cfg.encoding, err = readFormatFlags(c); err != nil {
		return nil, nil, err
	}
	if c.IsSet("jobs") && cfg.jobs < 1 {
		return nil, nil, usagef("--jobs must be at least 1")
	}
	if cfg.jobs == 0 {
		cfg.jobs = runtime.NumCPU()
	}
	inputs, err := e.readInputs(c, name)
	if err != nil {
		return nil, nil, err
	}
	// convert IN OUT, as cp is called: the last name is no file yet.
	if args := c.Args().Slice(); cfg.output == "" && len(args) >= 2 && name == "convert" {
		last := args[len(args)-1]
		if _, err := os.Stat(last); errors.Is(err, os.ErrNotExist) && isCaptionFile(last) {
			return nil, nil, usagef("%s: %s does not exist, and it was taken as an input; to write it, give it with -o: subkit %s -o %s %s",
				name, last, name, last, strings.Join(args[:len(args)-1], " "))
		}
	}
	if o := cfg.output; o != "" && o != "-" {
		cfg.outDir = isDirTarget(o)
		if !cfg.outDir && cfg.to == subtitle.Unknown {
			cfg.to = subtitle.FormatFromPath(o)
		}
		if !cfg.outDir && len(inputs) > 1 {
			return nil, nil, usagef("%s: -o %s names one file but there are %d inputs; name a directory", name, o, len(inputs))
		}
	}
	if cfg.to == subtitle.Unknown && !keepFormat {
		return nil, nil, usagef("%s: give the output format with -t (%s)", name, formatList())
	}
	if cfg.output == "-" && len(inputs) > 1 {
		return nil, nil, usagef("%s: -o - takes one input", name)
	}
	if cfg.json && batchOutput(inputs[0], cfg) == "-" {
		return nil, nil, usagef("%s: --json prints on standard output, so the captions cannot go there too; give -o", name)
	}
	return cfg, inputs, nil
}

// isDirTarget says whether -o names a directory: one that exists, or a
// path that does not exist yet and ends in a slash or has no caption
// extension. Anything else (an existing file, /dev/null) is a file.
func isDirTarget(o string) bool {
	if fi, err := os.Stat(o); err == nil {
		return fi.IsDir()
	}
	if strings.HasSuffix(o, "/") || strings.HasSuffix(o, string(os.PathSeparator)) {
		return true
	}
	return subtitle.FormatFromPath(o) == subtitle.Unknown
}

// batchOutput is where input in goes.
func batchOutput(in input, cfg *batchConfig) string {
	switch {
	case cfg.output == "-":
		return "-"
	case cfg.outDir:
		rel := strings.TrimSuffix(in.rel, filepath.Ext(in.rel))
		return filepath.Join(cfg.output, rel+outExt(in, cfg))
	case cfg.output != "":
		return cfg.output
	case in.path == "-":
		return "-"
	}
	return strings.TrimSuffix(in.path, filepath.Ext(in.path)) + outExt(in, cfg)
}

// outExt is the output's extension: the target format's, or the input's
// own when the format is kept.
func outExt(in input, cfg *batchConfig) string {
	if cfg.to == subtitle.Unknown {
		return filepath.Ext(in.path)
	}
	return cfg.to.Ext()
}

// runBatch converts the inputs with cfg.jobs workers and returns a
// report for each, in input order.
func (e *env) runBatch(inputs []input, cfg *batchConfig) []fileReport {
	// A large input is held whole and little else: collecting garbage at
	// half the live heap rather than all of it keeps the peak near 2.7
	// times its size, for no measurable time. Many small files are the
	// other way round: the live heap is a few megabytes, so at the
	// default the collector runs every few files, and letting the heap
	// grow to five times the live data cuts its share for some 10 MB
	// more. The first input over largeInput switches to the former, before
	// it is parsed (batchOne); its size comes from reading it, so no file
	// is looked at twice. GOGC, when set, wins.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(400))
		cfg.largeGC = new(sync.Once)
	}
	reports := make([]fileReport, len(inputs))
	// Outputs are decided up front, so that two inputs never write one file.
	claimed := map[string]int{}
	outs := make([]string, len(inputs))
	wd, _ := os.Getwd() // once: filepath.Abs asks for it on every call
	for i, in := range inputs {
		outs[i] = batchOutput(in, cfg)
		reports[i] = fileReport{Input: displayName(in.path), Output: outs[i], Warnings: []string{}}
		if cfg.to != subtitle.Unknown {
			reports[i].To = cfg.to.String()
		}
		if outs[i] == "-" {
			continue
		}
		key := outs[i]
		if !filepath.IsAbs(key) {
			key = filepath.Join(wd, key)
		}
		if j, ok := claimed[key]; ok {
			reports[i].Error = fmt.Sprintf("%s: output %s is also made from %s", displayName(in.path), outs[i], inputs[j].path)
			continue
		}
		claimed[key] = i
	}
	var bar *progressbar.ProgressBar
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) && !cfg.json && len(inputs) > 1 {
		bar = progressbar.NewOptions(len(inputs), progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("converting"),
			progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
	}
	var next atomic.Int64 // the next input a worker takes
	var wg sync.WaitGroup
	for w := 0; w < min(cfg.jobs, len(inputs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(inputs); i = int(next.Add(1) - 1) {
				if reports[i].Error == "" {
					e.batchOne(inputs[i], outs[i], cfg, &reports[i])
				}
				if bar != nil {
					bar.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if bar != nil {
		bar.Finish()
	}
	return reports
}

// choose ends the message refusing an output that is its input: what to
// do instead. Every batch command but convert has --in-place.
func (cfg *batchConfig) choose() string {
	if cfg.name == "convert" {
		return "choose another -o or -t"
	}
	return "choose another -o or -t, or give --in-place"
}

// stdoutMu keeps outputs to standard output whole.
var stdoutMu sync.Mutex

func (e *env) batchOne(in input, out string, cfg *batchConfig, r *fileReport) {
	fail := func(err error) { r.Error = err.Error() }
	exists, was := lookOutput(out)
	raw, err := e.readInput(in.path)
	if err != nil {
		fail(err)
		return
	}
	if len(raw) > largeInput && cfg.largeGC != nil {
		cfg.largeGC.Do(func() { debug.SetGCPercent(50) })
	}
	name := displayName(in.path)
	// raw is never changed after this, so the text may share it.
	text, info, err := subtitle.Prepare(name, raw, subtitle.ReadOptions{Format: cfg.from, Encoding: cfg.encoding, ShareInput: true})
	if info != nil {
		r.From = info.Format.String()
		r.Encoding = info.Encoding
		for _, w := range info.Warnings {
			r.Warnings = append(r.Warnings, w.String())
		}
	}
	if err != nil {
		fail(err)
		return
	}
	to := cfg.to
	if to == subtitle.Unknown {
		to = info.Format
		r.To = to.String()
	}
	// SRT to SRT or WebVTT, unchanged, into a file: streamed a piece at a
	// time, so a large file is never held whole as a document.
	stream := cfg.transform == nil && !cfg.dryRun && out != "-" && info.Format == subtitle.SRT &&
		(to == subtitle.SRT || to == subtitle.WebVTT)
	var doc *subtitle.Document
	if !stream {
		var ws []subtitle.Warning
		doc, ws, err = subtitle.ReadTextWith(name, text, info.Format, subtitle.ReadOptions{FPS: cfg.fps, Language: cfg.language})
		for _, w := range ws {
			r.Warnings = append(r.Warnings, w.String())
		}
		if err != nil {
			fail(err)
			return
		}
		if cfg.transform != nil {
			changes, ws, err := cfg.transform(doc)
			r.Changes = changes
			r.Warnings = append(r.Warnings, ws...)
			if err != nil {
				fail(fmt.Errorf("%s: %w", name, err))
				return
			}
		}
		r.Cues = len(doc.Cues)
		r.Warnings = append(r.Warnings, subtitle.Losses(doc, to)...)
		if cfg.dryRun {
			r.Output = ""
			return
		}
	}
	if exists {
		if err := checkOverwrite(in.path, out, cfg.force, cfg.inPlace, cfg.choose()); err != nil {
			fail(err)
			return
		}
	}
	// Check before writing, so that a document Encode refuses leaves no
	// file; then stream it into place.
	if doc != nil {
		if err := subtitle.Check(doc); err != nil {
			fail(fmt.Errorf("%s: %w", name, err))
			return
		}
	}
	if out != "-" && !exists {
		if err := cfg.mkdirs(filepath.Dir(out)); err != nil {
			fail(err)
			return
		}
	}
	eo, err := cfg.encodeOptions(info, to, r)
	if err != nil {
		fail(fmt.Errorf("%s: %w", name, err))
		return
	}
	outEnc, err := subtitle.OutputEncoding(to, eo)
	if err != nil {
		fail(fmt.Errorf("%s: --output-encoding: %w", name, err))
		return
	}
	write := func(w io.Writer) error { return subtitle.Encode(w, doc, to, eo) }
	if stream {
		write = func(w io.Writer) error {
			si, err := subtitle.StreamSRT(name, text, to, eo, w)
			if si != nil {
				r.Cues = si.Cues
				for _, wn := range si.Warnings {
					r.Warnings = append(r.Warnings, wn.String())
				}
				r.Warnings = append(r.Warnings, si.Losses...)
			}
			return err
		}
	}
	if out == "-" {
		stdoutMu.Lock()
		err = e.writeOutputs([]output{{path: out, write: write}})
		stdoutMu.Unlock()
	} else {
		err = e.writeOutputs([]output{{path: out, write: write, fresh: !exists, was: was}})
	}
	err = subtitle.PlaceEncodeError(name, text, info.Format, err)
	var pe *subtitle.ParseError
	switch {
	case errors.As(err, &pe):
		fail(pe) // it names the file and the place
	case err != nil:
		fail(fmt.Errorf("%s: %w", name, err))
	default:
		r.OutEncoding = outEnc
	}
}

// encodeOptions are the byte-level options one output is written with:
// the flags', and with --in-place, for what they leave open, the input's
// encoding, byte-order mark and line ends. An input encoding the output
// format cannot be written in (UTF-16 TTML) gives UTF-8, with a warning.
func (cfg *batchConfig) encodeOptions(info *subtitle.ReadInfo, to subtitle.Format, r *fileReport) (subtitle.EncodeOptions, error) {
	o := cfg.encodeOpt
	if cfg.inPlace {
		in := info.EncodeOptions()
		if !cfg.setEnc {
			o.Encoding = in.Encoding
		}
		if !cfg.setBOM {
			o.BOM = in.BOM
		}
		if !cfg.setCRLF {
			o.LineEnd = in.LineEnd
		}
		if !cfg.setEnc && subtitle.CheckEncodeOptions(to, o) != nil {
			r.Warnings = append(r.Warnings, fmt.Sprintf("written in UTF-8, not %s as read: %v files are UTF-8 only", in.Encoding, to))
			o.Encoding = ""
			if !cfg.setBOM {
				o.BOM = false
			}
		}
	}
	if err := subtitle.CheckEncodeOptions(to, o); err != nil {
		return o, fmt.Errorf("--output-encoding: %w", err)
	}
	return o, nil
}

// report prints the reports: warnings and errors on standard error (or
// JSON lines on standard output), and returns errReported if any failed.
func (e *env) report(reports []fileReport, asJSON, verbose, quiet bool, start time.Time) error {
	s := summary{Summary: true, Files: len(reports)}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	for _, r := range reports {
		s.Warnings += len(r.Warnings)
		if r.Error != "" {
			s.Failed++
		} else {
			s.Converted++
		}
		if asJSON {
			enc.Encode(r)
			continue
		}
		if r.Error != "" {
			fmt.Fprintf(e.stderr, "subkit: %s\n", r.Error)
			continue
		}
		if verbose {
			enc := r.Encoding
			if enc == "" {
				enc = "binary"
			}
			out := r.Output
			if out == "-" {
				out = "<stdout>"
			}
			fmt.Fprintf(e.stderr, "%s (%s, %s, %d cues) -> %s (%s)\n", r.Input, r.From, enc, r.Cues, out, r.To)
		}
		for _, c := range r.Changes {
			fmt.Fprintf(e.stderr, "%s: %s\n", r.Input, c)
		}
		if !quiet {
			for _, w := range summarizeWarnings(r.Warnings, verbose, "--verbose or --json lists them all") {
				fmt.Fprintf(e.stderr, "%s: warning: %s\n", r.Input, w)
			}
		}
	}
	if asJSON {
		s.Seconds = time.Since(start).Seconds()
		enc.Encode(s)
	}
	if s.Failed > 0 {
		return errReported
	}
	return nil
}
