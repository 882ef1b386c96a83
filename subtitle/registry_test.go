package subtitle

import (
	"slices"
	"strings"
	"testing"
)

// fakeSpec is a format for registry tests: it reads nothing and sniffs
// text that starts with its signature.
func fakeSpec(name string, sig string, m Match) Spec {
	return Spec{
		Format: Format(name),
		Ext:    "." + name,
		Sniff: func(_ []byte, head string) Match {
			if strings.HasPrefix(head, sig) {
				return m
			}
			return NoMatch
		},
		Read: func(string, string) (*Document, []Warning, error) { return &Document{}, nil, nil },
	}
}

// registerFake registers s for the test's length.
func registerFake(t *testing.T, s Spec) {
	t.Helper()
	Register(s)
	t.Cleanup(func() { unregister(s.Format) })
}

func TestRegisterRefuses(t *testing.T) {
	registerFake(t, Spec{Format: "zz-a", Aliases: []string{"zz-alias"}, Sniff: fakeSpec("x", "", Sure).Sniff, Read: fakeSpec("x", "", Sure).Read})
	for name, s := range map[string]Spec{
		"a taken name":  fakeSpec("zz-a", "", Sure),
		"a taken alias": {Format: "zz-b", Aliases: []string{"zz-alias"}, Sniff: fakeSpec("x", "", Sure).Sniff, Read: fakeSpec("x", "", Sure).Read},
		"alias is name": {Format: "zz-c", Aliases: []string{"zz-a"}, Sniff: fakeSpec("x", "", Sure).Sniff, Read: fakeSpec("x", "", Sure).Read},
		"no name":       fakeSpec("", "", Sure),
		"no reader":     {Format: "zz-d", Sniff: fakeSpec("x", "", Sure).Sniff},
		"no sniffer":    {Format: "zz-e", Read: fakeSpec("x", "", Sure).Read},
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("Register took %s", name)
					unregister(s.Format)
				}
			}()
			Register(s)
		})
	}
}

// Detect takes the first Sure over any Maybe, in the order of Formats,
// which lists formats the core does not name by name.
func TestDetectOrder(t *testing.T) {
	registerFake(t, fakeSpec("zz-maybe", "ZZ", Maybe))
	registerFake(t, fakeSpec("zz-sure2", "ZZ", Sure))
	registerFake(t, fakeSpec("zz-sure1", "ZZ!", Sure))
	if got := Detect([]byte("ZZ! text")); got != "zz-sure1" {
		t.Errorf("Detect = %v, want zz-sure1 (a Sure, first by name)", got)
	}
	if got := Detect([]byte("\n ZZ text")); got != "zz-sure2" {
		t.Errorf("Detect = %v, want zz-sure2 (the only Sure)", got)
	}
	fs := Formats()
	i, j, k := slices.Index(fs, "zz-maybe"), slices.Index(fs, "zz-sure1"), slices.Index(fs, "zz-sure2")
	if i < 0 || !(i < j && j < k) {
		t.Errorf("Formats() = %v: registered formats missing or not by name", fs)
	}
}

// A binary format is sniffed on the bytes, before any decoding (bytes
// that do not decode as text detect as nothing else).
func TestDetectBinaryFirst(t *testing.T) {
	s := fakeSpec("zz-bin", "", Sure)
	s.Binary = true
	s.Sniff = func(b []byte, head string) Match {
		if head != "" {
			t.Errorf("binary sniffer got a head %q", head)
		}
		if len(b) > 2 && b[0] == 0 && b[1] == 0xff {
			return Sure
		}
		return NoMatch
	}
	registerFake(t, s)
	if got := Detect([]byte{0, 0xff, 1, 2, 3}); got != "zz-bin" {
		t.Errorf("Detect = %v, want zz-bin", got)
	}
	text, info, err := Prepare("a.zz-bin", []byte{0, 0xff, 0xfe}, ReadOptions{})
	if err != nil || info.Format != "zz-bin" || text != "\x00\xff\xfe" {
		t.Errorf("Prepare = %q, %+v, %v; want the bytes as they are", text, info, err)
	}
}

// An extension in WeakExts names the format only when the content agrees.
func TestWeakExtension(t *testing.T) {
	s := fakeSpec("zz-weak", "WEAK", Sure)
	s.Aliases = []string{"zzw"}
	s.WeakExts = []string{".zzw"}
	registerFake(t, s)
	registerFake(t, fakeSpec("zz-other", "OTHER", Sure))
	for in, want := range map[string]Format{"WEAK\n": "zz-weak", "OTHER\n": "zz-other"} {
		_, info, err := Prepare("file.zzw", []byte(in), ReadOptions{})
		if err != nil || info.Format != want {
			t.Errorf("Prepare(file.zzw, %q) = %v, %v; want %v", in, info.Format, err, want)
		}
	}
	if got := FormatFromPath("x.ZZW"); got != "zz-weak" {
		t.Errorf("FormatFromPath = %v, want zz-weak", got)
	}
}

func unregister(f Format) {
	delete(registry, f)
	reorder()
}

// WeakExt says whether a name's extension needs the content to decide;
// ClaimsExt whether a format uses an extension, as its own or shared.
func TestWeakExtAndClaimsExt(t *testing.T) {
	s := fakeSpec("zz-weak", "WEAK", Sure)
	s.Aliases = []string{"zzw"}
	s.WeakExts = []string{".ZZW"}
	registerFake(t, s)
	registerFake(t, fakeSpec("zz-own", "OWN", Sure))
	for path, want := range map[string]bool{"a.zzw": true, "a.ZZW": true, "a.zz-own": false, "a.zz-weak": false, "a": false, "a.nothing": false} {
		if got := WeakExt(path); got != want {
			t.Errorf("WeakExt(%q) = %v, want %v", path, got, want)
		}
	}
	for _, c := range []struct {
		f    Format
		path string
		want bool
	}{
		{"zz-weak", "a.zzw", true}, {"zz-weak", "a.Zz-Weak", true}, {"zz-weak", "a.zz-own", false},
		{"zz-own", "a.zz-own", true}, {"zz-own", "a.zzw", false}, {"zz-nothing", "a.zzw", false},
	} {
		if got := ClaimsExt(c.f, c.path); got != c.want {
			t.Errorf("ClaimsExt(%v, %q) = %v, want %v", c.f, c.path, got, c.want)
		}
	}
}
