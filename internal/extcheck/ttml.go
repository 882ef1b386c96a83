package extcheck

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// SchemaResult is what xmllint said of one file checked against the TTML1
// schema.
type SchemaResult struct {
	File  string
	Valid bool // xmllint printed "FILE validates"
	// Messages are xmllint's errors for the file: parse errors (then Valid
	// is false) and schema validity errors, each with its context lines.
	Messages []string
}

// TTMLSchema validates the files against the TTML1 XML schemas in
// ../shared/conformance/ttml1-xsd with xmllint, in one run. A file that fails
// is not a test failure here: see Valid and Messages.
func TTMLSchema(t testing.TB, files ...string) []SchemaResult {
	t.Helper()
	RequireTool(t, "xmllint")
	return XSDValid(t, filepath.Join(Root(t), filepath.FromSlash(SchemaPath)), files...)
}

// XSDValid validates the files against an XML schema with xmllint, in one
// run, as TTMLSchema does. A schema that imports the W3C's xml.xsd by its
// web address gets the copy beside the TTML1 schema (through an XML
// catalog), since xmllint runs without the network.
func XSDValid(t testing.TB, schema string, files ...string) []SchemaResult {
	t.Helper()
	xmllint := RequireTool(t, "xmllint")
	root := Root(t)
	abs := absAll(t, files)
	xmlXSD := filepath.Join(root, filepath.FromSlash(SchemaPath), "..", "xml.xsd")
	catalog := filepath.Join(t.TempDir(), "catalog.xml")
	cat := `<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <uri name="http://www.w3.org/2001/xml.xsd" uri="file://` + filepath.ToSlash(filepath.Clean(xmlXSD)) + `"/>
  <system systemId="http://www.w3.org/2001/xml.xsd" uri="file://` + filepath.ToSlash(filepath.Clean(xmlXSD)) + `"/>
</catalog>
`
	if err := os.WriteFile(catalog, []byte(cat), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"--noout", "--nonet", "--schema", schema}, abs...)
	_, stderr, status := runEnv(t, 2*time.Minute, root, []string{"XML_CATALOG_FILES=" + catalog}, xmllint, args...)
	// xmllint exits 0 when all validate, 1 to 4 for parse and validity
	// errors; 5 is a schema it cannot compile, and more are its own trouble.
	if status >= 5 {
		t.Fatalf("xmllint exited with status %d; stderr:\n%s", status, tail(stderr))
	}
	out := make([]SchemaResult, len(abs))
	for i := range abs {
		out[i].File = files[i]
	}
	// The schema's own import warnings name the schema and are dropped.
	skip := func(line string) bool {
		return strings.HasPrefix(line, filepath.Dir(schema)) || strings.Contains(line, "Schemas parser warning")
	}
	attributeLines(stderr, abs, out, skip, func(line, f string, r *SchemaResult) bool {
		switch line {
		case f + " validates":
			r.Valid = true
		case f + " fails to validate":
		default:
			return false
		}
		return true
	})
	for i, r := range out {
		if !r.Valid && len(r.Messages) == 0 {
			t.Fatalf("xmllint said neither that %s validates nor why not (exit %d); stderr:\n%s", abs[i], status, tail(stderr))
		}
	}
	return out
}

// Paragraph is a <p> of an ISD as imsc would render it.
type Paragraph struct {
	ID   string `json:"id"` // imsc 1.1.5 keeps no xml:id: mostly ""
	Lang string `json:"lang"`
	// Text is the paragraph's text after imsc's white-space handling, each
	// <br/> as "\n": what a viewer sees, line by line.
	Text string `json:"text"`
}

// ISD is imsc's intermediate synchronic document at one time event: what a
// player shows from then until the next event.
type ISD struct {
	TimeMs     int64       `json:"timeMs"`
	Paragraphs []Paragraph `json:"paragraphs"`
}

// TTMLResult is what imsc read from one TTML file.
type TTMLResult struct {
	File string `json:"file"`
	Lang string `json:"lang"` // the document's xml:lang as imsc read it
	// Events are the document's time events, in milliseconds.
	Events []int64 `json:"events"`
	// ISDs are the ISDs at each event.
	ISDs []ISD `json:"isds"`
	// Texts are the paragraphs' texts in the order they appear.
	Texts    []string `json:"texts"`
	Errors   []string `json:"errors"`
	Warnings []string `json:"warnings"`
	Infos    []string `json:"infos"`
}

// At returns the ISD at time event ms, or nil if ms is not an event.
func (r *TTMLResult) At(ms int64) *ISD {
	for i := range r.ISDs {
		if r.ISDs[i].TimeMs == ms {
			return &r.ISDs[i]
		}
	}
	return nil
}

