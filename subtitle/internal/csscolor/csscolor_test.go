package csscolor_test

import (
	"fmt"
	"image/color"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle/internal/csscolor"
)

// forms are colors in each form Parse reads, besides the names, whose
// CSS meaning Chromium agrees on.
var forms = []string{
	"#fff", "#F0a", "#f008", "#ff000080", "#0A141E", " #123456 ",
	"rgb(10,20,30)", "RGB( 10 , 20 , 30 )", "rgba(1,2,3,0.5)", "rgba(0,0,255,.25)", "rgb(100%,50%,0%)",
	"rgb(300,-1,0)", "rgb(1.4,2.6,3)", "rgba(1,2,3)", "rgb(1,2,3,0.5)", "rgba(1,2,3,50%)",
	"transparent", "RebeccaPurple", "GREY",
}

// bad are not colors, to CSS or to Parse.
var bad = []string{
	"", "nocolor", "#ff000", "#gggggg", "#", "#12345", "rgb(1,2)", "rgb(1,2,3,4,5)",
	"rgb(a,b,c)", "rgb(inf,0,0)", "rgb(0x10,0,0)", "red blue",
}

// unread are CSS colors Parse does not read: no caption format writes
// them.
var unread = []string{"currentColor", "hsl(0,0%,0%)", "rgb(1 2 3 / 50%)", "rgb(1,2,3"}

func TestParse(t *testing.T) {
	for in, want := range map[string]color.NRGBA{
		"red": {255, 0, 0, 255}, "Yellow": {255, 255, 0, 255}, "transparent": {}, "#FFF": {255, 255, 255, 255},
		"#ff000080": {255, 0, 0, 128}, "#f008": {255, 0, 0, 0x88}, "rgb(0, 255, 0)": {0, 255, 0, 255},
		"rgba(0,0,255,128)": {0, 0, 255, 128}, "rgba(0,0,255,0.5)": {0, 0, 255, 128}, "rgb(300,-1,0)": {255, 0, 0, 255},
		"rebeccapurple": {0x66, 0x33, 0x99, 255}, "rgb(100%,0%,50%)": {255, 0, 128, 255},
	} {
		if got, err := csscolor.Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, s := range append(bad, unread...) {
		if got, err := csscolor.Parse(s); err == nil {
			t.Errorf("Parse(%q) = %v, no error", s, got)
		} else if s != "" && !strings.Contains(err.Error(), fmt.Sprintf("%q", s)) {
			t.Errorf("Parse(%q): %v: the error does not quote the color", s, err)
		}
	}
}

func TestHex(t *testing.T) {
	for c, want := range map[color.NRGBA]string{{1, 2, 3, 255}: "010203", {0xab, 0xcd, 0xef, 0}: "abcdef00"} {
		if got := csscolor.Hex(c); got != want {
			t.Errorf("Hex(%v) = %q, want %q", c, got, want)
		}
	}
}

// TestChromium checks every named color, the forms and the bad colors
// against Chromium's reading of them as CSS.
func TestChromium(t *testing.T) {
	names := csscolor.Names()
	if len(names) != 148 {
		t.Errorf("%d named colors, CSS Color 4 has 148", len(names))
	}
	in := append(append(append([]string(nil), names...), forms...), bad...)
	got := extcheck.CSSColors(t, in)
	for i, s := range in {
		c, err := csscolor.Parse(s)
		want := ""
		if err == nil {
			want = fmt.Sprintf("rgb(%d, %d, %d)", c.R, c.G, c.B)
			if c.A != 255 {
				// Chromium writes alpha with up to three decimals as 8-bit.
				want = fmt.Sprintf("rgba(%d, %d, %d, %s)", c.R, c.G, c.B, alpha(c.A))
			}
		}
		if got[i] != want {
			t.Errorf("%q: Chromium reads %q, Parse %q (%v)", s, got[i], want, err)
		}
	}
}

// alpha writes an 8-bit alpha as Chromium's computed style does: the
// shortest of two or three decimals that reads back as the same byte.
func alpha(a uint8) string {
	if a == 0 {
		return "0"
	}
	for _, p := range []int{2, 3} {
		s := strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.*f", p, float64(a)/255), "0"), ".")
		var f float64
		fmt.Sscan(s, &f)
		if uint8(f*255+0.5) == a {
			return s
		}
	}
	return fmt.Sprintf("%.3f", float64(a)/255)
}

// FuzzParse parses arbitrary text: no panic, an error or a color whose
// hex reads back as itself.
func FuzzParse(f *testing.F) {
	for _, s := range append(append(forms, bad...), unread...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := csscolor.Parse(s)
		if err != nil {
			return
		}
		back, err := csscolor.Parse("#" + csscolor.Hex(c))
		if err != nil || back != c {
			t.Fatalf("%q: %v, its hex %q reads %v %v", s, c, csscolor.Hex(c), back, err)
		}
	})
}

