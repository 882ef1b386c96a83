package ebuttd

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/formattest"
	"github.com/subkit-dev/subkit/subtitle/ttml"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

// sample has what the writer carries: styles, colors, a span language,
// two lines, each placement row and side, CJK text, XML's special
// characters, and a cue past an hour.
func sample() *subtitle.Document {
	return &subtitle.Document{Lang: "en", Title: "Demo & test", Cues: []subtitle.Cue{
		{Start: ms(1000), End: ms(3500), Lines: []subtitle.Line{{{Text: "Hello, "}, {Text: "world", Italic: true}}, {{Text: "Tom & Jerry > 2", Bold: true}}}},
		{Start: ms(3500), End: ms(5000), Align: 8, Lines: []subtitle.Line{{{Text: "on top", Underline: true}, {Text: " in red", Color: "#ff0000"}}}},
		{Start: ms(6000), End: ms(6500), Align: 4, Lines: []subtitle.Line{{{Text: "middle left "}, {Text: "bonjour", Lang: "fr"}}}},
		{Start: ms(7000), End: ms(8250), Align: 3, Lines: subtitle.Text("bottom right")},
		{Start: ms(3600_000), End: ms(3602_040), Lines: subtitle.Text("一小时后", "第二行")},
	}}
}

func encode(t *testing.T, d *subtitle.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, Format, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteGolden(t *testing.T) {
	got := encode(t, sample())
	path := filepath.Join("testdata", "sample.ttml.golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("differs from %s; got:\n%s", path, got)
	}
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

// TestReadBack reads what is written with our TTML reader (the same cues,
// no warning, and detected as TTML), with ttconv (no error or warning,
// the same times and text) and with imscJS (no error or warning; at each
// cue's begin exactly its text is shown, nothing between cues).
func TestReadBack(t *testing.T) {
	d := sample()
	back, ws, err := subtitle.ReadText("out.ttml", string(encode(t, d)), Format)
	if err != nil || len(ws) > 0 {
		t.Fatal(err, ws)
	}
	// The reader adds what TTML says besides: ids, regions, styles, WebVTT settings.
	for i := range back.Cues {
		c := &back.Cues[i]
		c.ID, c.Region, c.Settings, c.Style = "", "", "", ""
	}
	if !reflect.DeepEqual(back.Cues, d.Cues) || back.Lang != d.Lang || back.Title != d.Title {
		t.Errorf("read back %q %q %+v\nwant %+v", back.Lang, back.Title, back.Cues, d.Cues)
	}
	path := formattest.WriteTemp(t, "out.ttml", d, Format, subtitle.EncodeOptions{})
	if got := subtitle.Detect(encode(t, d)); got != subtitle.TTML {
		t.Errorf("detected as %v", got)
	}
	want := extcheck.ExpectedCues(d)
	t.Run("ttconv", func(t *testing.T) {
		got, msgs := extcheck.TTConvMessages(t, path)
		if len(msgs) > 0 {
			t.Errorf("ttconv said:\n%s", strings.Join(msgs, "\n"))
		}
		formattest.Agree(t, "ttconv", path, got, want, 0)
	})
	t.Run("ttconv warns", func(t *testing.T) {
		// The check above bites: ttconv's complaint about a color it
		// cannot read is a message.
		bad := filepath.Join(t.TempDir(), "bad.ttml")
		if err := os.WriteFile(bad, bytes.Replace(encode(t, d), []byte(`tts:color="#ffffff"`), []byte(`tts:color="whitish"`), 1), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, msgs := extcheck.TTConvMessages(t, bad); len(msgs) == 0 {
			t.Error("ttconv said nothing of a bad color")
		}
	})
	t.Run("imscJS", func(t *testing.T) {
		res := extcheck.TTMLRender(t, path)
		if diff := extcheck.DiffTTML(res[0], want, "en"); diff != nil {
			t.Errorf("imscJS read otherwise:\n%s", strings.Join(diff, "\n"))
		}
	})
}

// TestSchema validates what is written against the TTML1 schema (which
// lets ttp:contentProfiles, a TTML2 attribute, through).
func TestSchema(t *testing.T) {
	path := formattest.WriteTemp(t, "out.ttml", sample(), Format, subtitle.EncodeOptions{})
	if res := extcheck.TTMLSchema(t, path)[0]; !res.Valid {
		t.Errorf("not valid TTML1:\n%s", strings.Join(res.Messages, "\n"))
	}
}

// TestEBUSchema validates what is written against the EBU's EBU-TT-D
// schema; the TTML reader's EBU-TT-D sample, which times <body> (as
// EBU-TT-D does not allow), must fail, so the check is known to bite.
func TestEBUSchema(t *testing.T) {
	xsd := extcheck.EBUTTDSchema(t)
	path := formattest.WriteTemp(t, "out.ttml", sample(), Format, subtitle.EncodeOptions{})
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
	d := sample()
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
