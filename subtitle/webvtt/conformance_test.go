package webvtt

// WebVTT conformance: the web-platform-tests for WebVTT file parsing and
// cue text parsing, kept in ../shared/conformance/webvtt beside the
// repository, run against readWebVTT.
//
// The file-parsing tests (*.test) are JavaScript assertions about the cues
// a browser reads from a <track>. A small interpreter below runs the part
// of JavaScript they use (var, for, forEach, map, Array.from, arithmetic,
// the testharness asserts) over cue and region objects built from our
// Document the way a VTTCue and VTTRegion would be: settings through
// cuesettings.Parse, regions through cuesettings.ParseRegion, cue.text the raw cue
// text, document.styleSheets our Styles with their rules listed by a
// minimal CSS reader. A test passes when every assertion holds.
//
// The cue-parsing tests (webvtt.js/wpt-cue-parsing) pair a .vtt file, one
// cue a test, with the DOM tree each cue's text must build; the tree here
// is what parseVTTCueText gives, serialised in the same format.

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/cuesettings"
	"github.com/subkit-dev/subkit/subtitle/internal/textout"
)

// The pass counts reached; the tests fail if they drop below.
const (
	wptFileParsingFloor = 19 // of 24, as the tests are written
	wptErrataFloor      = 5  // of the 5 tests with errata, with the errata fixed
	wptCueParsingFloor  = 77 // of 77
)

// conformanceDir returns ../shared/conformance/webvtt beside the
// repository, skipping the test when it is missing (failing it in CI).
func conformanceDir(t *testing.T) string {
	t.Helper()
	conf := filepath.Join(extcheck.Root(t), "..", "shared", "conformance", "webvtt")
	extcheck.KeyOn(t, conf)
	if _, err := os.Stat(conf); err != nil {
		extcheck.Missing(t, "the WebVTT conformance suite", "the data folder ../shared must sit beside the repository: "+err.Error())
	}
	return conf
}

// wptErrata fix the tests that are wrong: mistakes in the tests, and
// expectations from before the spec changed. Each such test is run both as
// written (counted in the first figure) and fixed (the second).
var wptErrata = map[string]func(js, vtt string) (string, string){
	// The spec (W3C CR 2019 and the editor's draft) sets the line only
	// when its alignment is valid or absent: "line:100%,middle" leaves
	// the line auto. The test expects the older rule, line 100.
	"settings-line": func(js, vtt string) (string, string) {
		js = strings.Replace(js, `assert_equals(cues[index + 6].line, 100);
assert_false(cues[index + 6].snapToLines);`, `assert_equals(cues[index + 6].line, 'auto');
assert_true(cues[index + 6].snapToLines);`, 1)
		return js, vtt
	},
	// Likewise for position: "position:1%,middle" and "position:1%,"
	// (cues 7 and 9) leave the position auto.
	"settings-position": func(js, vtt string) (string, string) {
		// They are the 3rd and (after that one is replaced) 4th "[1, 'auto']".
		js = replaceNth(js, "[1, 'auto'],", "['auto', 'auto'],", 3)
		return replaceNth(js, "[1, 'auto'],", "['auto', 'auto'],", 4), vtt
	},
	// The assertions read region1 four times; region2, region3 and region4
	// are meant.
	"regions-id": func(js, vtt string) (string, string) {
		for i, n := range []string{"1", "3", "4"} {
			js = strings.Replace(js, "assert_equals(region1.lines, "+n+")", "assert_equals(region"+strconv.Itoa(i+2)+".lines, "+n+")", 1)
		}
		return js, vtt
	},
	// The 14 invalid regions all have id 6 while cues 7 to 20 name
	// regions 7 to 20, so those cues have no region, and the last region
	// 6 hides the valid one cue 6 names.
	"regions-regionanchor":   renumberInvalidRegions,
	"regions-viewportanchor": renumberInvalidRegions,
}

// replaceNth replaces the nth (from 1) occurrence of old in s.
func replaceNth(s, old, new string, n int) string {
	at := 0
	for ; n > 1; n-- {
		i := strings.Index(s[at:], old)
		if i < 0 {
			return s
		}
		at += i + len(old)
	}
	return s[:at] + strings.Replace(s[at:], old, new, 1)
}

func renumberInvalidRegions(js, vtt string) (string, string) {
	valid, invalid, ok := strings.Cut(vtt, "NOTE invalid")
	if !ok {
		return js, vtt
	}
	for n := 7; strings.Contains(invalid, "id:6\n"); n++ {
		invalid = strings.Replace(invalid, "id:6\n", "id:"+strconv.Itoa(n)+"\n", 1)
	}
	return js, valid + "NOTE invalid" + invalid
}

