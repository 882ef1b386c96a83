package extcheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// DTDValid gives each file its own verdict and messages from one xmllint
// run, on a DTD made here (the FCPXML DTDs may be absent).
func TestDTDValidAttributes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	dtd := write("a.dtd", "<!ELEMENT a (b*)>\n<!ELEMENT b (#PCDATA)>\n")
	good := write("good.xml", "<a><b>x</b></a>\n")
	bad := write("bad.xml", "<a><c/></a>\n")
	res := DTDValid(t, dtd, good, bad)
	if len(res) != 2 || !res[0].Valid || len(res[0].Messages) != 0 {
		t.Errorf("good.xml: %+v", res[0])
	}
	if res[1].Valid || len(res[1].Messages) == 0 || !strings.Contains(strings.Join(res[1].Messages, "\n"), "bad.xml") {
		t.Errorf("bad.xml: %+v", res[1])
	}
}
