package subtitle_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
)

func ExampleEncode() {
	doc := &subtitle.Document{Lang: "zh-Hans", Cues: []subtitle.Cue{
		{Start: 0, End: 2381 * time.Millisecond, Lines: subtitle.Text("大家好，这里是最佳拍档")},
		{Start: 2781 * time.Millisecond, End: 6590 * time.Millisecond, Lines: subtitle.Text("Anthropic的联合创始人", "丹妮拉·阿莫代伊")},
	}}
	if err := subtitle.Encode(os.Stdout, doc, subtitle.WebVTT, subtitle.EncodeOptions{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// WEBVTT
	//
	// NOTE Language: zh-Hans
	//
	// 1
	// 00:00:00.000 --> 00:00:02.381
	// 大家好，这里是最佳拍档
	//
	// 2
	// 00:00:02.781 --> 00:00:06.590
	// Anthropic的联合创始人
	// 丹妮拉·阿莫代伊
}

func ExampleDecodeText() {
	gbk := []byte{0xb4, 0xf3, 0xbc, 0xd2, 0xba, 0xc3, 0x0a} // "大家好\n" in GB18030
	text, enc, err := subtitle.DecodeText("talk.txt", gbk)
	fmt.Printf("%q %s %v\n", text, enc, err)

	_, _, err = subtitle.DecodeText("photo.txt", []byte("\x89PNG\r\n\x1a\n\x00"))
	fmt.Println(err)
	// Output:
	// "大家好\n" GB18030 <nil>
	// photo.txt:2:1: binary data, not text (byte 0x1A)
}

func ExampleParseFormat() {
	f, err := subtitle.ParseFormat("WebVTT")
	fmt.Println(f, f.Ext(), err)
	_, err = subtitle.ParseFormat("docx")
	fmt.Println(err)
	// Output:
	// vtt .vtt <nil>
	// unknown format "docx" (known: srt, vtt, ttml, ass, ssa, stl, ebu-tt-d, fcpxml, imsc, lrc, microdvd, sami, sbv, scc, spruce, subviewer)
}

func ExampleStreamSRT() {
	srt := "1\n00:00:01,000 --> 00:00:02,500\n<i>大家好</i>\n\n2\n00:00:03,000 --> 00:00:04,000\n{\\an8}Hello\n"
	info, err := subtitle.StreamSRT("in.srt", srt, subtitle.WebVTT, subtitle.EncodeOptions{}, os.Stdout)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(info.Cues, "cues; lost:", info.Losses)
	// Output:
	// WEBVTT
	//
	// 1
	// 00:00:01.000 --> 00:00:02.500
	// <i>大家好</i>
	//
	// 2
	// 00:00:03.000 --> 00:00:04.000 line:0
	// Hello
	// 2 cues; lost: []
}

// A format package registers its format from init. This one reads a
// made-up format of one caption a line, "start end text" in seconds.
func ExampleRegister() {
	subtitle.Register(subtitle.Spec{
		Format: "lines",
		Ext:    ".lines",
		Sniff: func(_ []byte, head string) subtitle.Match {
			if strings.HasPrefix(head, "#lines") {
				return subtitle.Sure // a signature
			}
			return subtitle.NoMatch
		},
		Read: func(name, text string) (*subtitle.Document, []subtitle.Warning, error) {
			d := &subtitle.Document{}
			for i, l := range strings.Split(text, "\n")[1:] {
				var start, end float64
				var words string
				if _, err := fmt.Sscanf(l, "%g %g %s", &start, &end, &words); err != nil {
					return nil, nil, &subtitle.ParseError{File: name, Line: i + 2, Err: subtitle.ErrSyntax}
				}
				d.Cues = append(d.Cues, subtitle.Cue{Start: time.Duration(start * float64(time.Second)),
					End: time.Duration(end * float64(time.Second)), Lines: subtitle.Text(words)})
			}
			return d, nil, nil
		},
		Carries: subtitle.Carries{}, // a writer would say what it keeps
	})
}
