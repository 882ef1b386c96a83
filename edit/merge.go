package edit

import (
	"fmt"
	"sort"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
)

// MergeOptions say how Merge puts two tracks together.
type MergeOptions struct {
	// ChineseBelow puts the Chinese lines under the other language's;
	// by default they come first (above). With no Chinese track, the first
	// track's lines come first unless it is set.
	ChineseBelow bool
	// Styles gives each language its own cue and named style (ASS): the
	// first language's style "Primary", the other's "Secondary", smaller.
	// Without it each paired cue holds both languages' lines.
	Styles bool
}

// MergeStats count what Merge paired.
type MergeStats struct {
	Paired    int    // cues of the upper track with a partner
	OnlyUpper int    // cues of the upper track with none
	OnlyLower int    // cues of the lower track with none
	UpperLang string // the upper track's language ("" when unknown)
	LowerLang string
}

// Merge makes one bilingual track from two tracks of one video. Cues are
// paired by time, not by number: a cue of the upper language (Chinese,
// unless ChineseBelow) takes every cue of the other track that overlaps it
// by at least half the shorter of the two, and keeps its own times; a cue
// of the other track that pairs with nothing is kept on its own, with its
// times. The lines of the other language are marked with it (Span.Lang), so
// TTML writes xml:lang and WebVTT <lang> on them; the document's language
// is the first track's (the Chinese one), and so is its frame rate
// (Document.FPS) when it states one, else the other's. The result is
// sorted by start time.
func Merge(a, b *subtitle.Document, o MergeOptions) (*subtitle.Document, MergeStats) {
	la, lb := Lang(a), Lang(b)
	first, other := a, b
	lf, lo := la, lb
	if isChinese(lb) && !isChinese(la) {
		first, other, lf, lo = b, a, lb, la
	}
	upper, lower := first, other
	lu, ll := lf, lo
	if o.ChineseBelow {
		upper, lower, lu, ll = other, first, lo, lf
	}
	// pairs[i] lists the lower cues paired with upper cue i.
	pairs := make([][]int, len(upper.Cues))
	used := make([]bool, len(lower.Cues))
	order := make([]int, len(lower.Cues))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool { return lower.Cues[order[x]].Start < lower.Cues[order[y]].Start })
	for i, u := range upper.Cues {
		// Lower cues that start before u ends; few overlap, so a scan from
		// the first one that could is enough.
		j := sort.Search(len(order), func(k int) bool { return lower.Cues[order[k]].Start >= u.End })
		for k := j - 1; k >= 0; k-- {
			l := lower.Cues[order[k]]
			if pairedByTime(u, l) {
				pairs[i] = append(pairs[i], order[k])
				used[order[k]] = true
			}
			if u.Start-l.Start > 10*time.Minute {
				break
			}
		}
		sort.Ints(pairs[i])
	}
	out := &subtitle.Document{Lang: lf, Title: first.Title, FPS: first.FPS}
	if out.FPS == 0 {
		out.FPS = other.FPS
	}
	if o.Styles {
		out.Styles = bilingualStyles()
	}
	st := MergeStats{UpperLang: lu, LowerLang: ll}
	add := func(c subtitle.Cue, lang, style string) {
		c.Lines = markLang(c.Lines, lang)
		c.Style, c.Region = "", ""
		if o.Styles {
			c.Style = style
		}
		out.Cues = append(out.Cues, c)
	}
	for i, u := range upper.Cues {
		if len(pairs[i]) == 0 {
			st.OnlyUpper++
			add(u, lu, "Primary")
			continue
		}
		st.Paired++
		var low []subtitle.Line
		for _, k := range pairs[i] {
			low = append(low, lower.Cues[k].Lines...)
		}
		c := u
		c.Lines = markLang(u.Lines, lu)
		if o.Styles {
			add(u, lu, "Primary")
			sec := u
			sec.ID = ""
			sec.Lines = low
			add(sec, ll, "Secondary")
			continue
		}
		c.Lines = append(c.Lines, markLang(low, ll)...)
		c.Style, c.Region = "", ""
		out.Cues = append(out.Cues, c)
	}
	for k, l := range lower.Cues {
		if !used[k] {
			st.OnlyLower++
			add(l, ll, "Secondary")
		}
	}
	// Lines in the document's own language need no mark.
	for _, c := range out.Cues {
		for _, l := range c.Lines {
			for i := range l {
				if l[i].Lang == out.Lang {
					l[i].Lang = ""
				}
			}
		}
	}
	sort.SliceStable(out.Cues, func(x, y int) bool { return out.Cues[x].Start < out.Cues[y].Start })
	return out, st
}

// pairedByTime reports whether two cues overlap by at least half the
// shorter one.
func pairedByTime(a, b subtitle.Cue) bool {
	ov := min(a.End, b.End) - max(a.Start, b.Start)
	if ov <= 0 {
		return false
	}
	short := min(a.End-a.Start, b.End-b.Start)
	return 2*ov >= short
}

// markLang copies lines with every span marked as in lang (a span that
// names its own language keeps it).
func markLang(lines []subtitle.Line, lang string) []subtitle.Line {
	out := make([]subtitle.Line, len(lines))
	for i, l := range lines {
		nl := make(subtitle.Line, len(l))
		for j, sp := range l {
			if sp.Lang == "" {
				sp.Lang = lang
			}
			nl[j] = sp
		}
		out[i] = nl
	}
	return out
}

// bilingualStyles are the two ASS styles of a bilingual track, on the
// script's default 384×288 canvas: Primary at the bottom above the
// secondary line, Secondary smaller at the very bottom. Each language
// keeps its own style and margin, so a player that orders equal-time
// events its own way (libass) still shows them in place.
func bilingualStyles() []subtitle.Style {
	line := func(name string, size, marginV int) subtitle.Style {
		return subtitle.Style{Name: name, Format: subtitle.ASS, Text: fmt.Sprintf(
			"Style: %s,Arial,%d,&H00FFFFFF,&H000000FF,&H00000000,&H80000000,0,0,0,0,100,100,0,0,1,1.5,0.5,2,10,10,%d,1",
			name, size, marginV)}
	}
	return []subtitle.Style{line("Primary", 20, 30), line("Secondary", 14, 10)}
}
