package zhtext

import (
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:generate sh -c "test -n \"$NODE_PATH\" || { echo 'set NODE_PATH to a node_modules holding opencc-js 1.4.2' >&2; exit 1; }; node internal/gendict/gen.mjs"

//go:embed dict/*.txt.gz
var dictFS embed.FS

// Script is a written form of Chinese, named by its BCP 47 tag.
type Script string

// The scripts Converter converts to.
const (
	Hans Script = "zh-Hans" // Simplified
	Hant Script = "zh-Hant" // Traditional, OpenCC's standard forms
	TW   Script = "zh-TW"   // Traditional as written in Taiwan, with Taiwan's words (软件 → 軟體)
	HK   Script = "zh-HK"   // Traditional as written in Hong Kong
)

// Scripts lists the scripts in the order a help text names them.
var Scripts = []Script{Hans, Hant, TW, HK}

// ParseScript reads a script name: one of Scripts, case-insensitive, with
// "_" for "-" accepted.
func ParseScript(s string) (Script, error) {
	t := strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	for _, sc := range Scripts {
		if strings.EqualFold(t, string(sc)) {
			return sc, nil
		}
	}
	names := make([]string, len(Scripts))
	for i, sc := range Scripts {
		names[i] = string(sc)
	}
	return "", fmt.Errorf("unknown script %q (want %s)", s, strings.Join(names, ", "))
}

func gunzip(name string) ([]byte, error) {
	f, err := dictFS.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z)
}

// table is one OpenCC dictionary, decompressed on first use: "key\tvalue\n" lines
// sorted bytewise by key.
type table struct {
	data   string
	lines  []int32           // start of each line
	tabs   []int32           // end of each line's key
	first  map[rune][2]int32 // the run of keys starting with each rune
	maxLen int               // longest key, in runes
}

var tables sync.Map // name → func() *table

func loadTable(name string) *table {
	f, _ := tables.LoadOrStore(name, sync.OnceValue(func() *table {
		b, err := gunzip("dict/" + name + ".txt.gz")
		if err != nil {
			panic("zhtext: dictionary " + name + ": " + err.Error())
		}
		t := &table{data: string(b), first: make(map[rune][2]int32)}
		for i := 0; i < len(t.data); {
			t.lines = append(t.lines, int32(i))
			j := strings.IndexByte(t.data[i:], '\n')
			if j < 0 {
				panic("zhtext: corrupt dictionary " + name)
			}
			tab := strings.IndexByte(t.data[i:i+j], '\t')
			if tab < 0 {
				panic("zhtext: corrupt dictionary " + name)
			}
			t.tabs = append(t.tabs, int32(i+tab))
			r, _ := utf8.DecodeRuneInString(t.data[i:])
			n := int32(len(t.lines))
			if rg, ok := t.first[r]; ok {
				t.first[r] = [2]int32{rg[0], n}
			} else {
				t.first[r] = [2]int32{n - 1, n}
			}
			if n := utf8.RuneCountInString(t.data[i : i+tab]); n > t.maxLen {
				t.maxLen = n
			}
			i += j + 1
		}
		return t
	}))
	return f.(func() *table)()
}

func (t *table) key(i int) string { return t.data[t.lines[i]:t.tabs[i]] }

func (t *table) entry(i int) (key, value string) {
	end := len(t.data)
	if i+1 < len(t.lines) {
		end = int(t.lines[i+1])
	}
	return t.key(i), t.data[t.tabs[i]+1 : end-1]
}

// longest finds the longest key that starts s, given ends, the byte
// lengths of s's first runes: its length in bytes and its value, or 0.
// It walks the sorted keys as a trie: the keys that start with s's first
// k runes are a run, found inside the run for k-1.
func (t *table) longest(s string, ends []int) (int, string) {
	r, _ := utf8.DecodeRuneInString(s)
	rg, ok := t.first[r]
	if !ok {
		return 0, ""
	}
	lo, hi := int(rg[0]), int(rg[1])
	best, val := 0, ""
	for _, e := range ends {
		p := s[:e]
		lo += sort.Search(hi-lo, func(i int) bool { return t.key(lo+i) >= p })
		hi = lo + sort.Search(hi-lo, func(i int) bool { return !strings.HasPrefix(t.key(lo+i), p) })
		if lo == hi {
			break
		}
		if k, v := t.entry(lo); k == p {
			best, val = e, v
		}
	}
	return best, val
}

// group is dictionaries applied together as one: the longest key of any
// of them that starts at a position wins, and of equal keys the earlier
// dictionary's.
type group []*table