// teletext is the palette of EBU STL's teletext colors, and six08 that
// of 608 (no black).
var (
	teletext = csscolor.MustPalette("black", "red", "lime", "yellow", "blue", "magenta", "cyan", "white")
	six08    = csscolor.MustPalette("white", "green:lime", "blue", "cyan", "red", "yellow", "magenta")
)

func TestPaletteNearest(t *testing.T) {
	for _, c := range []struct {
		in    string
		want  string // teletext, then 608
		want6 string
		exact bool
	}{
		// One color in each of the forms Parse reads.
		{"red", "red", "red", true},
		{"#FF0000", "red", "red", true},
		{"#f00", "red", "red", true},
		{"rgb(255, 0, 0)", "red", "red", true},
		{"rgba(100%,0%,0%,0.5)", "red", "red", true},
		{"#ff0000ff", "red", "red", true},
		{"aqua", "cyan", "cyan", true},
		{"Fuchsia", "magenta", "magenta", true},
		{"black", "black", "white", true},
		// Others go to the one nearest in CIELAB.
		{"green", "lime", "green", false},
		{"lime", "lime", "green", true},
		{"#00aa00", "lime", "green", false},
		{"darkred", "red", "red", false},
		{"navy", "blue", "blue", false},
		{"orange", "yellow", "yellow", false},
		{"gold", "yellow", "yellow", false},
		{"pink", "white", "white", false},
		{"silver", "white", "white", false},
		{"gray", "white", "white", false},
		{"dimgray", "black", "white", false},
		{"purple", "magenta", "magenta", false},
		{"rebeccapurple", "magenta", "magenta", false},
		{"mediumblue", "blue", "blue", false},
		{"midnightblue", "black", "blue", false},
	} {
		for k, p := range []csscolor.Palette{teletext, six08} {
			want := []string{c.want, c.want6}[k]
			exact := c.exact
			switch {
			case k == 1 && c.in == "black": // 608 has no black
				exact = false
			case k == 1 && c.in == "green": // 608's green is CSS green and lime
				exact = true
			}
			i, ex, ok := p.Nearest(c.in)
			if !ok || p[i].Name != want || ex != exact {
				t.Errorf("palette %d: Nearest(%q) = %v %v %v, want %s (exact %v)", k, c.in, p[i].Name, ex, ok, want, exact)
			}
			if j, ok := p.Exact(c.in); ok != exact || ok && p[j].Name != want {
				t.Errorf("palette %d: Exact(%q) = %v %v", k, c.in, j, ok)
			}
			if p.Has(c.in) != exact || p[p.Index(c.in, -1)].Name != want || (p.Near("near")(c.in) == "near") == exact {
				t.Errorf("palette %d: %q: Has %v, Index %d, Near %q", k, c.in, p.Has(c.in), p.Index(c.in, -1), p.Near("near")(c.in))
			}
		}
	}
	for _, s := range []string{"", "transparent", "#ff000000", "nocolor", "hsl(0,100%,50%)"} {
		if i, _, ok := teletext.Nearest(s); ok || teletext.Index(s, -1) != -1 || teletext.Has(s) || teletext.Near("near")(s) != "" {
			t.Errorf("Nearest(%q) = %s, want none", s, teletext[i].Name)
		}
	}
}

func TestDistance(t *testing.T) {
	white, black := color.NRGBA{255, 255, 255, 255}, color.NRGBA{0, 0, 0, 255}
	red, lime := color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 255, 0, 255}
	// CIELAB's lightness runs 0 to 100 from black to white; sRGB red
	// is (53.24, 80.09, 67.20) in CIELAB and lime (87.73, -86.18, 83.18),
	// 170.57 apart.
	for _, c := range []struct {
		a, b color.NRGBA
		want float64
	}{{white, black, 100}, {black, white, 100}, {red, red, 0}, {red, lime, 170.57}} {
		if d := csscolor.Distance(c.a, c.b); d < c.want-0.01 || d > c.want+0.01 {
			t.Errorf("Distance(%v, %v) = %.4f, want %.3f", c.a, c.b, d, c.want)
		}
	}
}

func TestFontColor(t *testing.T) {
	for in, want := range map[string]string{"Red": "Red", "rgb(1,2,3)": "rgb(1,2,3)", "ff0000": "#ff0000", "##00FF00": "#00FF00",
		"#f00": "#f00", "nocolor": "", "ff000": "", "gg0000": "", "": ""} {
		got, err := csscolor.FontColor(in)
		if got != want || (err != nil) != (want == "") {
			t.Errorf("FontColor(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
