// Package csscolor reads a CSS color, as Span.Color holds it, into red,
// green, blue and alpha. The format packages that write colors in their
// own notation (ASS, FCPXML, TTML and EBU-TT-D) and the TTML reader share
// it, so each accepts the same colors.
//
// It reads:
//   - the 148 named colors of CSS Color 4 ("red", "rebeccapurple", both
//     spellings of gray) and "transparent", in any case;
//   - #rgb, #rgba, #rrggbb and #rrggbbaa;
//   - rgb() and rgba() with three numbers (0-255, or percentages) and an
//     optional alpha, comma-separated; rgb and rgba are the same function,
//     as in CSS Color 4. Numbers out of range are clamped, as CSS does.
//
// An alpha with a point or a percent sign is CSS's, 0 to 1 or 0% to 100%;
// a whole number is TTML's, 0 to 255 (rgba(0,0,0,128) is half
// transparent in TTML; CSS would clamp 128 to 1, opaque).
//
// It does not read hsl(), hwb(), the space-separated rgb(r g b / a) of
// CSS Color 4, system colors or currentColor: no caption format writes
// them.
package csscolor

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"
)

// Parse reads a CSS color. The error says what is wrong with it; it does
// not name the file, which the caller knows.
func Parse(s string) (color.NRGBA, error) {
	c := strings.ToLower(strings.TrimSpace(s))
	if v, ok := named[c]; ok {
		if c == "transparent" {
			return color.NRGBA{}, nil
		}
		return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}, nil
	}
	if h, ok := strings.CutPrefix(c, "#"); ok {
		return parseHex(s, h)
	}
	if name, args, ok := strings.Cut(c, "("); ok && (name == "rgb" || name == "rgba") {
		return parseRGB(s, args)
	}
	if c == "" {
		return color.NRGBA{}, fmt.Errorf("no color")
	}
	return color.NRGBA{}, fmt.Errorf("%q is not a color: a CSS color is a name, #rrggbb or rgb()", s)
}

// FontColor reads an HTML <font color> value as players read it in SRT
// and SAMI: a CSS color is kept as written; six hex digits without "#"
// (or after "##"), which ffmpeg and old players show as the color, get
// one "#"; anything else is an error, which quotes the value.
func FontColor(v string) (string, error) {
	_, err := Parse(v)
	if err == nil {
		return v, nil
	}
	if h := strings.TrimLeft(v, "#"); len(h) == 6 {
		if _, err := strconv.ParseUint(h, 16, 32); err == nil {
			return "#" + h, nil
		}
	}
	return "", err
}

// Hex writes c as rrggbb in lower case, rrggbbaa when c is not opaque,
// without a leading #.
func Hex(c color.NRGBA) string {
	if c.A == 255 {
		return fmt.Sprintf("%02x%02x%02x", c.R, c.G, c.B)
	}
	return fmt.Sprintf("%02x%02x%02x%02x", c.R, c.G, c.B, c.A)
}

// IsNamed reports whether s is a named color or "transparent" (any case).
func IsNamed(s string) bool {
	_, ok := named[strings.ToLower(strings.TrimSpace(s))]
	return ok
}

func parseHex(s, h string) (color.NRGBA, error) {
	if len(h) == 3 || len(h) == 4 {
		var b strings.Builder
		for i := range len(h) {
			b.WriteByte(h[i])
			b.WriteByte(h[i])
		}
		h = b.String()
	}
	if len(h) != 6 && len(h) != 8 {
		return color.NRGBA{}, fmt.Errorf("%q is not a color: a hex color has 3, 4, 6 or 8 digits", s)
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return color.NRGBA{}, fmt.Errorf("%q is not a color: %q is not hex", s, h)
	}
	if len(h) == 6 {
		v = v<<8 | 0xff
	}
	return color.NRGBA{R: uint8(v >> 24), G: uint8(v >> 16), B: uint8(v >> 8), A: uint8(v)}, nil
}

func parseRGB(s, args string) (color.NRGBA, error) {
	args, ok := strings.CutSuffix(args, ")")
	if !ok {
		return color.NRGBA{}, fmt.Errorf("%q is not a color: no closing parenthesis", s)
	}
	f := strings.Split(args, ",")
	if len(f) != 3 && len(f) != 4 {
		return color.NRGBA{}, fmt.Errorf("%q is not a color: rgb() takes 3 numbers and an alpha", s)
	}
	v := [4]uint8{3: 255}
	for i, p := range f {
		p = strings.TrimSpace(p)
		num, pct := strings.CutSuffix(p, "%")
		x, err := strconv.ParseFloat(num, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) || strings.ContainsAny(num, "xXpP_") {
			return color.NRGBA{}, fmt.Errorf("%q is not a color: %q is not a number", s, p)
		}
		switch {
		case pct:
			x = x * 255 / 100
		case i == 3 && strings.ContainsAny(num, ".eE"):
			x *= 255 // CSS's alpha, 0 to 1
		}
		v[i] = uint8(math.Round(min(max(x, 0), 255)))
	}
	return color.NRGBA{R: v[0], G: v[1], B: v[2], A: v[3]}, nil
}

