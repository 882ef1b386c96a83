package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// TestConvertEncodings: legacy encodings are detected, reported in --json,
// and the output is UTF-8 with the same text.
func TestConvertEncodings(t *testing.T) {
	const srt = "1\r\n00:00:01,000 --> 00:00:02,000\r\n大家好，这里是最佳拍档，我们今天来说一说这家公司的故事\r\n"
	const hant = "1\r\n00:00:01,000 --> 00:00:02,000\r\n大家好，這裡是最佳拍檔，我們今天來說一說這家公司的故事\r\n"
	gb, _ := simplifiedchinese.GB18030.NewEncoder().String(srt)
	big5, _ := traditionalchinese.Big5.NewEncoder().String(hant)
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(srt)
	dir := t.TempDir()
	files := map[string]struct{ data, enc, text string }{
		"gb.srt":   {gb, "GB18030", srt},
		"big5.srt": {big5, "Big5", hant},
		"u16.srt":  {u16, "UTF-16LE", srt},
		"bom.srt":  {"\ufeff" + srt, "UTF-8 BOM", srt},
	}
	var args []string
	for name, f := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(f.data), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	out := filepath.Join(dir, "out")
	code, stdout, stderr := runSubkit(t, nil, append([]string{"convert", "--json", "-t", "vtt", "-o", out}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if strings.HasPrefix(line, `{"summary":true,`) {
			continue
		}
		var r fileReport
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		f := files[filepath.Base(r.Input)]
		if r.Encoding != f.enc || r.From != "srt" || r.Cues != 1 {
			t.Errorf("%s: report %+v, want encoding %s", r.Input, r, f.enc)
		}
		got, err := os.ReadFile(r.Output)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Split(f.text, "\r\n")[2]
		if !strings.Contains(string(got), "\n"+want+"\n") {
			t.Errorf("%s: output lacks %q:\n%s", r.Input, want, got)
		}
	}
	// --encoding forces one.
	code, stdout, _ = runSubkit(t, nil, "convert", "--encoding", "gbk", "-t", "vtt", "-o", "-", filepath.Join(dir, "gb.srt"))
	if code != 0 || !strings.Contains(stdout, "大家好") {
		t.Errorf("--encoding gbk: exit %d, %q", code, stdout)
	}
	code, _, stderr = runSubkit(t, nil, "convert", "--encoding", "klingon", "-t", "vtt", filepath.Join(dir, "gb.srt"))
	if code != 2 || !strings.Contains(stderr, "--encoding") {
		t.Errorf("unknown encoding: exit %d, %q", code, stderr)
	}
}

// TestConvertManyJobs: 200 files with 4 workers give 200 right outputs and
// leave no temporary file behind.
func TestConvertManyJobs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	for i := 0; i < 200; i++ {
		p := filepath.Join(in, fmt.Sprintf("d%d", i%7), fmt.Sprintf("f%03d.srt", i))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(fmt.Sprintf("1\n00:00:%02d,000 --> 00:00:%02d,500\ncue %d\n", i%60, i%60, i)), 0o644)
	}
	out := filepath.Join(dir, "out")
	code, _, stderr := runSubkit(t, nil, "convert", "-j", "4", "-r", "-t", "vtt", "-o", out, in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	n := 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if d.IsDir() {
			return nil
		}
		n++
		if strings.HasPrefix(d.Name(), ".") {
			t.Errorf("temporary file left: %s", p)
		}
		var i int
		fmt.Sscanf(d.Name(), "f%03d.vtt", &i)
		b, _ := os.ReadFile(p)
		if !strings.Contains(string(b), fmt.Sprintf("\ncue %d\n", i)) {
			t.Errorf("%s has the wrong text: %q", p, b)
		}
		return nil
	})
	if n != 200 {
		t.Errorf("%d outputs, want 200", n)
	}
}

// TestConvertUsage: usage errors exit 2 and write nothing.
func TestConvertUsage(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.srt")
	os.WriteFile(a, []byte("1\n00:00:01,000 --> 00:00:02,000\nx\n"), 0o644)
	cases := [][]string{
		{"convert", "-t", "docx", a},
		{"convert", "--from", "pdf", "-t", "vtt", a},
		{"convert", "-t", "vtt"},
		{"convert", "-t", "vtt", "-o", filepath.Join(dir, "one.vtt"), a, a},
		{"convert", "-t", "vtt", "-o", "-", "--json", a},
		{"convert", "-t", "vtt", "-j", "0", a},
		{"convert", "-t", "vtt", "-", "-"},
		{"convert", a, "-t"},
	}
	for _, args := range cases {
		code, stdout, stderr := runSubkit(t, nil, args...)
		if code != 2 || stdout != "" || !strings.HasPrefix(stderr, "subkit: ") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("usage errors wrote files: %v", entries)
	}
}
