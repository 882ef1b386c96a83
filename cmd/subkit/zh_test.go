package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
	_ "github.com/subkit-dev/subkit/subtitle/all"
	"github.com/subkit-dev/subkit/timing"
	"github.com/subkit-dev/subkit/zhtext"
)

func readSRT(t *testing.T, s string) *subtitle.Document {
	t.Helper()
	d, err := subtitle.Read("out.srt", []byte(s), subtitle.SRT)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestSamplePunctuation generates the sample with --punctuation caption:
// the same captions at the same times, no line ending on ，。、；：, no ，、
// left, every ？！ kept, and nothing else of the text changed.
func TestSamplePunctuation(t *testing.T) {
	args := append(append([]string{}, sampleArgs...), "-q", "-f", "srt", "-o", "-", sampleTranscript(t))
	code, keep, stderr := runSubkit(t, nil, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, capt, stderr := runSubkit(t, nil, append(args, "--punctuation", "caption")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	k, c := readSRT(t, keep), readSRT(t, capt)
	if len(k.Cues) != len(c.Cues) {
		t.Fatalf("%d captions, %d with caption punctuation", len(k.Cues), len(c.Cues))
	}
	changed := 0
	for i := range k.Cues {
		kc, cc := k.Cues[i], c.Cues[i]
		if kc.Start != cc.Start || kc.End != cc.End {
			t.Errorf("caption %d moved", i+1)
		}
		kl, cl := kc.PlainLines(), cc.PlainLines()
		if len(kl) != len(cl) {
			t.Errorf("caption %d: lines %q became %q", i+1, kl, cl)
			continue
		}
		for j := range kl {
			if strings.ContainsAny(cl[j], "，、") || strings.ContainsAny(lastRune(cl[j]), "，。、；：") {
				t.Errorf("caption %d: %q", i+1, cl[j])
			}
			if strings.Count(kl[j], "？")+strings.Count(kl[j], "！") != strings.Count(cl[j], "？")+strings.Count(cl[j], "！") {
				t.Errorf("caption %d: %q lost a ？ or ！: %q", i+1, kl[j], cl[j])
			}
			// Only pauses and stops went, or became spaces.
			strip := func(s string) string {
				return strings.Map(func(r rune) rune {
					if strings.ContainsRune("，。、；：　 ", r) {
						return -1
					}
					return r
				}, s)
			}
			if strip(kl[j]) != strip(cl[j]) {
				t.Errorf("caption %d: %q became %q", i+1, kl[j], cl[j])
			}
			if kl[j] != cl[j] {
				changed++
			}
		}
	}
	if changed < 50 {
		t.Errorf("only %d lines changed: the sample has commas inside its lines", changed)
	}
}

func lastRune(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return ""
	}
	return string(r[len(r)-1])
}

// TestSampleScript generates the sample in each script: the text is the
// transcript converted line by line, the track's language is the
// script's, in all three formats.
func TestSampleScript(t *testing.T) {
	raw, err := os.ReadFile(sampleTranscript(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range zhtext.Scripts {
		dir := t.TempDir()
		args := append(append([]string{}, sampleArgs...), "-q", "--script", string(sc), "-o", dir, sampleTranscript(t))
		if code, _, stderr := runSubkit(t, nil, args...); code != 0 {
			t.Fatalf("%s: exit %d: %s", sc, code, stderr)
		}
		conv := zhtext.NewConverter("zh-Hans", sc)
		var want strings.Builder
		for _, l := range timing.ParseTranscript(string(raw)) {
			want.WriteString(conv.Convert(l.Text))
		}
		noSpace := func(s string) string { return strings.Join(strings.Fields(s), "") }
		srt, _ := os.ReadFile(filepath.Join(dir, "interview-zh.srt"))
		d := readSRT(t, string(srt))
		var got strings.Builder
		for _, c := range d.Cues {
			got.WriteString(strings.Join(c.PlainLines(), ""))
		}
		if noSpace(got.String()) != noSpace(want.String()) {
			t.Errorf("%s: the captions' text is not the converted transcript", sc)
		}
		if sc == zhtext.TW && !(strings.Contains(got.String(), "資訊") && strings.Contains(got.String(), "影片")) {
			t.Errorf("zh-TW: Taiwan's words 資訊 (信息) and 影片 (视频) are not in the sample's captions")
		}
		vtt, _ := os.ReadFile(filepath.Join(dir, "interview-zh.vtt"))
		ttml, _ := os.ReadFile(filepath.Join(dir, "interview-zh.ttml"))
		if !strings.Contains(string(vtt), "\nNOTE Language: "+string(sc)+"\n") || !strings.Contains(string(ttml), `xml:lang="`+string(sc)+`"`) {
			t.Errorf("%s: the WebVTT or TTML language is not the script's", sc)
		}
	}
}

// TestSampleMerge merges the sample's track with the sample cut into
// shorter captions (one line each, converted to Traditional so the two
// can be told apart): every cue of the second track shows in the merged
// track, next to the captions it overlaps, and the merged WebVTT reads in
// the W3C parser.
func TestSampleMerge(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.srt"), filepath.Join(dir, "b.srt")
	base := append([]string{}, sampleArgs...)
	if code, _, stderr := runSubkit(t, nil, append(base, "-q", "-o", a, sampleTranscript(t))...); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := runSubkit(t, nil, append(base, "-q", "--max-lines", "1", "--script", "zh-Hant", "-o", b, sampleTranscript(t))...); code != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(dir, "m.vtt")
	code, _, stderr := runSubkit(t, nil, "merge", "-o", out, a, b)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "only in") {
		t.Errorf("no pairing summary: %s", stderr)
	}
	read := func(p string) *subtitle.Document {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		d, err := subtitle.Read(p, raw, subtitle.Unknown)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	da, db, m := read(a), read(b), read(out)
	shown := map[string]bool{}
	for _, c := range m.Cues {
		for _, l := range c.PlainLines() {
			shown[l] = true
		}
	}
	for _, c := range db.Cues {
		if l := c.PlainLines()[0]; !shown[l] {
			t.Errorf("second track's %q is not in the merged track", l)
		}
	}
	if len(m.Cues) < len(da.Cues) {
		t.Errorf("%d merged cues for %d in the first track", len(m.Cues), len(da.Cues))
	}
	if node := extcheck.RequireTool(t, "node"); node != "" {
		res := extcheck.WebVTT(t, out)
		if len(res) != 1 || len(res[0].Errors) > 0 || len(res[0].Cues) != len(m.Cues) {
			t.Errorf("webvtt-parser: %+v", res)
		}
	}
}

// TestMergeASSStyles: merged to ASS or SSA, each language is its own
// event in its own style, the Chinese one on top (Primary).
func TestMergeASSStyles(t *testing.T) {
	dir := t.TempDir()
	zh, en := filepath.Join(dir, "zh.srt"), filepath.Join(dir, "en.srt")
	os.WriteFile(zh, []byte("1\n00:00:01,000 --> 00:00:03,000\n你好世界\n"), 0o644)
	os.WriteFile(en, []byte("1\n00:00:01,100 --> 00:00:03,000\nHello world\n"), 0o644)
	for _, ext := range []string{".ass", ".ssa"} {
		out := filepath.Join(dir, "m"+ext)
		if code, _, stderr := runSubkit(t, nil, "merge", "-q", "-o", out, en, zh); code != 0 {
			t.Fatalf("%s: exit %d: %s", ext, code, stderr)
		}
		raw, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{",Primary,,0,0,0,,你好世界\n", ",Secondary,,0,0,0,,Hello world\n"} {
			if !strings.Contains(string(raw), want) {
				t.Errorf("%s: no event %q in\n%s", ext, want, raw)
			}
		}
	}
}

// TestBilingualTTMLClients: a bilingual track from generate and the
// merged sample track in TTML validate against the TTML1 schema, and imsc
// renders the generated one with each cue's text exactly, in zh-TW.
func TestBilingualTTMLClients(t *testing.T) {
	extcheck.RequireTool(t, "xmllint")
	extcheck.RequireTool(t, "node")
	dir := t.TempDir()
	tr := filepath.Join(dir, "bi.txt")
	text := "大家好，这里是最佳拍档。 | Hello, this is Best Partners.\n" +
		"今天我们聊聊这个软件在医疗领域的应用前景以及未来的发展方向。 | Today we talk about this software, its uses in medicine and where it goes next.\n"
	if err := os.WriteFile(tr, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	gen := filepath.Join(dir, "bi.ttml")
	if code, _, stderr := runSubkit(t, nil, "generate", "-q", "-d", "20s", "--script", "zh-TW", "-o", gen, tr); code != 0 {
		t.Fatal(stderr)
	}
	a, b := filepath.Join(dir, "a.srt"), filepath.Join(dir, "b.srt")
	base := append([]string{}, sampleArgs...)
	if code, _, stderr := runSubkit(t, nil, append(base, "-q", "-o", a, sampleTranscript(t))...); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := runSubkit(t, nil, append(base, "-q", "--max-lines", "1", "--script", "zh-Hant", "-o", b, sampleTranscript(t))...); code != 0 {
		t.Fatal(stderr)
	}
	merged := filepath.Join(dir, "m.ttml")
	if code, _, stderr := runSubkit(t, nil, "merge", "-q", "-o", merged, a, b); code != 0 {
		t.Fatal(stderr)
	}
	for _, r := range extcheck.TTMLSchema(t, gen, merged) {
		if !r.Valid {
			t.Errorf("%s: not valid TTML1: %q", r.File, r.Messages)
		}
	}
	raw, err := os.ReadFile(gen)
	if err != nil {
		t.Fatal(err)
	}
	d, err := subtitle.Read(gen, raw, subtitle.TTML)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cues) < 3 || len(d.Cues[1].Lines) < 2 || d.Cues[1].Lines[1][0].Lang != "en" {
		t.Fatalf("generated cues: %+v", d.Cues)
	}
	res := extcheck.TTMLRender(t, gen, merged)
	if diff := extcheck.DiffTTML(res[0], extcheck.ExpectedCues(d), "zh-TW"); diff != nil {
		t.Errorf("imsc on the bilingual track: %q", diff)
	}
	if len(res[1].Errors) > 0 {
		t.Errorf("imsc on the merged track: %q", res[1].Errors)
	}
}
