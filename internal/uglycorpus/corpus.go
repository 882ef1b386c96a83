// Package uglycorpus writes a deterministic set of nasty caption files for
// robustness tests, each with what a reader should make of it.
//
// Write lays the files out in a folder and returns them with their
// expectations: whether the file should read (Expect OK), read with a
// warning (Warn) or be refused (Error); how many cues it holds, in which
// encoding, and some text and times that must survive. The expectations say
// what SHOULD happen, not what the readers of the day do: a case the current
// readers get wrong carries a KnownFailure reason, and tests skip it with
// that reason until a reader fixes it (then the field goes).
//
// The corpus covers line endings (CRLF, CR only), byte-order marks, UTF-16
// and the legacy encodings DecodeText guesses (GB18030, Big5, Shift_JIS,
// Windows-1251), truncated files, binary junk, empty files, an over-long
// line, text after a blank line inside an SRT cue, "-->" in cue text, and
// WebVTT, TTML, ASS and SSA files with the features real files have. With
// Options.Huge it adds a 1,000,000-cue SRT file of about 72 MB.
//
// The tests in this package run subtitle.Decode on the corpus and on the
// public conformance suites in ../shared/conformance; the huge file only
// with SUBKIT_LONG=1 (see internal/longtest).
package uglycorpus

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Expect is what reading a file should end in.
type Expect string

const (
	OK    Expect = "ok"    // reads, with no warning
	Warn  Expect = "warn"  // reads, with at least one warning
	Error Expect = "error" // refused with an error naming the file
)

// Timing is a cue's start and end.
type Timing struct {
	Start, End time.Duration
}

// File is one file of the corpus and what reading it should give.
type File struct {
	Name string // base name, with the extension that names its format
	Path string // where Write put it
	Note string // what is ugly about it

	Expect Expect
	// Cues is the number of cues when Expect is OK or Warn.
	Cues int
	// Encoding, when set, is the encoding detection should report, as
	// subtitle.DecodeText names it ("UTF-8 BOM", "GB18030", ...).
	Encoding string
	// Err, when set, names the sentinel an Error file's error should wrap:
	// "empty", "binary", "encoding" or "syntax" (subtitle.ErrEmpty, ...).
	Err string
	// Texts must each appear in some cue's plain text (its lines joined
	// with "\n").
	Texts []string
	// Times, when set, are the cue timings that must come out, in any order.
	Times []Timing
	// KnownFailure, when set, says how today's readers miss this
	// expectation; tests skip the case with this reason.
	KnownFailure string
}

// Options choose optional parts of the corpus.
type Options struct {
	// Huge adds srt-1m-cues.srt: 1,000,000 cues, about 72 MB.
	Huge bool
}

// HugeCues is the cue count of the huge file.
const HugeCues = 1_000_000

