package align

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/subkit-dev/subkit/audio"
	"github.com/subkit-dev/subkit/espeak"
	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/timing"
)

// A reference matched with itself costs nothing; reversed twice it is
// itself; matched with its reversal it costs more.
func TestDTWCostReversed(t *testing.T) {
	r := make([]float32, 30*dims)
	for i := range r {
		r[i] = float32(math.Sin(float64(i) * 0.37))
	}
	if c := dtwCost(r, r, 0.4, 0.3); c != 0 {
		t.Errorf("a reference against itself costs %.3f, want 0", c)
	}
	if !slices.Equal(reversed(reversed(r)), r) {
		t.Error("reversed twice is not the reference")
	}
	if c := dtwCost(r, reversed(r), 0.4, 0.3); !(c > 0) {
		t.Errorf("a reference against its reversal costs %.3f, want more than 0", c)
	}
	if c := dtwCost(r[:5*dims], r, 0.4, 0.3); !math.IsInf(c, 1) {
		t.Errorf("5 frames against 30 cost %.3f, want +Inf (too short even skipping)", c)
	}
}

var voiceLines = []string{
	"大家好，这里是最佳拍档",
	"今天我们聊一聊人工智能",
	"一家公司创业五年来的心路历程",
	"技术判断和行业思考",
	"最后我们看一看它的未来",
	"谢谢大家的收看，我们下期再见",
}

// voiceRecording is voiceLines spoken by espeak-ng's voice with pauses
// between them, in white noise 20 dB under the speech, and the start of
// each line.
func voiceRecording(t *testing.T, voice string) (*audio.Features, []float64) {
	t.Helper()
	w, err := espeak.Speak(context.Background(), voice, voiceLines)
	if err != nil {
		t.Fatal(err)
	}
	x, starts := recording(espeak.Rate, w, []float64{1.2, 0.7, 0.5, 0.9, 0.6, 0.8, 1})
	addNoise(x, 20, 8)
	return audio.AnalyzeSamples(x, espeak.Rate), starts
}

func speaker(voice string) func([]string) ([][]float32, error) {
	return func(texts []string) ([][]float32, error) {
		return espeak.LogMel(context.Background(), voice, texts)
	}
}

func voiceCaptions(t *testing.T, f *audio.Features, o Options) (*timing.Result, *Result) {
	t.Helper()
	var tl []timing.Line
	for i, l := range voiceLines {
		tl = append(tl, timing.Line{Text: l, Num: i + 1})
	}
	prof := timing.ProfileFor("zh-Hans")
	o.Timing = timing.Options{Profile: prof, Rules: timing.DefaultRules(prof)}
	res, ares, err := Captions(tl, f, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Captions) != len(voiceLines) {
		t.Fatalf("%d captions for %d lines", len(res.Captions), len(voiceLines))
	}
	return res, ares
}

func checkCaptionStarts(t *testing.T, res *timing.Result, starts []float64, tol float64) {
	t.Helper()
	for i, c := range res.Captions {
		if d := c.Start.Seconds() - starts[i]; math.Abs(d) > tol {
			t.Errorf("line %d starts at %.3f s, spoken at %.3f s (%+.0f ms)", i+1, c.Start.Seconds(), starts[i], d*1000)
		}
	}
}

// Mandarin spoken by the Mandarin voice (cmn-latn-pinyin), aligned with
// references from the English voice (which reads each Han character as
// "Chinese letter"): the references do not model the voice, so the
// captions are placed by sound alone, exactly as without references. With
// references from the matching voice they are modelled, and placed by what
// is said.
func TestCaptionsVoiceNotModelled(t *testing.T) {
	extcheck.RequireTool(t, "espeak-ng")
	f, starts := voiceRecording(t, "cmn-latn-pinyin")
	bySound, _ := voiceCaptions(t, f, Options{})

	res, ares := voiceCaptions(t, f, Options{Reference: speaker("en-us")})
	if !(ares.VoiceFit < VoiceFloor) || !ares.BySound {
		t.Errorf("references of another voice: voice fit %.3f (by sound: %v), want under %.3f", ares.VoiceFit, ares.BySound, VoiceFloor)
	}
	for i, c := range res.Captions {
		if b := bySound.Captions[i]; c.Start != b.Start || c.End != b.End {
			t.Errorf("caption %d at %s-%s, by sound alone %s-%s", i+1, timing.FormatDuration(c.Start), timing.FormatDuration(c.End), timing.FormatDuration(b.Start), timing.FormatDuration(b.End))
		}
	}
	if len(ares.Fits) != len(voiceLines) {
		t.Errorf("%d fits for %d lines: the confidences must still be given", len(ares.Fits), len(voiceLines))
	}

	res, ares = voiceCaptions(t, f, Options{Reference: speaker("cmn-latn-pinyin")})
	if !(ares.VoiceFit >= 2*VoiceFloor) || ares.BySound {
		t.Errorf("references of the same voice: voice fit %.3f (by sound: %v), want %.3f or more", ares.VoiceFit, ares.BySound, 2*VoiceFloor)
	}
	checkCaptionStarts(t, res, starts, 0.05)
}

