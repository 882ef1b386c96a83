// Command gendict writes the Chinese dictionaries that package segment
// embeds, dict/zh_s.txt.gz and dict/zh_t.txt.gz, from the dictionaries of
// the github.com/go-ego/gse version named in go.mod (data/dict/zh/s_1.txt
// and t_1.txt).
//
// Run it from the segment directory with `go generate`. It applies the
// rules gse's LoadDictStr applies when it loads those files as its "zh"
// dictionary (simplified first, then traditional):
//
//   - a line is "word freq pos"; lines without a frequency, or with a
//     frequency below 2, are skipped;
//   - a word of one character gets frequency 2;
//   - a word whose ASCII-lowercased form was already loaded is skipped.
//
// It keeps only the words made entirely of Han characters, because
// segment hands gse nothing else, drops the part-of-speech tags, and sorts
// the words bytewise, which makes gse's trie faster to build. The frequency
// of everything gse would load (Han or not) is summed into the #total
// header, so that segment can give gse's dictionary the same total
// frequency, and with it the same word probabilities, as gse's own loader.
//
// zh_s.txt.gz holds:
//
//	#total <sum of frequencies of the whole "zh" dictionary>
//	#tchars <Han characters found in zh_t's words but in no zh_s word>
//	<word> <freq>
//	...
//
// zh_t.txt.gz holds the Traditional words that zh_s does not have, as
// "<word> <freq>" lines.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

type entry struct {
	word string
	freq float64
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("gendict: ")
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-ego/gse").Output()
	if err != nil {
		log.Fatalf("locating github.com/go-ego/gse: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "data", "dict", "zh")

	seen := make(map[string]bool)
	var total float64
	load := func(name string) []entry {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			log.Fatal(err)
		}
		var han []entry
		for _, line := range strings.Split(string(data), "\n") {
			e, ok := parseLine(line)
			if !ok {
				continue
			}
			key := asciiLower(e.word)
			if seen[key] {
				continue
			}
			seen[key] = true
			total += e.freq
			if allHan(e.word) {
				han = append(han, e)
			}
		}
		return han
	}
	simp := load("s_1.txt")
	trad := load("t_1.txt")

	inSimp := make(map[rune]bool)
	for _, e := range simp {
		for _, r := range e.word {
			inSimp[r] = true
		}
	}
	tchars := make(map[rune]bool)
	for _, e := range trad {
		for _, r := range e.word {
			if !inSimp[r] {
				tchars[r] = true
			}
		}
	}
	var chars []rune
	for r := range tchars {
		chars = append(chars, r)
	}
	sort.Slice(chars, func(i, j int) bool { return chars[i] < chars[j] })

	header := fmt.Sprintf("#total %s\n#tchars %s\n", strconv.FormatFloat(total, 'f', -1, 64), string(chars))
	write("dict/zh_s.txt.gz", header, simp)
	write("dict/zh_t.txt.gz", "", trad)
	log.Printf("zh_s: %d words, zh_t: %d words, %d traditional-only characters, total frequency %.0f",
		len(simp), len(trad), len(chars), total)
}

// parseLine reads one dictionary line the way gse's LoadDictStr and Size do
// with their default settings (separator " ", MinTokenFreq 2, LoadNoFreq
// false).
func parseLine(line string) (entry, bool) {
	parts := strings.Split(line, " ")
	if len(parts) < 2 {
		return entry{}, false
	}
	word := strings.TrimSpace(parts[0])
	freq, err := strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
	if err != nil || freq < 2 {
		return entry{}, false
	}
	if len([]rune(word)) < 2 {
		freq = 2
	}
	return entry{word, freq}, true
}

// asciiLower is the key gse's dictionary trie stores a word under: gse
// lowercases ASCII letters (and only those) before inserting.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}

func write(name, header string, entries []entry) {
	sort.Slice(entries, func(i, j int) bool { return entries[i].word < entries[j].word })
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(zw)
	w.WriteString(header)
	for _, e := range entries {
		fmt.Fprintf(w, "%s %s\n", e.word, strconv.FormatFloat(e.freq, 'f', -1, 64))
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}
