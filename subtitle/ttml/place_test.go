package ttml

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
	_ "github.com/subkit-dev/subkit/subtitle/srt"
	_ "github.com/subkit-dev/subkit/subtitle/webvtt"
)

// positionsSRT has a cue at each keypad position, and one with none.
func positionsSRT() string {
	var b strings.Builder
	for a := 1; a <= 10; a++ {
		fmt.Fprintf(&b, "%d\n00:00:%02d,000 --> 00:00:%02d,500\n", a, a, a)
		if a <= 9 && a != 2 {
			fmt.Fprintf(&b, "{\\an%d}", a)
		}
		fmt.Fprintf(&b, "Cue %d\n\n", a)
	}
	return b.String()
}

func convert(t *testing.T, name string, in []byte, to subtitle.Format) ([]byte, []string) {
	t.Helper()
	doc, info, err := subtitle.Decode(name, in, subtitle.ReadOptions{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out bytes.Buffer
	if err := subtitle.Encode(&out, doc, to, subtitle.EncodeOptions{}); err != nil {
		t.Fatalf("%s to %v: %v", name, to, err)
	}
	var ws []string
	for _, w := range info.Warnings {
		ws = append(ws, w.String())
	}
	return out.Bytes(), append(ws, subtitle.Losses(doc, to)...)
}

// TestPositionsRoundTrip: SRT's {\anN} positions survive SRT -> TTML ->
// SRT. The TTML places them with regions and tts:textAlign, is valid
// against the TTML1 schema, and ttconv reads each paragraph into the
// region and alignment its position names.
func TestPositionsRoundTrip(t *testing.T) {
	src := positionsSRT()
	ttml, _ := convert(t, "pos.srt", []byte(src), subtitle.TTML)
	back, ws := convert(t, "pos.ttml", ttml, subtitle.SRT)
	if strings.TrimRight(string(back), "\n") != strings.TrimRight(src, "\n") {
		t.Errorf("SRT -> TTML -> SRT changed the file:\n%s\nTTML:\n%s", back, ttml)
	}
	for _, w := range ws {
		if strings.Contains(w, "regions") && !strings.Contains(w, "kept as top/middle/bottom, left/right placement") {
			t.Errorf("warning %q does not say the placement is kept", w)
		}
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "pos.ttml")
	if err := os.WriteFile(path, ttml, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, r := range extcheck.TTMLSchema(t, path) {
		if !r.Valid {
			t.Errorf("%s is not valid TTML1: %q", r.File, r.Messages)
		}
	}
	paras := ttconvLayout(t, path)
	if len(paras) != 10 {
		t.Fatalf("ttconv read %d paragraphs, want 10", len(paras))
	}
	for i, p := range paras {
		a := i + 1
		if a == 10 {
			a = 2 // no position: bottom center
		}
		if got := p.keypad(); got != a {
			t.Errorf("ttconv reads %q at keypad %d (%+v), want %d", p.Text, got, p, a)
		}
	}
}

type ttconvPara struct {
	Region       string    `json:"region"`
	Origin       []float64 `json:"origin"`
	Extent       []float64 `json:"extent"`
	DisplayAlign string    `json:"displayAlign"`
	TextAlign    string    `json:"textAlign"`
	Text         string    `json:"text"`
}

// keypad is where a paragraph shows, as its region's third of the screen
// and its text alignment.
func (p ttconvPara) keypad() int {
	if len(p.Origin) != 2 || len(p.Extent) != 2 {
		return 0
	}
	y := p.Origin[1]
	switch p.DisplayAlign {
	case "center":
		y += p.Extent[1] / 2
	case "after":
		y += p.Extent[1]
	}
	row := 0
	switch {
	case y < 100.0/3:
		row = 2
	case y < 200.0/3:
		row = 1
	}
	col := 0
	switch p.TextAlign {
	case "center":
		col = 1
	case "end", "right":
		col = 2
	}
	return row*3 + col + 1
}

// ttconvLayout reads a TTML file with ttconv's Python API.
func ttconvLayout(t *testing.T, path string) []ttconvPara {
	t.Helper()
	python := ""
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import ttconv").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		extcheck.Missing(t, "ttconv", "apt-get install python3-ttconv")
		return nil
	}
	out, err := exec.Command(python, filepath.Join("testdata", "ttconv_layout.py"), path).Output()
	if err != nil {
		t.Fatalf("ttconv could not read %s: %v", path, err)
	}
	var ps []ttconvPara
	if err := json.Unmarshal(out, &ps); err != nil {
		t.Fatalf("ttconv_layout.py: %v\n%s", err, out)
	}
	return ps
}

// TestRegionsToWebVTT: TTML regions become WebVTT cue settings where they
// are away from the bottom center, which the W3C parser accepts; cues at
// the bottom center get none. A region's tts:textAlign counts when the
// content does not set its own (it inherits from the region last).
func TestRegionsToWebVTT(t *testing.T) {
	in := ttDoc(` xmlns:ttp="http://www.w3.org/ns/ttml#parameter" tts:extent="1920px 1080px"`, `<head><layout>
<region xml:id="top" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="before" tts:textAlign="center"/>
<region xml:id="bottom" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="after" tts:textAlign="center"/>
<region xml:id="left" tts:origin="192px 432px" tts:extent="768px 216px" tts:displayAlign="center" tts:textAlign="left"/>
<region xml:id="right"><style tts:origin="50% 70%" tts:extent="40% 20%" tts:displayAlign="after" tts:textAlign="end"/></region>
</layout></head><body><div>
<p begin="1s" end="2s" region="top">Top</p>
<p begin="3s" end="4s" region="bottom">Bottom</p>
<p begin="5s" end="6s" region="left">Left middle</p>
<p begin="7s" end="8s" region="right">Right bottom</p>
<p begin="9s" end="10s" region="top" tts:textAlign="right">Top right</p>
<p begin="11s" end="12s">Nowhere</p>
</div></body>`)
	vtt, _ := convert(t, "regions.ttml", []byte(in), subtitle.WebVTT)
	want := []string{
		"00:00:01.000 --> 00:00:02.000 line:10% position:50% size:80% align:center\nTop\n",
		"00:00:03.000 --> 00:00:04.000\nBottom\n",
		"00:00:05.000 --> 00:00:06.000 line:50%,center position:10% size:40% align:left\nLeft middle\n",
		"00:00:07.000 --> 00:00:08.000 line:90%,end position:90% size:40% align:right\nRight bottom\n",
		"00:00:09.000 --> 00:00:10.000 line:10% position:90% size:80% align:right\nTop right\n",
		"00:00:11.000 --> 00:00:12.000\nNowhere\n",
	}
	for _, w := range want {
		if !bytes.Contains(vtt, []byte(w)) {
			t.Errorf("WebVTT has no cue\n%s\ngot:\n%s", w, vtt)
		}
	}
	srt, _ := convert(t, "regions.ttml", []byte(in), subtitle.SRT)
	for _, w := range []string{"{\\an8}Top", "\nBottom", "{\\an4}Left middle", "{\\an3}Right bottom", "{\\an9}Top right", "\nNowhere"} {
		if !bytes.Contains(srt, []byte(w)) {
			t.Errorf("SRT has no %q:\n%s", w, srt)
		}
	}
	path := filepath.Join(t.TempDir(), "regions.vtt")
	if err := os.WriteFile(path, vtt, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, r := range extcheck.WebVTT(t, path) {
		if len(r.Errors) > 0 || len(r.Cues) != 6 {
			t.Errorf("W3C parser: %d cues, errors %v", len(r.Cues), r.Errors)
		}
	}
}
