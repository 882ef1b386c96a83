package timing

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Segmenter cuts text into tokens — words, runs of space, punctuation
// marks — whose concatenation is the text. Lines and captions break only
// between tokens, so a segmenter that knows Chinese words keeps them whole.
type Segmenter interface {
	Segment(text string) []string
}

// SimpleSegmenter is the segmenter used when none is given: runs of
// letters and digits of alphabetic scripts are words, each Han, kana or
// Hangul character is a token of its own (any break between them is
// allowed), white space runs and punctuation marks are single tokens.
type SimpleSegmenter struct{}

// Segment implements Segmenter.
func (SimpleSegmenter) Segment(text string) []string {
	var out []string
	start := 0
	for start < len(text) {
		r, n := utf8.DecodeRuneInString(text[start:])
		end := start + n
		switch {
		case unicode.IsSpace(r):
			for end < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[end:])
				if !unicode.IsSpace(r2) {
					break
				}
				end += n2
			}
		case isWordRune(r) && !isWideScript(r):
			for end < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[end:])
				if !(isWordRune(r2) && !isWideScript(r2)) && !(isJoiner(r2) && end+n2 < len(text) && nextIsWord(text[end+n2:])) {
					break
				}
				end += n2
			}
		}
		out = append(out, text[start:end])
		start = end
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isJoiner reports runes that join two parts of one word: don't, e-mail, 3.5.
func isJoiner(r rune) bool { return r == '\'' || r == '’' || r == '-' || r == '.' }

func nextIsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r) && !isWideScript(r)
}

// Break quality between two tokens: lower is better.
const (
	breakSentence = 0.0  // after 。！？.!? …
	breakClause   = 1.0  // after ，、；：,;:
	breakSpace    = 2.5  // at white space
	breakScript   = 3.0  // between Han and Latin with no space
	breakWord     = 4.0  // between two words
	breakDangling = 6.0  // after a one-character preposition or conjunction (与, 并, 在)
	breakPhrase   = 7.0  // at a space between Latin words inside CJK text
	breakParticle = 9.0  // before a particle that closes a phrase (的, 了)
	breakNever    = -1.0 // before closing punctuation, after opening punctuation
)

const (
	sentenceEnders = "。！？.!?…‥"
	clauseMarks    = "，、；：,;:—"
	openingMarks   = "“‘「『《〈（【〔([{¿¡·・"
	closingMarks   = "”’」』》〉）】〕)]}、，。！？：；,.!?:;…‥%％·"
)

// Chinese words that must not start a line (particles that close what
// comes before them) and that should not end one (prepositions and
// conjunctions that open what comes after).
const (
	noLineStart = "的了着过地得们吗呢吧啊么嘛"
	noLineEnd   = "与和并在把被对从向给跟及或而且将为一这那每各该其"
)

// englishNoLineEnd are English words a line should not end with: articles,
// prepositions and conjunctions belong with the words after them.
var englishNoLineEnd = map[string]bool{"a": true, "an": true, "the": true, "to": true, "of": true, "in": true,
	"on": true, "at": true, "for": true, "and": true, "or": true, "but": true, "with": true, "by": true,
	"from": true, "that": true, "as": true, "into": true, "my": true, "your": true, "our": true, "their": true}

// breakCost is the cost of breaking before tokens[j]. A space at the
// break is looked through: the rules see the words on either side of it.
func breakCost(tokens []string, j int, cjk bool) float64 {
	a, b := tokens[j-1], tokens[j]
	space := false
	if strings.TrimSpace(a) == "" {
		space = true
		if j >= 2 {
			a = tokens[j-2]
		}
	}
	if strings.TrimSpace(b) == "" {
		space = true
		if j+1 < len(tokens) {
			b = tokens[j+1]
		}
	}
	la, _ := utf8.DecodeLastRuneInString(a)
	fb, _ := utf8.DecodeRuneInString(b)
	latin := func(r rune) bool { return isWordRune(r) && !isWideScript(r) }
	switch {
	case strings.ContainsRune(closingMarks, fb) || strings.ContainsRune(openingMarks, la):
		if space {
			return breakSpace
		}
		return breakNever
	case strings.ContainsRune(sentenceEnders, la):
		return breakSentence
	case strings.ContainsRune(clauseMarks, la):
		return breakClause
	case cjk && strings.ContainsRune(noLineStart, fb):
		return breakParticle
	case cjk && utf8.RuneCountInString(a) == 1 && strings.ContainsRune(noLineEnd, la):
		return breakDangling
	case !cjk && space && englishNoLineEnd[strings.ToLower(a)]:
		return breakDangling
	case cjk && space && latin(la) && latin(fb):
		// A space between two Latin words inside CJK text is inside a
		// phrase ("Scaling Law", "Google Brain"): keep it whole.
		return breakPhrase
	case space:
		return breakSpace
	case isWideScript(la) != isWideScript(fb):
		return breakScript
	}
	return breakWord
}

