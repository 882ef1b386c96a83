package extcheck

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// The page sets each color on an element's style and writes what Chromium
// computed, "" for a color it did not take, as JSON into <pre id=out>.
const cssColorPage = `<!doctype html>
<meta charset="utf-8">
<pre id="out"></pre>
<p id="probe"></p>
<script>
const colors = COLORS;
const probe = document.getElementById("probe");
const out = colors.map((c) => {
  probe.style.color = "";
  probe.style.color = c;
  return probe.style.color === "" ? "" : getComputedStyle(probe).color;
});
document.getElementById("out").textContent = encodeURIComponent(JSON.stringify(out));
</script>
`

var cssOutRE = regexp.MustCompile(`<pre id="out">([^<]*)</pre>`)

// CSSColors asks headless Chromium what each CSS color is: its computed
// color, "rgb(r, g, b)" or "rgba(r, g, b, a)", or "" when Chromium does
// not take it as a color.
func CSSColors(t testing.TB, colors []string) []string {
	t.Helper()
	chromium := RequireTool(t, "chromium")
	js, err := json.Marshal(colors)
	if err != nil {
		t.Fatal(err)
	}
	page := "data:text/html;charset=utf-8," + url.PathEscape(strings.Replace(cssColorPage, "COLORS", string(js), 1))
	stdout, stderr, status := headless(t, chromium, page, "--dump-dom")
	m := cssOutRE.FindSubmatch(stdout)
	if status != 0 || m == nil || len(m[1]) == 0 {
		t.Fatalf("chromium (exit %d) did not finish the page; DOM:\n%s\nstderr:\n%s", status, tail(stdout), tail(stderr))
	}
	s, err := url.PathUnescape(string(m[1]))
	if err != nil {
		t.Fatalf("chromium page output: %v", err)
	}
	var out []string
	if err := json.Unmarshal([]byte(s), &out); err != nil || len(out) != len(colors) {
		t.Fatalf("chromium page output (%d colors asked): %v\n%s", len(colors), err, s)
	}
	return out
}
