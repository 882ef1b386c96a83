// Command gendict writes the Chinese word data that package segment
// embeds, from the github.com/go-ego/gse version named in go.mod (its
// dictionaries data/dict/zh/s_1.txt and t_1.txt, and the HMM model of
// gse/hmm, which is jieba's), and from OpenCC's character table
// (zhtext.SimplifiedChars).
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
// segment segments nothing else with the dictionary, and drops the
// part-of-speech tags. The frequency of everything gse would load (Han or
// not) is the total, so that word probabilities are those of gse's own
// "zh" dictionary.
//
// It writes three files, read in place by package segment (nothing is
// parsed or built when a program starts; see segment/dict.go):
//
//   - dict/zh.dict: the words sorted bytewise, with their frequencies:
//     "SKZHDICT", n (uint32), total (float64), n+1 word offsets (uint32),
//     n frequencies (uint32), then the words' UTF-8 bytes end to end; all
//     little-endian.
//   - dict/hmm.dict: the HMM's emission log-probabilities: "SKZHHMM1", n
//     (uint32), n characters (uint32, ascending), then n rows of four
//     float64 for the states B, E, M, S (a character the model lacks in a
//     state gets gse's floor, -3.14e100).
//   - dict/tchars.txt: the Han characters found in Traditional words but in
//     no Simplified word; text with one of them is segmented through
//     zhtext.SimplifiedChars.
package main

import (
	"bytes"
	"encoding/binary"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/subkit-dev/subkit/zhtext"
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

	// Traditional text is segmented in its Simplified form, so the
	// Traditional words are kept in that form, where it is not a
	// Simplified word already (程式 and 軟體, as 程式 and 软体, stay;
	// 創始人 is 创始人).
	t2s := zhtext.SimplifiedChars()
	all := append([]entry(nil), simp...)
	have := make(map[string]bool, len(simp))
	for _, e := range simp {
		have[e.word] = true
	}
	for _, e := range trad {
		w := []rune(e.word)
		for i, r := range w {
			if s, ok := t2s[r]; ok {
				w[i] = s
			}
		}
		if m := string(w); !have[m] {
			have[m] = true
			all = append(all, entry{m, e.freq})
		}
	}
	writeDict("dict/zh.dict", total, all)
	if err := os.WriteFile("dict/tchars.txt", []byte(string(chars)+"\n"), 0o644); err != nil {
		log.Fatal(err)
	}
	n := writeHMM("dict/hmm.dict", filepath.Join(strings.TrimSpace(string(out)), "hmm", "prob_emit.go"))
	log.Printf("%d simplified and %d traditional words (%d of them new in Simplified form), %d traditional-only characters, total frequency %.0f; HMM: %d characters",
		len(simp), len(trad), len(all)-len(simp), len(chars), total, n)
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

func writeDict(name string, total float64, entries []entry) {
	sort.Slice(entries, func(i, j int) bool { return entries[i].word < entries[j].word })
	var buf bytes.Buffer
	buf.WriteString("SKZHDICT")
	le := binary.LittleEndian
	buf.Write(le.AppendUint32(nil, uint32(len(entries))))
	buf.Write(le.AppendUint64(nil, math.Float64bits(total)))
	off := 0
	for _, e := range entries {
		buf.Write(le.AppendUint32(nil, uint32(off)))
		off += len(e.word)
	}
	buf.Write(le.AppendUint32(nil, uint32(off)))
	for _, e := range entries {
		if e.freq != math.Trunc(e.freq) || e.freq > math.MaxUint32 {
			log.Fatalf("%s: frequency %v is not a whole number below 2^32", e.word, e.freq)
		}
		buf.Write(le.AppendUint32(nil, uint32(e.freq)))
	}
	for _, e := range entries {
		buf.WriteString(e.word)
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}

// writeHMM reads gse/hmm's emission table from its Go source (the table is
// not exported) and writes it to name; it returns the number of characters.
func writeHMM(name, src string) int {
	data, err := os.ReadFile(src)
	if err != nil {
		log.Fatal(err)
	}
	const floor = -3.14e100
	states := map[byte]int{'B': 0, 'E': 1, 'M': 2, 'S': 3}
	probs := map[rune]*[4]float64{}
	state := -1
	head := regexp.MustCompile(`probEmit\['([BEMS])'\] = map`)
	row := regexp.MustCompile(`^\s*('[^']+'):\s*(-?[0-9.eE+-]+),?\}?$`)
	for _, line := range strings.Split(string(data), "\n") {
		if m := head.FindStringSubmatch(line); m != nil {
			state = states[m[1][0]]
			continue
		}
		m := row.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if state < 0 {
			log.Fatalf("%s: a row before the first state: %q", src, line)
		}
		ch, err := strconv.Unquote(m[1])
		if err != nil {
			log.Fatalf("%s: %q: %v", src, line, err)
		}
		f, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			log.Fatalf("%s: %q: %v", src, line, err)
		}
		r := []rune(ch)[0]
		p := probs[r]
		if p == nil {
			p = &[4]float64{floor, floor, floor, floor}
			probs[r] = p
		}
		p[state] = f
	}
	if len(probs) < 1000 {
		log.Fatalf("%s: only %d characters read; has its format changed?", src, len(probs))
	}
	runes := make([]rune, 0, len(probs))
	for r := range probs {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	le := binary.LittleEndian
	var buf bytes.Buffer
	buf.WriteString("SKZHHMM1")
	buf.Write(le.AppendUint32(nil, uint32(len(runes))))
	for _, r := range runes {
		buf.Write(le.AppendUint32(nil, uint32(r)))
	}
	for _, r := range runes {
		for _, f := range probs[r] {
			buf.Write(le.AppendUint64(nil, math.Float64bits(f)))
		}
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	return len(runes)
}
