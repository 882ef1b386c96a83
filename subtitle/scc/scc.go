package scc

import (
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/csscolor"
	"github.com/subkit-dev/subkit/subtitle/internal/textin"
)

// Format is SCC's name, as flags spell it.
const Format subtitle.Format = "scc"

func init() {
	subtitle.Register(subtitle.Spec{
		UTF8Only: "SCC files are ASCII text",
		Format:   Format,
		Ext:      ".scc",
		Sniff:    sniff,
		Read:     read,
		Write:    write,
		Carries: subtitle.Carries{Italic: true, Underline: true, Align: true, SomeColors: palette.Has,
			NearColors: palette.Near("colors other than 608's seven (written as the nearest)")},
	})
}

// sniff knows SCC by its first line, "Scenarist_SCC V1.0".
func sniff(_ []byte, head string) subtitle.Match {
	if strings.HasPrefix(head, "Scenarist_SCC") {
		return subtitle.Sure
	}
	return subtitle.NoMatch
}

// palette is 608's foreground colors by their code: white (the default,
// read as no color), green (CSS green as ttconv reads it, lime as ffmpeg
// shows it; both are written as it), blue, cyan, red, yellow, magenta.
// Code 7 is italics.
var palette = csscolor.MustPalette("white", "green:lime", "blue", "cyan", "red", "yellow", "magenta")

// colorName is the span color the reader gives a color code.
func colorName(code int) string {
	if code == 0 {
		return ""
	}
	return palette[code].Name
}

// colorCode is the 608 color the writer writes for a CSS color: the one
// it is, else the nearest; white for no color and for one it cannot
// write (transparent, or no color at all).
func colorCode(c string) int { return palette.Index(c, 0) }

// Frames are counted at 30000/1001 per second; timecodes are drop-frame.
const (
	fpsNum = 30000
	fpsDen = 1001
)

// frameAt is the frame showing at t, rounded to the nearest.
func frameAt(t time.Duration) int64 {
	return (int64(t)*fpsNum + int64(time.Second)*fpsDen/2) / (int64(time.Second) * fpsDen)
}

// frameTime is the time frame f starts at, to the millisecond.
func frameTime(f int64) time.Duration {
	ms := (f*fpsDen*1000 + fpsNum/2) / fpsNum
	return time.Duration(ms) * time.Millisecond
}

// dropFrame writes frame f as a drop-frame timecode, HH:MM:SS;FF: frame
// numbers 0 and 1 are skipped each minute but every tenth.
func dropFrame(f int64) string {
	d, m := f/17982, f%17982
	adj := 18 * d
	if m >= 2 {
		adj += 2 * ((m - 2) / 1798)
	}
	n := f + adj
	ff, ss, mm, hh := n%30, n/30%60, n/1800%60, n/108000
	b := []byte{byte('0' + hh/10%10), byte('0' + hh%10), ':', byte('0' + mm/10), byte('0' + mm%10), ':', byte('0' + ss/10), byte('0' + ss%10), ';', byte('0' + ff/10), byte('0' + ff%10)}
	if hh >= 100 {
		return "99:59:59;29"
	}
	return string(b)
}

// parseTimecode reads HH:MM:SS;FF (drop-frame; also "." or "," before the
// frames) or HH:MM:SS:FF (non-drop) and returns its frame number.
func parseTimecode(s string) (int64, bool) {
	if len(s) != 11 || s[2] != ':' || s[5] != ':' {
		return 0, false
	}
	var v [4]int64
	for i, p := range []string{s[0:2], s[3:5], s[6:8], s[9:11]} {
		n, ok := textin.Digits(p)
		if !ok {
			return 0, false
		}
		v[i] = n
	}
	hh, mm, ss, ff := v[0], v[1], v[2], v[3]
	if mm > 59 || ss > 59 || ff > 29 {
		return 0, false
	}
	n := ((hh*60+mm)*60+ss)*30 + ff
	switch s[8] {
	case ':':
		return n, true
	case ';', '.', ',':
		minutes := hh*60 + mm
		if ss == 0 && ff < 2 && mm%10 != 0 {
			return 0, false // a frame number drop-frame skips
		}
		return n - 2*(minutes-minutes/10), true
	}
	return 0, false
}
