package stl

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/csscolor"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

func init() {
	subtitle.Register(subtitle.Spec{
		Format:  subtitle.STL,
		Aliases: []string{"ebu-stl"},
		Ext:     ".stl",
		// Spruce STL, a text format, uses .stl too: such files are
		// detected by content.
		WeakExts: []string{".stl"},
		Binary:   true,
		Sniff:    sniff,
		Read:     read,
		Write:    write,
		Carries: subtitle.Carries{Italic: true, Underline: true, Align: true, RubyAsText: true, Replaces: replaced,
			SomeColors: palette.Has,
			NearColors: palette.Near("colors other than teletext's eight (written as the nearest)")},
	})
}

const (
	gsiSize = 1024
	ttiSize = 128
	tfSize  = 112 // a TTI block's text field
)

// Text field codes (EBU Tech 3264, section 5 and appendix 3).
const (
	codeItalicOn     = 0x80
	codeItalicOff    = 0x81
	codeUnderlineOn  = 0x82
	codeUnderlineOff = 0x83
	codeNewline      = 0x8A
	codeUnused       = 0x8F
)

// sniff knows EBU STL by its General Subtitle Information block: 1024
// bytes at least, with the disk format code ("STL25.01", "STL30.01") at
// byte 3.
func sniff(b []byte, _ string) subtitle.Match {
	if len(b) >= gsiSize && bytes.HasPrefix(b[3:], []byte("STL")) {
		return subtitle.Sure
	}
	return subtitle.NoMatch
}

// frameRates are the disk format codes and their frame rates.
var frameRates = map[string]int{"STL23.01": 24, "STL24.01": 24, "STL25.01": 25, "STL30.01": 30, "STL50.01": 50}

// languages are the GSI's language codes (Tech 3264 appendix 4) subkit
// names, by BCP 47 tag.
var languages = map[string]string{
	"sq": "01", "br": "02", "ca": "03", "hr": "04", "cy": "05", "cs": "06", "da": "07", "de": "08",
	"en": "09", "es": "0A", "eo": "0B", "et": "0C", "eu": "0D", "fo": "0E", "fr": "0F", "fy": "10",
	"ga": "11", "gd": "12", "gl": "13", "is": "14", "it": "15", "se": "16", "la": "17", "lv": "18",
	"lb": "19", "lt": "1A", "hu": "1B", "mt": "1C", "nl": "1D", "no": "1E", "oc": "1F", "pl": "20",
	"pt": "21", "ro": "22", "rm": "23", "sr": "24", "sk": "25", "sl": "26", "fi": "27", "sv": "28",
	"tr": "29", "wa": "2B", "ar": "7E", "zh": "75", "el": "70", "he": "6C", "hi": "6B", "ja": "69",
	"ko": "65", "ru": "56", "uk": "49", "vi": "46", "bg": "77", "mk": "63", "fa": "5A",
}

// palette is the teletext alpha colour codes 0x00-0x07: black, red,
// green (CSS lime), yellow, blue, magenta, cyan, white.
var palette = csscolor.MustPalette("black", "red", "lime", "yellow", "blue", "magenta", "cyan", "white")

// colourName is the span colour the reader gives a colour code: white,
// the colour a row starts in, is no colour.
func colourName(code byte) string {
	if code == 7 {
		return ""
	}
	return palette[code].Name
}

// colourCode is the colour code the writer writes for a CSS colour: the
// one it is, else the nearest; white for no colour and for one it cannot
// write (transparent, or no colour at all).
func colourCode(c string) byte { return byte(palette.Index(c, 7)) }

