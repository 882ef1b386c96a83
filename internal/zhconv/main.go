// Command zhconv converts each line of standard input with package
// zhtext, for comparing its conversion with other tools
// (scripts/zhscript-compare.sh):
//
//	zhconv -from zh-Hans -to zh-TW < in.txt > out.txt
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/subkit-dev/subkit/zhtext"
)

func main() {
	from := flag.String("from", "zh-Hans", "the input's language `TAG`")
	to := flag.String("to", "zh-Hant", "the `SCRIPT` to convert to")
	flag.Parse()
	sc, err := zhtext.ParseScript(*to)
	if err != nil {
		fmt.Fprintln(os.Stderr, "zhconv:", err)
		os.Exit(2)
	}
	c := zhtext.NewConverter(*from, sc)
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := bufio.NewWriter(os.Stdout)
	for in.Scan() {
		out.WriteString(c.Convert(in.Text()))
		out.WriteByte('\n')
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "zhconv:", err)
		os.Exit(1)
	}
	out.Flush()
}
