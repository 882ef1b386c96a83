package zhtext

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/internal/extcheck"
)

// corpus reads the texts the conversion is checked on: the bundled
// interview sample (Simplified) and the caption lines of bench/zhbreak's
// tuning half (Simplified and Traditional, from many videos).
func corpus(t *testing.T) (hans, hant []string) {
	root := extcheck.Root(t)
	shared := filepath.Join(root, "..", "shared")
	extcheck.KeyOn(t, filepath.Join(shared, "samples", "interview-zh.txt"))
	extcheck.KeyOn(t, filepath.Join(shared, "bench", "zhbreak", "dev.tsv"))
	sample, err := os.ReadFile(filepath.Join(shared, "samples", "interview-zh.txt"))
	if err != nil {
		extcheck.Missing(t, "the shared sample", "the shared folder sits beside the repository")
		return
	}
	for _, l := range strings.Split(string(sample), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			hans = append(hans, l)
		}
	}
	f, err := os.Open(filepath.Join(shared, "bench", "zhbreak", "dev.tsv"))
	if err != nil {
		extcheck.Missing(t, "bench/zhbreak", "the shared folder sits beside the repository")
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 5 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		switch fields[4] {
		case "Hans":
			hans = append(hans, fields[0])
		case "Hant":
			hant = append(hant, fields[0])
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return hans, hant
}

// openccJS converts lines with opencc-js by tools/validate/opencc.js.
func openccJS(t *testing.T, node, config string, lines []string) []string {
	in := filepath.Join(t.TempDir(), "in.txt")
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join(extcheck.Root(t), "tools", "validate", "opencc.js"), config, in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("opencc.js %s: %v", config, err)
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(got) != len(lines) {
		t.Fatalf("opencc.js %s: %d lines for %d", config, len(got), len(lines))
	}
	return got
}

// TestAgreesWithOpenCCJS converts real captions both ways with each
// configuration the scripts use and compares every line with opencc-js.
// The two apply the same dictionaries the same way, so they must agree on
// every line of this corpus; docs/zh-script.md says where they could
// differ (ideographic description sequences, which opencc-js keeps whole
// and these captions do not have).
func TestAgreesWithOpenCCJS(t *testing.T) {
	node := extcheck.RequireTool(t, "node")
	hans, hant := corpus(t)
	if len(hans) < 1000 || len(hant) < 300 {
		t.Fatalf("corpus too small: %d Simplified, %d Traditional lines", len(hans), len(hant))
	}
	runs := []struct {
		from  string
		to    Script
		lines []string
	}{
		{"zh-Hans", Hant, hans}, {"zh-Hans", TW, hans}, {"zh-Hans", HK, hans},
		{"zh-Hant", Hans, hant}, {"zh-TW", Hans, hant}, {"zh-HK", Hans, hant},
	}
	total, differ := 0, 0
	for _, r := range runs {
		c := NewConverter(r.from, r.to)
		want := openccJS(t, node, c.Config(), r.lines)
		changed, bad := 0, 0
		for i, l := range r.lines {
			got := c.Convert(l)
			if got != l {
				changed++
			}
			if got != want[i] {
				bad++
				if bad <= 5 {
					t.Errorf("%s: %q\n  subkit    %q\n  opencc-js %q", c.Config(), l, got, want[i])
				}
			}
		}
		total += len(r.lines)
		differ += bad
		t.Logf("%-6s %4d lines, %4d changed by the conversion, %d differ from opencc-js", c.Config(), len(r.lines), changed, bad)
		if changed < len(r.lines)/3 {
			t.Errorf("%s changed only %d of %d lines: the corpus is not in the script it was said to be", c.Config(), changed, len(r.lines))
		}
	}
	t.Logf("%d conversions, %d differ from opencc-js", total, differ)
}
