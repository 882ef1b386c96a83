package scc

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

// The limits of a pop-on caption the writer makes.
const (
	maxRows    = 4
	maxColumns = 32
)

// ErrCannotCarry is what a caption SCC cannot carry is refused with.
var ErrCannotCarry = errors.New("SCC cannot carry this caption")

// Misc control codes (channel 1, before parity).
const (
	rcl = 0x1420 // resume caption loading
	edm = 0x142C // erase displayed memory
	enm = 0x142E // erase non-displayed memory
	eoc = 0x142F // end of caption: show the loaded caption
)

// pacBase is the first PAC byte pair for each row, attributes zero.
var pacBase = [16][2]byte{{}, {0x11, 0x40}, {0x11, 0x60}, {0x12, 0x40}, {0x12, 0x60}, {0x15, 0x40}, {0x15, 0x60}, {0x16, 0x40}, {0x16, 0x60}, {0x17, 0x40}, {0x17, 0x60}, {0x10, 0x40}, {0x13, 0x40}, {0x13, 0x60}, {0x14, 0x40}, {0x14, 0x60}}

// words builds a line of byte pairs: control codes sent twice, text bytes
// packed two a word.
type words struct {
	w       []uint16
	pending int // a text byte waiting for its pair, or -1
}

func (ws *words) ctl(c uint16) {
	ws.flush()
	ws.w = append(ws.w, c, c)
}

func (ws *words) text(b byte) {
	if ws.pending < 0 {
		ws.pending = int(b)
		return
	}
	ws.w = append(ws.w, uint16(ws.pending)<<8|uint16(b))
	ws.pending = -1
}

func (ws *words) flush() {
	if ws.pending >= 0 {
		ws.w = append(ws.w, uint16(ws.pending)<<8) // padded with a null
		ws.pending = -1
	}
}

// wcell is a cell of a row as the writer lays it out.
type wcell struct {
	r      rune
	st     style
	midrow bool // a mid-row code setting st, shown as a space
}

// layout turns a caption into rows of cells, or says why it cannot.
func layout(c subtitle.Cue) ([][]wcell, error) {
	lines := textout.Lines(c.Lines)
	if len(lines) > maxRows {
		return nil, fmt.Errorf("%d rows (608 pop-on captions have %d at most)", len(lines), maxRows)
	}
	var rows [][]wcell
	for i, l := range lines {
		var cells []wcell
		cur := style{}
		for _, sp := range l {
			st := style{color: colorCode(sp.Color), italic: sp.Italic, underline: sp.Underline}
			for _, r := range sp.Text {
				if r == '\t' || r == '\u00a0' {
					r = ' '
				}
				if _, ok := encoding[r]; !ok {
					return nil, fmt.Errorf("line %d: %q is not in the 608 character set", i+1, r)
				}
				if st != cur {
					// A mid-row code sets a color or italics, and shows as
					// a space; italics keep the color before them, so a
					// color change into italics takes two codes.
					codes := []wcell{{r: ' ', st: st, midrow: true}}
					if st.italic && st.color != cur.color {
						codes = []wcell{{r: ' ', st: style{color: st.color, underline: st.underline}, midrow: true}, codes[0]}
					}
					cur = st
					if n := len(cells); r != ' ' && n > 0 && cells[n-1].r == ' ' && !cells[n-1].midrow {
						cells = cells[:n-1]
					}
					cells = append(cells, codes...)
					if r == ' ' {
						continue
					}
				}
				cells = append(cells, wcell{r: r, st: cur})
			}
		}
		if len(cells) > maxColumns {
			return nil, fmt.Errorf("line %d is %d columns (608 has %d)", i+1, len(cells), maxColumns)
		}
		rows = append(rows, cells)
	}
	return rows, nil
}

// load returns the words that load a caption into the hidden memory.
func load(c subtitle.Cue, rows [][]wcell) []uint16 {
	ws := &words{pending: -1}
	ws.ctl(rcl)
	ws.ctl(enm)
	a := textout.Placement(c)
	if a < 1 || a > 9 {
		a = 2
	}
	first := 15 - len(rows) + 1 // bottom
	switch (a - 1) / 3 {
	case 1:
		first = 8 - (len(rows)-1)/2
	case 2:
		first = 1
	}
	for i, cells := range rows {
		row := first + i
		col := (maxColumns - len(cells)) / 2
		switch (a - 1) % 3 {
		case 0:
			col = 0
		case 2:
			col = maxColumns - len(cells)
		}
		p := pacBase[row]
		ws.ctl(uint16(p[0])<<8 | uint16(p[1]|0x10|byte(col/4)<<1))
		if col%4 > 0 {
			ws.ctl(0x1720 | uint16(col%4))
		}
		for _, ce := range cells {
			switch {
			case ce.midrow:
				c := uint16(ce.st.color)
				if ce.st.italic {
					c = 7
				}
				ul := uint16(0)
				if ce.st.underline {
					ul = 1
				}
				ws.ctl(0x1120 | c<<1 | ul)
			default:
				code := encoding[ce.r]
				if code.b1 == 0 {
					ws.text(code.basic)
					continue
				}
				if code.fallback != 0 {
					ws.text(code.fallback)
				}
				ws.ctl(uint16(code.b1)<<8 | uint16(code.b2))
			}
		}
	}
	ws.flush()
	return ws.w
}