// TTMLRender reads the files with imscJS (imsc.fromXML) and builds the ISD
// at each time event (imsc.generateISD), through tools/validate/ttml.js, in
// one node run. What imsc reports is in the result for the test to check.
func TTMLRender(t testing.TB, files ...string) []TTMLResult {
	t.Helper()
	node := RequireTool(t, "node/imsc")
	root := Root(t)
	abs := absAll(t, files)
	args := append([]string{filepath.Join(root, "tools", "validate", "ttml.js")}, abs...)
	stdout, stderr, status := run(t, 2*time.Minute, root, node, args...)
	if status > 1 {
		t.Fatalf("ttml.js exited with status %d; stderr:\n%s", status, tail(stderr))
	}
	var out []TTMLResult
	decodeLines(t, "ttml.js", stdout, func(dec *json.Decoder) error {
		var r TTMLResult
		if err := dec.Decode(&r); err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	checkFiles(t, "ttml.js", abs, len(out), func(i int) string { return out[i].File })
	for i := range out {
		out[i].File = files[i]
	}
	return out
}

// DiffTTML compares what imsc rendered with the expected cues: no errors or
// warnings; the time events are exactly 0 and the cues' begin and end times;
// at each cue's begin the ISD shows the cue's text exactly — no space added or
// dropped (imsc turns a line break in the source into a space, which splits
// CJK text), lines broken only where the cue has them — and, when lang is not
// "", in that language; between cues nothing is shown. The cues must not
// overlap. It returns the differences, or nil.
func DiffTTML(r TTMLResult, want []Cue, lang string) []string {
	var d []string
	for _, e := range r.Errors {
		d = append(d, "imsc error: "+e)
	}
	for _, w := range r.Warnings {
		d = append(d, "imsc warning: "+w)
	}
	if lang != "" && r.Lang != lang {
		d = append(d, fmt.Sprintf("document language %q, want %q", r.Lang, lang))
	}
	// imsc always has an event at 0, the start of the document.
	seen := map[int64]bool{0: true}
	events := []int64{0}
	for _, c := range want {
		for _, t := range []int64{c.StartMs, c.EndMs} {
			if !seen[t] {
				seen[t] = true
				events = append(events, t)
			}
		}
	}
	sort.Slice(events, func(i, j int) bool { return events[i] < events[j] })
	if !slices.Equal(r.Events, events) {
		d = append(d, fmt.Sprintf("time events %s, want %s", short(r.Events), short(events)))
	}
	n := 0
	for i, c := range want {
		var what string
		isd := r.At(c.StartMs)
		switch {
		case isd == nil:
			what = "no ISD at its begin time"
		case len(isd.Paragraphs) != 1:
			what = fmt.Sprintf("ISD at its begin shows %d paragraphs, want 1: %q", len(isd.Paragraphs), texts(isd.Paragraphs))
		case isd.Paragraphs[0].Text != c.Text:
			p := isd.Paragraphs[0]
			what = fmt.Sprintf("rendered %q, want %q", p.Text, c.Text)
			if squeeze(p.Text) == squeeze(c.Text) {
				what += " (only spaces and line breaks differ)"
			}
		case lang != "" && isd.Paragraphs[0].Lang != lang:
			what = fmt.Sprintf("paragraph language %q, want %q", isd.Paragraphs[0].Lang, lang)
		}
		if what == "" {
			continue
		}
		if n++; n <= maxDiffs {
			d = append(d, fmt.Sprintf("cue %d at %s: %s", i+1, ms(c.StartMs), what))
		}
	}
	// Between cues (at an end that is no other cue's begin, and at 0 when no
	// cue begins there) nothing is shown.
	begins := map[int64]bool{}
	for _, c := range want {
		begins[c.StartMs] = true
	}
	for _, isd := range r.ISDs {
		if !begins[isd.TimeMs] && len(isd.Paragraphs) > 0 {
			if n++; n <= maxDiffs {
				d = append(d, fmt.Sprintf("at %s, between cues, shows %q", ms(isd.TimeMs), texts(isd.Paragraphs)))
			}
		}
	}
	if n > maxDiffs {
		d = append(d, fmt.Sprintf("... and %d more differences", n-maxDiffs))
	}
	return d
}

// squeeze drops spaces and line breaks.
func squeeze(s string) string {
	return strings.NewReplacer(" ", "", "\n", "").Replace(s)
}

// short prints a list of times, eliding the middle of a long one.
func short(v []int64) string {
	if len(v) <= 12 {
		return fmt.Sprint(v)
	}
	return fmt.Sprintf("%v ... %v (%d)", v[:6], v[len(v)-6:], len(v))
}

func texts(ps []Paragraph) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Text
	}
	return out
}
