package zhtext_test

import (
	"fmt"

	"github.com/subkit-dev/subkit/zhtext"
)

func ExampleConverter() {
	tw := zhtext.NewConverter("zh-Hans", zhtext.TW)
	fmt.Println(tw.Config(), tw.Convert("这个软件的内存不够，头发都白了"))
	back := zhtext.NewConverter("zh-TW", zhtext.Hans)
	fmt.Println(back.Config(), back.Convert("這個軟體的記憶體不夠"))
	// Output:
	// s2twp 這個軟體的記憶體不夠，頭髮都白了
	// tw2sp 这个软件的内存不够
}

func ExampleCaptionLine() {
	fmt.Println(zhtext.CaptionLine("苹果、香蕉，还有《三体》。"))
	fmt.Println(zhtext.CaptionLine("真的吗？"))
	// Output:
	// 苹果　香蕉　还有《三体》
	// 真的吗？
}