// piece is a run of tokens [from, to).
type piece struct{ from, to int }

// maxDPPieces is the most pieces layout searches for at once; more are
// cut in halves first (bisect), so long text costs O(T log n), and the
// halvings' share of it only a comparison a token a level.
const maxDPPieces = 8

// layoutAny is layout for any number of pieces: past maxDPPieces it
// breaks the tokens in two at a good break near the right share of the
// width, and lays out each half.
func layoutAny(tokens []string, n int, limit float64, cjk bool) []piece {
	if n <= maxDPPieces {
		return layout(tokens, n, limit, cjk)
	}
	if len(tokens) < n {
		return nil
	}
	// The tokens' widths (as prefix sums: widths are multiples of a half,
	// so the sums are exact) and break costs, worked out once for all
	// the halvings.
	b := bisector{tokens: tokens, limit: limit, cjk: cjk, pre: make([]float64, len(tokens)+1), cost: make([]float64, len(tokens))}
	for i, t := range tokens {
		b.pre[i+1] = b.pre[i] + Width(t, cjk)
	}
	for j := 1; j < len(tokens); j++ {
		b.cost[j] = breakCost(tokens, j, cjk)
	}
	return b.layout(0, len(tokens), n)
}

type bisector struct {
	tokens []string
	limit  float64
	cjk    bool
	pre    []float64 // pre[i]: width of tokens[:i]
	cost   []float64 // cost[j]: breakCost(tokens, j)
}

// layout is layoutAny of tokens[from:to], its pieces counted from from.
func (b *bisector) layout(from, to, n int) []piece {
	tokens := b.tokens[from:to]
	if n <= maxDPPieces {
		return layout(tokens, n, b.limit, b.cjk)
	}
	if len(tokens) < n {
		return nil
	}
	n1 := n / 2
	total := b.pre[to] - b.pre[from]
	target := total * float64(n1) / float64(n)
	window := math.Max(b.limit, total/float64(n)) / 2
	bestJ, bestC := -1, math.Inf(1)
	for j := 1; j < len(tokens); j++ {
		w := b.pre[from+j] - b.pre[from]
		d := math.Abs(w - target)
		if d > window && bestJ >= 0 && w > target {
			break
		}
		// breakCost looks one token past each side of a space: at the
		// ends of this run it sees less than the whole text's cost did.
		c := b.cost[from+j]
		if j < 2 || j > len(tokens)-2 {
			c = breakCost(tokens, j, b.cjk)
		}
		if c < 0 {
			c = 500
		}
		c += 10 * d / window
		if c < bestC && j >= n1 && len(tokens)-j >= n-n1 {
			bestJ, bestC = j, c
		}
	}
	if bestJ < 0 {
		return nil
	}
	left := b.layout(from, from+bestJ, n1)
	right := b.layout(from+bestJ, to, n-n1)
	if left == nil || right == nil {
		return nil
	}
	for _, p := range right {
		left = append(left, piece{p.from + bestJ, p.to + bestJ})
	}
	return left
}

