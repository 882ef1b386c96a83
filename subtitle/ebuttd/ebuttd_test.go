package ebuttd

import (
	"bytes"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/formattest"
	"github.com/subkit-dev/subkit/subtitle/ttml"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

func TestWriteGolden(t *testing.T) {
	got := formattest.Encode(t, formattest.TTMLSample(), Format)
	formattest.Golden(t, got, filepath.Join("testdata", "sample.ttml.golden"), *update)
	if !bytes.Contains(got, []byte(`<ebuttm:conformsToStandard>`+ttml.EBUTTDStandard+`</ebuttm:conformsToStandard>`)) {
		t.Error("the profile is not declared")
	}
	// EBU-TT-D styles content only by reference, and places regions in
	// percent.
	body := got[bytes.Index(got, []byte("<body")):]
	if bytes.Contains(body, []byte(" tts:")) {
		t.Errorf("a tts: attribute in the body:\n%s", body)
	}
	for _, want := range []string{`ttp:timeBase="media"`, `tts:origin="10% 80%" tts:extent="80% 15%"`, `begin="01:00:00.000" end="01:00:02.040"`} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("no %s", want)
		}
	}
}

// TestReadBack: our TTML reader, ttconv and imscJS read what is written
// as it was meant (formattest.TTMLProfileReadBack).
func TestReadBack(t *testing.T) {
	formattest.TTMLProfileReadBack(t, formattest.TTMLSample(), Format, "#ffffff", func(c *subtitle.Cue) {
		// The reader adds what TTML says besides: ids, regions, styles, WebVTT settings.
		c.ID, c.Region, c.Settings, c.Style = "", "", "", ""
	})
}

// TestSchema validates what is written against the TTML1 schema.
func TestSchema(t *testing.T) {
	formattest.TTMLProfileSchema(t, formattest.TTMLSample(), Format)
}

// TestEBUSchema validates what is written against the EBU's EBU-TT-D
// schema; the TTML reader's EBU-TT-D sample, which times <body> (as
// EBU-TT-D does not allow), must fail, so the check is known to bite.
func TestEBUSchema(t *testing.T) {
	xsd := extcheck.EBUTTDSchema(t)
	path := formattest.WriteTemp(t, "out.ttml", formattest.TTMLSample(), Format, subtitle.EncodeOptions{})
	empty := formattest.WriteTemp(t, "empty.ttml", &subtitle.Document{}, Format, subtitle.EncodeOptions{})
	res := extcheck.XSDValid(t, xsd, path, empty, filepath.Join("..", "ttml", "testdata", "ebu-tt-d.ttml"))
	for _, r := range res[:2] {
		if !r.Valid {
			t.Errorf("%s is not valid EBU-TT-D:\n%s", filepath.Base(r.File), strings.Join(r.Messages, "\n"))
		}
	}
	if res[2].Valid {
		t.Error("a <body dur> validated")
	}
}

func TestLosses(t *testing.T) {
	d := formattest.TTMLSample()
	d.Cues[0].Lines[0][0].Voice = "Ann"
	if got := strings.Join(subtitle.Losses(d, Format), "; "); got != "voice names (<v>) in 1 cue" {
		t.Errorf("losses %q", got)
	}
	d.Cues[1].Lines[0][1].Color = "rgba(1,2,3,0.5)"
	d.Cues[2].Lines[0][0].Color = "currentColor"
	if got := strings.Join(subtitle.Losses(d, Format), "; "); got != "colors in 1 cue; voice names (<v>) in 1 cue" {
		t.Errorf("losses %q", got)
	}
	if f, err := subtitle.ParseFormat("EBUTTD"); err != nil || f != Format {
		t.Errorf("ParseFormat: %v %v", f, err)
	}
}
