package ass

import (
	"fmt"
	"strings"
	"testing"

	astisub "github.com/asticode/go-astisub"

	"github.com/subkit-dev/subkit/subtitle"
)

// benchScript is an ASS script of n Dialogue lines with override tags, as
// fansubs write them.
func benchScript(n int) string {
	var b strings.Builder
	b.WriteString(assHead)
	for i := range n {
		s := i % 3600
		fmt.Fprintf(&b, "Dialogue: 0,0:%02d:%02d.00,0:%02d:%02d.50,Default,Ann,0,0,0,,Line {\\i1}%d{\\i0} of the script\\Nand {\\b1}a second{\\b0} {\\an8}line\n",
			s/60, s%60, s/60, s%60, i)
	}
	return b.String()
}

// BenchmarkReadASS reads a 20,000-line script with subkit's reader and
// with go-astisub's, in the same run: quote the ratio.
func BenchmarkReadASS(b *testing.B) {
	text := benchScript(20000)
	b.Run("subkit", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := subtitle.ReadText("b.ass", text, subtitle.ASS); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("astisub", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := astisub.ReadFromSSA(strings.NewReader(text)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
