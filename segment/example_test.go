package segment_test

import (
	"fmt"

	"github.com/subkit-dev/subkit/segment"
)

func ExampleSegmenter_Segment() {
	s := segment.New()
	fmt.Printf("%q\n", s.Segment("在 OpenAI 时期就已经是并肩作战的伙伴。"))
	fmt.Printf("%q\n", s.Segment("Don't break state-of-the-art GPT-4, please!"))
	// Output:
	// ["在" " " "OpenAI" " " "时期" "就" "已经" "是" "并肩作战" "的" "伙伴" "。"]
	// ["Don't" " " "break" " " "state-of-the-art" " " "GPT-4" "," " " "please" "!"]
}