func TestWPTFileParsing(t *testing.T) {
	dir := filepath.Join(conformanceDir(t), "wpt-file-parsing")
	files, err := filepath.Glob(filepath.Join(dir, "*.test"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no tests in %s: %v", dir, err)
	}
	pass, errataPass, errataRun := 0, 0, 0
	var failed []string
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".test")
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		js, vtt, err := splitWPTTest(string(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := runWPTTest(js, vtt); err != nil {
			failed = append(failed, name+": "+err.Error())
		} else {
			pass++
		}
		if fix := wptErrata[name]; fix != nil {
			errataRun++
			js, vtt := fix(js, vtt)
			if err := runWPTTest(js, vtt); err != nil {
				t.Errorf("%s with its errata fixed: %v", name, err)
			} else {
				errataPass++
			}
		}
	}
	t.Logf("WPT file parsing: %d of %d pass as written; %d of %d with errata in the tests fixed", pass, len(files), errataPass, errataRun)
	for _, f := range failed {
		t.Logf("  fails: %s", f)
	}
	if pass < wptFileParsingFloor {
		t.Errorf("%d WPT file-parsing tests pass, fewer than the %d reached before", pass, wptFileParsingFloor)
	}
	if errataPass < wptErrataFloor {
		t.Errorf("%d WPT file-parsing tests pass with errata, fewer than the %d reached before", errataPass, wptErrataFloor)
	}
}

// splitWPTTest splits a .test file into its JavaScript and its WebVTT
// file, decoding the escapes as the suite's build.py does.
func splitWPTTest(src string) (js, vtt string, err error) {
	_, body, ok := strings.Cut(src, "\n\n")
	if !ok {
		return "", "", errors.New("no blank line after the header")
	}
	js, vtt, ok = strings.Cut(body, "===\n")
	if !ok {
		return "", "", errors.New(`no "===" line`)
	}
	vtt, err = pyUnicodeEscape(vtt)
	return js, vtt, err
}

// pyUnicodeEscape decodes s as Python's "unicode_escape" codec does: the
// C-style escapes, \xhh, \uhhhh, \Uhhhhhhhh, octal, and a backslash before
// a line feed removed; other bytes taken as Latin-1.
func pyUnicodeEscape(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteRune(rune(c))
			continue
		}
		i++
		if i == len(s) {
			return "", errors.New("backslash at the end")
		}
		hex := func(n int) error {
			if i+n >= len(s) {
				return fmt.Errorf("short \\%c escape", s[i])
			}
			v, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32)
			if err != nil {
				return err
			}
			b.WriteRune(rune(v))
			i += n
			return nil
		}
		switch c = s[i]; c {
		case '\n':
		case '\\', '\'', '"':
			b.WriteByte(c)
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case 'x':
			if err := hex(2); err != nil {
				return "", err
			}
		case 'u':
			if err := hex(4); err != nil {
				return "", err
			}
		case 'U':
			if err := hex(8); err != nil {
				return "", err
			}
		default:
			if c >= '0' && c <= '7' {
				v := 0
				for n := 0; n < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7'; n++ {
					v = v*8 + int(s[i]-'0')
					i++
				}
				i--
				b.WriteRune(rune(v))
			} else {
				b.WriteByte('\\')
				b.WriteRune(rune(c))
			}
		}
	}
	return b.String(), nil
}

// runWPTTest reads vtt and runs the assertions js over what it read.
func runWPTTest(js, vtt string) error {
	var raw []string
	r := vttReader{rawText: func(_, _ int, text string) { raw = append(raw, text) }}
	doc, _, err := r.read("test.vtt", vtt)
	if err != nil {
		// The browser fires an error event; no test here expects one.
		return fmt.Errorf("read: %v", err)
	}
	prog, err := parseJS(js)
	if err != nil {
		return fmt.Errorf("parsing the test's JavaScript: %v", err)
	}
	env := newJSEnv(nil)
	env.vars["cues"] = jsCues(doc, raw)
	env.vars["document"] = &jsObject{props: map[string]any{"styleSheets": jsStyleSheets(doc)}}
	env.vars["CSSRule"] = &jsObject{props: map[string]any{"STYLE_RULE": 1.0}}
	env.vars["Number"] = &jsObject{props: map[string]any{"MAX_VALUE": math.MaxFloat64, "MIN_VALUE": 5e-324}}
	env.vars["Array"] = &jsObject{props: map[string]any{"from": jsNative(func(args []any) (any, error) {
		a, ok := arg(args, 0).(*jsArray)
		if !ok {
			return nil, errors.New("Array.from of a non-array")
		}
		return &jsArray{items: append([]any(nil), a.items...)}, nil
	})}}
	env.vars["assert_equals"] = jsNative(func(args []any) (any, error) {
		if !jsSame(arg(args, 0), arg(args, 1)) {
			return nil, fmt.Errorf("assert_equals: got %s, want %s%s", jsRepr(arg(args, 0)), jsRepr(arg(args, 1)), jsMsg(args, 2))
		}
		return jsUndefined{}, nil
	})
	env.vars["assert_not_equals"] = jsNative(func(args []any) (any, error) {
		if jsSame(arg(args, 0), arg(args, 1)) {
			return nil, fmt.Errorf("assert_not_equals: both %s%s", jsRepr(arg(args, 0)), jsMsg(args, 2))
		}
		return jsUndefined{}, nil
	})
	for name, want := range map[string]bool{"assert_true": true, "assert_false": false} {
		env.vars[name] = jsNative(func(args []any) (any, error) {
			if v, ok := arg(args, 0).(bool); !ok || v != want {
				return nil, fmt.Errorf("%s: got %s%s", name, jsRepr(arg(args, 0)), jsMsg(args, 1))
			}
			return jsUndefined{}, nil
		})
	}
	_, _, err = execJS(prog, env)
	return err
}