// layout cuts tokens into n pieces, each at most limit wide if it can be,
// choosing breaks that are good (breakCost) and pieces of even width. It
// returns nil when n pieces cannot be made (fewer tokens than pieces).
func layout(tokens []string, n int, limit float64, cjk bool) []piece {
	T := len(tokens)
	if n <= 1 || T < n {
		if n <= 1 {
			return []piece{{0, T}}
		}
		return nil
	}
	// Prefix widths, and the nearest non-space token at or after i and
	// before j, so that a piece's width without its edge spaces is O(1).
	pre := make([]float64, T+1)
	next := make([]int, T+1) // first non-space token index >= i, or T
	prev := make([]int, T+1) // one past the last non-space token < j, or 0
	for i, t := range tokens {
		pre[i+1] = pre[i] + Width(t, cjk)
	}
	next[T] = T
	for i := T - 1; i >= 0; i-- {
		next[i] = next[i+1]
		if strings.TrimSpace(tokens[i]) != "" {
			next[i] = i
		}
	}
	for j := 1; j <= T; j++ {
		prev[j] = prev[j-1]
		if strings.TrimSpace(tokens[j-1]) != "" {
			prev[j] = j
		}
	}
	width := func(i, j int) float64 {
		a, b := next[i], prev[j]
		if a >= b {
			return 0
		}
		return pre[b] - pre[a]
	}
	ideal := width(0, T) / float64(n)
	if ideal <= 0 {
		ideal = 1
	}
	// A piece wider than this costs far more than any other layout, so
	// the search does not look at it (but a piece of one token is always
	// allowed): the search is linear in the number of tokens.
	widest := 2 * math.Max(limit, ideal)
	pieceCost := func(i, j int) float64 {
		w := width(i, j)
		if w == 0 {
			return math.Inf(1)
		}
		c := 10 * ((w - ideal) / ideal) * ((w - ideal) / ideal)
		if w > limit {
			c += 1000 + 100*(w-limit)
		}
		return c
	}
	// cut[j] is the cost of a break before token j, worked out once: the
	// search below looks at each break many times.
	cut := make([]float64, T)
	for j := 1; j < T; j++ {
		cut[j] = breakCost(tokens, j, cjk)
		if cut[j] < 0 {
			cut[j] = 500
		}
	}
	// best[k][j]: least cost of cutting tokens[0:j] into k pieces
	inf := math.Inf(1)
	best := make([][]float64, n+1)
	from := make([][]int, n+1)
	for k := range best {
		best[k] = make([]float64, T+1)
		from[k] = make([]int, T+1)
		for j := range best[k] {
			best[k][j] = inf
		}
	}
	best[0][0] = 0
	for k := 1; k <= n; k++ {
		for j := k; j <= T; j++ {
			lo := j - 1
			for lo > k-1 && width(lo-1, j) <= widest {
				lo--
			}
			for i := lo; i < j; i++ {
				if best[k-1][i] == inf {
					continue
				}
				c := best[k-1][i] + pieceCost(i, j)
				if i > 0 {
					c += cut[i]
				}
				if c < best[k][j] {
					best[k][j], from[k][j] = c, i
				}
			}
		}
	}
	if best[n][T] == inf {
		return nil
	}
	out := make([]piece, n)
	j := T
	for k := n; k >= 1; k-- {
		i := from[k][j]
		out[k-1] = piece{i, j}
		j = i
	}
	return out
}

func joinTokens(tokens []string, p piece) string {
	return strings.TrimSpace(strings.Join(tokens[p.from:p.to], ""))
}

// fits reports whether every piece is at most limit wide, or is a single
// word that no layout can make narrower.
func fits(tokens []string, ps []piece, limit float64, cjk bool) bool {
	for _, p := range ps {
		if Width(joinTokens(tokens, p), cjk) > limit && countBreakable(tokens[p.from:p.to]) > 1 {
			return false
		}
	}
	return true
}

// maxExtraPieces bounds the search for a layout that fits: past this many
// pieces over the width's share, more pieces do not help.
const maxExtraPieces = 4

// Split cuts text into parts of at most limit width each, at the best
// breaks (sentence ends, then clause marks, then spaces and word
// boundaries), into as few parts as fit and at least minParts. Parts are
// as even as the breaks allow. A token wider than limit on its own (a long
// URL) is never cut: its part is over the limit.
func Split(text string, seg Segmenter, limit float64, minParts int, cjk bool) []string {
	if seg == nil {
		seg = SimpleSegmenter{}
	}
	tokens := seg.Segment(text)
	w := Width(strings.TrimSpace(text), cjk)
	n := int(math.Ceil(w / limit))
	if n < minParts {
		n = minParts
	}
	if n < 1 {
		n = 1
	}
	return cut(tokens, text, n, n+maxExtraPieces, limit, cjk)
}

// cut lays tokens out in the fewest pieces from lo to hi that fit limit
// (or in hi pieces, the last tried, when none fits) and returns the
// pieces' text; text itself when no layout can be made.
func cut(tokens []string, text string, lo, hi int, limit float64, cjk bool) []string {
	var ps []piece
	for n := lo; n <= len(tokens) && n <= hi; n++ {
		cand := layoutAny(tokens, n, limit, cjk)
		if cand == nil {
			break
		}
		ps = cand
		if fits(tokens, cand, limit, cjk) {
			break
		}
	}
	if ps == nil {
		return []string{strings.TrimSpace(text)}
	}
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		if s := joinTokens(tokens, p); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Wrap breaks a caption's text into at most maxLines lines of at most
// maxChars width, as balanced as the breaks allow, never inside a token.
// Text too wide for maxLines lines is wrapped into maxLines lines that are
// over the limit (Split first to avoid that).
func Wrap(text string, seg Segmenter, maxChars, maxLines int, cjk bool) []string {
	text = strings.TrimSpace(text)
	if Width(text, cjk) <= float64(maxChars) || maxLines <= 1 {
		return []string{text}
	}
	if seg == nil {
		seg = SimpleSegmenter{}
	}
	return cut(seg.Segment(text), text, 2, maxLines, float64(maxChars), cjk)
}
