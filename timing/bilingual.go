package timing

import (
	"fmt"
	"strings"
	"unicode"
)

// Bilingual is how a transcript holds two languages.
type Bilingual int

const (
	// Monolingual: one language, each line a caption's text.
	Monolingual Bilingual = iota
	// Pipe: each line holds both, "中文 | English".
	Pipe
	// Alternate: lines alternate, each line followed by its translation.
	Alternate
)

// ParseBilingual reads "auto", "off", "pipe" or "alternate"; for "auto"
// (or "") it says so, and the caller detects the layout with
// DetectBilingual.
func ParseBilingual(s string) (b Bilingual, auto bool, err error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return Monolingual, true, nil
	case "off", "no", "none":
		return Monolingual, false, nil
	case "pipe":
		return Pipe, false, nil
	case "alternate":
		return Alternate, false, nil
	}
	return Monolingual, false, fmt.Errorf("unknown bilingual layout %q (want auto, off, pipe or alternate)", s)
}

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// oneChinese reports whether one of a and b has Han characters and the
// other has letters and none.
func oneChinese(a, b string) bool {
	ha, hb := hanCount(a) > 0, hanCount(b) > 0
	if ha == hb {
		return false
	}
	o := a
	if ha {
		o = b
	}
	return strings.IndexFunc(o, unicode.IsLetter) >= 0
}

// DetectBilingual says how lines hold two languages: Pipe when nine lines
// in ten are "Chinese | other" (one side with Han characters, the other
// with letters and none), Alternate when there is an even number of lines
// and nine pairs in ten are a line with Han characters and one without,
// the Chinese always on the same side; else Monolingual.
func DetectBilingual(lines []Line) Bilingual {
	if len(lines) == 0 {
		return Monolingual
	}
	pipe := 0
	for _, l := range lines {
		if a, b, ok := strings.Cut(l.Text, "|"); ok && oneChinese(a, b) {
			pipe++
		}
	}
	if pipe*10 >= len(lines)*9 {
		return Pipe
	}
	if len(lines)%2 != 0 {
		return Monolingual
	}
	first, second := 0, 0
	for i := 0; i+1 < len(lines); i += 2 {
		a, b := lines[i].Text, lines[i+1].Text
		if !oneChinese(a, b) {
			continue
		}
		if hanCount(a) > 0 {
			first++
		} else {
			second++
		}
	}
	if pairs := len(lines) / 2; max(first, second)*10 >= pairs*9 {
		return Alternate
	}
	return Monolingual
}

// SplitBilingual separates a bilingual transcript into the Chinese lines,
// which are timed, and each one's translation. A line or pair without
// Han characters on either side is an error naming its line, as is an
// odd line count in Alternate or a line with no "|" in Pipe.
func SplitBilingual(lines []Line, b Bilingual) (zh []Line, other []string, err error) {
	pick := func(num int, a, c string) error {
		a, c = strings.TrimSpace(a), strings.TrimSpace(c)
		ha, hc := hanCount(a), hanCount(c)
		switch {
		case ha >= hc && ha > 0:
		case hc > ha:
			a, c = c, a
		default:
			return fmt.Errorf("line %d: no Chinese on either side of the pair", num)
		}
		zh = append(zh, Line{Text: a, Num: num})
		other = append(other, c)
		return nil
	}
	switch b {
	case Pipe:
		for _, l := range lines {
			a, c, ok := strings.Cut(l.Text, "|")
			if !ok {
				return nil, nil, fmt.Errorf("line %d: no \"|\" between the two languages", l.Num)
			}
			if err := pick(l.Num, a, c); err != nil {
				return nil, nil, err
			}
			zh[len(zh)-1].Para = l.Para
		}
	case Alternate:
		if len(lines)%2 != 0 {
			return nil, nil, fmt.Errorf("line %d: %d lines, but alternate lines come in pairs", lines[len(lines)-1].Num, len(lines))
		}
		for i := 0; i < len(lines); i += 2 {
			if err := pick(lines[i].Num, lines[i].Text, lines[i+1].Text); err != nil {
				return nil, nil, err
			}
			zh[len(zh)-1].Para = lines[i].Para
		}
	default:
		return lines, nil, nil
	}
	return zh, other, nil
}

// SplitShares cuts text at spaces into len(shares) parts whose lengths
// follow shares (each part's share of the whole), for a translation
// shown beside a line cut into several captions. A part may be empty
// when there are fewer words than parts.
func SplitShares(text string, shares []float64) []string {
	out := make([]string, len(shares))
	if len(shares) == 0 {
		return out
	}
	words := strings.Fields(text)
	total := 0.0
	for _, s := range shares {
		total += s
	}
	chars := 0
	for _, w := range words {
		chars += len([]rune(w)) + 1
	}
	cum, part, done := 0.0, 0, 0
	for _, w := range words {
		// Move on to the next part once this one has its share,
		// measured at the middle of the word.
		mid := float64(done) + float64(len([]rune(w))+1)/2
		for part < len(shares)-1 && total > 0 && mid > (cum+shares[part])/total*float64(chars) {
			cum += shares[part]
			part++
		}
		if out[part] != "" {
			out[part] += " "
		}
		out[part] += w
		done += len([]rune(w)) + 1
	}
	return out
}