// line is a timecode line of the output.
type line struct {
	frame int64
	words []uint16
}

func write(w io.Writer, d *subtitle.Document, o subtitle.EncodeOptions) error {
	// Refuse what cannot be carried, naming every such caption.
	all := make([][][]wcell, len(d.Cues))
	var refused []string
	for i, c := range d.Cues {
		rows, err := layout(c)
		if err != nil {
			refused = append(refused, fmt.Sprintf("cue %d (%s): %v", i+1, clipText(c), err))
			continue
		}
		all[i] = rows
	}
	if len(refused) > 0 {
		more := ""
		if len(refused) > 10 {
			more = fmt.Sprintf("; and %d more", len(refused)-10)
			refused = refused[:10]
		}
		return fmt.Errorf("%w: %s%s", ErrCannotCarry, strings.Join(refused, "; "), more)
	}

	var out []line
	emit := func(f int64, ws ...uint16) int64 {
		out = append(out, line{f, ws})
		return f + int64(len(ws))
	}
	var free int64 // the first frame nothing is sent in
	var pendingEDM int64 = -1
	for i, c := range d.Cues {
		if len(all[i]) == 0 {
			continue // nothing to show
		}
		ws := load(c, all[i])
		n := int64(len(ws))
		start, end := frameAt(c.Start), frameAt(c.End)
		// Load as late as fits before the start, around the erase of the
		// caption before.
		var at int64
		switch {
		case pendingEDM < 0:
			at = max(free, start-n)
		case start-n >= pendingEDM+2:
			emit(pendingEDM, edm, edm)
			at = start - n
		case pendingEDM-n >= free:
			at = pendingEDM - n
			emit(at, ws...)
			ws = nil
			free = emit(pendingEDM, edm, edm)
		case pendingEDM-free+start-(pendingEDM+2) >= n:
			// Load part before the erase and the rest after it, split
			// between words, never inside a code sent twice.
			k := pendingEDM - free
			for k > 0 && k < n && ws[k-1] == ws[k] && ws[k]>>8&0x70 == 0x10 {
				k--
			}
			emit(pendingEDM-k, ws[:k]...)
			emit(pendingEDM, edm, edm)
			ws, n = ws[k:], n-k
			at = start - n
		default:
			free = emit(pendingEDM, edm, edm)
			at = free
		}
		if ws != nil {
			free = emit(at, ws...)
		}
		shown := max(start, free)
		free = emit(shown, eoc, eoc)
		pendingEDM = max(end, free)
		if i+1 < len(d.Cues) && frameAt(d.Cues[i+1].Start) <= pendingEDM+2 && frameAt(d.Cues[i+1].Start) >= shown {
			pendingEDM = -1 // the next caption replaces this one
		}
	}
	if pendingEDM >= 0 {
		emit(pendingEDM, edm, edm)
	}

	e := textout.New(w, o)
	e.Line("Scenarist_SCC V1.0")
	for _, l := range out {
		e.Raw(e.NL)
		b := append(e.Buf[:0], dropFrame(l.frame)...)
		b = append(b, '\t')
		for k, wd := range l.words {
			if k > 0 {
				b = append(b, ' ')
			}
			b = appendHex(b, parity(byte(wd>>8)))
			b = appendHex(b, parity(byte(wd)))
		}
		e.Buf = b
		e.LineBytes(b)
	}
	return e.Flush()
}

func appendHex(b []byte, v byte) []byte {
	const hex = "0123456789abcdef"
	return append(b, hex[v>>4], hex[v&15])
}

// clipText is the start of a caption's text, for an error.
func clipText(c subtitle.Cue) string {
	s := strings.Join(c.PlainLines(), " / ")
	if utf8.RuneCountInString(s) > 30 {
		s = string([]rune(s)[:30]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
