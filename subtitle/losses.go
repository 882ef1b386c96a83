package subtitle

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Losses lists what writing d in format f would drop: each entry names a
// feature the format has no place for and how many cues (or blocks) carry
// it, e.g. "voice names (<v>) in 3 cues". Nothing is dropped silently: the
// CLI reports these as warnings.
func Losses(d *Document, f Format) []string {
	return formatLosses(lossCounts(d, f))
}

// A Tally adds up what writing documents in one format drops, for a
// writer that writes a file a piece at a time (see StreamSRT): Add each
// piece, then Losses words the sums as Losses words them for one document.
type Tally map[string]int

// Add counts what writing d in format f drops.
func (t Tally) Add(d *Document, f Format) {
	for k, n := range lossCounts(d, f) {
		t[k] += n
	}
}

// Losses words the counts as Losses does.
func (t Tally) Losses() []string { return formatLosses(t) }

// lossCounts counts, for each feature f cannot carry, the cues (or blocks)
// of d that carry it.
func lossCounts(d *Document, f Format) map[string]int {
	count := map[string]int{}
	add := func(what string, n int) {
		if n > 0 {
			count[what] += n
		}
	}
	var can Carries
	if s := lookup(f); s != nil {
		can = s.Carries
	}
	if !can.Notes {
		add("comment blocks (NOTE)", len(d.Notes))
	}
	if d.Header != "" && !can.Header {
		add("header text", 1)
	}
	for _, s := range d.Styles {
		if s.Format != f && !(can.StylesOf != nil && can.StylesOf(s.Format)) {
			add(fmt.Sprintf("%v style blocks", s.Format), 1)
		}
	}
	// A cue in a region of another format (TTML) has settings its reader
	// made from the region: the regions' line says what is kept of them.
	foreign := map[string]bool{}
	for _, r := range d.Regions {
		if r.Format != f {
			foreign[r.ID] = r.Format != WebVTT
			if can.Align && r.Format != WebVTT {
				add(fmt.Sprintf("%v regions (kept as top/middle/bottom, left/right placement only)", r.Format), 1)
			} else {
				add(fmt.Sprintf("%v regions", r.Format), 1)
			}
		}
	}
	for i, c := range d.Cues {
		seen := map[string]bool{}
		mark := func(what string) {
			if !seen[what] {
				seen[what] = true
				count[what]++
			}
		}
		// An id equal to the cue's running number (1, 2, 3 … as SRT numbers
		// cues and subkit writes WebVTT ids; c1, c2 … as subkit writes TTML
		// xml:ids, which cannot start with a digit) is rebuilt by any writer
		// that numbers cues, so dropping it loses nothing.
		if n := strconv.Itoa(i + 1); c.ID != "" && !can.IDs && c.ID != n && c.ID != "c"+n {
			mark("cue identifiers")
		}
		if c.Settings != "" && !can.Settings && !(c.Region != "" && foreign[c.Region]) {
			if can.Align {
				mark("WebVTT cue settings (kept as top/middle/bottom, left/right placement only)")
			} else {
				mark("cue settings (position, alignment)")
			}
		}
		// Without settings, the placement is the cue's Align.
		if a := c.Align; a > 0 && a != 2 && !can.Align && c.Settings == "" {
			mark("positions")
		}
		if a := c.Align; a >= 4 && a <= 6 && can.Align && can.NoMiddle {
			mark("middle placement (written at the bottom)")
		}
		for _, l := range c.Lines {
			if can.ReplacesLine != nil {
				if what := can.ReplacesLine(l); what != "" {
					mark(what)
				}
			}
			for _, s := range l {
				switch {
				case s.Italic && !can.Italic:
					mark("italics")
				case s.Bold && !can.Bold:
					mark("bold")
				case s.Underline && !can.Underline:
					mark("underline")
				}
				if s.Color != "" && !can.Color && !(can.SomeColors != nil && can.SomeColors(s.Color)) {
					what := ""
					if can.NearColors != nil {
						what = can.NearColors(s.Color)
					}
					if what == "" {
						what = "colors"
					}
					mark(what)
				}
				if can.Replaces != nil {
					if what := can.Replaces(s); what != "" {
						mark(what)
					}
				}
				if can.Misread != nil {
					for _, what := range can.Misread(s) {
						mark(what)
					}
				}
				if s.Voice != "" && !can.Voice {
					mark("voice names (<v>)")
				}
				if s.Lang != "" && !can.Lang {
					mark("span languages")
				}
				if len(s.Classes) > 0 && !can.Classes {
					mark("class names (<c>)")
				}
				switch {
				case s.Ruby != "" && !can.Ruby && can.RubyAsText:
					mark("ruby text (written after its base in parentheses)")
				case s.Ruby != "" && !can.Ruby:
					mark("ruby text")
				}
				if s.Timed && !can.Timestamps {
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
