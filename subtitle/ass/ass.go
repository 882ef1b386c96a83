package ass

import (
	"fmt"
	"strings"

	"github.com/subkit-dev/subkit/subtitle"
)

func init() {
	for _, f := range []subtitle.Format{subtitle.ASS, subtitle.SSA} {
		subtitle.Register(subtitle.Spec{
			Format:      f,
			Ext:         "." + string(f),
			Sniff:       sniffer(f),
			Read:        read(f),
			ReadSources: readSources(f),
			Write:       write(f),
			Carries: subtitle.Carries{Italic: true, Bold: true, Underline: true, Align: true, Voice: true,
				RubyAsText: true,
				SomeColors: func(c string) bool { _, ok := cssColor(c); return ok },
				StylesOf:   func(s subtitle.Format) bool { return s == subtitle.ASS || s == subtitle.SSA }},
		})
	}
}

// sniffer knows a script by its [Script Info] section: ASS when the head
// says v4.00+ or has a [V4+ Styles] section, else SSA.
func sniffer(f subtitle.Format) func(_ []byte, head string) subtitle.Match {
	return func(_ []byte, head string) subtitle.Match {
		lower := strings.ToLower(head)
		if !strings.HasPrefix(lower, "[script info]") {
			return subtitle.NoMatch
		}
		ass := strings.Contains(lower, "v4.00+") || strings.Contains(lower, "[v4+ styles]")
		if ass == (f == subtitle.ASS) {
			return subtitle.Sure
		}
		return subtitle.NoMatch
	}
}

// read reads an ASS or SSA script. A script with neither an [Events]
// section nor styles, or with Dialogue lines none of which reads, is an
// error; one with styles and no Dialogue lines is an empty document (with
// a warning when it has no [Events] section).
func read(f subtitle.Format) func(name, text string) (*subtitle.Document, []subtitle.Warning, error) {
	return func(name, text string) (*subtitle.Document, []subtitle.Warning, error) {
		d, ws, _, err := readSources(f)(name, text)
		return d, ws, err
	}
}

// readSources is read that also gives the line of each cue's Dialogue.
func readSources(f subtitle.Format) func(name, text string) (*subtitle.Document, []subtitle.Warning, []subtitle.CueSource, error) {
	return func(name, text string) (*subtitle.Document, []subtitle.Warning, []subtitle.CueSource, error) {
		p := parseScript(text, f == subtitle.SSA)
		if len(p.events) == 0 && len(p.warnings) > 0 {
			w := p.warnings[0]
			return nil, nil, nil, &subtitle.ParseError{File: name, Line: w.Line,
				Err: fmt.Errorf("%w: no Dialogue line reads (%d skipped): %s", subtitle.ErrSyntax, len(p.warnings), w.Message)}
		}
		if !p.hasEvents && len(p.styles) == 0 {
			return nil, nil, nil, &subtitle.ParseError{File: name, Err: fmt.Errorf("%w: no [Events] section and no styles", subtitle.ErrSyntax)}
		}
		d, ws := fromScript(p, f)
		if !p.hasEvents {
			ws = append(ws, subtitle.Warning{Message: "no [Events] section: a script without cues"})
		}
		src := make([]subtitle.CueSource, len(p.events))
		for i, e := range p.events {
			src[i] = subtitle.CueSource{Line: e.line}
		}
		return d, ws, src, nil
	}
}
