package segment

import (
	_ "embed"
	"math"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/subkit-dev/subkit/zhtext"
)

//go:generate go run ./internal/gendict

// The Chinese word data, made by internal/gendict (see there for the
// formats). The tables are read where they lie in the program's read-only
// data: nothing is decoded or built when the program starts or when the
// first Chinese text comes, and the operating system pages in only the
// parts a text looks at.
var (
	//go:embed dict/zh.dict
	zhDict string
	//go:embed dict/hmm.dict
	hmmDict string
	//go:embed dict/tchars.txt
	tcharsText string
)

// words is a dictionary: n words sorted bytewise with their frequencies,
// read in place from data.
type words struct {
	data  string
	n     int
	logT  float64 // log of the total frequency
	offs  int     // where the n+1 word offsets start
	freqs int     // where the n frequencies start
	blob  int     // where the words' bytes start
}

func u32(s string, i int) uint32 {
	return uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
}

func u64(s string, i int) uint64 {
	return uint64(u32(s, i)) | uint64(u32(s, i+4))<<32
}

// zhWords, zhHMM, tchars and t2s open the tables on first use. Only
// tchars and t2s make anything (two small maps); the others check a
// header.
var zhWords = sync.OnceValue(func() *words { return openWords(zhDict) })

func openWords(data string) *words {
	if len(data) < 20 || data[:8] != "SKZHDICT" {
		panic("segment: corrupt embedded dictionary")
	}
	n := int(u32(data, 8))
	w := &words{data: data, n: n, logT: math.Log(math.Float64frombits(u64(data, 12)))}
	w.offs = 20
	w.freqs = w.offs + 4*(n+1)
	w.blob = w.freqs + 4*n
	if w.blob > len(data) || w.blob+int(u32(data, w.offs+4*n)) != len(data) {
		panic("segment: corrupt embedded dictionary")
	}
	return w
}

func (w *words) word(i int) string {
	a := w.blob + int(u32(w.data, w.offs+4*i))
	b := w.blob + int(u32(w.data, w.offs+4*i+4))
	return w.data[a:b]
}

// find looks s up: its frequency if it is a word (0 if not), and whether
// some word starts with it (s itself included).
func (w *words) find(s string) (freq float64, prefix bool) {
	i := sort.Search(w.n, func(i int) bool { return w.word(i) >= s })
	if i == w.n {
		return 0, false
	}
	x := w.word(i)
	if x == s {
		return float64(u32(w.data, w.freqs+4*i)), true
	}
	return 0, strings.HasPrefix(x, s)
}

// The HMM's emission table (jieba's model, as gse ships it), read in place.
type hmmTable struct {
	data string
	n    int
}

var zhHMM = sync.OnceValue(func() *hmmTable {
	if len(hmmDict) < 12 || hmmDict[:8] != "SKZHHMM1" {
		panic("segment: corrupt embedded HMM table")
	}
	n := int(u32(hmmDict, 8))
	if 12+4*n+32*n != len(hmmDict) {
		panic("segment: corrupt embedded HMM table")
	}
	return &hmmTable{data: hmmDict, n: n}
})

// HMM states, in the order of the table's columns.
const (
	stB = iota // begins a word
	stE        // ends a word
	stM        // inside a word
	stS        // a word of one character
)

const hmmFloor = -3.14e100

// emit is the log-probability that state st emits r.
func (h *hmmTable) emit(st int, r rune) float64 {
	i := sort.Search(h.n, func(i int) bool { return rune(u32(h.data, 12+4*i)) >= r })
	if i == h.n || rune(u32(h.data, 12+4*i)) != r {
		return hmmFloor
	}
	return math.Float64frombits(u64(h.data, 12+4*h.n+32*i+8*st))
}

// The model's start and transition log-probabilities (jieba's).
var (
	hmmStart = [4]float64{stB: -0.26268660809250016, stE: hmmFloor, stM: hmmFloor, stS: -1.4652633398537678}
	hmmTrans = [4][4]float64{
		stB: {stE: -0.510825623765990, stM: -0.916290731874155, stB: hmmFloor, stS: hmmFloor},
		stE: {stB: -0.5897149736854513, stS: -0.8085250474669937, stE: hmmFloor, stM: hmmFloor},
		stM: {stE: -0.33344856811948514, stM: -1.2603623820268226, stB: hmmFloor, stS: hmmFloor},
		stS: {stB: -0.7211965654669841, stS: -0.6658631448798212, stE: hmmFloor, stM: hmmFloor},
	}
	// hmmPrev lists the states that may come before each state, in the
	// order gse tries them.
	hmmPrev = [4][2]int{stB: {stE, stS}, stM: {stM, stB}, stS: {stS, stE}, stE: {stB, stM}}
	// stateByte is each state's letter: gse breaks ties between equal
	// probabilities by the larger letter.
	stateByte = [4]byte{'B', 'E', 'M', 'S'}
)

