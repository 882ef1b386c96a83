package timing

import (
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	ok := []struct {
		in   string
		want time.Duration
	}{
		{"90s", 90 * time.Second},
		{"1m30.5s", 90*time.Second + 500*time.Millisecond},
		{"01:02:03.500", time.Hour + 2*time.Minute + 3500*time.Millisecond},
		{"1:02:03,5", time.Hour + 2*time.Minute + 3500*time.Millisecond},
		{"02:03", 2*time.Minute + 3*time.Second},
		{"90.5", 90500 * time.Millisecond},
		{"90", 90 * time.Second},
		{"0.001", time.Millisecond},
		{"1373.91s", 1373910 * time.Millisecond},
		{"1373.91", 1373910 * time.Millisecond},
		{"18m", 18 * time.Minute},
		{"-1.5s", -1500 * time.Millisecond},
		{"-00:00:01,250", -1250 * time.Millisecond},
		{" 7s ", 7 * time.Second},
		{"100:00:00", 100 * time.Hour},
	}
	for _, c := range ok {
		got, err := ParseDuration(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "abc", "1:60:00", "1:02:60", "1::2", ":30", "1:2:3:4", "5x", "--5s", "1.2.3", "-", "1s-2s"} {
		if d, err := ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) = %v, want an error", bad, d)
		}
	}
}

func TestFormatDurationRoundTrip(t *testing.T) {
	for _, d := range []time.Duration{0, time.Millisecond, 1373910 * time.Millisecond, 100*time.Hour + 1, -1500 * time.Millisecond} {
		s := FormatDuration(d)
		back, err := ParseDuration(s)
		if err != nil || back != d.Round(time.Millisecond) {
			t.Errorf("FormatDuration(%v) = %q, reads back as %v, %v", d, s, back, err)
		}
	}
}

func TestFormatSeconds(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0s", 7 * time.Second: "7s", 267 * time.Millisecond: "0.267s",
		1500 * time.Millisecond: "1.5s", 834*time.Millisecond + 400*time.Microsecond: "0.834s", -80 * time.Millisecond: "-0.08s"} {
		if got := FormatSeconds(d); got != want {
			t.Errorf("FormatSeconds(%v) = %q, want %q", d, got, want)
		}
	}
}
