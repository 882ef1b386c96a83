package guide

import (
	"strings"
	"testing"
	"time"
)

func TestProfiles(t *testing.T) {
	for _, name := range Names() {
		p, err := Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		if p.MaxChars == 0 || p.MaxLines == 0 || p.Source == "" || p.FPS == 0 {
			t.Errorf("%s: incomplete: %+v", name, p)
		}
		if p.Min > p.Max && p.Max > 0 {
			t.Errorf("%s: min over max", name)
		}
	}
	zh, _ := Lookup("NETFLIX-ZH-HANS")
	if zh.CPS != 9 || zh.MaxChars != 16 || !zh.CJK || zh.Gap(0) != 83*time.Millisecond || zh.Gap(25) != 80*time.Millisecond || zh.CloseGap(25) != 480*time.Millisecond {
		t.Errorf("netflix-zh-hans = %+v gap %v", zh, zh.Gap(0))
	}
	if _, err := Lookup("itv"); err == nil || !strings.Contains(err.Error(), "netflix-en") {
		t.Errorf("unknown profile: %v", err)
	}
	for tag, want := range map[string]string{"zh-Hans": "netflix-zh-hans", "zh-TW": "netflix-zh-hant", "ja": "netflix-ja", "en-GB": "netflix-en", "fr": "netflix-other"} {
		if got := ForLang(tag).Name; got != want {
			t.Errorf("ForLang(%s) = %s, want %s", tag, got, want)
		}
	}
}
