package subtitle

import (
	"fmt"
	"sort"
	"strings"
)

// Losses lists what writing d in format f would drop: each entry names a
// feature the format has no place for and how many cues (or blocks) carry
// it, e.g. "voice names (<v>) in 3 cues". Nothing is dropped silently: the
// CLI reports these as warnings.
func Losses(d *Document, f Format) []string {
	return formatLosses(lossCounts(d, f))
}

// lossCounts counts, for each feature f cannot carry, the cues (or blocks)
// of d that carry it.
func lossCounts(d *Document, f Format) map[string]int {
	count := map[string]int{}
	add := func(what string, n int) {
		if n > 0 {
			count[what] += n
		}
	}
	has := func(f Format, features ...string) bool {
		for _, x := range features {
			if carries[f][x] {
				return true
			}
		}
		return false
	}
	if !has(f, "notes") {
		add("comment blocks (NOTE)", len(d.Notes))
	}
	if d.Header != "" && !has(f, "header") {
		add("header text", 1)
	}
	for _, s := range d.Styles {
		if s.Format != f {
			add(fmt.Sprintf("%v style blocks", s.Format), 1)
		}
	}
	for _, r := range d.Regions {
		if r.Format != f {
			add(fmt.Sprintf("%v regions", r.Format), 1)
		}
	}
	for _, c := range d.Cues {
		seen := map[string]bool{}
		mark := func(what string) {
			if !seen[what] {
				seen[what] = true
				count[what]++
			}
		}
		if c.ID != "" && !has(f, "ids") {
			mark("cue identifiers")
		}
		if c.Settings != "" && !has(f, "settings") {
			if has(f, "align") {
				mark("WebVTT cue settings (kept as top/middle/bottom, left/right placement only)")
			} else {
				mark("cue settings (position, alignment)")
			}
		}
		if a := placement(c); a > 0 && a != 2 && !has(f, "align") && c.Settings == "" {
			mark("positions")
		}
		for _, l := range c.Lines {
			for _, s := range l {
				switch {
				case s.Italic && !has(f, "italic"):
					mark("italics")
				case s.Bold && !has(f, "bold"):
					mark("bold")
				case s.Underline && !has(f, "underline"):
					mark("underline")
				}
				if s.Color != "" && !has(f, "color") && !(f == WebVTT && vttColorClass(s.Color) != "") {
					mark("colors")
				}
				if s.Voice != "" && !has(f, "voice") {
					mark("voice names (<v>)")
				}
				if s.Lang != "" && !has(f, "lang") {
					mark("span languages")
				}
				if len(s.Classes) > 0 && !has(f, "classes") {
					mark("class names (<c>)")
				}
				if s.Ruby != "" && !has(f, "ruby") {
					mark("ruby text")
				}
				if s.Timed && !has(f, "timestamps") {
					mark("inline timestamps (karaoke)")
				}
			}
		}
	}
	return count
}

// formatLosses words loss counts as Losses returns them.
func formatLosses(count map[string]int) []string {
	var out []string
	for what, n := range count {
		unit := "cues"
		if strings.Contains(what, "blocks") || strings.Contains(what, "regions") || what == "header text" {
			unit = "blocks"
		}
		if n == 1 {
			unit = strings.TrimSuffix(unit, "s")
		}
		out = append(out, fmt.Sprintf("%s in %d %s", what, n, unit))
	}
	sort.Strings(out)
	return out
}

// carries says which features each format can write.
var carries = map[Format]map[string]bool{
	SRT: {"italic": true, "bold": true, "underline": true, "color": true, "align": true},
	WebVTT: {"italic": true, "bold": true, "underline": true, "voice": true, "lang": true, "classes": true,
		"ruby": true, "timestamps": true, "ids": true, "settings": true, "notes": true, "header": true, "align": true},
	TTML: {"italic": true, "bold": true, "underline": true, "color": true, "lang": true, "align": true},
	ASS:  {"italic": true, "bold": true, "underline": true, "align": true},
	SSA:  {"italic": true, "bold": true, "underline": true, "align": true},
	STL:  {},
}