// Write writes the corpus into dir, which must exist, and returns its
// files in a fixed order. The same Options give the same bytes every time.
func Write(dir string, o Options) ([]File, error) {
	var files []File
	for _, c := range cases() {
		c.f.Path = filepath.Join(dir, c.f.Name)
		if err := os.WriteFile(c.f.Path, c.data, 0o644); err != nil {
			return nil, err
		}
		files = append(files, c.f)
	}
	if o.Huge {
		f := File{Name: "srt-1m-cues.srt", Note: "1,000,000 cues, about 72 MB, hours past 99 never reached",
			Expect: OK, Cues: HugeCues, Encoding: "UTF-8",
			Texts: []string{"Cue 1000000 of a very long file", "第999999句"}}
		f.Path = filepath.Join(dir, f.Name)
		if err := writeHuge(f.Path); err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

type testCase struct {
	f    File
	data []byte
}

func sec(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// srtCues builds an SRT file: cue i runs from 2i+1 s to 2i+2.5 s.
func srtCues(nl string, texts ...[]string) string {
	var b strings.Builder
	for i, lines := range texts {
		if i > 0 {
			b.WriteString(nl)
		}
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteString(nl)
		b.WriteString(srtTime(sec(float64(2*i+1))) + " --> " + srtTime(sec(float64(2*i)+2.5)))
		b.WriteString(nl)
		for _, l := range lines {
			b.WriteString(l)
			b.WriteString(nl)
		}
	}
	return b.String()
}

func srtTimes(n int) []Timing {
	t := make([]Timing, n)
	for i := range t {
		t[i] = Timing{sec(float64(2*i + 1)), sec(float64(2*i) + 2.5)}
	}
	return t
}

func srtTime(d time.Duration) string {
	ms := d.Milliseconds()
	return fmt.Sprintf("%02d:%02d:%02d,%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

func lines(ls ...string) [][]string {
	out := make([][]string, len(ls))
	for i, l := range ls {
		out[i] = strings.Split(l, "\n")
	}
	return out
}

// Texts for the encodings, enough of each for detection to be sure.
var (
	english = lines(
		"What are you talking about?",
		"We have to go.\nDon't worry, everything will be fine.",
		"- Where were you last night?\n- I don't know.",
	)
	mixedUTF8 = lines(
		"你在说什么？\nWhat are you talking about?",
		"我们得走了。\nWe have to go.",
		"别担心，一切都会好起来的。",
		"你昨晚去哪儿了？\nWhere were you last night?",
		"我需要你的帮助。",
		"对不起，我迟到了。\nSorry, I'm late.",
	)
	simplified = lines(
		"你在说什么？",
		"我们得走了。\n别担心，一切都会好起来的。",
		"你昨晚去哪儿了？",
		"我需要你的帮助。",
		"对不起，我迟到了。",
		"我们明天早上出发。\n这件事没那么简单。",
	)
	traditional = lines(
		"你在說什麼？",
		"我們得走了。\n別擔心，一切都會好起來的。",
		"你昨晚去哪兒了？",
		"我需要你的幫助。",
		"對不起，我遲到了。",
		"我們明天早上出發。\n這件事沒那麼簡單。",
	)
	japaneseText = lines(
		"何を言っているの？",
		"もう行かなければならない。\n心配しないで、すべてうまくいくよ。",
		"昨夜はどこにいたの？",
		"あなたの助けが必要です。",
		"遅れてごめんなさい。",
		"明日の朝に出発します。\nそれはそんなに簡単じゃない。",
	)
	russian = lines(
		"О чём ты говоришь?",
		"Нам пора идти.\nНе волнуйся, всё будет хорошо.",
		"Где ты был прошлой ночью?",
		"Мне нужна твоя помощь.",
		"Извини, я опоздал.",
		"Мы выезжаем завтра утром.\nВсё не так просто.",
	)
)

func encode(e encoding.Encoding, s string) []byte {
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err) // the texts above are all encodable
	}
	return b
}

func utf16Bytes(s string, bigEndian bool) []byte {
	var b []byte
	if bigEndian {
		b = []byte{0xFE, 0xFF}
	} else {
		b = []byte{0xFF, 0xFE}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b = binary.BigEndian.AppendUint16(b, u)
		} else {
			b = binary.LittleEndian.AppendUint16(b, u)
		}
	}
	return b
}

func cases() []testCase {
	var cs []testCase
	add := func(f File, data []byte) { cs = append(cs, testCase{f, data}) }
	bom := "\uFEFF"

	// Line ends and byte-order marks.
	add(File{Name: "srt-lf.srt", Note: "plain UTF-8, LF: the baseline",
		Expect: OK, Cues: 3, Encoding: "UTF-8", Times: srtTimes(3), Texts: []string{"- Where were you last night?\n- I don't know."}},
		[]byte(srtCues("\n", english...)))
	add(File{Name: "srt-crlf.srt", Note: "CRLF line ends",
		Expect: OK, Cues: 3, Encoding: "UTF-8", Times: srtTimes(3), Texts: []string{"We have to go.\nDon't worry, everything will be fine."}},
		[]byte(srtCues("\r\n", english...)))
	add(File{Name: "srt-cr.srt", Note: "CR-only line ends (classic Mac)",
		Expect: OK, Cues: 3, Encoding: "UTF-8", Times: srtTimes(3), Texts: []string{"We have to go.\nDon't worry, everything will be fine."}},
		[]byte(srtCues("\r", english...)))
	add(File{Name: "srt-bom.srt", Note: "UTF-8 byte-order mark, CRLF",
		Expect: OK, Cues: 6, Encoding: "UTF-8 BOM", Times: srtTimes(6), Texts: []string{"你在说什么？\nWhat are you talking about?"}},
		[]byte(bom+srtCues("\r\n", mixedUTF8...)))
	add(File{Name: "srt-no-final-newline.srt", Note: "the last line has no line end",
		Expect: OK, Cues: 3, Encoding: "UTF-8", Times: srtTimes(3), Texts: []string{"- I don't know."}},
		[]byte(strings.TrimRight(srtCues("\n", english...), "\n")))
	add(File{Name: "srt-dot-millis.srt", Note: "dots before the milliseconds, as many tools write them",
		Expect: OK, Cues: 3, Encoding: "UTF-8", Times: srtTimes(3)},
		[]byte(strings.ReplaceAll(srtCues("\n", english...), ",", ".")))

	// UTF-16 and legacy encodings.
	add(File{Name: "srt-utf16le-bom.srt", Note: "UTF-16LE with BOM, CRLF",
		Expect: OK, Cues: 6, Encoding: "UTF-16LE", Times: srtTimes(6), Texts: []string{"对不起，我迟到了。\nSorry, I'm late."}},
		utf16Bytes(srtCues("\r\n", mixedUTF8...), false))
	add(File{Name: "srt-utf16be-bom.srt", Note: "UTF-16BE with BOM",
		Expect: OK, Cues: 6, Encoding: "UTF-16BE", Times: srtTimes(6), Texts: []string{"对不起，我迟到了。\nSorry, I'm late."}},
		utf16Bytes(srtCues("\n", mixedUTF8...), true))
	add(File{Name: "srt-gb18030.srt", Note: "Simplified Chinese in GB18030, CRLF",
		Expect: OK, Cues: 6, Encoding: "GB18030", Times: srtTimes(6), Texts: []string{"别担心，一切都会好起来的。"}},
		encode(simplifiedchinese.GB18030, srtCues("\r\n", simplified...)))
	add(File{Name: "srt-big5.srt", Note: "Traditional Chinese in Big5, CRLF",
		Expect: OK, Cues: 6, Encoding: "Big5", Times: srtTimes(6), Texts: []string{"別擔心，一切都會好起來的。"}},
		encode(traditionalchinese.Big5, srtCues("\r\n", traditional...)))
	add(File{Name: "srt-shiftjis.srt", Note: "Japanese in Shift_JIS, CRLF",
		Expect: OK, Cues: 6, Encoding: "Shift_JIS", Times: srtTimes(6), Texts: []string{"心配しないで、すべてうまくいくよ。"}},
		encode(japanese.ShiftJIS, srtCues("\r\n", japaneseText...)))
	add(File{Name: "srt-windows1251.srt", Note: "Russian in Windows-1251, CRLF",
		Expect: OK, Cues: 6, Encoding: "Windows-1251", Times: srtTimes(6), Texts: []string{"Не волнуйся, всё будет хорошо."}},
		encode(charmap.Windows1251, srtCues("\r\n", russian...)))

	// Truncated files. mixedUTF8 ends with "Sorry, I'm late.\n".
	full := srtCues("\n", mixedUTF8...)
	midText := full[:strings.LastIndex(full, "I'm late.")+len("I'm")]
	add(File{Name: "trunc-mid-cue.srt", Note: "cut inside the last cue's text: a short last line, nothing to tell",
		Expect: OK, Cues: 6, Encoding: "UTF-8", Times: srtTimes(6), Texts: []string{"对不起，我迟到了。\nSorry, I'm"}},
		[]byte(midText))
	lastTiming := strings.LastIndex(full, srtTime(sec(11)))
	add(File{Name: "trunc-mid-timestamp.srt", Note: "cut inside the last cue's timing line: five whole cues, a warning for the broken one",
		Expect: Warn, Cues: 5, Encoding: "UTF-8", Times: srtTimes(5)},
		[]byte(full[:lastTiming+len("00:00:1")]))
	lastChar := strings.LastIndex(full, "迟到了。")
	add(File{Name: "trunc-mid-char.srt", Note: "cut inside a three-byte character: invalid UTF-8 at the end, read as U+FFFD with a warning naming the line",
		Expect: Warn, Cues: 6, Encoding: "UTF-8", Times: srtTimes(6), Texts: []string{"对不起，我\uFFFD\uFFFD"}},
		[]byte(full[:lastChar+2]))

	// Junk.
	rng := rand.New(rand.NewPCG(20240601, 1))
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(rng.Uint32())
	}
	add(File{Name: "junk-random.srt", Note: "4 KiB of random bytes named .srt", Expect: Error}, junk)
	add(File{Name: "junk-png.srt", Note: "a PNG image named .srt", Expect: Error, Err: "binary"}, pngBytes())
	add(File{Name: "junk-zip.vtt", Note: "a zip archive (of an SRT file) named .vtt", Expect: Error, Err: "binary"},
		zipBytes("inside.srt", []byte(srtCues("\n", english...))))
	add(File{Name: "empty.srt", Note: "no bytes at all", Expect: Error, Err: "empty"}, nil)
	add(File{Name: "bom-only.srt", Note: "a UTF-8 byte-order mark and nothing else", Expect: Error, Err: "empty"}, []byte(bom))

	// Structure.
	long := strings.Repeat("长行 long line ", 70<<10/len("长行 long line ")+1)
	add(File{Name: "srt-long-line.srt", Note: "a text line of over 64 KiB, then more cues",
		Expect: OK, Cues: 4, Encoding: "UTF-8", Times: srtTimes(4), Texts: []string{long[:len(long)-1], "After the long line"}},
		[]byte(srtCues("\n", []string{"Before the long line"}, []string{long[:len(long)-1]}, []string{"After the long line"}, []string{"The end"})))
	add(File{Name: "srt-blank-in-cue.srt", Note: "text after a blank line inside a cue: it belongs to the cue (no number and timing follow); the blank line, which SRT cannot write, is a warning",
		Expect: Warn, Cues: 3, Encoding: "UTF-8", Times: srtTimes(3), Texts: []string{"First line", "Text after a blank line", "More after two blank lines", "Third cue"}},
		[]byte("1\n00:00:01,000 --> 00:00:02,500\nFirst line\n\nText after a blank line\n\n"+
			"2\n00:00:03,000 --> 00:00:04,500\nSecond cue\n\n\nMore after two blank lines\n\n"+
			"3\n00:00:05,000 --> 00:00:06,500\nThird cue\n"))
	add(File{Name: "srt-arrow-in-text.srt", Note: `"-->" inside cue text that is not a timing line`,
		Expect: OK, Cues: 3, Encoding: "UTF-8", Times: srtTimes(3), Texts: []string{"Turn left --> then right", "<-- back", "a-->b"}},
		[]byte(srtCues("\n", []string{"Turn left --> then right"}, []string{"<-- back", "a-->b"}, []string{"The end"})))

	// Other formats.
	add(File{Name: "vtt-features.vtt", Note: "WebVTT with header text, STYLE, REGION, NOTE blocks, cue ids, settings, voice and class spans, entities",
		Expect: OK, Cues: 4, Encoding: "UTF-8",
		Times: []Timing{{sec(1), sec(2.5)}, {sec(3), sec(4)}, {sec(5), sec(6)}, {sec(7), sec(8.25)}},
		Texts: []string{"Hello, world!", "Numeric id, two lines\nsecond line", "No id, short timestamps", "Unicode id & entities <3"}},
		[]byte(vttFeatures))
	add(File{Name: "ttml-nested.ttml", Note: "TTML: nested divs with their own begin, nested spans, dur instead of end, tick times, <br/>",
		Expect: OK, Cues: 4, Encoding: "UTF-8",
		Times: []Timing{{sec(11), sec(12)}, {sec(13), sec(14.5)}, {sec(5), sec(6)}, {sec(20), sec(21)}},
		Texts: []string{"Nested div and spans", "Duration instead of end", "Ticks: 5 s to 6 s", "Two\nlines"}},
		[]byte(ttmlNested))
	add(File{Name: "ass-basic.ass", Note: "ASS: commas in text, a Comment line, override tags, \\N; \\pos has no place in other formats: a warning",
		Expect: Warn, Cues: 3, Encoding: "UTF-8",
		Times: []Timing{{sec(1), sec(2.5)}, {sec(3), sec(4)}, {sec(5), sec(6.25)}},
		Texts: []string{"Hello, world, with commas", "Italic and\nsecond line", "中文字幕"}},
		[]byte(assBasic))
	add(File{Name: "ssa-basic.ssa", Note: "SSA v4.00: Marked= field, CRLF",
		Expect: OK, Cues: 2, Encoding: "UTF-8",
		Times: []Timing{{sec(1), sec(2)}, {sec(3), sec(4.5)}},
		Texts: []string{"First, SSA line", "Second line"}},
		[]byte(strings.ReplaceAll(ssaBasic, "\n", "\r\n")))

	for i := range cs {
		cs[i].f.KnownFailure = knownFailures[cs[i].f.Name]
	}
	return cs
}

// knownFailures are the cases today's readers get
// wrong, by file name, with how. Delete an entry when a reader fixes it.
var knownFailures = map[string]string{}

const vttFeatures = `WEBVTT - ugly but valid
Kind: captions
Language: en

STYLE
::cue(.loud) {
  color: red;
}

REGION
id:bottom
width:40%
lines:3
regionanchor:0%,100%
viewportanchor:10%,90%
scroll:up

NOTE A one-line note

NOTE
A note over
two lines

intro
00:00:01.000 --> 00:00:02.500 region:bottom align:start
<v Alice>Hello, <c.loud>world</c>!</v>

2
00:00:03.000 --> 00:00:04.000 line:0 position:20%
Numeric id, two lines
second line

00:05.000 --> 00:06.000
No id, short timestamps

NOTE between cues

chapter-1 →
00:00:07.000 --> 00:00:08.250
Unicode id &amp; entities &lt;3
`

const ttmlNested = `<?xml version="1.0" encoding="UTF-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling"
    xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:tickRate="10000000" xml:lang="en">
  <head>
    <styling>
      <style xml:id="s1" tts:color="white"/>
    </styling>
    <layout>
      <region xml:id="r1" tts:origin="10% 80%" tts:extent="80% 20%"/>
    </layout>
  </head>
  <body region="r1" style="s1">
    <div>
      <div begin="10s">
        <p begin="1s" end="2s">Nested <span tts:fontStyle="italic">div <span tts:fontWeight="bold">and spans</span></span></p>
        <p begin="3s" dur="1.5s">Duration instead of end</p>
      </div>
      <p begin="50000000t" end="60000000t">Ticks: 5 s to 6 s</p>
      <p begin="00:00:20.000" end="00:00:21.000">Two<br/>lines</p>
    </div>
  </body>
</tt>
`

const assBasic = `[Script Info]
; A comment line
Title: Ugly ASS
ScriptType: v4.00+
PlayResX: 1920
PlayResY: 1080
WrapStyle: 0

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,48,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,0,2,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:01.00,0:00:02.50,Default,,0,0,0,,Hello, world, with commas
Comment: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,A comment line, not a cue
Dialogue: 0,0:00:03.00,0:00:04.00,Default,Bob,0,0,0,,{\i1}Italic{\i0} and\Nsecond line
Dialogue: 0,0:00:05.00,0:00:06.25,Default,,0,0,0,,{\pos(960,540)}中文字幕
`

const ssaBasic = `[Script Info]
Title: Ugly SSA
ScriptType: v4.00

[V4 Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, TertiaryColour, BackColour, Bold, Italic, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, AlphaLevel, Encoding
Style: Default,Arial,20,16777215,65535,65535,-2147483640,-1,0,1,2,0,2,30,30,10,0,0

[Events]
Format: Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: Marked=0,0:00:01.00,0:00:02.00,Default,,0000,0000,0000,,First, SSA line
Dialogue: Marked=0,0:00:03.00,0:00:04.50,Default,,0000,0000,0000,,Second line
`

// pngBytes is a valid 1x1 grey PNG.
func pngBytes() []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
		start := len(b)
		b = append(b, typ...)
		b = append(b, data...)
		b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start:]))
	}
	chunk("IHDR", []byte{0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0})
	// zlib stream of the one scanline (filter 0, grey 0x80), stored.
	chunk("IDAT", []byte{0x78, 0x01, 0x01, 0x02, 0x00, 0xFD, 0xFF, 0x00, 0x80, 0x00, 0x82, 0x00, 0x81})
	chunk("IEND", nil)
	return b
}

// zipBytes is a zip archive holding one file, with a fixed time.
func zipBytes(name string, data []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate,
		Modified: time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)})
	if err == nil {
		_, err = w.Write(data)
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		panic(err) // writing to memory does not fail
	}
	return buf.Bytes()
}

// writeHuge writes HugeCues cues, 0.3 s apart (the last ends near 83 h),
// alternating English and Chinese text.
func writeHuge(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var b []byte
	for i := 1; i <= HugeCues; i++ {
		start := time.Duration(i) * 300 * time.Millisecond
		b = strconv.AppendInt(b[:0], int64(i), 10)
		b = append(b, '\n')
		b = append(b, srtTime(start)...)
		b = append(b, " --> "...)
		b = append(b, srtTime(start+250*time.Millisecond)...)
		b = append(b, '\n')
		if i%2 == 0 {
			b = append(b, "Cue "...)
			b = strconv.AppendInt(b, int64(i), 10)
			b = append(b, " of a very long file\n"...)
		} else {
			b = append(b, "第"...)
			b = strconv.AppendInt(b, int64(i), 10)
			b = append(b, "句，一个很长的文件\n"...)
		}
		b = append(b, '\n')
		w.Write(b)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
