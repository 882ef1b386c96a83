package check

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/timing"
)

// Bar colours of the timeline, by reading speed against the limit.
const (
	ColorOK     = "#43a047" // at most 90% of the limit
	ColorNear   = "#fb8c00" // over 90% of the limit, up to it
	ColorOver   = "#e53935" // over the limit
	ColorNoText = "#9e9e9e" // no text, or no duration
	ColorPlain  = "#1e88e5" // the limits have no reading speed
)

// Class is how a caption's bar is coloured: "ok", "near", "over",
// "notext" or "plain", one of the colours above.
func Class(c Caption, limit float64) string {
	switch {
	case c.Speed == 0:
		return "notext"
	case limit == 0:
		return "plain"
	case c.Speed > limit+1e-9:
		return "over"
	case c.Speed > 0.9*limit:
		return "near"
	}
	return "ok"
}

var classColor = map[string]string{"ok": ColorOK, "near": ColorNear, "over": ColorOver, "notext": ColorNoText, "plain": ColorPlain}

// Timeline geometry: a row a minute (more for long tracks, at most
// maxRows rows), 20 pixels a second.
const (
	rowWidth = 1200.0
	rowH     = 30.0
	barH     = 18.0
	left     = 64.0
	top      = 44.0
	maxRows  = 240
)