func (g group) maxLen() int {
	m := 0
	for _, t := range g {
		m = max(m, t.maxLen)
	}
	return m
}

// match finds the longest key starting s: its length in bytes and value,
// or 0.
func (g group) match(s string, maxLen int) (int, string) {
	// ends[k] is the byte length of the first k+1 runes of s.
	var buf [64]int
	ends := buf[:0]
	for i, n := 0, 0; i < len(s) && n < maxLen; n++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
		ends = append(ends, i)
	}
	best, val := 0, ""
	for _, t := range g {
		if n, v := t.longest(s, ends); n > best {
			best, val = n, v
		}
	}
	return best, val
}

// convert replaces, left to right, the longest key at each position.
func (g group) convert(s string) string {
	maxLen := g.maxLen()
	var b strings.Builder
	changed := false
	for i := 0; i < len(s); {
		if n, v := g.match(s[i:], maxLen); n > 0 {
			b.WriteString(v)
			if v != s[i:i+n] {
				changed = true
			}
			i += n
			continue
		}
		_, w := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+w])
		i += w
	}
	if !changed {
		return s
	}
	return b.String()
}

// segment cuts s into the keys of g found by longest match and the runs
// between them.
func (g group) segment(s string) []string {
	maxLen := g.maxLen()
	var segs []string
	run := -1
	for i := 0; i < len(s); {
		if n, _ := g.match(s[i:], maxLen); n > 0 {
			if run >= 0 {
				segs = append(segs, s[run:i])
				run = -1
			}
			segs = append(segs, s[i:i+n])
			i += n
			continue
		}
		if run < 0 {
			run = i
		}
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	if run >= 0 {
		segs = append(segs, s[run:])
	}
	return segs
}

// config is an OpenCC conversion: compatibility ideographs normalized,
// the text cut by the segmentation dictionaries, then each chain step
// applied to each segment.
type config struct {
	seg   []string
	chain [][]string
}

// The configurations of OpenCC (as opencc-js 1.4.2 defines them) that the
// scripts use.
var configs = map[string]config{
	"s2t": {chain: [][]string{{"STPhrases", "STPhrases_GeneratedFromRegionalPhrases", "STCharacters"}}},
	"s2twp": {seg: []string{"STPhrases", "STPhrases_GeneratedFromRegionalPhrases"},
		chain: [][]string{{"STPhrases", "STPhrases_GeneratedFromRegionalPhrases", "STCharacters"}, {"TWPhrases", "TWVariantsPhrases", "TWVariants"}}},
	"s2hk": {seg: []string{"STPhrases", "STPhrases_GeneratedFromRegionalPhrases"},
		chain: [][]string{{"STPhrases", "STPhrases_GeneratedFromRegionalPhrases", "STCharacters"}, {"HKVariantsPhrases", "HKVariants"}}},
	"t2s": {chain: [][]string{{"TSPhrases", "TSCharacters"}}},
	"tw2sp": {seg: []string{"TSPhrases"},
		chain: [][]string{{"TWPhrasesRev", "TWVariantsRevPhrases", "TWVariantsRev"}, {"TSPhrases", "TSCharacters"}}},
	"hk2s": {seg: []string{"TSPhrases"},
		chain: [][]string{{"HKVariantsRevPhrases", "HKVariantsRev"}, {"TSPhrases", "TSCharacters"}}},
}

// Converter converts Chinese text to one script.
type Converter struct {
	name  string
	norm  group
	seg   group
	chain []group
}

// ConfigFor names the OpenCC configuration that converts text written in
// the language from (a BCP 47 tag, "" when unknown) to script to:
// Simplified text goes to Traditional by s2t, s2twp (Taiwan's phrases
// too) or s2hk; Traditional text goes to Simplified by tw2sp when it is
// Taiwan's, hk2s when it is Hong Kong's, t2s otherwise.
func ConfigFor(from string, to Script) string {
	switch to {
	case Hant:
		return "s2t"
	case TW:
		return "s2twp"
	case HK:
		return "s2hk"
	}
	f := strings.ToLower(strings.ReplaceAll(from, "_", "-"))
	switch {
	case strings.HasSuffix(f, "-tw"):
		return "tw2sp"
	case strings.HasSuffix(f, "-hk") || strings.HasSuffix(f, "-mo"):
		return "hk2s"
	}
	return "t2s"
}

var converters sync.Map // config name → *Converter

// NewConverter returns the converter of the OpenCC configuration ConfigFor
// names. Its dictionaries are read on first use; a Converter is safe for
// concurrent use.
func NewConverter(from string, to Script) *Converter {
	name := ConfigFor(from, to)
	if c, ok := converters.Load(name); ok {
		return c.(*Converter)
	}
	cfg := configs[name]
	c := &Converter{name: name, norm: group{loadTable("CJK_Compatibility_Ideographs")}}
	for _, n := range cfg.seg {
		c.seg = append(c.seg, loadTable(n))
	}
	for _, step := range cfg.chain {
		var g group
		for _, n := range step {
			g = append(g, loadTable(n))
		}
		c.chain = append(c.chain, g)
	}
	got, _ := converters.LoadOrStore(name, c)
	return got.(*Converter)
}

// Config names the OpenCC configuration c applies ("s2twp").
func (c *Converter) Config() string { return c.name }

// Convert converts s. Text that is not Chinese passes unchanged.
func (c *Converter) Convert(s string) string {
	s = c.norm.convert(s)
	segs := []string{s}
	if len(c.seg) > 0 {
		segs = c.seg.segment(s)
	}
	for _, g := range c.chain {
		for i, seg := range segs {
			segs[i] = g.convert(seg)
		}
	}
	return strings.Join(segs, "")
}

// MapRunes is s with each character m maps replaced by its image, other
// characters kept (s itself when m maps none of them).
func MapRunes(s string, m map[rune]rune) string {
	var b []rune
	for i, r := range s {
		if x, ok := m[r]; ok {
			if b == nil {
				b = []rune(s[:i])
			}
			b = append(b, x)
		} else if b != nil {
			b = append(b, r)
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

// SimplifiedChars maps each Traditional character, and each of Taiwan's
// variant characters, to the one Simplified character OpenCC converts it
// to on its own (TWVariantsRev, then TSCharacters). Characters whose
// conversion is not one character, or is the character itself, are left
// out. Each call makes a new map (the dictionaries are read once).
// Package segment segments Traditional text through it.
func SimplifiedChars() map[rune]rune {
	variants, chars := loadTable("TWVariantsRev"), loadTable("TSCharacters")
	m := make(map[rune]rune, len(chars.lines))
	for _, t := range []*table{variants, chars} {
		for i := range t.lines {
			k := t.key(i)
			from, n := utf8.DecodeRuneInString(k)
			if n != len(k) {
				continue
			}
			v := variants.get(k)
			v = chars.get(v)
			if to, n := utf8.DecodeRuneInString(v); n > 0 && n == len(v) && to != from {
				m[from] = to
			}
		}
	}
	return m
}

// get is key's value, or key itself when t lacks it.
func (t *table) get(key string) string {
	if n, v := t.longest(key, []int{len(key)}); n > 0 {
		return v
	}
	return key
}

// ScriptChars returns the characters only one script writes, by OpenCC's
// character tables: simplified holds those STCharacters converts to
// another character, TSCharacters does not convert, and neither Taiwan's
// nor Hong Kong's Traditional writes as a variant (户 and 兑 are Hong
// Kong's forms of 戶 and 兌); traditional holds those TSCharacters
// converts to another character and STCharacters does not convert, and
// Taiwan's and Hong Kong's forms of them (裡 for 裏). The few characters
// both tables convert (麽, a variant STCharacters takes to
// 麼 and TSCharacters to 么) are in neither. Each call makes new sets (the
// dictionaries are read once). Package timing tells Simplified from
// Traditional text by them.
func ScriptChars() (simplified, traditional map[rune]bool) {
	st, ts := loadTable("STCharacters"), loadTable("TSCharacters")
	tw, hk := loadTable("TWVariantsRev"), loadTable("HKVariantsRev")
	only := func(t, other *table, variants bool) map[rune]bool {
		m := make(map[rune]bool, len(t.lines))
		for i := range t.lines {
			k, v := t.entry(i)
			r, n := utf8.DecodeRuneInString(k)
			if n != len(k) || v == k || other.get(k) != k || variants && (tw.get(k) != k || hk.get(k) != k) {
				continue
			}
			m[r] = true
		}
		return m
	}
	simplified, traditional = only(st, ts, true), only(ts, st, false)
	// Taiwan's and Hong Kong's forms of Traditional-only characters (裡
	// for 裏) are Traditional-only too, unless Simplified writes them (核,
	// Taiwan's form of 覈, is its Simplified form too).
	for _, t := range []*table{tw, hk} {
		for i := range t.lines {
			k, v := t.entry(i)
			r, n := utf8.DecodeRuneInString(k)
			std, m := utf8.DecodeRuneInString(v)
			if n == len(k) && m == len(v) && traditional[std] && !simplified[r] && st.get(k) == k && ts.get(v) != k {
				traditional[r] = true
			}
		}
	}
	return simplified, traditional
}