func jsMsg(args []any, i int) string {
	if s, ok := arg(args, i).(string); ok {
		return " (" + s + ")"
	}
	return ""
}

// jsCues makes the TextTrackCueList a browser would: a VTTCue for each
// cue, sharing one VTTRegion object for each region.
func jsCues(doc *subtitle.Document, raw []string) *jsArray {
	regions := make([]*jsObject, len(doc.Regions))
	last := map[string]*jsObject{}
	for i, rg := range doc.Regions {
		v, _, _ := cuesettings.ParseRegion(rg.Text)
		regions[i] = &jsObject{props: map[string]any{
			"id": v.ID, "width": v.Width, "lines": v.Lines,
			"regionAnchorX": v.AnchorX, "regionAnchorY": v.AnchorY,
			"viewportAnchorX": v.ViewportX, "viewportAnchorY": v.ViewportY, "scroll": v.Scroll,
		}}
		last[v.ID] = regions[i]
	}
	ids := map[string]bool{}
	for id := range last {
		ids[id] = true
	}
	cues := &jsArray{}
	for i, c := range doc.Cues {
		v, _, _ := cuesettings.Parse(c.Settings, ids)
		var region any
		if v.HasRegion {
			region = last[v.Region]
		}
		var line, position any = "auto", "auto"
		if !v.LineAuto {
			line = v.Line
		}
		if !v.PositionAuto {
			position = v.Position
		}
		cues.items = append(cues.items, &jsObject{props: map[string]any{
			"id": c.ID, "startTime": seconds(c.Start), "endTime": seconds(c.End), "text": raw[i],
			"vertical": v.Vertical, "snapToLines": v.SnapToLines, "line": line, "lineAlign": v.LineAlign,
			"position": position, "positionAlign": v.PositionAlign, "size": v.Size, "align": v.Align,
			"region": region,
		}})
	}
	return cues
}

func seconds(d time.Duration) float64 { return float64(d.Milliseconds()) / 1000 }

// jsStyleSheets gives each STYLE block as a style sheet whose cssRules
// are its rules' selectors.
func jsStyleSheets(doc *subtitle.Document) *jsArray {
	sheets := &jsArray{}
	for _, s := range doc.Styles {
		rules := &jsArray{}
		for _, sel := range cssSelectors(s.Text) {
			rules.items = append(rules.items, &jsObject{props: map[string]any{"type": 1.0, "selectorText": sel}})
		}
		sheets.items = append(sheets.items, &jsObject{props: map[string]any{"cssRules": rules}})
	}
	return sheets
}

// cssSelectors lists the selectors of a style sheet's rules: comments
// dropped, each "selector { ... }" at the top level one rule.
func cssSelectors(css string) []string {
	var out []string
	var sel strings.Builder
	depth := 0
	for i := 0; i < len(css); i++ {
		if strings.HasPrefix(css[i:], "/*") {
			end := strings.Index(css[i+2:], "*/")
			if end < 0 {
				break
			}
			i += end + 3
			continue
		}
		switch c := css[i]; {
		case c == '{':
			if depth == 0 {
				out = append(out, strings.Join(strings.Fields(sel.String()), " "))
				sel.Reset()
			}
			depth++
		case c == '}':
			depth--
		case depth == 0:
			sel.WriteByte(c)
		}
	}
	return out
}

// --- Cue text parsing ---

