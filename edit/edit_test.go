package edit

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/timing"
)

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

func read(t *testing.T, vtt string) *subtitle.Document {
	t.Helper()
	d, _, err := subtitle.Decode("t.vtt", []byte(vtt), subtitle.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

const karaoke = `WEBVTT

1
00:00:01.000 --> 00:00:03.000
<v Ann>one <00:00:01.500>two <00:00:02.000>three</v>

2
00:00:04.000 --> 00:00:05.000
<i>four</i>
`

func TestRetimeMovesInlineTimestamps(t *testing.T) {
	d := read(t, karaoke)
	if ws := Retime(d, timing.Shift(2*time.Second), timing.RetimeOptions{}); len(ws) != 0 {
		t.Errorf("warnings %q", ws)
	}
	var at []time.Duration
	for _, l := range d.Cues[0].Lines {
		for _, s := range l {
			if s.Timed {
				at = append(at, s.At)
			}
		}
	}
	if d.Cues[0].Start != ms(3000) || d.Cues[1].End != ms(7000) || fmt.Sprint(at) != "[3.5s 4s]" {
		t.Errorf("cue 1 %v, cue 2 ends %v, inline %v", d.Cues[0].Start, d.Cues[1].End, at)
	}
	if !d.Cues[1].Lines[0][0].Italic || d.Cues[0].Lines[0][0].Voice != "Ann" {
		t.Error("styles changed")
	}
}

func TestRetimeBeforeZero(t *testing.T) {
	for _, drop := range []bool{false, true} {
		d := read(t, karaoke)
		ws := Retime(d, timing.Shift(-3500*time.Millisecond), timing.RetimeOptions{DropNegative: drop})
		want := 2
		if drop {
			want = 1
		}
		if len(d.Cues) != want || len(ws) != 1 || !strings.HasPrefix(ws[0], "caption 1 fell wholly before 0") {
			t.Errorf("drop %v: %d cues, warnings %q", drop, len(d.Cues), ws)
		}
		if d.Cues[len(d.Cues)-1].Start != ms(500) {
			t.Errorf("drop %v: last cue starts %v", drop, d.Cues[len(d.Cues)-1].Start)
		}
	}
	d := read(t, karaoke)
	if ws := Retime(d, timing.Shift(-1500*time.Millisecond), timing.RetimeOptions{}); len(ws) != 1 || !strings.Contains(ws[0], "caption 1 started before 0 and now starts at 0") || d.Cues[0].Start != 0 {
		t.Errorf("warnings %q, start %v", ws, d.Cues[0].Start)
	}
}

func TestMapsCaptionPoints(t *testing.T) {
	d := read(t, karaoke)
	// #2 (4 s in the file) lands on 10 s with a shift given too, and a
	// second point makes the map linear between them.
	m, err := Maps([]timing.Map{timing.Shift(time.Second)}, []timing.SyncPoint{{Cue: 2, New: 10 * time.Second}}, d)
	if err != nil {
		t.Fatal(err)
	}
	if got := m(ms(4000)); got != 10*time.Second {
		t.Errorf("#2 (4 s) maps to %v, want 10 s", got)
	}
	m, err = Maps([]timing.Map{timing.Scale(2, 0)}, []timing.SyncPoint{{Cue: 1, New: 0}, {Old: 5 * time.Second, New: 9 * time.Second}}, d)
	if err != nil {
		t.Fatal(err)
	}
	if a, b, mid := m(ms(1000)), m(ms(5000)), m(ms(3000)); a != 0 || b != 9*time.Second || mid != ms(4500) {
		t.Errorf("1 s → %v, 5 s → %v, 3 s → %v; want 0, 9 s, 4.5 s", a, b, mid)
	}
	if _, err := Maps(nil, []timing.SyncPoint{{Cue: 3, New: 0}}, d); err == nil || !strings.Contains(err.Error(), "has 2 captions") {
		t.Errorf("#3 of 2: %v", err)
	}
}

func TestFixWritesBack(t *testing.T) {
	d := read(t, "WEBVTT\n\n00:00:01.000 --> 00:00:01.200\n大家好，这里是最佳拍档\n\n00:00:05.000 --> 00:00:06.000\n再见\n")
	changes, problems := Fix(d, timing.FixRules{CPS: 9, Min: 834 * time.Millisecond}, true)
	if len(problems) != 0 || len(changes) != 1 || !strings.HasPrefix(changes[0], "caption 1: lengthened: 0:00:01.000-0:00:01.200 -> 0:00:01.000-0:00:02.223") {
		t.Fatalf("changes %q problems %q", changes, problems)
	}
	if d.Cues[0].End != ms(2223) || d.Cues[1].End != ms(6000) {
		t.Errorf("cues %v-%v, %v-%v", d.Cues[0].Start, d.Cues[0].End, d.Cues[1].Start, d.Cues[1].End)
	}
}

func TestLang(t *testing.T) {
	for text, want := range map[string]string{
		"WEBVTT\n\n00:01.000 --> 00:02.000\n大家好，这里是最佳拍档\n":          "zh-Hans",
		"WEBVTT\n\n00:01.000 --> 00:02.000\nHello there, friends\n": "en",
	} {
		if got := Lang(read(t, text)); got != want {
			t.Errorf("%q: %q, want %q", text, got, want)
		}
	}
	d := read(t, "WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n")
	d.Lang = "fr"
	if Lang(d) != "fr" {
		t.Errorf("a document's own language goes first")
	}
}

func Example() {
	d, _, err := subtitle.Decode("in.srt", []byte("1\n00:00:01,000 --> 00:00:01,300\n大家好，这里是最佳拍档\n"), subtitle.ReadOptions{})
	if err != nil {
		panic(err)
	}
	Retime(d, timing.Shift(2*time.Second), timing.RetimeOptions{})
	changes, _ := Fix(d, timing.FixRules{CPS: 9, Min: 834 * time.Millisecond}, true)
	fmt.Println(changes[0])
	var b bytes.Buffer
	subtitle.Encode(&b, d, subtitle.SRT, subtitle.EncodeOptions{})
	os.Stdout.Write(b.Bytes())
	// Output:
	// caption 1: lengthened: 0:00:03.000-0:00:03.300 -> 0:00:03.000-0:00:04.223
	// 1
	// 00:00:03,000 --> 00:00:04,223
	// 大家好，这里是最佳拍档
}
