package ttml

import (
	"math"
	"strconv"
	"strings"
)

// placement returns where a paragraph in context c is shown, as a
// Cue's Align (keypad: 7-9 top, 4-6 middle, 1-3 bottom; 0 for bottom
// center, the default) and as WebVTT cue settings (line, position, size
// and align, "" for bottom center), from its region's tts:origin,
// tts:extent and tts:displayAlign and its tts:textAlign.
//
// A paragraph in no region, or in one with neither origin nor extent, is
// left where players put captions by default (bottom center), as is one
// whose region is given in a unit subkit cannot turn into a percentage.
// Text alignment counts only when written: TTML's default, start, is
// read as center, as caption converters and players commonly show such
// files.
func (r *ttmlReader) placement(c ttmlCtx, line int) (int, string) {
	if c.region == "" || r.regions[c.region] == nil {
		return 0, ""
	}
	reg := r.regionProps(c.region, line)
	if reg.set&(propOrigin|propExtent) == 0 {
		return 0, ""
	}
	// Paragraphs in one region with one alignment are placed alike.
	key := placeKey{c.region, c.chain.over(reg).textAlign}
	if p, ok := r.placed[key]; ok {
		return p.align, p.settings
	}
	a, set := r.place(reg, key.textAlign)
	if r.placed == nil {
		r.placed = map[placeKey]placed{}
	}
	r.placed[key] = placed{a, set}
	return a, set
}

type placeKey struct{ region, textAlign string }

type placed struct {
	align    int
	settings string
}

// place places text aligned by align in a region of style reg.
func (r *ttmlReader) place(reg ttmlProps, align string) (int, string) {
	x, y, w, h := 0.0, 0.0, 100.0, 100.0
	if reg.set&propOrigin != 0 {
		var ok bool
		if x, y, ok = r.percentPair(reg.origin); !ok {
			return 0, ""
		}
	}
	if reg.set&propExtent != 0 {
		var ok bool
		if w, h, ok = r.percentPair(reg.extent); !ok {
			return 0, ""
		}
	}
	// Where the lines sit vertically: the region's top, middle or bottom.
	anchor, lineAlign := y, ""
	switch reg.displayAlign {
	case "center":
		anchor, lineAlign = y+h/2, ",center"
	case "after":
		anchor, lineAlign = y+h, ",end"
	}
	row := 0 // bottom
	switch {
	case anchor < 100.0/3:
		row = 2
	case anchor < 200.0/3:
		row = 1
	}
	col := 1
	var pos, textAlign string
	switch align {
	case "left", "start":
		col, pos, textAlign = 0, pct(x), "left"
	case "right", "end":
		col, pos, textAlign = 2, pct(x+w), "right"
	default:
		pos, textAlign = pct(x+w/2), "center"
	}
	a := row*3 + col + 1
	if a == 2 {
		return 0, ""
	}
	return a, "line:" + pct(anchor) + lineAlign + " position:" + pos + " size:" + pct(w) + " align:" + textAlign
}

// pct writes a percentage for a WebVTT setting: 0 to 100, at most three
// decimals.
func pct(v float64) string {
	v = math.Round(min(max(v, 0), 100)*1000) / 1000
	return strconv.FormatFloat(v, 'f', -1, 64) + "%"
}

// percentPair reads "x y" lengths as percentages of the root container:
// percentages as they are, pixels through the root's tts:extent.
func (r *ttmlReader) percentPair(s string) (float64, float64, bool) {
	f := strings.Fields(s)
	if len(f) != 2 {
		return 0, 0, false
	}
	a, ok1 := r.percent(f[0], r.rootW)
	b, ok2 := r.percent(f[1], r.rootH)
	return a, b, ok1 && ok2
}

func (r *ttmlReader) percent(s string, root float64) (float64, bool) {
	switch {
	case strings.HasSuffix(s, "%"):
		v, err := strconv.ParseFloat(s[:len(s)-1], 64)
		return v, err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)
	case strings.HasSuffix(s, "px") && r.rootPx && root > 0:
		v, err := strconv.ParseFloat(s[:len(s)-2], 64)
		return v / root * 100, err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)
	}
	return 0, false
}

// parsePx reads a root tts:extent, "1920px 1080px".
func parsePx(s string) (w, h float64, ok bool) {
	f := strings.Fields(s)
	if len(f) != 2 || !strings.HasSuffix(f[0], "px") || !strings.HasSuffix(f[1], "px") {
		return 0, 0, false
	}
	w, err1 := strconv.ParseFloat(strings.TrimSuffix(f[0], "px"), 64)
	h, err2 := strconv.ParseFloat(strings.TrimSuffix(f[1], "px"), 64)
	if err1 != nil || err2 != nil || !(w > 0) || !(h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) {
		return 0, 0, false
	}
	return w, h, true
}