func TestWPTCueParsing(t *testing.T) {
	dir := filepath.Join(conformanceDir(t), "webvtt.js", "wpt-cue-parsing")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no tests in %s: %v", dir, err)
	}
	pass, total := 0, 0
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		var tests []struct {
			Text         string `json:"text"`
			ExpectedTree string `json:"expectedTree"`
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &tests); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		vtt, err := os.ReadFile(strings.TrimSuffix(f, ".json") + ".vtt")
		if err != nil {
			t.Fatal(err)
		}
		// The .vtt file has test i as the cue starting at i seconds.
		var texts []string
		r := vttReader{rawText: func(_, _ int, text string) { texts = append(texts, text) }}
		doc, _, err := r.read(name+".vtt", string(vtt))
		if err != nil {
			t.Fatal(err)
		}
		cueAt := map[time.Duration]int{}
		for i, c := range doc.Cues {
			cueAt[c.Start] = i
		}
		for i, tc := range tests {
			total++
			at := time.Duration(i) * time.Second
			k, ok := cueAt[at]
			if !ok {
				t.Logf("%s %d %q: no cue at %v", name, i, tc.Text, at)
				continue
			}
			text := texts[k]
			got := vttTreeString(text)
			if got != tc.ExpectedTree {
				t.Errorf("%s %d %q: tree\n%s\nwant\n%s", name, i, tc.Text, got, tc.ExpectedTree)
				continue
			}
			pass++
			// Our spans carry the same text as the tree.
			if got, want := spanText(doc.Cues[k].Lines), treeText(text); got != want {
				t.Errorf("%s %d %q: spans hold %q, the tree %q", name, i, tc.Text, got, want)
			}
		}
	}
	t.Logf("WPT cue text parsing: %d of %d pass", pass, total)
	if pass < wptCueParsingFloor {
		t.Errorf("%d WPT cue-parsing tests pass, fewer than the %d reached before", pass, wptCueParsingFloor)
	}
}

// spanText is the lines' text and ruby text as the tree would hold it.
func spanText(lines []subtitle.Line) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, s := range l {
			b.WriteString(s.Text + s.Ruby)
		}
	}
	return b.String()
}

// vttNode is a node of the cue text tree, for the tests.
type vttNode struct {
	kind       vttKind // 0: text or timestamp
	text       string
	ts         time.Duration
	isTS       bool
	classes    []string
	annotation string
	parent     *vttNode
	children   []*vttNode
}

type vttTreeSink struct{ cur *vttNode }

func (s *vttTreeSink) text(t string) {
	s.cur.children = append(s.cur.children, &vttNode{text: t, parent: s.cur})
}

func (s *vttTreeSink) open(k vttKind, classes, annotation string) {
	n := &vttNode{kind: k, annotation: annotation, parent: s.cur}
	for c := range strings.SplitSeq(classes, ".") {
		if c != "" {
			n.classes = append(n.classes, c)
		}
	}
	s.cur.children = append(s.cur.children, n)
	s.cur = n
}

func (s *vttTreeSink) close() { s.cur = s.cur.parent }

func (s *vttTreeSink) timestamp(t time.Duration) {
	s.cur.children = append(s.cur.children, &vttNode{ts: t, isTS: true, parent: s.cur})
}

func vttTree(text string) *vttNode {
	root := &vttNode{}
	var stack []vttKind
	parseVTTCueText(text, &vttTreeSink{cur: root}, &stack)
	return root
}

// treeText is the text of the tree, ruby text included.
func treeText(text string) string {
	var b strings.Builder
	var walk func(n *vttNode)
	walk = func(n *vttNode) {
		b.WriteString(n.text)
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(vttTree(text))
	return b.String()
}

// vttTreeString serialises the DOM the WebVTT cue text DOM construction
// rules make of text, in the format of the WPT (html5lib) tree tests.
func vttTreeString(text string) string {
	var b strings.Builder
	var walk func(n *vttNode, depth int)
	walk = func(n *vttNode, depth int) {
		indent := "| " + strings.Repeat("  ", depth)
		switch {
		case n.isTS:
			ts := string(textout.AppendTimestamp(nil, n.ts, '.'))
			b.WriteString(indent + "<?timestamp " + ts + ">\n")
			return
		case n.kind == 0:
			b.WriteString(indent + `"` + n.text + "\"\n")
			return
		}
		tag := map[vttKind]string{vttClass: "span", vttItalic: "i", vttBold: "b", vttUnderline: "u",
			vttRuby: "ruby", vttRubyText: "rt", vttVoice: "span", vttLang: "span"}[n.kind]
		b.WriteString(indent + "<" + tag + ">\n")
		attrs := map[string]string{}
		if len(n.classes) > 0 {
			attrs["class"] = strings.Join(n.classes, " ")
		}
		switch n.kind {
		case vttVoice:
			attrs["title"] = n.annotation
		case vttLang:
			attrs["lang"] = n.annotation
		}
		names := make([]string, 0, len(attrs))
		for k := range attrs {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			b.WriteString(indent + "  " + k + `="` + attrs[k] + "\"\n")
		}
		for _, c := range n.children {
			walk(c, depth+1)
		}
	}
	for _, c := range vttTree(text).children {
		walk(c, 0)
	}
	return b.String()
}

// --- A JavaScript subset, enough for the WPT assertions ---

type (
	jsUndefined struct{}
	jsArray     struct{ items []any }
	jsObject    struct{ props map[string]any }
	jsNative    func(args []any) (any, error)
	jsFunc      struct {
		params []string
		body   []jsStmt
		env    *jsEnv
	}
)

type jsEnv struct {
	vars   map[string]any
	parent *jsEnv
}

func newJSEnv(parent *jsEnv) *jsEnv { return &jsEnv{vars: map[string]any{}, parent: parent} }

func (e *jsEnv) lookup(name string) (*jsEnv, bool) {
	for ; e != nil; e = e.parent {
		if _, ok := e.vars[name]; ok {
			return e, true
		}
	}
	return nil, false
}

func arg(args []any, i int) any {
	if i < len(args) {
		return args[i]
	}
	return jsUndefined{}
}

// jsSame is testharness's same_value: Object.is.
func jsSame(a, b any) bool {
	switch x := a.(type) {
	case float64:
		y, ok := b.(float64)
		switch {
		case !ok:
			return false
		case math.IsNaN(x) && math.IsNaN(y):
			return true
		case x == 0 && y == 0:
			return math.Signbit(x) == math.Signbit(y)
		}
		return x == y
	case *jsObject:
		y, ok := b.(*jsObject)
		return ok && x == y
	case *jsArray:
		y, ok := b.(*jsArray)
		return ok && x == y
	case string, bool, nil, jsUndefined:
		return a == b
	}
	return false
}

func jsTruthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case float64:
		return x != 0 && !math.IsNaN(x)
	case string:
		return x != ""
	case nil, jsUndefined:
		return false
	}
	return true
}

