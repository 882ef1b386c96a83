package extcheck_test

// These tests make sure each check catches what it is there to catch: a
// check that passes everything would make the writers' tests worthless.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
)

func write(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const goodVTT = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\na &lt; b &amp; 中文\nline two\n\n100:00:00.000 --> 100:00:01.000\nlate\n"

var goodCues = []extcheck.Cue{
	{ID: "1", StartMs: 1000, EndMs: 2500, Text: "a < b & 中文\nline two"},
	{StartMs: 360000000, EndMs: 360001000, Text: "late"},
}

func TestWebVTTCatches(t *testing.T) {
	t.Parallel()
	good := write(t, "good.vtt", goodVTT)
	files := map[string]string{
		"unescaped.vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na < b\n",
		"badescape.vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na &nosuch; b\n",
		"comma.vtt":     "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\ncomma\n",
		"header.vtt":    "WEBVTT\nLanguage: en\n\n00:00:01.000 --> 00:00:02.000\nx\n",
		"noteid.vtt":    "WEBVTT\n\nNOTE\n00:00:01.000 --> 00:00:02.000\nx\n",
	}
	args := []string{good}
	var names []string
	for name, text := range files {
		names = append(names, name)
		args = append(args, write(t, name, text))
	}
	rs := extcheck.WebVTT(t, args...)
	if len(rs[0].Errors) > 0 {
		t.Errorf("good.vtt: %v", rs[0].Errors)
	}
	if d := extcheck.DiffCues(rs[0].Cues, goodCues); d != nil {
		t.Errorf("good.vtt: %v", d)
	}
	if rs[0].Cues[0].Raw != "a &lt; b &amp; 中文\nline two" {
		t.Errorf("good.vtt: raw text %q", rs[0].Cues[0].Raw)
	}
	for i, name := range names {
		if len(rs[i+1].Errors) == 0 {
			t.Errorf("%s: the parser reported no error", name)
		}
	}
}

func TestChromiumCatches(t *testing.T) {
	t.Parallel()
	good := write(t, "good.vtt", goodVTT)
	comma := write(t, "comma.vtt", "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\ndropped\n\n00:00:03.000 --> 00:00:04.000\nkept\n")
	nosig := write(t, "nosig.vtt", "00:00:01.000 --> 00:00:02.000\nno signature\n")
	rs := extcheck.Chromium(t, good, comma, nosig)
	if rs[0].ReadyState != 2 || rs[0].Error != "" {
		t.Errorf("good.vtt: %v", rs[0])
	}
	if d := extcheck.DiffCues(rs[0].Cues, goodCues); d != nil {
		t.Errorf("good.vtt: %v", d)
	}
	if d := extcheck.DiffCues(rs[1].Cues, []extcheck.Cue{{StartMs: 3000, EndMs: 4000, Text: "kept"}}); d != nil {
		t.Errorf("comma.vtt: want the bad cue dropped: %v", d)
	}
	if rs[2].Error == "" || rs[2].ReadyState != 3 {
		t.Errorf("nosig.vtt: want a failed load, got %v", rs[2])
	}
}

const ttmlHead = `<?xml version="1.0" encoding="UTF-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="zh-Hans"><body><div>
`

func TestTTMLSchemaCatches(t *testing.T) {
	t.Parallel()
	good := write(t, "good.ttml", ttmlHead+`<p begin="00:00:01.000" end="00:00:02.000">中文<br/>二</p></div></body></tt>`)
	nolang := write(t, "nolang.ttml", `<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p>x</p></div></body></tt>`)
	badattr := write(t, "badattr.ttml", ttmlHead+`<p begin="1s" end="2s" color="red">x</p></div></body></tt>`)
	broken := write(t, "broken.ttml", ttmlHead+`<p begin="1s" end="2s">a &b</p></div></body></tt>`)
	rs := extcheck.TTMLSchema(t, good, nolang, badattr, broken)
	if !rs[0].Valid || len(rs[0].Messages) > 0 {
		t.Errorf("good.ttml: %v", rs[0].Messages)
	}
	for _, r := range rs[1:] {
		if r.Valid || len(r.Messages) == 0 {
			t.Errorf("%s: valid %v, messages %q; want it rejected", filepath.Base(r.File), r.Valid, r.Messages)
		}
	}
	if !strings.Contains(strings.Join(rs[1].Messages, "\n"), "lang") {
		t.Errorf("nolang.ttml: %q does not name xml:lang", rs[1].Messages)
	}
}

func TestTTMLRenderCatches(t *testing.T) {
	t.Parallel()
	want := []extcheck.Cue{
		{StartMs: 1000, EndMs: 2000, Text: "大家好，这里是\n最佳拍档"},
		{StartMs: 3000, EndMs: 4000, Text: "a < b"},
	}
	good := write(t, "good.ttml", ttmlHead+
		`<p begin="00:00:01.000" end="00:00:02.000">大家好，这里是<br/>最佳拍档</p>`+"\n"+
		`<p begin="00:00:03.000" end="00:00:04.000">a &lt; b</p>`+"\n</div></body></tt>")
	// A line break in the source instead of <br/>: imsc shows a space,
	// which splits the Chinese text.
	spaced := write(t, "spaced.ttml", ttmlHead+
		`<p begin="00:00:01.000" end="00:00:02.000">大家好，这里是`+"\n"+`最佳拍档</p>`+"\n"+
		`<p begin="00:00:03.000" end="00:00:05.000">a &lt; b</p>`+"\n</div></body></tt>")
	rs := extcheck.TTMLRender(t, good, spaced)
	if d := extcheck.DiffTTML(rs[0], want, "zh-Hans"); d != nil {
		t.Errorf("good.ttml: %v", d)
	}
	d := strings.Join(extcheck.DiffTTML(rs[1], want, "zh-Hans"), "\n")
	for _, s := range []string{`"大家好，这里是 最佳拍档"`, "only spaces and line breaks differ", "time events"} {
		if !strings.Contains(d, s) {
			t.Errorf("spaced.ttml: differences %q do not say %s", d, s)
		}
	}
}

func TestExpectedCues(t *testing.T) {
	d := &subtitle.Document{Cues: []subtitle.Cue{
		{ID: "x", Start: 1500 * time.Millisecond, End: 2 * time.Second, Lines: subtitle.Text("a\r\nb", "  ", "c")},
		{ID: "a-->b", End: time.Millisecond, Lines: subtitle.Text("d")},
	}}
	got := extcheck.ExpectedCues(d)
	want := []extcheck.Cue{{ID: "x", StartMs: 1500, EndMs: 2000, Text: "a\nb\nc"}, {EndMs: 1, Text: "d"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ExpectedCues = %v, want %v", got, want)
	}
	if d := extcheck.DiffCues(got, want); d != nil {
		t.Errorf("DiffCues of equal cues: %v", d)
	}
	bad := append([]extcheck.Cue(nil), want...)
	bad[0].Text = "a b c"
	bad = bad[:1]
	if d := extcheck.DiffCues(bad, want); len(d) != 2 {
		t.Errorf("DiffCues = %q, want a count and a text difference", d)
	}
}

// fakeTB records what RequireTool does with a missing tool.
type fakeTB struct {
	testing.TB
	fatal, skip string
}

func (f *fakeTB) Helper()                           {}
func (f *fakeTB) Fatalf(format string, a ...any)    { f.fatal = fmt.Sprintf(format, a...) }
func (f *fakeTB) Skipf(format string, a ...any)     { f.skip = fmt.Sprintf(format, a...) }
func (f *fakeTB) Logf(format string, args ...any)   {}
func (f *fakeTB) Errorf(format string, args ...any) { f.fatal = fmt.Sprintf(format, args...) }

func TestRequireToolMissing(t *testing.T) {
	for _, ci := range []string{"", "true"} {
		t.Setenv("CI", ci)
		f := &fakeTB{TB: t}
		if p := extcheck.RequireTool(f, "subkit-no-such-tool"); p != "" {
			t.Fatalf("found %q", p)
		}
		switch {
		case ci == "" && (f.skip == "" || f.fatal != ""):
			t.Errorf("CI unset: skip %q, fatal %q; want a skip", f.skip, f.fatal)
		case ci != "" && (f.fatal == "" || f.skip != ""):
			t.Errorf("CI set: skip %q, fatal %q; want a failure", f.skip, f.fatal)
		}
	}
}

// TestNodePackages: a TTML test needs imsc only, a WebVTT test
// webvtt-parser only, so a skip names the package that is missing.
func TestNodePackages(t *testing.T) {
	for name, want := range map[string][]string{
		"node/imsc":          {"imsc"},
		"node/webvtt-parser": {"webvtt-parser"},
		"node":               {"webvtt-parser", "imsc", "opencc-js"},
		"ffmpeg":             nil,
	} {
		if got := extcheck.NodePackages(name); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

// TestKeyName: a file outside the module is written from the module's
// root without cleaning, so go test, which checks the letters of the name,
// keeps it among a test's inputs, and it still names the file itself.
func TestKeyName(t *testing.T) {
	root := t.TempDir()
	mod := filepath.Join(root, "mod")
	tool := filepath.Join(root, "bin", "tool")
	for _, dir := range []string{mod, filepath.Dir(tool)} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(tool, nil, 0o755); err != nil {
		t.Fatal(err)
	}
	name, ok := extcheck.KeyName(mod, tool)
	if !ok || !strings.HasPrefix(name, mod+string(filepath.Separator)) {
		t.Fatalf("KeyName = %q, %v; want a name under %s", name, ok, mod)
	}
	a, err1 := os.Stat(name)
	b, err2 := os.Stat(tool)
	if err1 != nil || err2 != nil || !os.SameFile(a, b) {
		t.Errorf("%s is not %s: %v, %v", name, tool, err1, err2)
	}
	if _, ok := extcheck.KeyName(mod, filepath.Join(mod, "x")); ok {
		t.Error("a file under the root is rewritten; want it left to go test as it is")
	}
}

// TestGoTestKeysOnKeyName: go test runs a cached test again once a file it
// stat'ed through a KeyName name appears, though the file lies outside the
// module. It runs go test on a module of one test that skips while the
// file is missing.
func TestGoTestKeysOnKeyName(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test three times")
	}
	goBin := extcheck.RequireTool(t, "go")
	dir := t.TempDir()
	mod := filepath.Join(dir, "mod")
	flag := filepath.Join(dir, "flag")
	name, ok := extcheck.KeyName(mod, flag)
	if !ok {
		t.Fatalf("no key name for %s from %s", flag, mod)
	}
	files := map[string]string{
		"go.mod": "module example.com/keyname\n\ngo 1.21\n",
		"x_test.go": "package keyname\n\nimport (\n\t\"os\"\n\t\"testing\"\n)\n\n" +
			"func TestX(t *testing.T) {\n\tif _, err := os.Stat(" + strconv.Quote(name) + "); err != nil {\n\t\tt.Skip(err)\n\t}\n}\n",
	}
	if err := os.MkdirAll(mod, 0o755); err != nil {
		t.Fatal(err)
	}
	for n, s := range files {
		if err := os.WriteFile(filepath.Join(mod, n), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	goTest := func() string {
		t.Helper()
		cmd := exec.Command(goBin, "test", ".")
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off", "GO111MODULE=on")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go test: %v\n%s", err, out)
		}
		return string(out)
	}
	goTest()
	if out := goTest(); !strings.Contains(out, "(cached)") {
		t.Fatalf("the second run was not cached, so this test proves nothing:\n%s", out)
	}
	if err := os.WriteFile(flag, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if out := goTest(); strings.Contains(out, "(cached)") {
		t.Errorf("go test gave its cached skip after the file appeared:\n%s", out)
	}
}
