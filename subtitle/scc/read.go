package scc

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textin"
)

// lastFor is how long a caption shows when the file never erases it.
const lastFor = 5 * time.Second

// style is a cell's look.
type style struct {
	color     int // 608 color code (see palette)
	italic    bool
	underline bool
}

type cell struct {
	r  rune
	st style
}

// screen is a caption memory: 15 rows of 32 cells (row 0 unused).
type screen [16][32]cell

func (s *screen) clear() { *s = screen{} }

type mode int

const (
	popOn mode = iota
	rollUp
	paintOn
	textMode
)

// decoder is a CEA-608 decoder for channel 1.
type decoder struct {
	shown, hidden screen
	mode          mode
	rows          int // roll-up rows
	row, col      int
	st            style
	lastCtl       [2]byte // the last control code, for skipping its double
	skipDouble    bool

	doc     *subtitle.Document
	ws      []subtitle.Warning
	open    bool // the last cue is still showing
	shownAt []subtitle.Line
	changed bool          // roll-up or paint-on changed the screen in this line
	changeT time.Duration // when
	warned  map[string]bool
	line    int
}

func (d *decoder) warn(msg string) {
	if !d.warned[msg] {
		d.warned[msg] = true
		d.ws = append(d.ws, subtitle.Warning{Line: d.line, Message: msg + " (first here)"})
	}
}

// target is the memory characters go to.
func (d *decoder) target() *screen {
	if d.mode == popOn {
		return &d.hidden
	}
	return &d.shown
}

func (d *decoder) put(r rune, t time.Duration) {
	if d.mode == textMode {
		return
	}
	if d.row < 1 || d.row > 15 {
		d.row = 15
	}
	d.target()[d.row][d.col] = cell{r: r, st: d.st}
	if d.col < 31 {
		d.col++
	}
	d.touch(t)
}

// touch notes a change to the shown memory in roll-up or paint-on mode.
func (d *decoder) touch(t time.Duration) {
	if d.mode != popOn && !d.changed {
		d.changed, d.changeT = true, t
	}
}

// word runs one byte pair at time t.
func (d *decoder) word(b1, b2 byte, t time.Duration) {
	if b1 < 0x10 || b1 > 0x1F {
		d.skipDouble = false
		for _, b := range []byte{b1, b2} {
			if b >= 0x20 {
				d.put(basic[b], t)
			}
		}
		return
	}
	// A control code: the second of a pair sent twice is skipped.
	if d.skipDouble && d.lastCtl == [2]byte{b1, b2} {
		d.skipDouble = false
		return
	}
	d.lastCtl, d.skipDouble = [2]byte{b1, b2}, true
	if b1&0x08 != 0 {
		d.warn("codes for caption channel 2 are ignored")
		return
	}
	c1 := b1 & 0xF7
	switch {
	case (c1 == 0x14 || c1 == 0x15) && b2 >= 0x20 && b2 <= 0x2F:
		d.misc(b2, t)
	case c1 == 0x17 && b2 >= 0x21 && b2 <= 0x23: // tab offsets
		d.col = min(d.col+int(b2-0x20), 31)
	case c1 == 0x11 && b2 >= 0x20 && b2 <= 0x2F: // mid-row code: a space in the new style
		if b2 >= 0x2E {
			d.st.italic = true
		} else {
			d.st = style{color: int(b2-0x20) >> 1}
		}
		d.st.underline = b2&1 == 1
		d.put(' ', t)
	case c1 == 0x11 && b2 >= 0x30 && b2 <= 0x3F:
		r := special[b2-0x30]
		if r == '\u00a0' {
			r = ' '
		}
		d.put(r, t)
	case (c1 == 0x12 || c1 == 0x13) && b2 >= 0x20 && b2 <= 0x3F: // replaces the fallback before it
		if d.col > 0 {
			d.col--
		}
		d.put(extended[c1-0x12][b2-0x20], t)
	case c1 == 0x10 && b2 >= 0x20 && b2 <= 0x2F, c1 == 0x17 && b2 >= 0x2D && b2 <= 0x2F:
		// background colors and transparency: not kept
	case b2 >= 0x40 && b2 <= 0x7F:
		d.pac(c1, b2)
	default:
		d.warn(fmt.Sprintf("unknown code %02x%02x ignored", b1, b2))
	}
}

// pacRows maps a PAC's first byte (channel bit cleared) to its two rows.
var pacRows = map[byte][2]int{0x11: {1, 2}, 0x12: {3, 4}, 0x15: {5, 6}, 0x16: {7, 8}, 0x17: {9, 10}, 0x10: {11, 0}, 0x13: {12, 13}, 0x14: {14, 15}}