// Timeline draws d as an SVG image: one row a minute of track time (longer
// for tracks over four hours), each caption a bar from its start to its
// end, coloured by its reading speed against l (Class), with its number,
// times, speed and text as the bar's tooltip. A caption that crosses a
// row's end goes on in the next row.
func Timeline(d *subtitle.Document, l Limits, title string) []byte {
	speeds, limit, unit := Speeds(d, l)
	var first, last time.Duration
	for i, c := range d.Cues {
		if i == 0 || c.Start < first {
			first = c.Start
		}
		last = max(last, c.End)
	}
	rowDur := time.Minute
	base := first.Truncate(time.Minute)
	// The rows cover base to last; a track that ends on a row's end needs
	// no row after it.
	rowsFor := func(rowDur time.Duration) int {
		n := int((last - base) / rowDur)
		if (last-base)%rowDur != 0 {
			n++
		}
		return max(n, 1)
	}
	for rowsFor(rowDur) > maxRows {
		rowDur *= 2
	}
	rows := rowsFor(rowDur)
	pxPerSec := rowWidth / rowDur.Seconds()
	width := left + rowWidth + 20
	legend := []struct{ class, label string }{{"plain", "captions"}, {"notext", "no text"}}
	if limit > 0 {
		legend = []struct{ class, label string }{
			{"ok", fmt.Sprintf("up to %g %s", 0.9*limit, unit)},
			{"near", fmt.Sprintf("up to the limit, %g %s", limit, unit)},
			{"over", fmt.Sprintf("over %g %s", limit, unit)},
			{"notext", "no text"},
		}
	}
	// The legend wraps to more lines rather than run past the right edge.
	type place struct{ x, y float64 }
	places := make([]place, len(legend))
	lx, ly := left, top+float64(rows)*rowH+20
	for i, e := range legend {
		w := 40 + textWidth(e.label, 12)
		if lx > left && lx+w > width {
			lx, ly = left, ly+22
		}
		places[i] = place{lx, ly}
		lx += w
	}
	height := ly + 30

	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%g" height="%g" viewBox="0 0 %g %g" font-family="sans-serif" font-size="12">`+"\n", width, height, width, height)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="#ffffff"/>`+"\n")
	head := fmt.Sprintf("%d captions, %s to %s", len(d.Cues), timing.FormatDuration(first), timing.FormatDuration(last))
	if limit > 0 {
		head += fmt.Sprintf(", reading speed against %g %s", limit, unit)
	}
	if title != "" {
		head = title + ": " + head
	}
	// A long title is shortened to fit, its full text a tooltip.
	shown := []rune(head)
	for len(shown) > 10 && left+textWidth(string(shown), 14) > width-10 {
		shown = shown[:len(shown)-3]
	}
	if len(shown) < len([]rune(head)) {
		fmt.Fprintf(&b, `<text x="%g" y="24" font-size="14">%s…<title>%s</title></text>`+"\n", left, esc(string(shown)), esc(head))
	} else {
		fmt.Fprintf(&b, `<text x="%g" y="24" font-size="14">%s</text>`+"\n", left, esc(head))
	}
	// The ticks' times within a row, above the first.
	for k := 1; k < 10; k++ {
		x := left + rowWidth*float64(k)/10
		fmt.Fprintf(&b, `<text class="tick" x="%g" y="%g" text-anchor="middle" font-size="10" fill="#757575">+%s</text>`+"\n", x, top-4, tickLabel(rowDur*time.Duration(k)/10))
	}
	// Rows, with a tick every tenth of a row.
	for r := 0; r < rows; r++ {
		y := top + float64(r)*rowH
		fmt.Fprintf(&b, `<rect class="row" x="%g" y="%g" width="%g" height="%g" fill="#f5f5f5"/>`+"\n", left, y+3, rowWidth, rowH-6)
		for k := 1; k < 10; k++ {
			x := left + rowWidth*float64(k)/10
			fmt.Fprintf(&b, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#dddddd"/>`+"\n", x, y+3, x, y+rowH-3)
		}
		fmt.Fprintf(&b, `<text x="4" y="%g">%s</text>`+"\n", y+rowH/2+4, esc(clock(base+time.Duration(r)*rowDur)))
	}
	// Bars.
	for i, c := range d.Cues {
		s := speeds[i]
		class := Class(s, limit)
		tip := fmt.Sprintf("caption %d, %s to %s", i+1, timing.FormatDuration(c.Start), timing.FormatDuration(c.End))
		if s.Speed > 0 {
			tip += fmt.Sprintf(", %.1f %s", s.Speed, unit)
		}
		tip += ": " + s.Text
		from, to := c.Start, c.End
		if to <= from {
			to = from + time.Millisecond
		}
		for k := 0; from < to && k < rows; k++ {
			r := int((from - base) / rowDur)
			rowEnd := base + time.Duration(r+1)*rowDur
			if rowEnd <= from {
				break // past the largest time.Duration
			}
			end := min(to, rowEnd)
			x := left + (from-base-time.Duration(r)*rowDur).Seconds()*pxPerSec
			w := max((end-from).Seconds()*pxPerSec, 1)
			y := top + float64(r)*rowH + (rowH-barH)/2
			fmt.Fprintf(&b, `<rect class="%s" data-caption="%d" x="%.2f" y="%g" width="%.2f" height="%g" fill="%s"><title>%s</title></rect>`+"\n",
				class, i+1, x, y, w, barH, classColor[class], esc(tip))
			from = end
		}
	}
	// Legend.
	for i, e := range legend {
		fmt.Fprintf(&b, `<rect class="legend" x="%g" y="%g" width="14" height="14" fill="%s"/><text x="%g" y="%g">%s</text>`+"\n",
			places[i].x, places[i].y, classColor[e.class], places[i].x+20, places[i].y+11, esc(e.label))
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}

// textWidth is about how wide s is in pixels at a font size: CJK
// characters are a square, others a little over half of one.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115f || r >= 0x2e80) {
			w += size
		} else {
			w += 0.6 * size
		}
	}
	return w
}

// tickLabel writes a tick's offset within a row: 6s, 1m12s.
func tickLabel(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%gs", d.Seconds())
	}
	m := int(d / time.Minute)
	if s := (d % time.Minute).Seconds(); s > 0 {
		return fmt.Sprintf("%dm%gs", m, s)
	}
	return fmt.Sprintf("%dm", m)
}

// clock writes a row's start as H:MM:SS.
func clock(d time.Duration) string {
	s := int64(d / time.Second)
	return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
}

func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
