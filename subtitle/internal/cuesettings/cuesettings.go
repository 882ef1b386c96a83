package cuesettings

import (
	"strconv"
	"strings"
)

// Cue is a cue's settings as the WebVTT parser reads them (the
// values of a VTTCue): "parse the WebVTT cue settings".
type Cue struct {
	Vertical      string  // "", "rl" or "lr"
	Line          float64 // when !LineAuto
	LineAuto      bool
	SnapToLines   bool
	LineAlign     string // "start", "center", "end"
	Position      float64
	PositionAuto  bool
	PositionAlign string // "auto", "line-left", "center", "line-right"
	Size          float64
	Align         string // "start", "center", "end", "left", "right"
	Region        string // the region's id, when HasRegion
	HasRegion     bool
}

// nextSetting returns the first run of s that is not WebVTT white
// space, its name and value when it is name:value (both not empty; else
// name is ""), and what follows it.
func nextSetting(s string) (tok, name, value, rest string) {
	s = s[skipSpace(s, 0):]
	j := 0
	for j < len(s) && !isSpace(s[j]) {
		j++
	}
	tok, rest = s[:j], s[j:]
	if colon := strings.IndexByte(tok, ':'); colon > 0 && colon < len(tok)-1 {
		name, value = tok[:colon], tok[colon+1:]
	}
	return tok, name, value, rest
}

// Parse reads cue settings as the spec's parser does, regions
// being the ids of the file's REGION blocks. bad describes each setting it
// ignores or that repeats an earlier one ("align:middle" (not start,
// center, end, left or right)), up to MaxBad of them, and counts the
// rest in more; bad is nil when all are good.
func Parse(s string, regions map[string]bool) (v Cue, bad []string, more int) {
	v = Cue{LineAuto: true, SnapToLines: true, LineAlign: "start", PositionAuto: true,
		PositionAlign: "auto", Size: 100, Align: "center"}
	var seen uint8
	for len(s) > 0 {
		var tok, name, value string
		tok, name, value, s = nextSetting(s)
		if tok == "" {
			break
		}
		if name == "" {
			bad, more = addBad(bad, more, tok, "not name:value")
			continue
		}
		why := ""
		var bit uint8
		switch name {
		case "region":
			bit = 1
			if regions[value] {
				v.Region, v.HasRegion = value, true
			} else {
				v.Region, v.HasRegion = "", false
				why = "names no REGION"
			}
		case "vertical":
			bit = 2
			switch value {
			case "rl", "lr":
				v.Vertical = value
			default:
				why = "not rl or lr"
			}
			if v.Vertical != "" {
				v.Region, v.HasRegion = "", false // no vertical regions
			}
		case "line":
			bit = 4
			why = v.parseLine(value)
		case "position":
			bit = 8
			pos, align, _ := strings.Cut(value, ",")
			n, ok := Percentage(pos)
			switch {
			case !ok:
				why = "not a percentage from 0% to 100%"
			case strings.Contains(value, ",") && align != "line-left" && align != "center" && align != "line-right":
				why = "alignment not line-left, center or line-right"
			default:
				v.Position, v.PositionAuto = n, false
				if strings.Contains(value, ",") {
					v.PositionAlign = align
				}
			}
		case "size":
			bit = 16
			if n, ok := Percentage(value); ok {
				v.Size = n
				if n != 100 {
					v.Region, v.HasRegion = "", false
				}
			} else {
				why = "not a percentage from 0% to 100%"
			}
		case "align":
			bit = 32
			switch value {
			case "start", "center", "end", "left", "right":
				v.Align = value
			default:
				why = "not start, center, end, left or right"
			}
		default:
			why = "unknown setting"
		}
		switch {
		case why != "":
			bad, more = addBad(bad, more, tok, why)
		case seen&bit != 0:
			bad, more = addBad(bad, more, tok, "repeated; the last one counts")
		}
		seen |= bit
	}
	return v, bad, more
}

// MaxBad is the most bad settings described for one cue or region;
// more are only counted.
const MaxBad = 16

func addBad(bad []string, more int, tok, why string) ([]string, int) {
	if len(bad) == MaxBad {
		return bad, more + 1
	}
	return append(bad, strconv.Quote(tok)+" ("+why+")"), more
}

