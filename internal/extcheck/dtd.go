package extcheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FCPXMLDTDDir is where Apple's FCPXML DTDs (FCPXMLv1_8.dtd and later) are
// looked for, relative to the repository root: the shared folder beside
// the repository, or the directory SUBKIT_FCPXML_DTD names.
const FCPXMLDTDDir = "../shared/conformance/fcpxml-dtd"

// FCPXMLDTD returns the path of Apple's DTD for an FCPXML version ("1.8"),
// or skips the test when it is not there. The DTDs are Apple's and come
// with the shared folder, not with the repository; a test without them is
// skipped even in CI, saying so, since no install step brings them.
func FCPXMLDTD(t testing.TB, version string) string {
	t.Helper()
	dir := os.Getenv("SUBKIT_FCPXML_DTD")
	if dir == "" {
		dir = filepath.Join(Root(t), filepath.FromSlash(FCPXMLDTDDir))
	}
	path := filepath.Join(dir, "FCPXMLv"+strings.ReplaceAll(version, ".", "_")+".dtd")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("skipping: Apple's FCPXML %s DTD is not at %s (set SUBKIT_FCPXML_DTD to a directory holding FCPXMLv1_8.dtd and later)", version, path)
	}
	return path
}

// EBUTTDSchemaDir is where the EBU's EBU-TT-D XML schema (ebutt_d.xsd and
// the schemas it imports) is looked for, relative to the repository root,
// or the directory SUBKIT_EBUTTD_XSD names.
const EBUTTDSchemaDir = "../shared/conformance/ebu-tt-d-xsd"

// EBUTTDSchema returns the path of ebutt_d.xsd, or skips the test when it
// is not there, as FCPXMLDTD does.
func EBUTTDSchema(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("SUBKIT_EBUTTD_XSD")
	if dir == "" {
		dir = filepath.Join(Root(t), filepath.FromSlash(EBUTTDSchemaDir))
	}
	path := filepath.Join(dir, "ebutt_d.xsd")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("skipping: the EBU-TT-D schema is not at %s (set SUBKIT_EBUTTD_XSD to a directory holding ebutt_d.xsd)", path)
	}
	return path
}

// DTDValid validates the files against a DTD with xmllint --dtdvalid, in
// one run. A file that fails is not a test failure here: see Valid and
// Messages.
func DTDValid(t testing.TB, dtd string, files ...string) []SchemaResult {
	t.Helper()
	xmllint := RequireTool(t, "xmllint")
	root := Root(t)
	abs := absAll(t, files)
	args := append([]string{"--noout", "--nonet", "--dtdvalid", dtd}, abs...)
	_, stderr, status := run(t, 2*time.Minute, root, xmllint, args...)
	if strings.Contains(string(stderr), "Could not parse DTD") || status >= 5 {
		t.Fatalf("xmllint could not use the DTD %s (exit %d):\n%s", dtd, status, tail(stderr))
	}
	out := make([]SchemaResult, len(abs))
	for i := range abs {
		out[i] = SchemaResult{File: files[i]}
	}
	attributeLines(stderr, abs, out, nil, func(line, f string, r *SchemaResult) bool {
		if !strings.HasPrefix(line, "Document "+f+" does not validate") {
			return false
		}
		r.Messages = append(r.Messages, line)
		return true
	})
	for i := range out {
		out[i].Valid = len(out[i].Messages) == 0
	}
	if status != 0 {
		bad := false
		for _, r := range out {
			bad = bad || !r.Valid
		}
		if !bad {
			t.Fatalf("xmllint exited with status %d but named no file; stderr:\n%s", status, tail(stderr))
		}
	}
	return out
}

// attributeLines gives each line of xmllint's stderr to the file it names:
// status takes the lines that say how a file came out (and returns true
// for them); a line "FILE:…" starts one of that file's messages; a line
// naming no file goes with the message before it (xmllint's context lines
// and caret). Lines skip returns true for are dropped.
func attributeLines(stderr []byte, abs []string, out []SchemaResult, skip func(line string) bool, status func(line, f string, r *SchemaResult) bool) {
	cur := -1
	for _, line := range strings.Split(string(stderr), "\n") {
		if line == "" {
			continue
		}
		if skip != nil && skip(line) {
			cur = -1
			continue
		}
		matched := false
		for i, f := range abs {
			if status(line, f, &out[i]) {
				cur, matched = -1, true
				break
			}
			if strings.HasPrefix(line, f+":") {
				out[i].Messages = append(out[i].Messages, line)
				cur, matched = i, true
				break
			}
		}
		if !matched && cur >= 0 {
			m := &out[cur].Messages[len(out[cur].Messages)-1]
			*m += "\n" + line
		}
	}
}