// Of two candidate voices, the one the recording was spoken in is chosen:
// Mandarin read by espeak-ng's plain cmn voice (pinyin letters and tone
// digits in English sounds) takes the cmn references, though the Mandarin
// voice comes first; read by the Mandarin voice, it keeps the first.
func TestCaptionsChooseVoice(t *testing.T) {
	extcheck.RequireTool(t, "espeak-ng")
	o := Options{Reference: speaker("cmn-latn-pinyin"), Alternatives: []func([]string) ([][]float32, error){speaker("cmn")}}
	for _, c := range []struct {
		spoken string
		want   int
	}{{"cmn", 1}, {"cmn-latn-pinyin", 0}} {
		f, starts := voiceRecording(t, c.spoken)
		res, ares := voiceCaptions(t, f, o)
		if ares.Voice != c.want {
			t.Errorf("spoken by %s: voice %d chosen (fit %.3f), want %d", c.spoken, ares.Voice, ares.VoiceFit, c.want)
		}
		if !(ares.VoiceFit >= 2*VoiceFloor) {
			t.Errorf("spoken by %s: voice fit %.3f, want %.2f or more", c.spoken, ares.VoiceFit, 2*VoiceFloor)
		}
		checkCaptionStarts(t, res, starts, 0.05)
	}
}

// GuessVoice chooses as Captions does, on the estimate instead of the
// placement by sound; Captions tells Chosen the voice it keeps (here the
// second) before that voice speaks every caption, and asks the other
// only for the first.
func TestGuessVoice(t *testing.T) {
	extcheck.RequireTool(t, "espeak-ng")
	var tl []timing.Line
	for i, l := range voiceLines {
		tl = append(tl, timing.Line{Text: l, Num: i + 1})
	}
	prof := timing.ProfileFor("zh-Hans")
	to := timing.Options{Profile: prof, Rules: timing.DefaultRules(prof)}
	for _, c := range []struct {
		spoken string
		want   int
	}{{"cmn", 1}, {"cmn-latn-pinyin", 0}} {
		f, _ := voiceRecording(t, c.spoken)
		voices := []func([]string) ([][]float32, error){speaker("cmn-latn-pinyin"), speaker("cmn")}
		got, err := GuessVoice(tl, f, to, f.Seconds(), voices)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("spoken by %s: GuessVoice gives voice %d, want %d", c.spoken, got, c.want)
		}
		if c.want == 0 {
			continue // TestCaptionsChooseVoice times it
		}
		chosen := -1
		asked := make([]int, len(voices))
		var spy []func([]string) ([][]float32, error)
		for i, v := range voices {
			spy = append(spy, func(texts []string) ([][]float32, error) {
				if chosen >= 0 && i != chosen {
					t.Errorf("spoken by %s: voice %d asked to speak after voice %d was chosen", c.spoken, i, chosen)
				}
				asked[i]++
				return v(texts)
			})
		}
		_, ares := voiceCaptions(t, f, Options{Reference: spy[0], Alternatives: spy[1:], Chosen: func(v int) { chosen = v }})
		if chosen != ares.Voice || chosen != c.want {
			t.Errorf("spoken by %s: Chosen told voice %d, voice %d used, want %d", c.spoken, chosen, ares.Voice, c.want)
		}
		if asked[0] != 1 || asked[1] != 1 {
			t.Errorf("spoken by %s: voices asked %v times, want once each (every caption is in the sample)", c.spoken, asked)
		}
	}
}