func jsString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e21 {
			return strconv.FormatFloat(x, 'f', -1, 64)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return "null"
	case jsUndefined:
		return "undefined"
	case *jsArray:
		parts := make([]string, len(x.items))
		for i, it := range x.items {
			parts[i] = jsString(it)
		}
		return strings.Join(parts, ",")
	}
	return "[object]"
}

func jsRepr(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return jsString(v)
}

// Syntax tree.
type (
	jsExpr interface{}
	jsStmt interface{}

	jsLit    struct{ v any }
	jsIdent  struct{ name string }
	jsArrLit struct{ elems []jsExpr }
	jsFnLit  struct {
		params []string
		body   []jsStmt
	}
	jsMember struct {
		obj  jsExpr
		name string
	}
	jsIndex struct{ obj, idx jsExpr }
	jsCall  struct {
		fn   jsExpr
		args []jsExpr
	}
	jsUnary struct {
		op string
		x  jsExpr
	}
	jsBinary struct {
		op   string
		l, r jsExpr
	}
	jsIncr struct {
		name  string
		delta float64
	}

	jsVar struct {
		name string
		init jsExpr
	}
	jsExprStmt struct{ x jsExpr }
	jsFor      struct {
		init       jsStmt
		cond, post jsExpr
		body       jsStmt
	}
	jsBlock  struct{ stmts []jsStmt }
	jsReturn struct{ x jsExpr }
)

type jsTok struct {
	kind byte // 'n' number, 's' string, 'i' identifier, 'p' punctuation, 0 end
	text string
	num  float64
}

func lexJS(src string) ([]jsTok, error) {
	var toks []jsTok
	puncts := []string{"===", "!==", "==", "!=", "<=", ">=", "++", "--", "&&", "||"}
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.HasPrefix(src[i:], "//"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return nil, errors.New("unclosed comment")
			}
			i += end + 4
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && isDigit(src[i+1]):
			j := i
			for j < len(src) && (isDigit(src[j]) || src[j] == '.' || src[j] == 'e' || src[j] == 'E' ||
				(src[j] == '+' || src[j] == '-') && (src[j-1] == 'e' || src[j-1] == 'E')) {
				j++
			}
			f, err := strconv.ParseFloat(src[i:j], 64)
			if err != nil {
				return nil, err
			}
			toks = append(toks, jsTok{kind: 'n', num: f})
			i = j
		case c == '\'' || c == '"':
			var b strings.Builder
			j := i + 1
			for ; j < len(src) && src[j] != c; j++ {
				if src[j] != '\\' {
					b.WriteByte(src[j])
					continue
				}
				j++
				if j >= len(src) {
					break
				}
				switch src[j] {
				case 'n':
					b.WriteByte('\n')
				case 't':
					b.WriteByte('\t')
				case 'u':
					v, err := strconv.ParseUint(src[j+1:j+5], 16, 32)
					if err != nil {
						return nil, err
					}
					b.WriteRune(rune(v))
					j += 4
				case 'x':
					v, err := strconv.ParseUint(src[j+1:j+3], 16, 32)
					if err != nil {
						return nil, err
					}
					b.WriteRune(rune(v))
					j += 2
				default:
					b.WriteByte(src[j])
				}
			}
			if j >= len(src) {
				return nil, errors.New("unclosed string")
			}
			toks = append(toks, jsTok{kind: 's', text: b.String()})
			i = j + 1
		case c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(src) && (src[j] == '_' || src[j] == '$' || isDigit(src[j]) || src[j] >= 'a' && src[j] <= 'z' || src[j] >= 'A' && src[j] <= 'Z') {
				j++
			}
			toks = append(toks, jsTok{kind: 'i', text: src[i:j]})
			i = j
		default:
			p := string(c)
			for _, q := range puncts {
				if strings.HasPrefix(src[i:], q) {
					p = q
					break
				}
			}
			if !strings.Contains("()[]{},;.+-*/!<>=:?", p) && len(p) == 1 {
				return nil, fmt.Errorf("unexpected %q", p)
			}
			toks = append(toks, jsTok{kind: 'p', text: p})
			i += len(p)
		}
	}
	return append(toks, jsTok{}), nil
}

