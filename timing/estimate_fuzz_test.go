package timing

import (
	"errors"
	"testing"
	"time"
)

// FuzzEstimate times arbitrary transcripts: no panic, and every result
// keeps the rules and loses no text.
func FuzzEstimate(f *testing.F) {
	f.Add("大家好，这里是最佳拍档\n最近罕见公开亮相\n", uint32(20000), uint16(0))
	f.Add("Hello there.\n\nA new paragraph, with a very long line that must be split somewhere sensible.\n", uint32(0), uint16(500))
	f.Add("……\n\u3000\n、、、、、、、、、、、、、、、、、、、、、、、、、、、、、、、、、、\n", uint32(3000), uint16(0))
	f.Fuzz(func(t *testing.T, text string, durMS uint32, startMS uint16) {
		ls := ParseTranscript(text)
		if len(ls) == 0 || len(ls) > 200 || len(text) > 20000 {
			return
		}
		p := ProfileFor(DetectLang(text))
		o := Options{Profile: p, Rules: DefaultRules(p), Duration: time.Duration(durMS) * time.Millisecond, Start: time.Duration(startMS) * time.Millisecond}
		res, err := Estimate(ls, o)
		var se *ShortfallError
		if err != nil {
			if errors.As(err, &se) || o.Duration > 0 && o.Duration <= o.Start+time.Millisecond {
				return
			}
			t.Fatalf("unexpected error: %v", err)
		}
		checkInvariants(t, res, o)
		checkTextKept(t, ls, res)
	})
}