// read reads an EBU STL file: the GSI block, then the TTI blocks. A
// subtitle's text may run over several TTI blocks (extension blocks,
// EBN 0, 1, ... then 0xFF); user data blocks (EBN 0xF0-0xFE) and comments
// are skipped. Text is read whatever the display standard: between
// start-box codes or not. Each control code takes a cell on the screen, so
// between two words it is a space; rows are separated by 0x8A. The
// subtitles of a cumulative set (CS 01 first, 02 intermediate, 03 last)
// are shown as teletext shows them, each added below the ones before it
// (see accumulate).
func read(name, text string) (*subtitle.Document, []subtitle.Warning, error) {
	b := []byte(text)
	fail := func(format string, a ...any) (*subtitle.Document, []subtitle.Warning, error) {
		return nil, nil, &subtitle.ParseError{File: name, Err: fmt.Errorf("%w: "+format, append([]any{subtitle.ErrSyntax}, a...)...)}
	}
	if len(b) < gsiSize || !bytes.HasPrefix(b[3:], []byte("STL")) {
		return fail("not an EBU STL file (no GSI block with a disk format code)")
	}
	gsi := b[:gsiSize]
	var ws []subtitle.Warning
	dfc := string(gsi[3:11])
	fps, ok := frameRates[dfc]
	if !ok {
		fps = 25
		ws = append(ws, subtitle.Warning{Message: fmt.Sprintf("unknown disk format code %q: read as 25 frames a second", dfc)})
	}
	cct := string(gsi[12:14])
	if cct != "00" && tables[cct] == nil {
		ws = append(ws, subtitle.Warning{Message: fmt.Sprintf("unknown character code table %q: read as Latin (00)", cct)})
		cct = "00"
	}
	teletext := gsi[11] == '1' || gsi[11] == '2'
	rows := 23
	if !teletext {
		if n, err := strconv.Atoi(strings.TrimSpace(string(gsi[253:255]))); err == nil && n > 0 && n <= 99 {
			rows = n
		}
	}
	d := &subtitle.Document{Title: strings.TrimSpace(string(gsi[16:48]))}
	lc := strings.ToUpper(string(gsi[14:16]))
	for tag, code := range languages {
		if code == lc {
			d.Lang = tag
		}
	}
	// Times count from the start of the programme (TCP), when given.
	var start time.Duration
	if gsi[255] == '1' {
		if t, ok := gsiTimecode(string(gsi[256:264]), fps); ok {
			start = t
		}
	}

	blocks := b[gsiSize:]
	if n := len(blocks) % ttiSize; n != 0 {
		ws = append(ws, subtitle.Warning{Message: fmt.Sprintf("%d bytes after the last whole TTI block ignored", n)})
		blocks = blocks[:len(blocks)-n]
	}
	var tf []byte
	open := false
	var set []member // the cumulative set being read
	endSet := func(why string) {
		if len(set) == 0 {
			return
		}
		if why != "" {
			ws = append(ws, subtitle.Warning{Message: fmt.Sprintf("cumulative set from subtitle %d %s: read as ended there", set[0].sn, why)})
		}
		cues, dropped := accumulate(set, rows)
		d.Cues = append(d.Cues, cues...)
		for _, m := range dropped {
			ws = append(ws, subtitle.Warning{Message: fmt.Sprintf("subtitle %d of a cumulative set skipped: it is shown no time (%v to %v)", m.sn, m.start, m.end)})
		}
		set = set[:0]
	}
	for i := 0; i+ttiSize <= len(blocks); i += ttiSize {
		tti := blocks[i : i+ttiSize]
		ebn, comment := tti[3], tti[15] == 1
		if ebn >= 0xF0 && ebn <= 0xFE || comment {
			continue
		}
		if !open {
			tf = tf[:0]
		}
		text := tti[16:]
		for len(text) > 0 && text[len(text)-1] == codeUnused {
			text = text[:len(text)-1]
		}
		tf = append(tf, text...)
		if ebn != 0xFF {
			open = true
			continue
		}
		open = false
		block := i/ttiSize + 1
		sn := int(tti[1]) | int(tti[2])<<8
		tci, ok1 := ttiTimecode(tti[5:9], fps)
		tco, ok2 := ttiTimecode(tti[9:13], fps)
		if !ok1 || !ok2 {
			ws = append(ws, subtitle.Warning{Message: fmt.Sprintf("TTI block %d (subtitle %d) skipped: a time code out of range", block, sn)})
			continue
		}
		c := subtitle.Cue{Start: tci - start, End: tco - start}
		if c.Start < 0 || c.End < c.Start {
			ws = append(ws, subtitle.Warning{Message: fmt.Sprintf("TTI block %d (subtitle %d) skipped: times %v to %v before the programme start or backwards",
				block, sn, tci, tco)})
			continue
		}
		c.Lines = textLines(tf, cct, teletext)
		switch cs := tti[4]; cs {
		case 1, 2, 3:
			if cs == 1 {
				endSet("has no last subtitle (CS 03) before the next set")
			} else if len(set) == 0 {
				ws = append(ws, subtitle.Warning{Message: fmt.Sprintf("subtitle %d continues a cumulative set (CS %02d) that no first subtitle (CS 01) began: read as its first", sn, cs)})
			}
			set = append(set, member{sn: sn, start: c.Start, end: c.End, lines: c.Lines, vp: tti[13], jc: tti[14]})
			if cs == 3 {
				endSet("")
			}
			continue
		}
		endSet(fmt.Sprintf("has no last subtitle (CS 03) before subtitle %d", sn))
		c.Align = placement(tti[13], tti[14], len(c.Lines), rows)
		d.Cues = append(d.Cues, c)
	}
	endSet("has no last subtitle (CS 03)")
	if open {
		ws = append(ws, subtitle.Warning{Message: "the last subtitle's extension blocks have no final block (EBN 0xFF): skipped"})
	}
	return d, ws, nil
}

