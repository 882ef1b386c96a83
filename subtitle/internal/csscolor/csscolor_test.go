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
