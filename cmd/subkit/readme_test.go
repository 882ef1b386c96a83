package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
)

// The README is tested as a newcomer meets it: its quick start is run as
// written, its test command is the one CI runs, and its links and those of
// docs/ lead somewhere.

const repoRoot = "../.."

// readmeSection returns the text of the README section whose heading is
// title ("## Quick start"), up to the next heading of that level.
func readmeSection(t *testing.T, title string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	i := strings.Index(text, "\n"+title+"\n")
	if i < 0 {
		t.Fatalf("README.md has no %q section", title)
	}
	text = text[i+len(title)+2:]
	level := title[:strings.IndexByte(title, ' ')+1] // "## "
	if j := strings.Index(text, "\n"+level); j >= 0 {
		text = text[:j]
	}
	return text
}

// fencedBlocks returns the bodies of the fenced code blocks in text whose
// info string is lang ("" for blocks with none).
func fencedBlocks(text, lang string) []string {
	var blocks []string
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "```") {
			continue
		}
		info := strings.TrimPrefix(lines[i], "```")
		var body []string
		for i++; i < len(lines) && !strings.HasPrefix(lines[i], "```"); i++ {
			body = append(body, lines[i])
		}
		if info == lang {
			blocks = append(blocks, strings.Join(body, "\n"))
		}
	}
	return blocks
}

