package imsc

import (
	"bytes"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/formattest"
	"github.com/subkit-dev/subkit/subtitle/ttml"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

func TestWriteGolden(t *testing.T) {
	got := formattest.Encode(t, formattest.TTMLSample(), Format)
	formattest.Golden(t, got, filepath.Join("testdata", "sample.ttml.golden"), *update)
	if !bytes.Contains(got, []byte(` ttp:contentProfiles="`+ttml.IMSC11TextProfile+`"`)) {
		t.Error("the profile is not declared")
	}
}

// TestReadBack: our TTML reader, ttconv and imscJS read what is written
// as it was meant (formattest.TTMLProfileReadBack).
func TestReadBack(t *testing.T) {
	formattest.TTMLProfileReadBack(t, formattest.TTMLSample(), Format, "white", func(c *subtitle.Cue) {
		// The reader adds what TTML says besides: ids, regions, WebVTT settings.
		c.ID, c.Region, c.Settings = "", "", ""
	})
}

// TestSchema validates what is written against the TTML1 schema (which
// lets ttp:contentProfiles, a TTML2 attribute, through).
func TestSchema(t *testing.T) {
	formattest.TTMLProfileSchema(t, formattest.TTMLSample(), Format)
}

func TestLosses(t *testing.T) {
	d := formattest.TTMLSample()
	d.Cues[0].Lines[0][0].Voice = "Ann"
	if got := strings.Join(subtitle.Losses(d, Format), "; "); got != "voice names (<v>) in 1 cue" {
		t.Errorf("losses %q", got)
	}
	if f, err := subtitle.ParseFormat("IMSC1.1"); err != nil || f != Format {
		t.Errorf("ParseFormat: %v %v", f, err)
	}
}
