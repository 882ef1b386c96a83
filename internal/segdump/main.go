// Command segdump prints, for each line "SCRIPT<TAB>TEXT" on standard
// input, the lengths of its tokens in non-space characters as a JSON list,
// the format of bench/zhbreak's segment.js, so that subkit's segmentation
// can be compared with jieba's.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"unicode"

	"github.com/subkit-dev/subkit/segment"
)

func main() {
	seg := segment.New()
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for sc.Scan() {
		_, text, _ := strings.Cut(sc.Text(), "\t")
		var lens []string
		for _, tok := range seg.Segment(text) {
			n := 0
			for _, r := range tok {
				if !unicode.IsSpace(r) {
					n++
				}
			}
			if n > 0 {
				lens = append(lens, fmt.Sprint(n))
			}
		}
		fmt.Fprintf(w, "[%s]\n", strings.Join(lens, ","))
	}
}