type jsParser struct {
	toks []jsTok
	pos  int
}

func (p *jsParser) peek() jsTok { return p.toks[p.pos] }
func (p *jsParser) next() jsTok {
	t := p.toks[p.pos]
	if t.kind != 0 {
		p.pos++
	}
	return t
}
func (p *jsParser) is(text string) bool {
	t := p.peek()
	return (t.kind == 'p' || t.kind == 'i') && t.text == text
}
func (p *jsParser) accept(text string) bool {
	if p.is(text) {
		p.pos++
		return true
	}
	return false
}
func (p *jsParser) expect(text string) error {
	if !p.accept(text) {
		return fmt.Errorf("expected %q, found %q", text, p.peek().text)
	}
	return nil
}

func parseJS(src string) ([]jsStmt, error) {
	toks, err := lexJS(src)
	if err != nil {
		return nil, err
	}
	p := &jsParser{toks: toks}
	var prog []jsStmt
	for p.peek().kind != 0 {
		s, err := p.stmt()
		if err != nil {
			return nil, err
		}
		prog = append(prog, s)
	}
	return prog, nil
}

func (p *jsParser) stmt() (jsStmt, error) {
	switch {
	case p.accept(";"):
		return jsBlock{}, nil
	case p.accept("{"):
		var b jsBlock
		for !p.accept("}") {
			if p.peek().kind == 0 {
				return nil, errors.New("unclosed block")
			}
			s, err := p.stmt()
			if err != nil {
				return nil, err
			}
			b.stmts = append(b.stmts, s)
		}
		return b, nil
	case p.accept("var"):
		name := p.next()
		if name.kind != 'i' {
			return nil, errors.New("var without a name")
		}
		v := jsVar{name: name.text}
		if p.accept("=") {
			x, err := p.expr()
			if err != nil {
				return nil, err
			}
			v.init = x
		}
		p.accept(";")
		return v, nil
	case p.accept("for"):
		if err := p.expect("("); err != nil {
			return nil, err
		}
		init, err := p.stmt() // consumes its ";"
		if err != nil {
			return nil, err
		}
		cond, err := p.expr()
		if err != nil {
			return nil, err
		}
		if err := p.expect(";"); err != nil {
			return nil, err
		}
		post, err := p.expr()
		if err != nil {
			return nil, err
		}
		if err := p.expect(")"); err != nil {
			return nil, err
		}
		body, err := p.stmt()
		if err != nil {
			return nil, err
		}
		return jsFor{init: init, cond: cond, post: post, body: body}, nil
	case p.accept("return"):
		x, err := p.expr()
		if err != nil {
			return nil, err
		}
		p.accept(";")
		return jsReturn{x: x}, nil
	}
	x, err := p.expr()
	if err != nil {
		return nil, err
	}
	p.accept(";")
	return jsExprStmt{x: x}, nil
}

// Binary operators by precedence, loosest first.
var jsLevels = [][]string{{"||"}, {"&&"}, {"===", "!==", "==", "!="}, {"<", ">", "<=", ">="}, {"+", "-"}, {"*", "/"}}

func (p *jsParser) expr() (jsExpr, error) { return p.binary(0) }

func (p *jsParser) binary(level int) (jsExpr, error) {
	if level == len(jsLevels) {
		return p.unary()
	}
	l, err := p.binary(level + 1)
	if err != nil {
		return nil, err
	}
	for {
		op := ""
		for _, o := range jsLevels[level] {
			if t := p.peek(); t.kind == 'p' && t.text == o {
				op = o
			}
		}
		if op == "" {
			return l, nil
		}
		p.next()
		r, err := p.binary(level + 1)
		if err != nil {
			return nil, err
		}
		l = jsBinary{op: op, l: l, r: r}
	}
}

func (p *jsParser) unary() (jsExpr, error) {
	for _, op := range []string{"!", "-", "+"} {
		if t := p.peek(); t.kind == 'p' && t.text == op {
			p.next()
			x, err := p.unary()
			return jsUnary{op: op, x: x}, err
		}
	}
	return p.postfix()
}

