package subtitle_test

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/subtitle"
)

// encodingSamples are, for each output encoding, caption lines it holds.
var encodingSamples = []struct {
	enc   string
	lines []string
}{
	{"UTF-8", []string{"你好，世界", "Ж ü 😀"}},
	{"UTF-8 BOM", []string{"你好，世界"}},
	{"UTF-16", []string{"你好，世界", "😀 ok"}},
	{"UTF-16LE", []string{"你好，世界", "😀 ok"}},
	{"UTF-16BE", []string{"你好，世界", "😀 ok"}},
	{"UTF-32LE", []string{"你好 😀"}},
	{"UTF-32BE", []string{"你好 😀"}},
	{"GBK", []string{"你好，世界。", "我们在这里"}},
	{"GB18030", []string{"你好，世界。", "𠀀 and €"}},
	{"Big5", []string{"你好，世界。", "我們在這裡"}},
	{"Shift_JIS", []string{"こんにちは、世界。", "ありがとう"}},
	{"EUC-KR", []string{"안녕하세요", "감사합니다"}},
	{"Windows-1250", []string{"Žluťoučký kůň", "Zażółć gęślą"}},
	{"Windows-1251", []string{"Привет, мир", "Да, конечно"}},
	{"Windows-1252", []string{"Café au lait, s’il vous plaît", "Straße"}},
	{"Windows-1253", []string{"Καλημέρα κόσμε"}},
	{"Windows-1254", []string{"Günaydın dünya, şimdi"}},
	{"Windows-1255", []string{"שלום עולם"}},
	{"Windows-1256", []string{"مرحبا بالعالم"}},
	{"Windows-1257", []string{"Labas rytas, pasaulį"}},
	{"Windows-1258", []string{"Xin chào"}},
}

func sampleDoc(lines []string) *subtitle.Document {
	d := &subtitle.Document{}
	for i, l := range lines {
		d.Cues = append(d.Cues, subtitle.Cue{Start: ms(int64(1000 * (i + 1))), End: ms(int64(1000*(i+1) + 800)), Lines: subtitle.Text(l)})
	}
	return d
}

// Every output encoding, in SRT with each line end and with and without
// a BOM where it has one: read back by subkit (detected, or named where
// detection cannot tell the code pages apart) and by Python's codecs,
// the document and the line ends are what was written.
func TestEncodeEncodingsRoundTrip(t *testing.T) {
	var py []extcheck.Encoded
	var pyWant []string
	for _, s := range encodingSamples {
		for _, le := range []string{"\n", "\r\n", "\r"} {
			for _, bom := range []bool{false, true} {
				o := subtitle.EncodeOptions{Encoding: s.enc, LineEnd: le, BOM: bom}
				if subtitle.CheckEncodeOptions(subtitle.SRT, o) != nil {
					if bom && !strings.HasPrefix(s.enc, "UTF") {
						continue // refused: tested below
					}
					t.Fatalf("%s: %v", s.enc, subtitle.CheckEncodeOptions(subtitle.SRT, o))
				}
				want := sampleDoc(s.lines)
				var buf bytes.Buffer
				if err := subtitle.Encode(&buf, want, subtitle.SRT, o); err != nil {
					t.Fatalf("%s %q bom %v: %v", s.enc, le, bom, err)
				}
				b := buf.Bytes()
				var utf8Text bytes.Buffer
				subtitle.Encode(&utf8Text, want, subtitle.SRT, subtitle.EncodeOptions{LineEnd: le})
				wantText := utf8Text.String()

				// Python reads the bytes after the loop.
				pyEnc := s.enc
				if bom && s.enc == "UTF-8" {
					pyEnc = "UTF-8 BOM"
				}
				py = append(py, extcheck.Encoded{Bytes: b, Encoding: pyEnc})
				if bom && pyEnc != "UTF-8 BOM" && pyEnc != "UTF-16" {
					wantText = "\ufeff" + wantText
				}
				pyWant = append(pyWant, wantText)

				// subkit's reading: detected, or named for the code pages
				// a guess does not choose among.
				ro := subtitle.ReadOptions{Format: subtitle.SRT}
				if !detected(s.enc) {
					ro.Encoding = s.enc
				}
				d, info, err := subtitle.Decode("x.srt", b, ro)
				if err != nil {
					t.Fatalf("%s %q bom %v: reading back: %v", s.enc, le, bom, err)
				}
				if !reflect.DeepEqual(d.Cues, want.Cues) {
					t.Errorf("%s %q bom %v: read back %+v, want %+v", s.enc, le, bom, d.Cues, want.Cues)
				}
				if info.LineEnd != le {
					t.Errorf("%s %q bom %v: read back line end %q", s.enc, le, bom, info.LineEnd)
				}
				// OutputEncoding names what was written as the reader
				// names it, but GBK, which is read as GB18030, its superset.
				if name, err := subtitle.OutputEncoding(subtitle.SRT, o); err != nil || name != info.Encoding && !(name == "GBK" && info.Encoding == "GB18030") {
					t.Errorf("%s %q bom %v: OutputEncoding %q, %v; read back as %q", s.enc, le, bom, name, err, info.Encoding)
				}
				wantBOM := bom || s.enc == "UTF-16" || s.enc == "UTF-8 BOM"
				if info.BOM != wantBOM {
					t.Errorf("%s %q bom %v: read back BOM %v", s.enc, le, bom, info.BOM)
				}
				// What ReadInfo says writes the same bytes again.
				var again bytes.Buffer
				if err := subtitle.Encode(&again, d, subtitle.SRT, info.EncodeOptions()); err != nil {
					t.Fatalf("%s: writing back as read (%+v): %v", s.enc, info.EncodeOptions(), err)
				}
				if !bytes.Equal(again.Bytes(), b) {
					t.Errorf("%s %q bom %v: written back as read (%+v) gives other bytes:\n%q\n%q", s.enc, le, bom, info.EncodeOptions(), again.Bytes(), b)
				}
			}
		}
	}
	got := extcheck.DecodeTexts(t, py)
	for i := range got {
		if got[i] != pyWant[i] {
			t.Errorf("%s: Python reads %q, want %q", py[i].Encoding, got[i], pyWant[i])
		}
	}
}

