package subtitle_test

import (
	"fmt"
	"os"
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
	// unknown format "docx" (known: srt, vtt, ttml, ass, ssa, stl)
}