// member is a subtitle of a cumulative set.
type member struct {
	sn         int
	start, end time.Duration
	lines      []subtitle.Line
	vp, jc     byte
}

// accumulate makes the cues of a cumulative set. EBU Tech 3264 gives each
// subtitle of the set its own time code in, and shows it added to those
// of the set already on screen; each leaves at its own time code out
// (usually one for the whole set). A cue is made for each stretch of time
// in which the same subtitles show, their rows in file order, placed as
// the first of them (as ttconv reads a set: one paragraph, a span for each
// subtitle, timed on its own). A subtitle shown no time (in = out) is
// returned in dropped.
func accumulate(set []member, rows int) (cues []subtitle.Cue, dropped []member) {
	var cuts []time.Duration
	for _, m := range set {
		if m.end <= m.start {
			dropped = append(dropped, m)
			continue
		}
		cuts = append(cuts, m.start, m.end)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var on, prev []int
	for k := 0; k+1 < len(cuts); k++ {
		a, b := cuts[k], cuts[k+1]
		on = on[:0]
		for i, m := range set {
			if m.start <= a && b <= m.end {
				on = append(on, i)
			}
		}
		if len(on) == 0 {
			prev = prev[:0]
			continue
		}
		if n := len(cues); n > 0 && cues[n-1].End == a && slices.Equal(on, prev) {
			cues[n-1].End = b
			continue
		}
		c := subtitle.Cue{Start: a, End: b}
		for _, i := range on {
			for _, l := range set[i].lines {
				c.Lines = append(c.Lines, slices.Clone(l))
			}
		}
		c.Align = placement(set[on[0]].vp, set[on[0]].jc, len(c.Lines), rows)
		cues = append(cues, c)
		prev = append(prev[:0], on...)
	}
	return cues, dropped
}

// gsiTimecode reads HHMMSSFF.
func gsiTimecode(s string, fps int) (time.Duration, bool) {
	if len(s) != 8 {
		return 0, false
	}
	var v [4]byte
	for i := range v {
		n, err := strconv.Atoi(s[2*i : 2*i+2])
		if err != nil || n < 0 {
			return 0, false
		}
		v[i] = byte(n)
	}
	return ttiTimecode(v[:], fps)
}

// ttiTimecode reads four bytes: hours, minutes, seconds, frames.
func ttiTimecode(b []byte, fps int) (time.Duration, bool) {
	h, m, s, f := b[0], b[1], b[2], b[3]
	if m > 59 || s > 59 || int(f) >= fps {
		return 0, false
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second +
		time.Duration(f)*time.Second/time.Duration(fps), true
}

// placement is a keypad alignment from a TTI's vertical position and
// justification, for a subtitle of n rows out of rows: the top third of
// the screen is the top, a subtitle ending above the bottom third the
// middle, the rest the bottom.
func placement(vp, jc byte, n, rows int) int {
	row := 0
	switch {
	case vp > 0 && int(vp) <= rows/3:
		row = 2
	case vp > 0 && int(vp)+max(n, 1)-1 <= rows*2/3:
		row = 1
	}
	col := 1
	switch jc {
	case 1:
		col = 0
	case 3:
		col = 2
	}
	if a := row*3 + col + 1; a != 2 {
		return a
	}
	return 0
}

// textLines reads a text field into lines of spans. Control codes set
// colour, italics and underline; each takes a cell, so one between two
// characters is a space. Runs of spaces are one, and rows are trimmed.
// Teletext rows each start with the default style; open subtitles keep
// the style across rows.
func textLines(tf []byte, cct string, teletext bool) []subtitle.Line {
	var lines []subtitle.Line
	var line subtitle.Line
	var run strings.Builder
	var st subtitle.Span
	space := false // a space is due before the next character
	flush := func() {
		if run.Len() > 0 {
			sp := st
			sp.Text = run.String()
			line = append(line, sp)
			run.Reset()
		}
	}
	endLine := func() {
		flush()
		if len(line) > 0 {
			lines = append(lines, line)
		}
		line = nil
		space = false
		if teletext {
			st = subtitle.Span{} // a teletext row starts white, upright
		}
	}
	for i := 0; i < len(tf); {
		c := tf[i]
		switch {
		case c == codeNewline:
			endLine()
			i++
			continue
		case c == ' ' || c < 0x20 || c >= 0x80 && c <= 0x9F:
			// A space or a control code: one cell, so a space
			// between characters.
			next := st
			switch {
			case c <= 0x07:
				next.Color = colourName(c)
			case c == codeItalicOn:
				next.Italic = true
			case c == codeItalicOff:
				next.Italic = false
			case c == codeUnderlineOn:
				next.Underline = true
			case c == codeUnderlineOff:
				next.Underline = false
			}
			if next.Italic != st.Italic || next.Underline != st.Underline || next.Color != st.Color {
				flush()
				st = next
			}
			if len(line) > 0 || run.Len() > 0 {
				space = true
			}
			i++
			continue
		}
		if space {
			// The space goes with the plainer side of a style change.
			k := len(line) - 1
			switch {
			case run.Len() == 0 && k >= 0 && !line[k].Italic && !line[k].Underline:
				line[k].Text += " "
			case run.Len() == 0 && k >= 0 && (st.Italic || st.Underline):
				line = append(line, subtitle.Span{Text: " ", Color: st.Color})
			default:
				run.WriteByte(' ')
			}
			space = false
		}
		s, n := decodeChar(cct, tf[i:])
		run.WriteString(s)
		i += n
	}
	endLine()
	for k, l := range lines {
		l[len(l)-1].Text = strings.TrimRightFunc(l[len(l)-1].Text, unicode.IsSpace)
		lines[k] = l
	}
	return lines
}

// write writes EBU STL: a GSI block for 25 frames a second, open
// subtitles (display standard 0), the character table that holds every
// character (Latin first, then Cyrillic, Arabic, Greek, Hebrew), and one
// subtitle a cue, in as many TTI blocks as its text needs. Rows are
// separated by 0x8A; italics, underline and the eight teletext colours are
// written as their codes; the placement as vertical position (top, middle
// or bottom of 23 rows) and justification.
//
// A cue with a character no table holds (Chinese, Japanese, Korean,
// emoji) is an error naming the cue and the character, never a file with
// other characters in its place.
func write(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
	const fps = 25
	cues := make([][]subtitle.Line, len(d.Cues))
	for i, c := range d.Cues {
		cues[i] = textout.Lines(c.Lines)
	}
	cct, err := pickTable(cues)
	if err != nil {
		return err
	}
	var body []byte
	blocks, maxRow := 0, 0
	for i, c := range d.Cues {
		tf, rowLen := textField(cues[i], cct)
		maxRow = max(maxRow, rowLen)
		vp, jc := position(textout.Placement(c), len(cues[i]))
		// The text in pieces of 112 bytes, one TTI block each.
		for n := 0; n == 0 || len(tf) > 0; n++ {
			piece := tf[:min(len(tf), tfSize)]
			tf = tf[len(piece):]
			ebn := byte(n)
			if len(tf) == 0 {
				ebn = 0xFF
			}
			sn := i + 1
			tti := []byte{1, byte(sn), byte(sn >> 8), ebn, 0}
			tti = appendTimecode(tti, c.Start, fps)
			tti = appendTimecode(tti, c.End, fps)
			tti = append(tti, vp, jc, 0)
			tti = append(tti, piece...)
			for len(tti) < ttiSize {
				tti = append(tti, codeUnused)
			}
			body = append(body, tti...)
			blocks++
			if n >= 0xEF {
				return fmt.Errorf("cue %d: too much text for one EBU STL subtitle", i+1)
			}
		}
	}
	gsi := gsiBlock(d, cct, blocks, len(d.Cues), maxRow, fps)
	if _, err := w.Write(gsi); err != nil {
		return err
	}
	_, err = w.Write(body)
	return err
}

// ErrCharset is the error of a document with text no EBU STL character
// code table holds.
var ErrCharset = errors.New("EBU STL cannot hold the text (its tables are Latin, Cyrillic, Arabic, Greek and Hebrew)")

// pickTable returns the first character code table that holds every
// character of the cues, or an error naming each cue with a character the
// Latin table lacks (and none other holds all of).
func pickTable(cues [][]subtitle.Line) (string, error) {
	for _, cct := range []string{"00", "01", "02", "03", "04"} {
		if len(unencodable(cues, cct, 1)) == 0 {
			return cct, nil
		}
	}
	const most = 20
	bad := unencodable(cues, "00", most+1)
	msg := strings.Join(bad[:min(len(bad), most)], "\n")
	if len(bad) > most {
		msg += "\n(and more cues)"
	}
	return "", fmt.Errorf("%w:\n%s", ErrCharset, msg)
}

// unencodable describes the first character table cct lacks in each cue,
// for at most limit cues.
func unencodable(cues [][]subtitle.Line, cct string, limit int) []string {
	var bad []string
	var scratch []byte
	for i, lines := range cues {
	cue:
		for _, l := range lines {
			for _, sp := range l {
				for _, r := range textout.WithRuby(sp) {
					var ok bool
					scratch, ok = encodeRune(scratch[:0], cct, r)
					if !ok && r != '\t' {
						bad = append(bad, fmt.Sprintf("cue %d: %q (U+%04X) has no place in EBU STL's character tables", i+1, r, r))
						if len(bad) >= limit {
							return bad
						}
						break cue
					}
				}
			}
		}
	}
	return bad
}

// textField writes a cue's lines as a text field, and returns it with the
// length of its longest row in characters.
func textField(lines []subtitle.Line, cct string) ([]byte, int) {
	var tf []byte
	longest := 0
	for k, l := range lines {
		if k > 0 {
			tf = append(tf, codeNewline)
		}
		italic, underline, colour := false, false, byte(7)
		n := 0
		for _, sp := range l {
			var codes []byte
			if sp.Italic != italic {
				codes = append(codes, onOff(sp.Italic, codeItalicOn, codeItalicOff))
				italic = sp.Italic
			}
			if sp.Underline != underline {
				codes = append(codes, onOff(sp.Underline, codeUnderlineOn, codeUnderlineOff))
				underline = sp.Underline
			}
			if c := colourCode(sp.Color); c != colour {
				codes = append(codes, c)
				colour = c
			}
			text := textout.WithRuby(sp)
			if len(codes) == 1 {
				// A code takes a cell, shown as a space: it stands in for
				// a space beside it.
				if k := len(tf) - 1; k >= 0 && tf[k] == ' ' {
					tf = tf[:k]
				} else if strings.HasPrefix(text, " ") {
					text = text[1:]
				}
			}
			tf = append(tf, codes...)
			for _, r := range text {
				if r == '\t' {
					r = ' '
				}
				tf, _ = encodeRune(tf, cct, r)
				n++
			}
		}
		if italic {
			tf = append(tf, codeItalicOff)
		}
		if underline {
			tf = append(tf, codeUnderlineOff)
		}
		if colour != 7 {
			tf = append(tf, 7)
		}
		longest = max(longest, n)
	}
	return tf, longest
}

func onOff(on bool, yes, no byte) byte {
	if on {
		return yes
	}
	return no
}

// position is the TTI vertical position and justification for a keypad
// placement of a cue of n rows, on 23 rows.
func position(a, n int) (vp, jc byte) {
	if a < 1 || a > 9 {
		a = 2
	}
	switch (a - 1) / 3 {
	case 2: // top
		vp = 1
	case 1: // middle
		vp = byte(max(1, 12-n/2))
	default:
		vp = byte(max(1, 23-max(n, 1)+1))
	}
	jc = byte((a-1)%3 + 1)
	return vp, jc
}

// appendTimecode appends t as hours, minutes, seconds and frames.
func appendTimecode(b []byte, t time.Duration, fps int) []byte {
	frames := (int64(t/time.Millisecond)*int64(fps) + 500) / 1000
	f := frames % int64(fps)
	s := frames / int64(fps)
	return append(b, byte(min(s/3600, 255)), byte(s/60%60), byte(s%60), byte(f))
}

// gsiBlock writes the General Subtitle Information block.
func gsiBlock(d *subtitle.Document, cct string, blocks, subs, maxRow, fps int) []byte {
	g := bytes.Repeat([]byte{' '}, gsiSize)
	put := func(at, width int, s string) {
		if len(s) > width {
			s = s[:width]
		}
		copy(g[at:at+width], s)
	}
	put(0, 3, "850")
	put(3, 8, "STL25.01")
	put(11, 1, "0") // open subtitles
	put(12, 2, cct)
	lang := strings.ToLower(d.Lang)
	lang, _, _ = strings.Cut(lang, "-")
	lc := languages[lang]
	if lc == "" {
		lc = "00"
	}
	put(14, 2, lc)
	// The title, in the GSI's code page (850): ASCII only, to be safe.
	title := strings.Map(func(r rune) rune {
		if r >= 0x20 && r <= 0x7E {
			return r
		}
		return -1
	}, d.Title)
	put(16, 32, title)
	put(80, 32, title)
	date := time.Now().UTC().Format("060102")
	put(224, 6, date)
	put(230, 6, date)
	put(236, 2, "00")
	put(238, 5, fmt.Sprintf("%05d", min(blocks, 99999)))
	put(243, 5, fmt.Sprintf("%05d", min(subs, 99999)))
	put(248, 3, "001")
	put(251, 2, fmt.Sprintf("%02d", min(max(maxRow, 1), 99)))
	put(253, 2, "23")
	put(255, 1, "1")
	put(256, 8, "00000000")
	first := "00000000"
	if len(d.Cues) > 0 {
		tc := appendTimecode(nil, d.Cues[0].Start, fps)
		first = fmt.Sprintf("%02d%02d%02d%02d", tc[0], tc[1], tc[2], tc[3])
	}
	put(264, 8, first)
	put(272, 1, "1")
	put(273, 1, "1")
	return g
}