// detected says whether DecodeText tells the encoding from the bytes.
func detected(enc string) bool {
	switch enc {
	case "GBK", "Windows-1253", "Windows-1254", "Windows-1255", "Windows-1256", "Windows-1257", "Windows-1258":
		return false
	}
	return true
}

// A character the encoding cannot hold is an error naming the caption;
// nothing is written.
func TestEncodeUnencodable(t *testing.T) {
	d := sampleDoc([]string{"hello", "Привет", "你好"})
	var buf bytes.Buffer
	err := subtitle.Encode(&buf, d, subtitle.SRT, subtitle.EncodeOptions{Encoding: "windows-1252"})
	var ee *subtitle.EncodeError
	if !errors.As(err, &ee) || !errors.Is(err, subtitle.ErrUnencodable) {
		t.Fatalf("error %v, want an *EncodeError", err)
	}
	if ee.Cue != 2 || ee.Char != 'П' || ee.Encoding != "Windows-1252" {
		t.Errorf("error %+v, want cue 2, 'П', Windows-1252", ee)
	}
	if !strings.Contains(err.Error(), "caption 2 (at 00:00:02.000)") || !strings.Contains(err.Error(), "U+041F") {
		t.Errorf("message %q should name the caption and the character", err)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written before the error", buf.Len())
	}

	// Placed in the input the document was read from: at the character.
	in := "1\n00:00:01,000 --> 00:00:01,800\nhello\n\n2\n00:00:02,000 --> 00:00:02,800\nПривет\n\n"
	perr := subtitle.PlaceEncodeError("in.srt", in, subtitle.SRT, err)
	var pe *subtitle.ParseError
	if !errors.As(perr, &pe) || pe.Line != 7 || pe.Col != 1 || !strings.HasPrefix(perr.Error(), "in.srt:7:1: caption 2") {
		t.Errorf("placed error %v, want in.srt:7:1: caption 2...", perr)
	}

	// GBK has no Korean; GB18030 has every character.
	if err := subtitle.Encode(&buf, sampleDoc([]string{"안녕"}), subtitle.SRT, subtitle.EncodeOptions{Encoding: "gbk"}); !errors.Is(err, subtitle.ErrUnencodable) {
		t.Errorf("Korean in GBK: %v", err)
	}
	if err := subtitle.Encode(&buf, sampleDoc([]string{"안녕"}), subtitle.SRT, subtitle.EncodeOptions{Encoding: "gb18030"}); err != nil {
		t.Errorf("Korean in GB18030: %v", err)
	}
}

