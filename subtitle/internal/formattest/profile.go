package formattest

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
)

// TTMLSample is what the TTML profile writers (subtitle/imsc,
// subtitle/ebuttd) are tested on: styles, colors, a span language, two
// lines, each placement row and side, CJK text, XML's special characters,
// and a cue past an hour.
func TTMLSample() *subtitle.Document {
	ms := func(n int64) time.Duration { return time.Duration(n) * time.Millisecond }
	return &subtitle.Document{Lang: "en", Title: "Demo & test", Cues: []subtitle.Cue{
		{Start: ms(1000), End: ms(3500), Lines: []subtitle.Line{{{Text: "Hello, "}, {Text: "world", Italic: true}}, {{Text: "Tom & Jerry > 2", Bold: true}}}},
		{Start: ms(3500), End: ms(5000), Align: 8, Lines: []subtitle.Line{{{Text: "on top", Underline: true}, {Text: " in red", Color: "#ff0000"}}}},
		{Start: ms(6000), End: ms(6500), Align: 4, Lines: []subtitle.Line{{{Text: "middle left "}, {Text: "bonjour", Lang: "fr"}}}},
		{Start: ms(7000), End: ms(8250), Align: 3, Lines: subtitle.Text("bottom right")},
		{Start: ms(3600_000), End: ms(3602_040), Lines: subtitle.Text("一小时后", "第二行")},
	}}
}

// Encode writes d as f and fails the test on an error.
func Encode(t testing.TB, d *subtitle.Document, f subtitle.Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, f, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Golden compares got with the file at path, first rewriting the file
// when update is set (go test -update).
func Golden(t testing.TB, got []byte, path string, update bool) {
	t.Helper()
	if update {
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
}

// TTMLProfileReadBack reads d written as the TTML profile f with our
// TTML reader (the same cues, no warning, and detected as TTML), with
// ttconv (no error or warning, the same times and text) and with imscJS
// (no error or warning; at each cue's begin exactly its text is shown,
// nothing between cues). white is how f writes the color white: made
// unreadable, ttconv must complain, so its silence above means something.
// clear drops from a cue read back what the reader adds besides (ids,
// regions, settings...).
func TTMLProfileReadBack(t *testing.T, d *subtitle.Document, f subtitle.Format, white string, clear func(*subtitle.Cue)) {
	out := Encode(t, d, f)
	back, ws, err := subtitle.ReadText("out.ttml", string(out), f)
	if err != nil || len(ws) > 0 {
		t.Fatal(err, ws)
	}
	for i := range back.Cues {
		clear(&back.Cues[i])
	}
	if !reflect.DeepEqual(back.Cues, d.Cues) || back.Lang != d.Lang || back.Title != d.Title {
		t.Errorf("read back %q %q %+v\nwant %+v", back.Lang, back.Title, back.Cues, d.Cues)
	}
	path := WriteTemp(t, "out.ttml", d, f, subtitle.EncodeOptions{})
	if got := subtitle.Detect(out); got != subtitle.TTML {
		t.Errorf("detected as %v", got)
	}
	want := extcheck.ExpectedCues(d)
	t.Run("ttconv", func(t *testing.T) {
		got, msgs := extcheck.TTConvMessages(t, path)
		if len(msgs) > 0 {
			t.Errorf("ttconv said:\n%s", strings.Join(msgs, "\n"))
		}
		Agree(t, "ttconv", path, got, want, 0)
	})
	t.Run("ttconv warns", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "bad.ttml")
		broken := bytes.Replace(out, []byte(`tts:color="`+white+`"`), []byte(`tts:color="whitish"`), 1)
		if bytes.Equal(broken, out) {
			t.Fatalf("no tts:color=%q in what was written", white)
		}
		if err := os.WriteFile(bad, broken, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, msgs := extcheck.TTConvMessages(t, bad); len(msgs) == 0 {
			t.Error("ttconv said nothing of a bad color")
		}
	})
	t.Run("imscJS", func(t *testing.T) {
		res := extcheck.TTMLRender(t, path)
		if diff := extcheck.DiffTTML(res[0], want, d.Lang); diff != nil {
			t.Errorf("imscJS read otherwise:\n%s", strings.Join(diff, "\n"))
		}
	})
}

// TTMLProfileSchema validates d written as f against the TTML1 schema.
func TTMLProfileSchema(t *testing.T, d *subtitle.Document, f subtitle.Format) {
	path := WriteTemp(t, "out.ttml", d, f, subtitle.EncodeOptions{})
	if res := extcheck.TTMLSchema(t, path)[0]; !res.Valid {
		t.Errorf("not valid TTML1:\n%s", strings.Join(res.Messages, "\n"))
	}
}
