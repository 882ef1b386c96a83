package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConvertNewFormats: a tree of files in the formats people still
// bring is found by -r and each is detected by its content (two .sub
// files in different formats, a text .stl); each converts to SRT, and an
// SRT converts to each with -t NAME.
func TestConvertNewFormats(t *testing.T) {
	dir := t.TempDir()
	in := map[string]string{
		"a/yt.sbv":   "0:00:01.000,0:00:02.000\nfrom sbv\n",
		"a/song.lrc": "[ti:x]\n[00:01.00]from lrc\n[00:02.00]\n",
		"b/mdvd.sub": "{1}{1}25\n{25}{50}from microdvd\n",
		"b/sv.sub":   "[INFORMATION]\n[END INFORMATION]\n[SUBTITLE]\n00:00:01.00,00:00:02.00\nfrom subviewer\n",
		"c/dvd.stl":  "$FontName = Arial\n00:00:01:00 , 00:00:02:00 , from spruce\n",
		"c/cc.scc":   "Scenarist_SCC V1.0\n\n00:00:00;00\t9420 9420 94ae 94ae 9470 9470 e6f2 ef6d 2073 e3e3\n\n00:00:00;29\t942f 942f\n\n00:00:01;29\t942c 942c\n",
		"b/ko.smi":   "<SAMI><BODY>\n<SYNC Start=1000><P Class=KRCC>from sami\n<SYNC Start=2000><P Class=KRCC>&nbsp;\n</BODY></SAMI>\n",
	}
	for name, text := range in {
		p := filepath.Join(dir, "in", name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := runSubkit(t, nil, "convert", "--json", "-r", "-t", "srt", "-o", filepath.Join(dir, "out"), filepath.Join(dir, "in"))
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	from := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var r fileReport
		if err := json.Unmarshal([]byte(line), &r); err != nil || r.Input == "" {
			continue
		}
		from[filepath.Base(r.Input)] = r.From
		b, err := os.ReadFile(r.Output)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "00:00:01,000 --> 00:00:02,000\nfrom ") && !strings.Contains(string(b), "00:00:00,968 --> 00:00:01,969\n{\\an1}from scc") {
			t.Errorf("%s as SRT:\n%s", r.Input, b)
		}
	}
	want := map[string]string{"yt.sbv": "sbv", "song.lrc": "lrc", "mdvd.sub": "microdvd", "sv.sub": "subviewer", "ko.smi": "sami", "dvd.stl": "spruce", "cc.scc": "scc"}
	for k, v := range want {
		if from[k] != v {
			t.Errorf("%s read as %q, want %s", k, from[k], v)
		}
	}

	srt := filepath.Join(dir, "x.srt")
	os.WriteFile(srt, []byte("1\n00:00:01,000 --> 00:00:02,000\nhello\n"), 0o644)
	for _, f := range []string{"sbv", "lrc", "microdvd", "subviewer", "sami", "spruce", "scc"} {
		code, stdout, stderr := runSubkit(t, nil, "convert", "-t", f, "--fps", "25", "-o", "-", srt)
		if code != 0 || !strings.Contains(stdout, "hello") && !strings.Contains(stdout, "68e5 ecec ef80") {
			t.Errorf("-t %s: exit %d\n%s%s", f, code, stdout, stderr)
		}
		if f == "microdvd" && !strings.Contains(stdout, "{1}{1}25\n{25}{50}hello") {
			t.Errorf("--fps 25 not used:\n%s", stdout)
		}
	}
}

// TestConvertSAMILanguage: --language picks a SAMI language; the others
// are reported, not dropped silently.
func TestConvertSAMILanguage(t *testing.T) {
	dir := t.TempDir()
	smi := filepath.Join(dir, "two.smi")
	os.WriteFile(smi, []byte("<SAMI><HEAD><STYLE><!--\n.KRCC {Name:Korean; lang:ko-KR;}\n.ENCC {Name:English; lang:en-US;}\n--></STYLE></HEAD><BODY>\n<SYNC Start=1000><P Class=KRCC>안녕\n<SYNC Start=1000><P Class=ENCC>hello\n<SYNC Start=2000><P Class=KRCC>&nbsp;\n<P Class=ENCC>&nbsp;\n</BODY></SAMI>\n"), 0o644)
	code, stdout, stderr := runSubkit(t, nil, "convert", "-t", "srt", "-o", "-", smi)
	if code != 0 || !strings.Contains(stdout, "안녕") || strings.Contains(stdout, "hello") || !strings.Contains(stderr, "not read: ENCC") {
		t.Errorf("default: exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, stdout, _ = runSubkit(t, nil, "convert", "-t", "srt", "--language", "en-US", "-o", "-", smi)
	if code != 0 || !strings.Contains(stdout, "hello") || strings.Contains(stdout, "안녕") {
		t.Errorf("--language en-US: exit %d\n%s", code, stdout)
	}
	code, _, stderr = runSubkit(t, nil, "convert", "-t", "srt", "--language", "ja", "-o", "-", smi)
	if code != 1 || !strings.Contains(stderr, `no language "ja"`) {
		t.Errorf("--language ja: exit %d\n%s", code, stderr)
	}
}

// TestConvertSCCRefuses: a caption SCC cannot carry fails the file, named,
// and nothing is written.
func TestConvertSCCRefuses(t *testing.T) {
	dir := t.TempDir()
	srt := filepath.Join(dir, "zh.srt")
	os.WriteFile(srt, []byte("1\n00:00:01,000 --> 00:00:02,000\nfine\n\n2\n00:00:03,000 --> 00:00:04,000\n大家好\n"), 0o644)
	code, _, stderr := runSubkit(t, nil, "convert", "-t", "scc", srt)
	if code != 1 || !strings.Contains(stderr, `cue 2 ("大家好")`) || !strings.Contains(stderr, "608 character set") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "zh.scc")); err == nil {
		t.Error("an output was left")
	}
}