// Streaming SRT keeps streaming in another encoding, writes what Encode
// writes, and stops before writing at a character it cannot hold, placed
// in the input.
func TestStreamSRTEncoding(t *testing.T) {
	var sb strings.Builder
	for i := 1; i <= 20000; i++ {
		sb.WriteString(strings.ReplaceAll("N\n00:00:01,000 --> 00:00:02,000\n你好，世界。第N行\n\n", "N", strings.Repeat("1", 1+i%3)))
	}
	text := sb.String()
	d, _, err := subtitle.Decode("big.srt", []byte(text), subtitle.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []subtitle.EncodeOptions{{Encoding: "GBK", LineEnd: "\r\n"}, {Encoding: "utf-16", LineEnd: "\r"}} {
		for _, to := range []subtitle.Format{subtitle.SRT, subtitle.WebVTT} {
			if to == subtitle.WebVTT && o.Encoding != "" && subtitle.CheckEncodeOptions(to, o) == nil {
				t.Fatalf("WebVTT in %s accepted", o.Encoding)
			}
			if subtitle.CheckEncodeOptions(to, o) != nil {
				continue
			}
			var streamed, whole bytes.Buffer
			if _, err := subtitle.StreamSRT("big.srt", text, to, o, &streamed); err != nil {
				t.Fatal(err)
			}
			if err := subtitle.Encode(&whole, d, to, o); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(streamed.Bytes(), whole.Bytes()) {
				t.Errorf("%+v: streamed output differs from Encode's", o)
			}
		}
	}
	bad := text + "99\n00:00:09,000 --> 00:00:10,000\n안녕\n"
	var out bytes.Buffer
	_, err = subtitle.StreamSRT("big.srt", bad, subtitle.SRT, subtitle.EncodeOptions{Encoding: "GBK"}, &out)
	var pe *subtitle.ParseError
	if !errors.As(err, &pe) || !errors.Is(err, subtitle.ErrUnencodable) || pe.Line != strings.Count(bad, "\n") || pe.Col != 1 {
		t.Fatalf("error %v, want big.srt:%d:1 wrapping ErrUnencodable", err, strings.Count(bad, "\n"))
	}
	if out.Len() != 0 {
		t.Errorf("%d bytes streamed before the error", out.Len())
	}
}

// WebVTT and TTML are UTF-8 only, EBU STL binary: another encoding is
// refused before anything is written; a BOM is refused for encodings
// that have none; unknown names list the known ones.
func TestEncodeEncodingRefused(t *testing.T) {
	d := sampleDoc([]string{"hello"})
	for _, tt := range []struct {
		f   subtitle.Format
		o   subtitle.EncodeOptions
		msg string
	}{
		{subtitle.WebVTT, subtitle.EncodeOptions{Encoding: "gbk"}, "vtt files are written in UTF-8 only"},
		{subtitle.WebVTT, subtitle.EncodeOptions{Encoding: "utf-16"}, "UTF-8 only"},
		{subtitle.TTML, subtitle.EncodeOptions{Encoding: "windows-1252"}, "IMSC"},
		{subtitle.STL, subtitle.EncodeOptions{Encoding: "big5"}, "binary format"},
		{subtitle.SRT, subtitle.EncodeOptions{Encoding: "gbk", BOM: true}, "GBK has no byte-order mark"},
		{subtitle.SRT, subtitle.EncodeOptions{Encoding: "klingon"}, "Windows-1258"},
		{subtitle.SRT, subtitle.EncodeOptions{LineEnd: "\n\r"}, "line end"},
	} {
		var buf bytes.Buffer
		err := subtitle.Encode(&buf, d, tt.f, tt.o)
		if !errors.Is(err, subtitle.ErrEncoding) || !strings.Contains(err.Error(), tt.msg) || buf.Len() != 0 {
			t.Errorf("%v %+v: %v, %d bytes; want an error saying %q", tt.f, tt.o, err, buf.Len(), tt.msg)
		}
		if err := subtitle.CheckEncodeOptions(tt.f, tt.o); err == nil {
			t.Errorf("CheckEncodeOptions(%v, %+v) accepts", tt.f, tt.o)
		}
		if name, err := subtitle.OutputEncoding(tt.f, tt.o); err == nil {
			t.Errorf("OutputEncoding(%v, %+v) = %q, accepts", tt.f, tt.o, name)
		}
	}
	for _, f := range []subtitle.Format{subtitle.WebVTT, subtitle.TTML} {
		if err := subtitle.CheckEncodeOptions(f, subtitle.EncodeOptions{Encoding: "utf-8", BOM: true, LineEnd: "\r\n"}); err != nil {
			t.Errorf("%v in UTF-8: %v", f, err)
		}
	}
}

// Stray bytes that read as no legacy encoding with evidence are read as
// U+FFFD, with a warning naming the lines and the option to give.
func TestDecodeStrayBytesWarn(t *testing.T) {
	for _, tt := range []struct {
		in      string
		text    string
		lines   string
		suggest string
	}{
		// "яюѓ" in Windows-1251: no Russian word mixes in Macedonian ѓ.
		{"1\n00:00:01,000 --> 00:00:02,000\nhello \xff\xfe\x83(\n\n", "hello \ufffd\ufffd\ufffd(", "U+FFFD", "--encoding NAME"},
		{"1\n00:00:01,000 --> 00:00:02,000\nhello \xff\xfe\xc3(\n\n", "hello \ufffd\ufffd\ufffd(", "U+FFFD", "--encoding NAME"},
		// A UTF-8 file with two damaged bytes on two lines.
		{"1\n00:00:01,000 --> 00:00:02,000\n你好，世界。我们\xff在这里\n\n2\n00:00:03,000 --> 00:00:04,000\n你好，世界。\xfe\n\n",
			"你好，世界。我们\ufffd在这里", "here and on line 7", "looks damaged"},
	} {
		d, info, err := subtitle.Decode("b.srt", []byte(tt.in), subtitle.ReadOptions{})
		if err != nil {
			t.Fatalf("%q: %v", tt.in, err)
		}
		if got := d.Cues[0].PlainLines()[0]; got != tt.text {
			t.Errorf("%q: read %q, want %q", tt.in, got, tt.text)
		}
		if info.Encoding != "UTF-8" || len(info.Warnings) == 0 {
			t.Fatalf("%q: encoding %q, warnings %v", tt.in, info.Encoding, info.Warnings)
		}
		w := info.Warnings[0]
		if w.Line != 3 || !strings.Contains(w.Message, tt.lines) || !strings.Contains(w.Message, tt.suggest) || !strings.Contains(w.Message, "U+FFFD") {
			t.Errorf("%q: warning %v should be at line 3, name %s and say %q", tt.in, w, tt.lines, tt.suggest)
		}
	}
	// DecodeText itself stays strict.
	if _, _, err := subtitle.DecodeText("b.srt", []byte("hello \xff\xfe\x83(\n")); !errors.Is(err, subtitle.ErrEncoding) {
		t.Errorf("DecodeText: %v, want ErrEncoding", err)
	}
}

// Every text format that takes an encoding reads back, from GBK, Big5,
// UTF-16BE and Windows-1251 bytes, the document it reads back from its
// UTF-8 bytes.
func TestEncodeEncodingsEveryFormat(t *testing.T) {
	samples := map[string][]string{
		"GBK": {"你好，世界。", "我们在这里"}, "Big5": {"我們在這裡"},
		"UTF-16BE": {"你好 😀", "Привет"}, "Windows-1251": {"Привет, мир"},
	}
	tested := 0
	for _, f := range subtitle.Formats() {
		for enc, lines := range samples {
			o := subtitle.EncodeOptions{Encoding: enc, LineEnd: "\r\n"}
			if subtitle.CheckEncodeOptions(f, o) != nil {
				continue
			}
			d := sampleDoc(lines)
			var u, x bytes.Buffer
			if err := subtitle.Encode(&u, d, f, subtitle.EncodeOptions{LineEnd: "\r\n"}); err != nil {
				continue // a format subkit only reads
			}
			if err := subtitle.Encode(&x, d, f, o); err != nil {
				t.Fatalf("%v in %s: %v", f, enc, err)
			}
			name := "x" + f.Ext()
			want, _, err := subtitle.Decode(name, u.Bytes(), subtitle.ReadOptions{Format: f})
			if err != nil {
				t.Fatalf("%v in UTF-8: %v", f, err)
			}
			got, info, err := subtitle.Decode(name, x.Bytes(), subtitle.ReadOptions{Format: f, Encoding: enc})
			if err != nil {
				t.Fatalf("%v in %s: reading back: %v", f, enc, err)
			}
			if !reflect.DeepEqual(got.Cues, want.Cues) {
				t.Errorf("%v in %s: read back %+v, want %+v", f, enc, got.Cues, want.Cues)
			}
			if info.LineEnd != "\r\n" {
				t.Errorf("%v in %s: line end %q", f, enc, info.LineEnd)
			}
			tested++
		}
	}
	if tested < 4*6 {
		t.Errorf("only %d format and encoding pairs tested", tested)
	}
}

// A binary format has no text encoding; a UTF-8-only format is UTF-8,
// with its byte-order mark when asked.
func TestOutputEncodingFormats(t *testing.T) {
	for _, c := range []struct {
		f    subtitle.Format
		o    subtitle.EncodeOptions
		want string
	}{
		{subtitle.STL, subtitle.EncodeOptions{}, ""},
		{subtitle.WebVTT, subtitle.EncodeOptions{}, "UTF-8"},
		{subtitle.TTML, subtitle.EncodeOptions{BOM: true}, "UTF-8 BOM"},
		{subtitle.SRT, subtitle.EncodeOptions{Encoding: "utf8-bom"}, "UTF-8 BOM"},
		{subtitle.SRT, subtitle.EncodeOptions{Encoding: "cp936"}, "GBK"},
		{subtitle.SRT, subtitle.EncodeOptions{Encoding: "utf-16"}, "UTF-16LE"},
	} {
		if got, err := subtitle.OutputEncoding(c.f, c.o); err != nil || got != c.want {
			t.Errorf("%v %+v: %q, %v; want %q", c.f, c.o, got, err, c.want)
		}
	}
}