func (p *jsParser) postfix() (jsExpr, error) {
	x, err := p.primary()
	if err != nil {
		return nil, err
	}
	for {
		switch {
		case p.accept("."):
			name := p.next()
			if name.kind != 'i' {
				return nil, errors.New("expected a property name")
			}
			x = jsMember{obj: x, name: name.text}
		case p.accept("["):
			idx, err := p.expr()
			if err != nil {
				return nil, err
			}
			if err := p.expect("]"); err != nil {
				return nil, err
			}
			x = jsIndex{obj: x, idx: idx}
		case p.accept("("):
			var args []jsExpr
			for !p.accept(")") {
				a, err := p.expr()
				if err != nil {
					return nil, err
				}
				args = append(args, a)
				if !p.accept(",") && !p.is(")") {
					return nil, fmt.Errorf("expected , or ) in arguments, found %q", p.peek().text)
				}
			}
			x = jsCall{fn: x, args: args}
		case p.is("++") || p.is("--"):
			id, ok := x.(jsIdent)
			if !ok {
				return nil, errors.New("++ or -- on a non-variable")
			}
			d := 1.0
			if p.next().text == "--" {
				d = -1
			}
			x = jsIncr{name: id.name, delta: d}
		default:
			return x, nil
		}
	}
}

func (p *jsParser) primary() (jsExpr, error) {
	t := p.next()
	switch t.kind {
	case 'n':
		return jsLit{v: t.num}, nil
	case 's':
		return jsLit{v: t.text}, nil
	case 'i':
		switch t.text {
		case "true":
			return jsLit{v: true}, nil
		case "false":
			return jsLit{v: false}, nil
		case "null":
			return jsLit{v: nil}, nil
		case "undefined":
			return jsLit{v: jsUndefined{}}, nil
		case "function":
			if p.peek().kind == 'i' {
				p.next() // a name: not used
			}
			if err := p.expect("("); err != nil {
				return nil, err
			}
			var f jsFnLit
			for !p.accept(")") {
				n := p.next()
				if n.kind != 'i' {
					return nil, errors.New("expected a parameter name")
				}
				f.params = append(f.params, n.text)
				p.accept(",")
			}
			body, err := p.stmt()
			if err != nil {
				return nil, err
			}
			blk, ok := body.(jsBlock)
			if !ok {
				return nil, errors.New("function without a body")
			}
			f.body = blk.stmts
			return f, nil
		}
		return jsIdent{name: t.text}, nil
	case 'p':
		switch t.text {
		case "(":
			x, err := p.expr()
			if err != nil {
				return nil, err
			}
			return x, p.expect(")")
		case "[":
			var a jsArrLit
			for !p.accept("]") {
				x, err := p.expr()
				if err != nil {
					return nil, err
				}
				a.elems = append(a.elems, x)
				if !p.accept(",") && !p.is("]") {
					return nil, fmt.Errorf("expected , or ] in an array, found %q", p.peek().text)
				}
			}
			return a, nil
		}
	}
	return nil, fmt.Errorf("unexpected %q", t.text)
}

// execJS runs statements; returned says a return statement ran.
func execJS(stmts []jsStmt, env *jsEnv) (ret any, returned bool, err error) {
	for _, s := range stmts {
		if ret, returned, err = execStmt(s, env); err != nil || returned {
			return ret, returned, err
		}
	}
	return jsUndefined{}, false, nil
}

func execStmt(s jsStmt, env *jsEnv) (any, bool, error) {
	switch s := s.(type) {
	case jsBlock:
		return execJS(s.stmts, env)
	case jsVar:
		var v any = jsUndefined{}
		if s.init != nil {
			x, err := evalJS(s.init, env)
			if err != nil {
				return nil, false, err
			}
			v = x
		}
		env.vars[s.name] = v
	case jsExprStmt:
		_, err := evalJS(s.x, env)
		return nil, false, err
	case jsReturn:
		v, err := evalJS(s.x, env)
		return v, true, err
	case jsFor:
		if _, _, err := execStmt(s.init, env); err != nil {
			return nil, false, err
		}
		for n := 0; ; n++ {
			if n > 1e6 {
				return nil, false, errors.New("loop runs away")
			}
			c, err := evalJS(s.cond, env)
			if err != nil {
				return nil, false, err
			}
			if !jsTruthy(c) {
				break
			}
			if ret, returned, err := execStmt(s.body, env); err != nil || returned {
				return ret, returned, err
			}
			if _, err := evalJS(s.post, env); err != nil {
				return nil, false, err
			}
		}
	default:
		return nil, false, fmt.Errorf("cannot run %T", s)
	}
	return nil, false, nil
}