func (d *decoder) pac(c1, b2 byte) {
	rows, ok := pacRows[c1]
	row := rows[0]
	if b2&0x20 != 0 {
		row = rows[1]
	}
	if !ok || row == 0 {
		d.warn(fmt.Sprintf("unknown code %02x%02x ignored", c1, b2))
		return
	}
	if d.mode == rollUp && row != d.row {
		// Roll-up moves its window to the new base row.
		var moved screen
		for i := 0; i < d.rows; i++ {
			if from, to := d.row-i, row-i; from >= 1 && to >= 1 {
				moved[to] = d.shown[from]
			}
		}
		d.shown = moved
	}
	d.row = row
	a := b2 & 0x1F
	d.st = style{underline: a&1 == 1}
	d.col = 0
	switch {
	case a >= 0x10:
		d.col = int(a&0x0E) >> 1 * 4
	case a>>1 == 7:
		d.st.italic = true
	default:
		d.st.color = int(a >> 1)
	}
}

func (d *decoder) misc(b2 byte, t time.Duration) {
	switch b2 {
	case 0x20: // RCL: resume caption loading (pop-on)
		d.mode = popOn
	case 0x21: // BS
		if d.col > 0 {
			d.col--
			d.target()[d.row][d.col] = cell{}
			d.touch(t)
		}
	case 0x24: // DER: delete to end of row
		for c := d.col; c < 32 && d.row >= 1 && d.row <= 15; c++ {
			d.target()[d.row][c] = cell{}
		}
		d.touch(t)
	case 0x25, 0x26, 0x27: // RU2, RU3, RU4
		if d.mode != rollUp {
			d.shown.clear()
			d.hidden.clear()
			d.show(t)
			d.row = 15
		}
		d.mode, d.rows, d.col = rollUp, int(b2-0x23), 0
	case 0x29: // RDC: resume direct captioning (paint-on)
		d.mode = paintOn
	case 0x2A, 0x2B: // TR, RTD: text service, not captions
		d.mode = textMode
	case 0x2C: // EDM
		d.shown.clear()
		d.show(t)
	case 0x2D: // CR
		if d.mode == rollUp {
			top := max(d.row-d.rows+1, 1)
			for r := top; r < d.row; r++ {
				d.shown[r] = d.shown[r+1]
			}
			if top > 1 {
				d.shown[top-1] = [32]cell{}
			}
			d.shown[d.row] = [32]cell{}
			d.col = 0
			// Shown with what the line types next, as other decoders do.
			d.touch(t)
		}
	case 0x2E: // ENM
		d.hidden.clear()
	case 0x2F: // EOC
		d.shown, d.hidden = d.hidden, d.shown
		d.mode = popOn
		d.show(t)
	}
}

// show makes the shown memory at t a caption: it ends the one showing
// and starts one with what is shown now, if anything.
func (d *decoder) show(t time.Duration) {
	d.changed = false
	lines, align := render(&d.shown)
	if d.open && sameLines(lines, d.shownAt) {
		return
	}
	if d.open {
		c := &d.doc.Cues[len(d.doc.Cues)-1]
		if t <= c.Start {
			d.doc.Cues = d.doc.Cues[:len(d.doc.Cues)-1] // replaced at once: never shown
		} else {
			c.End = t
		}
		d.open = false
	}
	if len(lines) > 0 {
		d.doc.Cues = append(d.doc.Cues, subtitle.Cue{Start: t, End: t + lastFor, Lines: lines, Align: align})
		d.open, d.shownAt = true, lines
	}
}

// render turns a memory into caption lines and a keypad placement.
func render(s *screen) ([]subtitle.Line, int) {
	var lines []subtitle.Line
	first, last, centre, n := 0, 0, 0.0, 0
	allLeft, allRight, someShort, someIndented := true, true, false, false
	for r := 1; r <= 15; r++ {
		lo, hi := -1, -1
		for c := 0; c < 32; c++ {
			if s[r][c].r != 0 && s[r][c].r != ' ' {
				if lo < 0 {
					lo = c
				}
				hi = c
			}
		}
		if lo < 0 {
			continue
		}
		var line subtitle.Line
		for c := lo; c <= hi; c++ {
			ch := s[r][c]
			if ch.r == 0 {
				ch.r = ' '
			}
			sp := subtitle.Span{Text: string(ch.r), Italic: ch.st.italic, Underline: ch.st.underline, Color: colorName(ch.st.color)}
			if k := len(line); k > 0 && (ch.r == ' ' || line[k-1].Italic == sp.Italic && line[k-1].Underline == sp.Underline && line[k-1].Color == sp.Color) {
				line[k-1].Text += sp.Text
				continue
			}
			line = append(line, sp)
		}
		lines = append(lines, line)
		if first == 0 {
			first = r
		}
		last = r
		centre += float64(lo+hi) / 2
		n++
		allLeft = allLeft && lo <= 1
		allRight = allRight && hi >= 30
		someShort = someShort || hi < 30
		someIndented = someIndented || lo > 1
	}
	if n == 0 {
		return nil, 0
	}
	row := 0 // bottom
	switch {
	case first <= 4 && last <= 8:
		row = 2
	case last <= 11 && first >= 5:
		row = 1
	}
	col := 1
	switch c := centre / float64(n); {
	case allLeft && someShort:
		col = 0
	case allRight && someIndented:
		col = 2
	case c < 12:
		col = 0
	case c > 19.5:
		col = 2
	}
	if a := row*3 + col + 1; a != 2 {
		return lines, a
	}
	return lines, 0
}

