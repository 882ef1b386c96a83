package subtitle_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLayering keeps imports one way: the core imports no format
// package, nothing under subtitle/ imports cmd/, and no package imports
// go-astisub: every reader and writer is subkit's own, and go-astisub is
// left only to tests, as a peer to compare with.
func TestLayering(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/subkit-dev/subkit/"
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, " ")
		n++
		for _, imp := range strings.Fields(imports) {
			switch {
			case strings.HasPrefix(imp, mod+"cmd/"):
				t.Errorf("%s imports %s", pkg, imp)
			case pkg == mod+"subtitle" && strings.HasPrefix(imp, mod+"subtitle/") && !strings.HasPrefix(imp, mod+"subtitle/internal/"):
				t.Errorf("the core imports the format package %s", imp)
			case strings.HasPrefix(imp, "github.com/asticode/go-astisub"):
				t.Errorf("%s imports go-astisub", pkg)
			}
		}
	}
	if n < 8 {
		t.Fatalf("go list gave %d packages:\n%s", n, out)
	}
}
