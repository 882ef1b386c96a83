package fcpxml

import (
	"fmt"
	"image/color"
	"math"
	"math/big"
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/subtitle/internal/csscolor"
	"github.com/subkit-dev/subkit/subtitle/internal/textin"
)

// Format is FCPXML's name, as flags spell it.
const Format subtitle.Format = "fcpxml"

// DefaultVersion is the FCPXML version the registered writer writes.
const DefaultVersion = "1.8"

// Versions are the FCPXML versions WriteVersion writes.
var Versions = []string{"1.8", "1.9", "1.10", "1.11"}

func init() {
	subtitle.Register(subtitle.Spec{
		Format:  Format,
		Ext:     ".fcpxml",
		Sniff:   sniff,
		Read:    read,
		Write:   write,
		Carries: subtitle.Carries{Italic: true, Bold: true, Underline: true, Align: true, NoMiddle: true, SomeColors: someColor},
	})
}

// sniff knows FCPXML by its root element, <fcpxml>, after the XML
// declaration, comments and a DOCTYPE.
func sniff(_ []byte, head string) subtitle.Match {
	if root, ok := textin.XMLRoot(head); ok && root == "fcpxml" {
		return subtitle.Sure
	}
	return subtitle.NoMatch
}

// rate is a frame rate as Final Cut knows it: num frames in den seconds.
type rate struct {
	num, den int64
	name     string // as in Final Cut's format names: "25", "2997"
}

// rates are the frame rates Final Cut's projects take.
var rates = []rate{
	{24000, 1001, "2398"}, {24, 1, "24"}, {25, 1, "25"}, {30000, 1001, "2997"}, {30, 1, "30"},
	{48000, 1001, "4795"}, {48, 1, "48"}, {50, 1, "50"}, {60000, 1001, "5994"}, {60, 1, "60"},
}

// rateOf finds the rate fps names: an exact one, or an NTSC one written
// as 23.976, 23.98, 29.97, 47.952 or 59.94. 0 is 25.
func rateOf(fps float64) (rate, error) {
	if fps == 0 {
		fps = 25
	}
	for _, r := range rates {
		v := float64(r.num) / float64(r.den)
		if math.Abs(fps-v) < 0.006 {
			return r, nil
		}
	}
	var names []string
	for _, r := range rates {
		names = append(names, fpsName(r))
	}
	return rate{}, fmt.Errorf("fcpxml: Final Cut Pro has no %v fps timeline (it has %s)", fps, strings.Join(names, ", "))
}

func fpsName(r rate) string {
	if r.den == 1 {
		return fmt.Sprint(r.num)
	}
	return strings.TrimRight(fmt.Sprintf("%.3f", float64(r.num)/float64(r.den)), "0")
}

// frameAt is the frame nearest to t at rate r.
func (r rate) frameAt(t time.Duration) int64 {
	// t * num / (den * 1e9), rounded half up, without overflow.
	n := new(big.Int).Mul(big.NewInt(int64(t)), big.NewInt(r.num))
	d := big.NewInt(r.den * int64(time.Second))
	n.Add(n, new(big.Int).Rsh(d, 1))
	return n.Div(n, d).Int64()
}

// frames writes n frames at rate r as FCPXML time: whole seconds as
// "5s", others as a fraction over the rate's time base, "1001/30000s".
func (r rate) frames(n int64) string {
	sec := n * r.den
	if sec%r.num == 0 {
		return fmt.Sprintf("%ds", sec/r.num)
	}
	return fmt.Sprintf("%d/%ds", sec, r.num)
}

// frameDuration is a frame's length as FCPXML time.
func (r rate) frameDuration() string { return fmt.Sprintf("%d/%ds", r.den, r.num) }

// someColor says which colors the writer keeps: those csscolor reads.
func someColor(c string) bool { _, err := csscolor.Parse(c); return err == nil }

// fcpColor writes a color as Final Cut does: "r g b a", each 0 to 1.
func fcpColor(c color.NRGBA) string {
	f := func(x uint8) string {
		s := fmt.Sprintf("%.4f", float64(x)/255)
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		if s == "" {
			s = "0"
		}
		return s
	}
	return f(c.R) + " " + f(c.G) + " " + f(c.B) + " " + f(c.A)
}

// cssColor reads Final Cut's "r g b a" back as #rrggbb (#rrggbbaa when
// not opaque).
func cssColor(s string) (string, bool) {
	f := strings.Fields(s)
	if len(f) != 3 && len(f) != 4 {
		return "", false
	}
	var v [4]int
	v[3] = 255
	for i, p := range f {
		var x float64
		if _, err := fmt.Sscan(p, &x); err != nil || math.IsNaN(x) || x < 0 || x > 1 {
			return "", false
		}
		v[i] = int(math.Round(x * 255))
	}
	if v[3] == 255 {
		return fmt.Sprintf("#%02x%02x%02x", v[0], v[1], v[2]), true
	}
	return fmt.Sprintf("#%02x%02x%02x%02x", v[0], v[1], v[2], v[3]), true
}