// named are CSS Color 4's named colors as 0xrrggbb, and transparent.
var named = map[string]uint32{
	"transparent": 0,
	"aliceblue":   0xf0f8ff, "antiquewhite": 0xfaebd7, "aqua": 0x00ffff, "aquamarine": 0x7fffd4,
	"azure": 0xf0ffff, "beige": 0xf5f5dc, "bisque": 0xffe4c4, "black": 0x000000,
	"blanchedalmond": 0xffebcd, "blue": 0x0000ff, "blueviolet": 0x8a2be2, "brown": 0xa52a2a,
	"burlywood": 0xdeb887, "cadetblue": 0x5f9ea0, "chartreuse": 0x7fff00, "chocolate": 0xd2691e,
	"coral": 0xff7f50, "cornflowerblue": 0x6495ed, "cornsilk": 0xfff8dc, "crimson": 0xdc143c,
	"cyan": 0x00ffff, "darkblue": 0x00008b, "darkcyan": 0x008b8b, "darkgoldenrod": 0xb8860b,
	"darkgray": 0xa9a9a9, "darkgreen": 0x006400, "darkgrey": 0xa9a9a9, "darkkhaki": 0xbdb76b,
	"darkmagenta": 0x8b008b, "darkolivegreen": 0x556b2f, "darkorange": 0xff8c00, "darkorchid": 0x9932cc,
	"darkred": 0x8b0000, "darksalmon": 0xe9967a, "darkseagreen": 0x8fbc8f, "darkslateblue": 0x483d8b,
	"darkslategray": 0x2f4f4f, "darkslategrey": 0x2f4f4f, "darkturquoise": 0x00ced1, "darkviolet": 0x9400d3,
	"deeppink": 0xff1493, "deepskyblue": 0x00bfff, "dimgray": 0x696969, "dimgrey": 0x696969,
	"dodgerblue": 0x1e90ff, "firebrick": 0xb22222, "floralwhite": 0xfffaf0, "forestgreen": 0x228b22,
	"fuchsia": 0xff00ff, "gainsboro": 0xdcdcdc, "ghostwhite": 0xf8f8ff, "gold": 0xffd700,
	"goldenrod": 0xdaa520, "gray": 0x808080, "green": 0x008000, "greenyellow": 0xadff2f,
	"grey": 0x808080, "honeydew": 0xf0fff0, "hotpink": 0xff69b4, "indianred": 0xcd5c5c,
	"indigo": 0x4b0082, "ivory": 0xfffff0, "khaki": 0xf0e68c, "lavender": 0xe6e6fa,
	"lavenderblush": 0xfff0f5, "lawngreen": 0x7cfc00, "lemonchiffon": 0xfffacd, "lightblue": 0xadd8e6,
	"lightcoral": 0xf08080, "lightcyan": 0xe0ffff, "lightgoldenrodyellow": 0xfafad2, "lightgray": 0xd3d3d3,
	"lightgreen": 0x90ee90, "lightgrey": 0xd3d3d3, "lightpink": 0xffb6c1, "lightsalmon": 0xffa07a,
	"lightseagreen": 0x20b2aa, "lightskyblue": 0x87cefa, "lightslategray": 0x778899, "lightslategrey": 0x778899,
	"lightsteelblue": 0xb0c4de, "lightyellow": 0xffffe0, "lime": 0x00ff00, "limegreen": 0x32cd32,
	"linen": 0xfaf0e6, "magenta": 0xff00ff, "maroon": 0x800000, "mediumaquamarine": 0x66cdaa,
	"mediumblue": 0x0000cd, "mediumorchid": 0xba55d3, "mediumpurple": 0x9370db, "mediumseagreen": 0x3cb371,
	"mediumslateblue": 0x7b68ee, "mediumspringgreen": 0x00fa9a, "mediumturquoise": 0x48d1cc, "mediumvioletred": 0xc71585,
	"midnightblue": 0x191970, "mintcream": 0xf5fffa, "mistyrose": 0xffe4e1, "moccasin": 0xffe4b5,
	"navajowhite": 0xffdead, "navy": 0x000080, "oldlace": 0xfdf5e6, "olive": 0x808000,
	"olivedrab": 0x6b8e23, "orange": 0xffa500, "orangered": 0xff4500, "orchid": 0xda70d6,
	"palegoldenrod": 0xeee8aa, "palegreen": 0x98fb98, "paleturquoise": 0xafeeee, "palevioletred": 0xdb7093,
	"papayawhip": 0xffefd5, "peachpuff": 0xffdab9, "peru": 0xcd853f, "pink": 0xffc0cb,
	"plum": 0xdda0dd, "powderblue": 0xb0e0e6, "purple": 0x800080, "rebeccapurple": 0x663399,
	"red": 0xff0000, "rosybrown": 0xbc8f8f, "royalblue": 0x4169e1, "saddlebrown": 0x8b4513,
	"salmon": 0xfa8072, "sandybrown": 0xf4a460, "seagreen": 0x2e8b57, "seashell": 0xfff5ee,
	"sienna": 0xa0522d, "silver": 0xc0c0c0, "skyblue": 0x87ceeb, "slateblue": 0x6a5acd,
	"slategray": 0x708090, "slategrey": 0x708090, "snow": 0xfffafa, "springgreen": 0x00ff7f,
	"steelblue": 0x4682b4, "tan": 0xd2b48c, "teal": 0x008080, "thistle": 0xd8bfd8,
	"tomato": 0xff6347, "turquoise": 0x40e0d0, "violet": 0xee82ee, "wheat": 0xf5deb3,
	"white": 0xffffff, "whitesmoke": 0xf5f5f5, "yellow": 0xffff00, "yellowgreen": 0x9acd32,
}