func read(name, text string) (*subtitle.Document, []subtitle.Warning, error) {
	d := &decoder{doc: &subtitle.Document{}, warned: map[string]bool{}}
	lines := textin.Lines(text)
	header := false
	var lastFrame int64 = -1
	for i, raw := range lines {
		d.line = i + 1
		l := strings.TrimSpace(raw)
		if l == "" {
			continue
		}
		if !header {
			if !strings.HasPrefix(l, "Scenarist_SCC") {
				return nil, nil, &subtitle.ParseError{File: name, Line: i + 1, Err: fmt.Errorf("%w: not an SCC file (no Scenarist_SCC V1.0 first line)", subtitle.ErrSyntax)}
			}
			header = true
			continue
		}
		tc, rest, _ := strings.Cut(strings.ReplaceAll(l, "\t", " "), " ")
		f, ok := parseTimecode(tc)
		if !ok {
			d.ws = append(d.ws, subtitle.Warning{Line: i + 1, Message: fmt.Sprintf("not an SCC line (HH:MM:SS;FF then hex words), skipped: %q", textin.Clip(l))})
			continue
		}
		if f < lastFrame {
			d.ws = append(d.ws, subtitle.Warning{Line: i + 1, Message: "timecode earlier than the line before; its codes are run at their own time"})
		}
		for k, w := range strings.Fields(rest) {
			v, err := strconv.ParseUint(w, 16, 16)
			if err != nil || len(w) != 4 {
				d.ws = append(d.ws, subtitle.Warning{Line: i + 1, Message: fmt.Sprintf("word %d, %q, is not four hex digits; the rest of the line is skipped", k+1, textin.Clip(w))})
				break
			}
			b1, b2 := byte(v>>8), byte(v)
			if !oddParity(b1) || !oddParity(b2) {
				d.warn("parity errors (the bytes are read without their parity bit)")
			}
			d.word(b1&0x7F, b2&0x7F, frameTime(f+int64(k)))
			lastFrame = f + int64(k) + 1
		}
		if d.changed {
			d.show(d.changeT)
		}
	}
	if !header {
		return nil, nil, &subtitle.ParseError{File: name, Line: 1, Err: fmt.Errorf("%w: empty SCC file", subtitle.ErrSyntax)}
	}
	if d.open {
		d.ws = append(d.ws, subtitle.Warning{Line: d.line, Message: fmt.Sprintf("the last caption is never erased; it shows for %v", lastFor)})
	}
	for i := range d.doc.Cues {
		d.doc.Cues[i].Lines = tidy(d.doc.Cues[i].Lines)
	}
	return d.doc, d.ws, nil
}

// tidy trims each line's edges, squeezes runs of spaces and drops spans
// left empty. Spaces stay
// with the span before them, where a mid-row code's gap reads.
func tidy(lines []subtitle.Line) []subtitle.Line {
	var out []subtitle.Line
	for _, l := range lines {
		// A mid-row code after a space shows as a second blank cell.
		for i := range l {
			for strings.Contains(l[i].Text, "  ") {
				l[i].Text = strings.ReplaceAll(l[i].Text, "  ", " ")
			}
		}
		l[0].Text = strings.TrimLeft(l[0].Text, " ")
		l[len(l)-1].Text = strings.TrimRight(l[len(l)-1].Text, " ")
		var kept subtitle.Line
		for _, sp := range l {
			if sp.Text != "" {
				kept = append(kept, sp)
			}
		}
		if len(kept) > 0 {
			out = append(out, kept)
		}
	}
	return out
}

// sameLines compares lines by what the decoder sets.
func sameLines(a, b []subtitle.Line) bool {
	return slices.EqualFunc(a, b, func(x, y subtitle.Line) bool {
		return slices.EqualFunc(x, y, func(p, q subtitle.Span) bool {
			return p.Text == q.Text && p.Italic == q.Italic && p.Underline == q.Underline && p.Color == q.Color
		})
	})
}
