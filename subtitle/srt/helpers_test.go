package srt

import (
	"flag"
	"math/rand/v2"
	"time"

	astisub "github.com/asticode/go-astisub"

	"github.com/subkit-dev/subkit/subtitle"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

// randomSRTDoc makes a document of what SRT carries: times, lines of
// italic, bold and underlined spans, CJK and Latin text.
func randomSRTDoc(rng *rand.Rand) *subtitle.Document {
	words := []string{"大家好", "这里是", "最佳拍档", "Anthropic", "的", "hello", "world", "a < b", "Tom & Jerry", "2026", "！", "，", "“引号”"}
	d := &subtitle.Document{}
	at := time.Duration(rng.IntN(5000)) * time.Millisecond
	for i := 0; i < 1+rng.IntN(20); i++ {
		c := subtitle.Cue{Start: at, End: at + time.Duration(300+rng.IntN(7000))*time.Millisecond}
		for l := 0; l < 1+rng.IntN(2); l++ {
			var line subtitle.Line
			for k := 0; k < 1+rng.IntN(4); k++ {
				s := subtitle.Span{Text: words[rng.IntN(len(words))], Italic: rng.IntN(3) == 0, Bold: rng.IntN(4) == 0, Underline: rng.IntN(5) == 0}
				if n := len(line); n > 0 && srtSameStyle(&line[n-1], &s) {
					line[n-1].Text += s.Text
					continue
				}
				line = append(line, s)
			}
			c.Lines = append(c.Lines, line)
		}
		d.Cues = append(d.Cues, c)
		at = c.End + time.Duration(rng.IntN(3000))*time.Millisecond
		if rng.IntN(10) == 0 {
			at += 100 * time.Hour
		}
	}
	return d
}

// fromAstisub makes a Document of what go-astisub read, for comparing
// its reading with ours.
func fromAstisub(s *astisub.Subtitles) *subtitle.Document {
	d := &subtitle.Document{}
	for _, it := range s.Items {
		c := subtitle.Cue{Start: it.StartAt, End: it.EndAt}
		for _, l := range it.Lines {
			var line subtitle.Line
			for _, li := range l.Items {
				sp := subtitle.Span{Text: li.Text}
				if sa := li.InlineStyle; sa != nil {
					sp.Italic = sa.SRTItalics
					sp.Bold = sa.SRTBold
					sp.Underline = sa.SRTUnderline
					if sa.SRTColor != nil {
						sp.Color = sa.SRTColor.HTMLString()
					}
				}
				line = append(line, sp)
			}
			c.Lines = append(c.Lines, line)
		}
		d.Cues = append(d.Cues, c)
	}
	return d
}
