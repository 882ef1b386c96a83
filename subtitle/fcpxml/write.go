package fcpxml

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/csscolor"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

// write is the registered writer: FCPXML 1.8.
func write(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
	return WriteVersion(w, d, o, DefaultVersion)
}

// WriteVersion writes d as FCPXML of the given version (one of Versions)
// at the frame rate o.FPS, else d.FPS (an FCPXML input's), else 25. A
// frame rate Final Cut has no timeline for is an error.
func WriteVersion(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions, version string) error {
	if !slices.Contains(Versions, version) {
		return fmt.Errorf("fcpxml: cannot write version %q (writes %s)", version, strings.Join(Versions, ", "))
	}
	fps := o.FPS
	if fps == 0 {
		fps = d.FPS
	}
	r, err := rateOf(fps)
	if err != nil {
		return err
	}
	e := textout.New(w, o)
	writeDoc(e, d, r, version)
	return e.Flush()
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// esc escapes s for XML text or an attribute, dropping the characters XML
// cannot carry.
func esc(s string) string {
	return xmlEscaper.Replace(strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF {
			return r
		}
		return -1
	}, s))
}

// placed is a cue on the timeline: its first frame and length in frames,
// and its lane.
type placed struct {
	start, length int64
	lane          int
}

// layout puts each cue on frames and lanes: lane 1 unless it overlaps a
// caption before it there, then the first lane free at its start.
func layout(cues []subtitle.Cue, r rate) (out []placed, total int64) {
	var laneEnd []int64 // the frame each lane is free from
	for _, c := range cues {
		s := r.frameAt(c.Start)
		n := r.frameAt(c.End) - s
		if n < 1 {
			n = 1
		}
		lane := 0
		for lane < len(laneEnd) && laneEnd[lane] > s {
			lane++
		}
		if lane == len(laneEnd) {
			laneEnd = append(laneEnd, 0)
		}
		laneEnd[lane] = s + n
		out = append(out, placed{s, n, lane + 1})
		total = max(total, s+n)
	}
	return out, max(total, 1)
}

// Lang is the language the captions' role names: the document's, or one
// guessed from its script when it has none (zh, ja, ko), else en.
func Lang(d *subtitle.Document) string {
	if d.Lang != "" {
		return d.Lang
	}
	var han, kana, hangul int
	for _, c := range d.Cues {
		for _, l := range c.Lines {
			for _, s := range l {
				for _, ch := range s.Text {
					switch {
					case unicode.Is(unicode.Hiragana, ch) || unicode.Is(unicode.Katakana, ch):
						kana++
					case unicode.Is(unicode.Hangul, ch):
						hangul++
					case unicode.Is(unicode.Han, ch):
						han++
					}
				}
			}
		}
	}
	switch {
	case kana > 0:
		return "ja"
	case hangul > 0:
		return "ko"
	case han > 0:
		return "zh"
	}
	return "en"
}

// style is what a text-style-def says besides Final Cut's caption defaults.
type style struct {
	italic, bold, underline bool
	color                   string // Final Cut's "r g b a"; "" white
	align                   string // "", "left" or "right"
}

func writeDoc(e *textout.Encoder, d *subtitle.Document, r rate, version string) {
	name := d.Title
	if name == "" {
		name = "Captions"
	}
	role := "iTT?captionFormat=ITT." + Lang(d)
	ps, total := layout(d.Cues, r)
	e.Line(`<?xml version="1.0" encoding="UTF-8"?>`)
	e.Line(`<!DOCTYPE fcpxml>`)
	e.Line(`<fcpxml version="` + version + `">`)
	e.Line(`  <resources>`)
	e.Line(`    <format id="r1" name="FFVideoFormat1080p` + r.name + `" frameDuration="` + r.frameDuration() + `" width="1920" height="1080"/>`)
	e.Line(`  </resources>`)
	e.Line(`  <event name="` + esc(name) + `">`)
	e.Line(`    <project name="` + esc(name) + `">`)
	e.Line(`      <sequence format="r1" duration="` + r.frames(total) + `" tcStart="0s" tcFormat="NDF" audioLayout="stereo" audioRate="48k">`)
	e.Line(`        <spine>`)
	e.Line(`          <gap name="Gap" offset="0s" start="0s" duration="` + r.frames(total) + `">`)
	ts := 0
	for i, c := range d.Cues {
		p := ps[i]
		lines := textout.Lines(c.Lines)
		e.Line(`            <caption lane="` + strconv.Itoa(p.lane) + `" offset="` + r.frames(p.start) + `" duration="` + r.frames(p.length) +
			`" name="` + esc(captionName(lines)) + `" role="` + esc(role) + `">`)
		placement, align := "bottom", ""
		switch a := textout.Placement(c); {
		case a >= 7 && a <= 9:
			placement = "top"
		}
		switch a := textout.Placement(c); a {
		case 1, 4, 7:
			align = "left"
		case 3, 6, 9:
			align = "right"
		}
		// One text-style-def a style the caption's spans use, in order.
		var defs []style
		ref := func(s style) string {
			k := slices.Index(defs, s)
			if k < 0 {
				defs = append(defs, s)
				k = len(defs) - 1
			}
			return "ts" + strconv.Itoa(ts+k+1)
		}
		b := append(e.Buf[:0], `              <text placement="`...)
		b = append(b, placement...)
		b = append(b, `">`...)
		if len(lines) == 0 {
			ref(style{align: align})
		}
		for j, l := range lines {
			for k, s := range l {
				st := style{italic: s.Italic, bold: s.Bold, underline: s.Underline, align: align}
				if v, err := csscolor.Parse(s.Color); err == nil {
					st.color = fcpColor(v)
				}
				text := s.Text
				if j > 0 && k == 0 {
					text = "\n" + text
				}
				b = append(b, `<text-style ref="`...)
				b = append(b, ref(st)...)
				b = append(b, `">`...)
				b = append(b, esc(text)...)
				b = append(b, `</text-style>`...)
			}
		}
		b = append(b, `</text>`...)
		e.Buf = b
		e.LineBytes(b)
		for k, s := range defs {
			line := `              <text-style-def id="ts` + strconv.Itoa(ts+k+1) + `"><text-style font=".AppleSystemUIFont" fontSize="13" fontFace="Regular" fontColor="`
			if s.color != "" {
				line += s.color
			} else {
				line += "1 1 1 1"
			}
			line += `" backgroundColor="0 0 0 1"`
			if s.bold {
				line += ` bold="1"`
			}
			if s.italic {
				line += ` italic="1"`
			}
			if s.underline {
				line += ` underline="1"`
			}
			if s.align != "" {
				line += ` alignment="` + s.align + `"`
			}
			e.Line(line + `/></text-style-def>`)
		}
		ts += len(defs)
		e.Line(`            </caption>`)
	}
	e.Line(`          </gap>`)
	e.Line(`        </spine>`)
	e.Line(`      </sequence>`)
	e.Line(`    </project>`)
	e.Line(`  </event>`)
	e.Line(`</fcpxml>`)
}

// captionName names a caption in Final Cut's timeline as Final Cut does:
// its text, lines joined by a space, cut at 64 characters.
func captionName(lines []subtitle.Line) string {
	var sb strings.Builder
	for i, l := range lines {
		if i > 0 {
			sb.WriteByte(' ')
		}
		for _, s := range l {
			sb.WriteString(s.Text)
		}
	}
	name := []rune(sb.String())
	if len(name) > 64 {
		return string(name[:63]) + "…"
	}
	return string(name)
}