// parseLine reads a line setting's value into v, or says why it cannot.
func (v *Cue) parseLine(value string) string {
	pos, align, hasAlign := strings.Cut(value, ",")
	if strings.IndexAny(pos, "0123456789") < 0 {
		return "no number"
	}
	var n float64
	percent := strings.HasSuffix(pos, "%")
	if percent {
		var ok bool
		if n, ok = Percentage(pos); !ok {
			return "not a percentage from 0% to 100%"
		}
	} else {
		for k := 0; k < len(pos); k++ {
			if c := pos[k]; !(c >= '0' && c <= '9' || c == '.' || c == '-' && k == 0) {
				return "not a line number"
			}
		}
		if dot := strings.IndexByte(pos, '.'); dot >= 0 {
			if strings.Count(pos, ".") > 1 || dot == 0 || dot == len(pos)-1 || !isDigit(pos[dot-1]) || !isDigit(pos[dot+1]) {
				return "not a line number"
			}
		}
		f, err := strconv.ParseFloat(pos, 64)
		if err != nil {
			return "out of range"
		}
		if n = f; n == 0 {
			n = 0 // -0 reads as 0, as the HTML number rules say
		}
	}
	if hasAlign && align != "start" && align != "center" && align != "end" {
		return "alignment not start, center or end"
	}
	if hasAlign {
		v.LineAlign = align
	}
	v.Line, v.LineAuto, v.SnapToLines = n, false, !percent
	v.Region, v.HasRegion = "", false
	return ""
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Percentage is "parse a percentage string": digits, optionally a
// dot and digits, then "%", from 0 to 100.
func Percentage(s string) (float64, bool) {
	num, ok := strings.CutSuffix(s, "%")
	if !ok || num == "" || !isDigit(num[0]) || !isDigit(num[len(num)-1]) {
		return 0, false
	}
	dots := 0
	for k := 0; k < len(num); k++ {
		if num[k] == '.' {
			dots++
		} else if !isDigit(num[k]) {
			return 0, false
		}
	}
	if dots > 1 {
		return 0, false
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f < 0 || f > 100 {
		return 0, false
	}
	return f, true
}

// Region is a REGION block's settings as the spec's parser
// reads them (the values of a VTTRegion).
type Region struct {
	ID                   string
	Width                float64
	Lines                float64
	AnchorX, AnchorY     float64
	ViewportX, ViewportY float64
	Scroll               string // "" or "up"
}

// ParseRegion is "collect WebVTT region settings"; bad describes each
// setting it ignores, up to MaxBad of them, and counts the rest.
func ParseRegion(s string) (v Region, bad []string, more int) {
	v = Region{Width: 100, Lines: 3, AnchorY: 100, ViewportY: 100}
	anchor := func(value string) (x, y float64, ok bool) {
		xs, ys, found := strings.Cut(value, ",")
		if !found {
			return 0, 0, false
		}
		x, okx := Percentage(xs)
		y, oky := Percentage(ys)
		return x, y, okx && oky
	}
	for len(s) > 0 {
		var tok, name, value string
		tok, name, value, s = nextSetting(s)
		if tok == "" {
			break
		}
		if name == "" {
			bad, more = addBad(bad, more, tok, "not name:value")
			continue
		}
		why := ""
		switch name {
		case "id":
			if strings.Contains(value, "-->") {
				why = `"-->" in an id`
			} else {
				v.ID = value
			}
		case "width":
			if n, ok := Percentage(value); ok {
				v.Width = n
			} else {
				why = "not a percentage from 0% to 100%"
			}
		case "lines":
			if strings.Trim(value, "0123456789") != "" {
				why = "not a whole number"
			} else {
				v.Lines, _ = strconv.ParseFloat(value, 64)
			}
		case "regionanchor":
			if x, y, ok := anchor(value); ok {
				v.AnchorX, v.AnchorY = x, y
			} else {
				why = "not two percentages X%,Y%"
			}
		case "viewportanchor":
			if x, y, ok := anchor(value); ok {
				v.ViewportX, v.ViewportY = x, y
			} else {
				why = "not two percentages X%,Y%"
			}
		case "scroll":
			if value == "up" {
				v.Scroll = "up"
			} else {
				why = "not up"
			}
		default:
			why = "unknown setting"
		}
		if why != "" {
			bad, more = addBad(bad, more, tok, why)
		}
	}
	return v, bad, more
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}