// A Palette is the fixed set of colors a format can show (608's seven,
// teletext's eight, WebVTT's color classes), in the format's order.
type Palette []Named

// Named is a palette color: the CSS name its reader gives a span, the
// color it shows, which Nearest measures from, and the colors that are
// it.
type Named struct {
	Name  string
	Shown color.NRGBA
	Is    []color.NRGBA
}

// MustPalette makes a palette of CSS color names, in the format's order.
// An entry "name:shown" is a color whose reader says name but which shows
// as shown: "green:lime" is 608's green, shown as lime by ffmpeg and read
// as CSS green by ttconv and by us; both are it. It panics on a name Parse
// does not read: palettes are fixed in code.
func MustPalette(entries ...string) Palette {
	p := make(Palette, len(entries))
	for i, e := range entries {
		name, shown, _ := strings.Cut(e, ":")
		p[i].Name = name
		for _, n := range []string{shown, name} {
			if n == "" {
				continue
			}
			c, err := Parse(n)
			if err != nil {
				panic("csscolor: palette: " + err.Error())
			}
			if len(p[i].Is) == 0 {
				p[i].Shown = c
			}
			p[i].Is = append(p[i].Is, c)
		}
	}
	return p
}

// Nearest finds the palette color whose shown color is nearest to the
// CSS color s by Distance: its index, and whether it is s itself (the
// same red, green and blue). ok is false when s is no color or fully
// transparent, which no palette color shows. Alpha is not compared: the
// palette formats have none.
func (p Palette) Nearest(s string) (i int, exact, ok bool) {
	c, err := Parse(s)
	if err != nil || c.A == 0 || len(p) == 0 {
		return 0, false, false
	}
	rgb := func(c color.NRGBA) color.NRGBA { c.A = 255; return c }
	best := math.Inf(1)
	for j, e := range p {
		for _, is := range e.Is {
			if rgb(is) == rgb(c) {
				return j, true, true
			}
		}
		if d := Distance(c, e.Shown); d < best {
			i, best = j, d
		}
	}
	return i, false, true
}

// Exact is the index of the palette color that is the CSS color s (by
// its red, green and blue); ok is false when none is.
func (p Palette) Exact(s string) (i int, ok bool) {
	i, exact, ok := p.Nearest(s)
	return i, ok && exact
}

// Index is the index of the palette color the CSS color s is written
// as: the one it is, else the nearest; none when s is no color or
// transparent.
func (p Palette) Index(s string, none int) int {
	if i, _, ok := p.Nearest(s); ok {
		return i
	}
	return none
}

// Has reports whether the CSS color s is one of the palette's: a
// format's Carries.SomeColors.
func (p Palette) Has(s string) bool {
	_, ok := p.Exact(s)
	return ok
}

// Near is a format's Carries.NearColors: what for a color the format
// writes as the nearest of the palette's, "" for one it has or cannot
// write.
func (p Palette) Near(what string) func(s string) string {
	return func(s string) string {
		if _, exact, ok := p.Nearest(s); ok && !exact {
			return what
		}
		return ""
	}
}

// Distance is how far apart two colors look: the CIE 1976 color
// difference (ΔE*ab), the straight distance between them in CIELAB,
// which unlike a distance in sRGB puts grays nearer white or black than
// any hue. About 2.3 is just noticeable; the palette colors are 50 and
// more apart. Alpha is not compared.
func Distance(a, b color.NRGBA) float64 {
	l1, a1, b1 := lab(a)
	l2, a2, b2 := lab(b)
	return math.Sqrt((l1-l2)*(l1-l2) + (a1-a2)*(a1-a2) + (b1-b2)*(b1-b2))
}

// lab converts an sRGB color to CIELAB under the D65 white point.
func lab(c color.NRGBA) (l, a, b float64) {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	r, g, bl := lin(c.R), lin(c.G), lin(c.B)
	// sRGB to XYZ, each divided by D65's white (0.95047, 1, 1.08883).
	x := (0.4124564*r + 0.3575761*g + 0.1804375*bl) / 0.95047
	y := 0.2126729*r + 0.7151522*g + 0.0721750*bl
	z := (0.0193339*r + 0.1191920*g + 0.9503041*bl) / 1.08883
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	fx, fy, fz := f(x), f(y), f(z)
	return 116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)
}
