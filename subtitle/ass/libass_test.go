package ass

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
)

// frame is one rendered video frame, 24-bit RGB.
type frame struct {
	w, h int
	pix  []byte
}

func (f frame) at(x, y int) (r, g, b byte) {
	i := 3 * (y*f.w + x)
	return f.pix[i], f.pix[i+1], f.pix[i+2]
}

// bands returns the runs of rows that hold text (a pixel brighter than the
// black background), as [first, last] rows.
func (f frame) bands() [][2]int {
	var out [][2]int
	in := false
	for y := 0; y < f.h; y++ {
		lit := false
		for x := 0; x < f.w && !lit; x++ {
			r, g, b := f.at(x, y)
			lit = max(r, g, b) > 120
		}
		switch {
		case lit && !in:
			out = append(out, [2]int{y, y})
			in = true
		case lit:
			out[len(out)-1][1] = y
		default:
			in = false
		}
	}
	return out
}

// reddish counts pixels that are clearly red.
func (f frame) reddish() int {
	n := 0
	for y := 0; y < f.h; y++ {
		for x := 0; x < f.w; x++ {
			r, g, b := f.at(x, y)
			if r > 150 && g < 80 && b < 80 {
				n++
			}
		}
	}
	return n
}

// renderLibass burns a script into frames of a black 384×288 video, one
// frame a second from 0 s, through ffmpeg's subtitles filter (libass),
// and returns the frames. libass blends in RGB, so colors come out as
// written, not shifted by YUV's subsampling. ffmpeg failing (libass refusing the script)
// fails the test.
func renderLibass(t *testing.T, script []byte, ext string, seconds int) []frame {
	t.Helper()
	ffmpeg := extcheck.RequireTool(t, "ffmpeg")
	dir := t.TempDir()
	file := filepath.Join(dir, "in"+ext)
	if err := os.WriteFile(file, script, 0o644); err != nil {
		t.Fatal(err)
	}
	const w, h = 384, 288
	cmd := exec.Command(ffmpeg, "-nostdin", "-v", "error", "-f", "lavfi",
		"-i", fmt.Sprintf("color=black:s=%dx%d:r=1:d=%d", w, h, seconds),
		"-vf", "format=rgb24,subtitles=in"+ext, "-f", "rawvideo", "-pix_fmt", "rgb24", "-")
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil || strings.Contains(errb.String(), "libass") {
		t.Fatalf("ffmpeg with libass refused the script: %v\n%s\nscript:\n%s", err, errb.String(), script)
	}
	size := 3 * w * h
	if out.Len() != size*seconds {
		t.Fatalf("ffmpeg gave %d bytes, want %d frames of %d", out.Len(), seconds, size)
	}
	var frames []frame
	for i := range seconds {
		frames = append(frames, frame{w, h, out.Bytes()[i*size : (i+1)*size]})
	}
	return frames
}

// TestLibassRenders writes ASS and SSA and burns them into video with
// ffmpeg's libass: each cue shows as many text lines as it has, where its
// placement says, red where a span is red.
func TestLibassRenders(t *testing.T) {
	srt := "1\n00:00:00,000 --> 00:00:01,000\nFirst line\nsecond line\n\n" +
		"2\n00:00:01,000 --> 00:00:02,000\nOne line only\n\n" +
		"3\n00:00:02,000 --> 00:00:03,000\n{\\an8}At the top\nin <i>two</i> lines\n\n" +
		"4\n00:00:03,000 --> 00:00:04,000\n<font color=\"#ff0000\">Red words here</font>\n"
	doc, _, err := subtitle.ReadText("in.srt", srt, subtitle.SRT)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []subtitle.Format{subtitle.ASS, subtitle.SSA} {
		t.Run(f.String(), func(t *testing.T) {
			if l := subtitle.Losses(doc, f); len(l) > 0 {
				t.Errorf("losses reported for what %v carries: %v", f, l)
			}
			var buf bytes.Buffer
			if err := subtitle.Encode(&buf, doc, f, subtitle.EncodeOptions{}); err != nil {
				t.Fatal(err)
			}
			frames := renderLibass(t, buf.Bytes(), f.Ext(), 5)
			want := []struct {
				lines int
				top   bool
			}{{2, false}, {1, false}, {2, true}, {1, false}, {0, false}}
			for i, w := range want {
				b := frames[i].bands()
				if len(b) != w.lines {
					t.Errorf("second %d: %d text lines rendered %v, want %d\n%s", i, len(b), b, w.lines, buf.String())
					continue
				}
				if len(b) > 0 && (b[0][0] < 288/2) != w.top {
					t.Errorf("second %d: text at rows %v, want top %v", i, b, w.top)
				}
			}
			if n := frames[3].reddish(); n < 20 {
				t.Errorf("red cue: %d red pixels", n)
			}
			if n := frames[0].reddish(); n > 0 {
				t.Errorf("white cue: %d red pixels", n)
			}
		})
	}
}

