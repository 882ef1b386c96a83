package edit

import (
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/timing"
)

// AddTranslations makes doc, whose cues are caps made from the Chinese
// lines of a bilingual transcript, bilingual: each line's translation
// (second[i] for lines[i]) goes beside the captions made from that line,
// shared over them by their text's weight when the line was cut into
// several, and wrapped to two lines of 42 characters at most. Its spans
// are marked with its language (TTML xml:lang, WebVTT <lang>). The
// translation goes under the Chinese, or over it when chineseBelow.
func AddTranslations(doc *subtitle.Document, caps []timing.Caption, lines []timing.Line, second []string, chineseBelow bool) {
	byNum := make(map[int]int, len(lines))
	for i, l := range lines {
		byNum[l.Num] = i
	}
	secondLang := timing.DetectLang(strings.Join(second, "\n"))
	for i := 0; i < len(caps); {
		j := i
		for j < len(caps) && caps[j].Line == caps[i].Line {
			j++
		}
		shares := make([]float64, j-i)
		for k := i; k < j; k++ {
			shares[k-i] = timing.Weight(strings.Join(caps[k].Lines, ""))
		}
		parts := timing.SplitShares(second[byNum[caps[i].Line]], shares)
		for k := i; k < j; k++ {
			c := &doc.Cues[k]
			zh := c.Lines
			var tr []subtitle.Line
			if parts[k-i] != "" {
				tr = markLang(subtitle.Text(timing.Wrap(parts[k-i], nil, 42, 2, false)...), secondLang)
			}
			if chineseBelow {
				c.Lines = append(tr, zh...)
			} else {
				c.Lines = append(zh, tr...)
			}
		}
		i = j
	}
}