func evalJS(x jsExpr, env *jsEnv) (any, error) {
	switch x := x.(type) {
	case jsLit:
		return x.v, nil
	case jsIdent:
		e, ok := env.lookup(x.name)
		if !ok {
			return nil, fmt.Errorf("ReferenceError: %s is not defined", x.name)
		}
		return e.vars[x.name], nil
	case jsArrLit:
		a := &jsArray{}
		for _, el := range x.elems {
			v, err := evalJS(el, env)
			if err != nil {
				return nil, err
			}
			a.items = append(a.items, v)
		}
		return a, nil
	case jsFnLit:
		return &jsFunc{params: x.params, body: x.body, env: env}, nil
	case jsMember:
		obj, err := evalJS(x.obj, env)
		if err != nil {
			return nil, err
		}
		return jsGet(obj, x.name)
	case jsIndex:
		obj, err := evalJS(x.obj, env)
		if err != nil {
			return nil, err
		}
		idx, err := evalJS(x.idx, env)
		if err != nil {
			return nil, err
		}
		if a, ok := obj.(*jsArray); ok {
			if f, ok := idx.(float64); ok {
				if i := int(f); float64(i) == f && i >= 0 && i < len(a.items) {
					return a.items[i], nil
				}
				return jsUndefined{}, nil
			}
		}
		return jsGet(obj, jsString(idx))
	case jsCall:
		fn, err := evalJS(x.fn, env)
		if err != nil {
			return nil, err
		}
		args := make([]any, len(x.args))
		for i, a := range x.args {
			if args[i], err = evalJS(a, env); err != nil {
				return nil, err
			}
		}
		return callJS(fn, args)
	case jsUnary:
		v, err := evalJS(x.x, env)
		if err != nil {
			return nil, err
		}
		switch x.op {
		case "!":
			return !jsTruthy(v), nil
		case "-":
			f, ok := v.(float64)
			if !ok {
				return nil, fmt.Errorf("-%s: not a number", jsRepr(v))
			}
			return -f, nil
		}
		return v, nil
	case jsBinary:
		l, err := evalJS(x.l, env)
		if err != nil {
			return nil, err
		}
		if x.op == "&&" && !jsTruthy(l) || x.op == "||" && jsTruthy(l) {
			return l, nil
		}
		r, err := evalJS(x.r, env)
		if err != nil {
			return nil, err
		}
		switch x.op {
		case "&&", "||":
			return r, nil
		case "===", "==":
			return jsSame(l, r), nil
		case "!==", "!=":
			return !jsSame(l, r), nil
		case "+":
			_, ls := l.(string)
			_, rs := r.(string)
			if ls || rs {
				return jsString(l) + jsString(r), nil
			}
		}
		a, aok := l.(float64)
		b, bok := r.(float64)
		if !aok || !bok {
			return nil, fmt.Errorf("%s %s %s: not numbers", jsRepr(l), x.op, jsRepr(r))
		}
		switch x.op {
		case "+":
			return a + b, nil
		case "-":
			return a - b, nil
		case "*":
			return a * b, nil
		case "/":
			return a / b, nil
		case "<":
			return a < b, nil
		case ">":
			return a > b, nil
		case "<=":
			return a <= b, nil
		case ">=":
			return a >= b, nil
		}
		return nil, fmt.Errorf("operator %s", x.op)
	case jsIncr:
		e, ok := env.lookup(x.name)
		if !ok {
			return nil, fmt.Errorf("ReferenceError: %s is not defined", x.name)
		}
		old, ok := e.vars[x.name].(float64)
		if !ok {
			return nil, fmt.Errorf("++ on %s, not a number", x.name)
		}
		e.vars[x.name] = old + x.delta
		return old, nil
	}
	return nil, fmt.Errorf("cannot evaluate %T", x)
}

func jsGet(obj any, name string) (any, error) {
	switch o := obj.(type) {
	case nil, jsUndefined:
		return nil, fmt.Errorf("TypeError: cannot read property %q of %s", name, jsString(o))
	case string:
		if name == "length" {
			return float64(len([]rune(o))), nil
		}
	case *jsObject:
		if v, ok := o.props[name]; ok {
			return v, nil
		}
	case *jsArray:
		each := func(f func(v any, i int) error) error {
			for i, v := range o.items {
				if err := f(v, i); err != nil {
					return err
				}
			}
			return nil
		}
		switch name {
		case "length":
			return float64(len(o.items)), nil
		case "forEach":
			return jsNative(func(args []any) (any, error) {
				return jsUndefined{}, each(func(v any, i int) error {
					_, err := callJS(arg(args, 0), []any{v, float64(i), o})
					return err
				})
			}), nil
		case "map":
			return jsNative(func(args []any) (any, error) {
				out := &jsArray{}
				err := each(func(v any, i int) error {
					r, err := callJS(arg(args, 0), []any{v, float64(i), o})
					out.items = append(out.items, r)
					return err
				})
				return out, err
			}), nil
		}
	}
	return jsUndefined{}, nil
}

func callJS(fn any, args []any) (any, error) {
	switch f := fn.(type) {
	case jsNative:
		return f(args)
	case *jsFunc:
		env := newJSEnv(f.env)
		for i, p := range f.params {
			env.vars[p] = arg(args, i)
		}
		ret, _, err := execJS(f.body, env)
		return ret, err
	}
	return nil, fmt.Errorf("TypeError: %s is not a function", jsRepr(fn))
}