// near counts pixels within 24 of color c in each channel.
func (f frame) near(c [3]int) int {
	n := 0
	for y := 0; y < f.h; y++ {
		for x := 0; x < f.w; x++ {
			r, g, b := f.at(x, y)
			if abs(int(r)-c[0]) <= 24 && abs(int(g)-c[1]) <= 24 && abs(int(b)-c[2]) <= 24 {
				n++
			}
		}
	}
	return n
}

func abs(x int) int { return max(x, -x) }

// TestLibassCSSColors writes colors in forms the writer has taken since
// ASS, FCPXML and TTML share one color reader (CSS's names beyond the
// twenty it knew, percentages) and burns them into video with libass:
// each cue's text shows in its color. A color that is none is not
// written, and Losses says so.
func TestLibassCSSColors(t *testing.T) {
	forms := []struct {
		css string
		tag string
		rgb [3]int
	}{
		{"RebeccaPurple", `{\c&H993366&}`, [3]int{0x66, 0x33, 0x99}},
		{"darkorange", `{\c&H008CFF&}`, [3]int{0xff, 0x8c, 0x00}},
		{"DeepSkyBlue", `{\c&HFFBF00&}`, [3]int{0x00, 0xbf, 0xff}},
		{"rgb(0%,100%,50%)", `{\c&H80FF00&}`, [3]int{0x00, 0xff, 0x80}},
	}
	d := &subtitle.Document{}
	for i, f := range forms {
		d.Cues = append(d.Cues, subtitle.Cue{Start: time.Duration(i) * time.Second, End: time.Duration(i+1) * time.Second,
			Lines: []subtitle.Line{{{Text: "Colored words here", Color: f.css}}}})
	}
	if l := subtitle.Losses(d, subtitle.ASS); len(l) > 0 {
		t.Errorf("losses %v", l)
	}
	bad := &subtitle.Document{Cues: []subtitle.Cue{{Start: 0, End: time.Second, Lines: []subtitle.Line{{{Text: "x", Color: "nocolor"}, {Text: "y", Color: "transparent"}}}}}}
	if l := subtitle.Losses(bad, subtitle.ASS); len(l) != 1 || l[0] != "colors in 1 cue" {
		t.Errorf("losses of colors ASS cannot write: %v", l)
	}
	var buf bytes.Buffer
	if err := subtitle.Encode(&buf, d, subtitle.ASS, subtitle.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, f := range forms {
		if !strings.Contains(buf.String(), f.tag+"Colored") {
			t.Errorf("%q not written as %s:\n%s", f.css, f.tag, buf.String())
		}
	}
	frames := renderLibass(t, buf.Bytes(), ".ass", len(forms)+1)
	for i, f := range forms {
		if n := frames[i].near(f.rgb); n < 20 {
			t.Errorf("%q: %d pixels of its color rendered", f.css, n)
		}
		if n := frames[len(forms)].near(f.rgb); n > 0 {
			t.Errorf("%q: %d pixels of its color where nothing is shown", f.css, n)
		}
	}
}