// hmmCut appends the lengths in runes of the words the HMM finds in rs.
// It is gse's (and jieba's) Viterbi search, with gse's tie-breaking.
func hmmCut(lens []int, rs []rune) []int {
	h := zhHMM()
	n := len(rs)
	prob := [4]float64{}
	back := make([][4]int8, n)
	for st := range 4 {
		prob[st] = h.emit(st, rs[0]) + hmmStart[st]
	}
	for t := 1; t < n; t++ {
		var next [4]float64
		for _, st := range [4]int{stB, stM, stE, stS} {
			em := h.emit(st, rs[t])
			best, from := math.Inf(-1), -1
			for _, p := range hmmPrev[st] {
				v := prob[p] + hmmTrans[p][st] + em
				if from < 0 || v > best || v == best && stateByte[p] > stateByte[from] {
					best, from = v, p
				}
			}
			next[st] = best
			back[t][st] = int8(from)
		}
		prob = next
	}
	last := stE
	if prob[stS] > prob[stE] || prob[stS] == prob[stE] {
		last = stS
	}
	path := make([]int, n)
	for t := n - 1; t >= 0; t-- {
		path[t] = last
		last = int(back[t][last])
	}
	begin, next := 0, 0
	for i, st := range path {
		switch st {
		case stB:
			begin = i
		case stE:
			lens = append(lens, i+1-begin)
			next = i + 1
		case stS:
			lens = append(lens, 1)
			next = i + 1
		}
	}
	if next < n {
		lens = append(lens, n-next)
	}
	return lens
}

// cutHan appends the lengths in runes of the words of rs, a run of Han
// characters: the most probable path through the words of the dictionary,
// then the HMM for runs of characters the dictionary leaves single. It is
// gse's CutDAG (jieba's default mode), ties broken as gse breaks them.
func cutHan(lens []int, rs []rune) []int {
	w := zhWords()
	n := len(rs)
	type route struct {
		logp float64
		end  int // index of the word's last rune
		set  bool
	}
	routes := make([]route, n+1)
	routes[n] = route{set: true}
	var buf []byte
	var ends []int
	for i := n - 1; i >= 0; i-- {
		// The words that start at i: gse's DAG.
		ends = ends[:0]
		buf = buf[:0]
		var freqs []float64
		for j := i; j < n; j++ {
			buf = utf8.AppendRune(buf, rs[j])
			f, prefix := w.find(string(buf))
			if !prefix {
				break
			}
			if f > 0 {
				ends = append(ends, j)
				freqs = append(freqs, f)
			}
		}
		if len(ends) == 0 {
			// No word: the character alone. gse scores it log(1) if the
			// dictionary lacks it entirely, log(0) if some word starts
			// with it.
			f, prefix := w.find(string(rs[i]))
			p := 0.0
			if prefix {
				p = math.Log(f)
			}
			routes[i] = route{logp: p - w.logT + routes[i+1].logp, end: i, set: true}
			continue
		}
		for k, j := range ends {
			r := route{logp: math.Log(freqs[k]) - w.logT + routes[j+1].logp, end: j, set: true}
			if v := routes[i]; !v.set || v.logp < r.logp || v.logp == r.logp && v.end < r.end {
				routes[i] = r
			}
		}
	}
	// Runs of single characters go to the HMM, unless the run is itself a
	// word (then its characters stay single, as in gse).
	start := -1
	flush := func(x int) {
		if start < 0 {
			return
		}
		run := rs[start:x]
		switch {
		case len(run) == 1:
			lens = append(lens, 1)
		default:
			if f, _ := w.find(string(run)); f != 0 {
				for range run {
					lens = append(lens, 1)
				}
			} else {
				lens = hmmCut(lens, run)
			}
		}
		start = -1
	}
	for x := 0; x < n; {
		y := routes[x].end + 1
		if y-x == 1 {
			if start < 0 {
				start = x
			}
		} else {
			flush(x)
			lens = append(lens, y-x)
		}
		x = y
	}
	flush(n)
	return lens
}

// Traditional characters: tchars are those no Simplified word uses (a
// text with one is taken as Traditional), t2s maps each Traditional
// character to its Simplified form for segmenting (OpenCC's table, as
// package zhtext converts characters).
var (
	tchars = sync.OnceValue(loadTChars)
	t2s    = sync.OnceValue(zhtext.SimplifiedChars)
)

func loadTChars() map[rune]bool {
	m := map[rune]bool{}
	for _, r := range strings.TrimSpace(tcharsText) {
		m[r] = true
	}
	return m
}