// shellWords splits a command line as a POSIX shell would for the plain
// commands a README shows: words, single and double quotes, no
// expansions. It fails on what it does not handle, so a README command
// that needs a real shell is not run wrongly.
func shellWords(line string) ([]string, error) {
	if strings.ContainsAny(line, "|&;<>()$`\\*?") {
		return nil, fmt.Errorf("%q needs a shell (pipes, redirections, expansions)", line)
	}
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\'' || c == '"':
			j := strings.IndexByte(line[i+1:], c)
			if j < 0 {
				return nil, fmt.Errorf("%q: unclosed quote", line)
			}
			w.WriteString(line[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

// quickStart returns the README quick start's two commands: the main job
// and the tests. Each is the only line of its ```sh block.
func quickStart(t *testing.T) (mainJob, tests []string) {
	t.Helper()
	var cmds [][]string
	for _, b := range fencedBlocks(readmeSection(t, "## Quick start"), "sh") {
		line := strings.TrimSpace(b)
		if strings.Contains(line, "\n") {
			t.Fatalf("README.md quick start: a block of several lines, want one command each:\n%s", b)
		}
		words, err := shellWords(line)
		if err != nil {
			t.Fatalf("README.md quick start: %v", err)
		}
		cmds = append(cmds, words)
	}
	if len(cmds) != 2 {
		t.Fatalf("README.md quick start has %d sh blocks, want 2 (the main job, then the tests)", len(cmds))
	}
	return cmds[0], cmds[1]
}

// TestReadmeQuickStart runs the README's first command exactly as written,
// in a directory laid out as a fresh clone's, and checks the tracks it
// writes: readable, in order, the same cues in all three formats, the
// excerpt the README shows, and the golden tracks, which
// TestGoldenSampleClients has independent clients read.
func TestReadmeQuickStart(t *testing.T) {
	cmd, _ := quickStart(t)
	const prefix = "go run ./cmd/subkit "
	line := strings.Join(cmd, " ")
	if !strings.HasPrefix(line+" ", prefix) || len(cmd) < 4 {
		t.Fatalf("README.md quick start runs %q, want %q followed by a subkit command", line, prefix)
	}
	args := cmd[3:]
	if args[0] != "generate" {
		t.Fatalf("README.md quick start runs subkit %s, want generate (the main job)", args[0])
	}

	// A fresh clone's files the command names, in their places.
	dir := t.TempDir()
	var transcripts []string
	for _, a := range args[1:] {
		if strings.HasPrefix(a, "-") || !strings.Contains(a, "/") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(repoRoot, a))
		if err != nil {
			t.Fatalf("README.md quick start names %s: %v", a, err)
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(a)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, a), b, 0o644); err != nil {
			t.Fatal(err)
		}
		transcripts = append(transcripts, a)
	}
	if len(transcripts) != 1 {
		t.Fatalf("README.md quick start names %d transcripts (%v), want 1", len(transcripts), transcripts)
	}

	out, err := subkitCmd(t, dir, "cli", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("README.md quick start: subkit %s: %v\n%s", strings.Join(args, " "), err, out)
	}

	transcript, err := os.ReadFile(filepath.Join(dir, transcripts[0]))
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	for _, l := range strings.Split(string(transcript), "\n") {
		if strings.TrimSpace(l) != "" {
			lines++
		}
	}
	base := strings.TrimSuffix(transcripts[0], filepath.Ext(transcripts[0]))
	var first []extcheck.Cue
	for _, f := range []struct {
		ext    string
		format subtitle.Format
	}{{".srt", subtitle.SRT}, {".vtt", subtitle.WebVTT}, {".ttml", subtitle.TTML}} {
		name := base + f.ext
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("README.md quick start did not write %s: %v", name, err)
			continue
		}
		doc, err := subtitle.Read(name, b, f.format)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		cues := extcheck.ExpectedCues(doc)
		for i := range cues {
			cues[i].ID = "" // SRT numbers its cues; the other formats need not
		}
		if len(cues) < lines {
			t.Errorf("%s: %d cues for a transcript of %d lines", name, len(cues), lines)
		}
		for i, c := range cues {
			if c.EndMs <= c.StartMs || c.Text == "" || (i > 0 && c.StartMs < cues[i-1].EndMs) {
				t.Errorf("%s: cue %d (%d-%d ms, %q) is empty, backwards or overlaps the one before", name, i+1, c.StartMs, c.EndMs, c.Text)
				break
			}
		}
		if first == nil {
			first = cues
		} else if diff := extcheck.DiffCues(cues, first); len(diff) > 0 {
			t.Errorf("%s and %s.srt differ: %s", name, base, strings.Join(diff, "; "))
		}
		golden, err := os.ReadFile(filepath.Join("testdata", "golden", filepath.Base(name)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, golden) {
			t.Errorf("%s differs from testdata/golden/%s: the README's quick start and the golden sample must be the same command (sampleArgs)", name, filepath.Base(name))
		}
		if f.ext == ".srt" {
			shown := fencedBlocks(readmeSection(t, "## Quick start"), "")
			if len(shown) == 0 || !strings.HasPrefix(strings.ReplaceAll(string(b), "\r\n", "\n"), strings.TrimSpace(shown[0])+"\n") {
				t.Errorf("README.md quick start shows an SRT excerpt that is not how %s begins:\n%s", name, shown)
			}
		}
	}
}

// TestReadmeTestCommand keeps the README's test command the one CI and
// make test run: .ci/run runs it with -json added (for its summary line),
// the Makefile's test target as it is.
func TestReadmeTestCommand(t *testing.T) {
	_, want := quickStart(t)
	if len(want) < 2 || want[0] != "go" || want[1] != "test" {
		t.Fatalf("README.md quick start's second command is %q, want a go test command", strings.Join(want, " "))
	}
	for _, c := range []struct {
		file, prefix string
		drop         []string
	}{
		{".ci/run", "go test ", []string{"-json"}},
		{"Makefile", "$(GO) test ", nil},
	} {
		b, err := os.ReadFile(filepath.Join(repoRoot, c.file))
		if err != nil {
			t.Fatal(err)
		}
		var found []string
		for _, l := range strings.Split(string(b), "\n") {
			l = strings.TrimSpace(l)
			if !strings.HasPrefix(l, c.prefix) {
				continue
			}
			l, _, _ = strings.Cut(l, "|")
			words := strings.Fields(strings.Replace(l, "$(GO)", "go", 1))
			words = slices.DeleteFunc(words, func(w string) bool { return slices.Contains(c.drop, w) })
			if slices.Equal(words, want) {
				found = nil
				break
			}
			found = append(found, l)
		}
		if found != nil || !bytes.Contains(b, []byte(c.prefix)) {
			t.Errorf("%s does not run the README's test command %q; it runs %q", c.file, strings.Join(want, " "), found)
		}
	}
}

var (
	mdLink     = regexp.MustCompile(`!?\[[^\]]*\]\(([^)\s]+)\)`)
	inlineCode = regexp.MustCompile("`[^`]*`")
)

// TestDocLinks follows every relative link in README.md and docs/*.md: the
// file must exist, and a #fragment must name a heading of the page it
// points to (as GitHub makes anchors of headings).
func TestDocLinks(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join(repoRoot, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	pages = append([]string{filepath.Join(repoRoot, "README.md")}, pages...)
	if len(pages) < 3 {
		t.Fatalf("found %d pages (README.md and docs/*.md), expected more", len(pages))
	}
	links := 0
	for _, page := range pages {
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		for n, line := range proseLines(string(b)) {
			if line == "" {
				continue
			}
			for _, m := range mdLink.FindAllStringSubmatch(inlineCode.ReplaceAllString(line, ""), -1) {
				target := m[1]
				if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				links++
				where := fmt.Sprintf("%s:%d: link %s", strings.TrimPrefix(filepath.ToSlash(page), repoRoot+"/"), n+1, target)
				file, frag, _ := strings.Cut(target, "#")
				path := page
				if file != "" {
					path = filepath.Join(filepath.Dir(page), file)
				}
				info, err := os.Stat(path)
				if err != nil {
					t.Errorf("%s: %v", where, err)
					continue
				}
				if frag == "" {
					continue
				}
				if info.IsDir() || !strings.HasSuffix(path, ".md") {
					t.Errorf("%s: a #fragment on something that is not a page", where)
					continue
				}
				dest, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if anchors := headingAnchors(string(dest)); !slices.Contains(anchors, frag) {
					t.Errorf("%s: no heading with that anchor in %s (it has %s)", where, filepath.Base(path), strings.Join(anchors, ", "))
				}
			}
		}
	}
	if links == 0 {
		t.Fatal("no relative links found: the link pattern is broken")
	}
}

// proseLines returns the lines of a Markdown page with the lines of fenced
// code blocks blanked, so numbering stays the file's.
func proseLines(text string) []string {
	lines := strings.Split(text, "\n")
	inFence := false
	for i, l := range lines {
		if strings.HasPrefix(l, "```") {
			inFence = !inFence
			lines[i] = ""
		} else if inFence {
			lines[i] = ""
		}
	}
	return lines
}

// headingAnchors returns the anchors GitHub gives a page's headings:
// lower case, punctuation dropped, spaces as hyphens, -1, -2... on repeats.
func headingAnchors(text string) []string {
	var anchors []string
	seen := map[string]int{}
	for _, l := range proseLines(text) {
		if !strings.HasPrefix(l, "#") {
			continue
		}
		h := strings.TrimSpace(strings.TrimLeft(l, "#"))
		var a strings.Builder
		for _, r := range strings.ToLower(h) {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
				a.WriteRune(r)
			case r == ' ':
				a.WriteByte('-')
			}
		}
		s := a.String()
		if n := seen[s]; n > 0 {
			s = fmt.Sprintf("%s-%d", s, n)
		}
		seen[a.String()]++
		anchors = append(anchors, s)
	}
	return anchors
}
