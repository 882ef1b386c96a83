package edit

import (
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/zhtext"
)

// Punctuate writes every line of d in Caption punctuation
// (zhtext.CaptionSpans): no ，。、；： at a line's end, a full-width space
// for a ，or 、 inside it. Lines left empty are removed; a cue left with
// no line keeps one empty line, so no cue disappears. It returns how many
// cues changed.
func Punctuate(d *subtitle.Document) int {
	n := 0
	for ci := range d.Cues {
		c := &d.Cues[ci]
		changed := false
		var lines []subtitle.Line
		for _, l := range c.Lines {
			runs := make([]string, len(l))
			for i, sp := range l {
				runs[i] = sp.Text
			}
			out := zhtext.CaptionSpans(runs)
			var nl subtitle.Line
			for i, sp := range l {
				if out[i] != sp.Text {
					changed = true
				}
				sp.Text = out[i]
				if sp.Text != "" || sp.Timed || sp.Ruby != "" {
					nl = append(nl, sp)
				}
			}
			if len(nl) > 0 {
				lines = append(lines, nl)
			}
		}
		if len(lines) == 0 {
			lines = subtitle.Text("")
		}
		if changed {
			c.Lines = lines
			n++
		}
	}
	return n
}

// ConvertScript converts the Chinese text of d to script to, at phrase
// level (zhtext.Converter), and sets the document's language, and that of
// spans marked Chinese, to the script's tag, so TTML's xml:lang and
// WebVTT's language say what the text is. Spans marked with another
// language are left alone; text without Han characters passes unchanged.
// It returns how many cues changed.
func ConvertScript(d *subtitle.Document, to zhtext.Script) int {
	from := Lang(d)
	conv := zhtext.NewConverter(from, to)
	n := 0
	for ci := range d.Cues {
		c := &d.Cues[ci]
		changed := false
		for _, l := range c.Lines {
			for i := range l {
				sp := &l[i]
				conv := conv
				switch {
				case isChinese(sp.Lang):
					conv = zhtext.NewConverter(sp.Lang, to)
					sp.Lang = string(to)
				case sp.Lang != "":
					continue // another language: Japanese kanji are not to be converted
				}
				if t := conv.Convert(sp.Text); t != sp.Text {
					sp.Text, changed = t, true
				}
				if sp.Ruby != "" {
					sp.Ruby = conv.Convert(sp.Ruby)
				}
			}
		}
		if changed {
			n++
		}
	}
	if d.Lang == "" || isChinese(d.Lang) {
		d.Lang = string(to)
	}
	d.Title = conv.Convert(d.Title)
	return n
}

// isChinese reports whether tag names Chinese (zh, zh-Hans, cmn, yue...).
func isChinese(tag string) bool {
	t := strings.ToLower(tag)
	for _, p := range []string{"zh", "cmn", "yue", "wuu", "hak", "nan"} {
		if t == p || strings.HasPrefix(t, p+"-") || strings.HasPrefix(t, p+"_") {
			return true
		}
	}
	return false
}
