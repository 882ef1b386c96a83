package ttml

import "testing"

func TestHexColor(t *testing.T) {
	for in, want := range map[string]string{
		"red": "ff0000", "Yellow": "ffff00", "transparent": "00000000", "#FFF": "ffffff", "#ff000080": "ff000080", "#f008": "ff000088",
		"rgb(0, 255, 0)": "00ff00", "rgba(0,0,255,128)": "0000ff80", "rgba(0,0,255,0.5)": "0000ff80", "rgb(300,-1,0)": "ff0000",
	} {
		if got, ok := HexColor(in); !ok || got != want {
			t.Errorf("HexColor(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "currentColor", "#ff000", "#gggggg", "rgb(1,2)", "rgba(1,2,3)", "rgb(a,b,c)", "hsl(0,0%,0%)"} {
		if got, ok := HexColor(bad); ok {
			t.Errorf("HexColor(%q) = %q", bad, got)
		}
	}
}
