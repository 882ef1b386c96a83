package timing

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/subkit-dev/subkit/zhtext"
)

// A Segmenter cuts text into tokens — words, runs of space, punctuation
// marks — whose concatenation is the text. Lines and captions break only
// between tokens, so a segmenter that knows Chinese words keeps them whole.
type Segmenter interface {
	Segment(text string) []string
}

// A Simplifier is a Segmenter that also gives a token's Simplified Chinese
// form, character for character (the same number of characters). The
// Chinese breaking rules look words up in that form, so Traditional text
// breaks as Simplified text does.
type Simplifier interface {
	Simplify(token string) string
}

// ruleKeys are the tokens as the breaking rules see them: their Simplified
// form when seg gives it, else the tokens themselves.
func ruleKeys(seg Segmenter, tokens []string) []string {
	s, ok := seg.(Simplifier)
	if !ok {
		return tokens
	}
	keys := make([]string, len(tokens))
	for i, t := range tokens {
		k := s.Simplify(t)
		if utf8.RuneCountInString(k) != utf8.RuneCountInString(t) {
			k = t
		}
		keys[i] = k
	}
	return keys
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

// Break quality between two tokens: lower is better. Chinese breaks are
// ranked the way Chinese subtitlers rank them: never before closing
// punctuation or after opening punctuation; best after a sentence or clause
// mark; then between phrases (after a clause-final particle, before a
// conjunction, pronoun or preposition that opens a phrase); then between
// other words; worse where a phrase holds together (a measure word and its
// noun, a verb and its one-character complement, a noun and its
// localizer); worst inside a word. Balance between the lines comes last:
// it decides only between breaks of about the same quality.
var (
	breakSentence = 0.0  // after 。！？.!? …
	breakClause   = 0.6  // after ，、；：,;:
	breakSpace    = 2.5  // at white space
	breakScript   = 3.0  // between Han and Latin with no space
	breakOpen     = 0.8  // before a word that opens a phrase (所以, 我们, 在), after a clause-final particle
	breakWord     = 4.0  // between two words
	breakDangling = 6.0  // after a one-character preposition or conjunction (与, 并, 在)
	breakPhrase   = 7.0  // at a space between Latin words inside CJK text
	breakBound    = 9.0  // inside a phrase: number|measure word, measure word|noun, verb|complement, noun|localizer
	breakParticle = 9.0  // before a particle that closes a phrase (的, 了)
	breakInside   = 30.0 // inside a Chinese word
	breakNever    = -1.0 // before closing punctuation, after opening punctuation, inside a formula
	// balanceWeight scales the cost of lines of uneven width.
	balanceWeight = 10.0
)

const (
	sentenceEnders = "。！？.!?…‥"
	clauseMarks    = "，、；：,;:—"
	openingMarks   = "“‘「『《〈（【〔([{¿¡·・"
	closingMarks   = "”’」』》〉）】〕)]}、，。！？：；,.!?:;…‥%％·"
	// formulaMarks joined to their neighbours by spaces make a formula
	// (m1 * v1 = m2 * v2) that no line breaks.
	formulaMarks = "*+=×÷/^<>≤≥≈±−-"
)

// Chinese words that must not start a line (particles that close what
// comes before them) and that should not end one (prepositions and
// conjunctions that open what comes after).
const (
	noLineStart = "的了着过地得们吗呢吧啊么嘛"
	noLineEnd   = "与和并在把被对从向给跟及或而且将为一这那每各该其最很更太越"
)

// Word lists of the Chinese rules, in Simplified characters; zhWord looks a
// token up in Traditional characters too.
var (
	// zhOpeners open a phrase: a line may well start with them.
	zhOpeners = zhSet(`但是 但 而且 而是 而 所以 因为 因此 如果 假如 要是 然后 那么 或者 还是 以及 并且 然而 虽然 尽管
		不过 只是 于是 即使 甚至 同时 就是 也就是说 例如 比如 尤其 特别是 否则 除非 只要 只有 无论 不管 不论
		我 你 他 她 它 我们 你们 他们 她们 它们 咱们 大家 这 那 这个 那个 这些 那些 这种 那种 这样 那样 这里 那里
		这是 那是 这就是 这也 这次 此时 其中 其实 实际上 事实上 换句话说 当 当你 当我们 每当 一旦 直到
		在 对 对于 从 把 被 向 给 用 以 通过 根据 关于 为了 由于 由 让 使 将 像 如同 按照 经过 随着 除了
		一个 一种 一些 另一个 另一 每个 任何 所有 整个 很多 许多 是否
		都 也 就 才 还 又 再 已经 可以 能够 可能 应该 必须 需要 然后 最后 首先 其次 接着 之后 之前 来`)
	// zhClosers end a clause: a line may well end with them.
	zhClosers = zhSet(`了 吗 呢 吧 啊 呀 嘛 啦 罢了 而已`)
	// zhLocalizers and complements stay with the word before them.
	zhBoundAfter = zhSet(`上 下 里 中 内 外 前 后 间 边 旁 来 去 到 出 起 完 住 掉 走 开 好 成 过 着 下来 下去 起来 出来 进来 过来 回来 上来 之中 之间 之上 之下 之后 之前 以上 以下 以后 以前 时 时候`)
	// zhMeasures are measure words: not split from their number.
	zhMeasures = `个种些只条张本次位件样项点倍元块台部名天年月日秒分钟小时岁度米克层步页份段句章遍类组对双把辆架座所家套幅片封场首公千毫厘美英`
	// zhClassifiers are the measure words that count things (not time).
	zhClassifiers = `个种些只条张本次位件项点倍块台部名层步页份段句章遍类组对双把辆架座所家套幅片封场首`
	// zhCoverbs after a one-character verb of zhCoverbVerbs are its
	// complement (站在, 放到, 变成), not the start of a phrase.
	zhCoverbs     = `在到给成于为向`
	zhCoverbVerbs = `站放住坐躺落写停留生长走跑送交带拿搬变当作分看用加减乘除发传改推拉扔丢移转飞跳`
	// zhAfterDate are the words that finish a date: 二零二零年|冬天.
	zhAfterDate = zhSet(`春天 夏天 秋天 冬天 春季 夏季 秋季 冬季 年初 年底 年末 年中 初 底 末 中旬 上旬 下旬 上半年 下半年 以来 前后 左右`)
	// zhNumerals start a numeral or demonstrative phrase.
	zhNumerals = `一二两三四五六七八九十百千万亿几每这那哪某各另整半第零〇`
	// zhPairs are words that stay together though the dictionary
	// cuts them apart.
	zhPairs = map[[2]string]bool{{"什么", "时候"}: true, {"极有", "可能"}: true, {"很有", "可能"}: true, {"有", "可能"}: true, {"为", "什么"}: true, {"长期", "价值"}: true, {"世界", "上"}: true}
)

func zhSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// toSimplified maps each Traditional character to its Simplified form, by
// OpenCC's table (zhtext.SimplifiedChars), for zhWord: all but the
// characters Simplified text writes too (么 is Simplified for 麼 and
// Taiwan's form of 幺), so that a word already Simplified stays as it is.
var toSimplified = sync.OnceValue(func() map[rune]rune {
	m := zhtext.SimplifiedChars()
	var simplified []rune
	for _, s := range m {
		simplified = append(simplified, s)
	}
	for _, s := range simplified {
		delete(m, s)
	}
	return m
})

// zhWord is the Simplified form of a token, character for character, for
// looking it up in the word lists (which a Simplifier's keys already are;
// SimpleSegmenter's tokens are not).
func zhWord(tok string) string {
	return zhtext.MapRunes(tok, toSimplified())
}

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
	han := func(r rune) bool { return isWideScript(r) && isWordRune(r) }
	formula := func(t string) bool {
		r, n := utf8.DecodeRuneInString(t)
		return n == len(t) && strings.ContainsRune(formulaMarks, r)
	}
	switch {
	case strings.ContainsRune(closingMarks, fb) || strings.ContainsRune(openingMarks, la):
		if space && !cjk {
			return breakSpace
		}
		return breakNever
	case space && (formula(a) || formula(b)):
		return breakNever
	case strings.ContainsRune(sentenceEnders, la):
		return breakSentence
	case strings.ContainsRune(clauseMarks, la):
		return breakClause
	case strings.ContainsRune("）)】]」』》”", la) && !(cjk && strings.ContainsRune(noLineStart, fb)):
		return breakClause
	case cjk && !space && strings.ContainsRune("（(【[", fb):
		// An explanation in brackets stays with what it explains, as
		// closely as the characters of a word.
		return breakInside
	}
	if cjk {
		za, zb := zhWord(a), zhWord(b)
		fzb, _ := utf8.DecodeRuneInString(zb)
		switch {
		case zhPairs[[2]string{za, zb}]:
			return breakBound
		case (unicode.IsDigit(la) || strings.ContainsRune(zhNumerals, la)) && strings.ContainsRune(zhMeasures, fzb):
			// 100|个, 三|种
			return breakBound
		case isMeasurePhrase(za) && han(fb):
			// 一个|问题, 这些|数字
			return breakDangling
		case strings.ContainsRune("年月日", la) && zhAfterDate[zb]:
			return breakBound
		case strings.ContainsRune("的地得", la) && shortRun(tokens, j) <= shortAfterDe:
			// 雨中的|帐篷、: too little after 的 before the next mark
			return breakBound
		case han(la) && zhBoundAfter[zb]:
			// 世界|上, 放|进来
			return breakBound
		case utf8.RuneCountInString(za) == 1 && strings.ContainsRune(zhCoverbVerbs, la) && utf8.RuneCountInString(zb) == 1 && strings.ContainsRune(zhCoverbs, fzb):
			// 站|在, 放|到
			return breakBound
		case strings.ContainsRune(noLineStart, fb):
			return breakParticle
		case utf8.RuneCountInString(a) == 1 && strings.ContainsRune(noLineEnd, la):
			return breakDangling
		case zhClosers[za]:
			return breakOpen
		case zhOpeners[zb] && (utf8.RuneCountInString(za) > 1 || strings.ContainsRune(noLineStart, la)):
			// Before the first of the words that open a phrase (|都在以),
			// and not after a word of one character (画|我们), which would
			// end the line on it.
			return breakOpen
		}
	}
	switch {
	case !cjk && space && englishNoLineEnd[strings.ToLower(a)]:
		return breakDangling
	case cjk && space && latin(la) && han(fb) && utf8.RuneCountInString(b) <= 2:
		// A Latin word names what the short Chinese word after it
		// is: 站在 AI|前沿.
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

// shortRun is the width of the text from tokens[j] to the next punctuation
// mark or the end, stopping early once it is over 9.
func shortRun(tokens []string, j int) float64 {
	w := 0.0
	for ; j < len(tokens) && w <= 9; j++ {
		r, _ := utf8.DecodeRuneInString(tokens[j])
		if !isWordRune(r) && !unicode.IsSpace(r) {
			break
		}
		w += Width(tokens[j], true)
	}
	return w
}

// isMeasurePhrase reports whether a Chinese word is a number or
// demonstrative with its measure word (一个, 这些, 两种), which belongs
// with the noun after it.
func isMeasurePhrase(w string) bool {
	rs := []rune(w)
	return len(rs) == 2 && strings.ContainsRune(zhNumerals, rs[0]) && strings.ContainsRune(zhClassifiers, rs[1])
}

// units cuts tokens finer for layout: a long Chinese word into parts, so
// that a line can break inside it when nothing else fits (at breakInside)
// rather than run over its width or make another caption. cost[j] is the cost of a break before unit j
// (cost[0] is unused). keys are the tokens as the rules see them (see
// ruleKeys).
func units(tokens, keys []string, cjk bool) (us []string, cost []float64) {
	us = make([]string, 0, len(tokens))
	cost = make([]float64, 0, len(tokens))
	depth := 0 // inside how many brackets
	// closes[j]: a closing bracket comes at or after token j (an opening
	// one with none after it, as in a smiley, holds nothing).
	closes := make([]bool, len(tokens)+1)
	for j := len(tokens) - 1; j >= 0; j-- {
		closes[j] = closes[j+1] || strings.ContainsAny(tokens[j], "）)】]")
	}
	for j, t := range tokens {
		c := 0.0
		if j > 0 {
			c = breakCost(keys, j, cjk)
			if c < 0 {
				c = neverCost
			}
			if cjk && depth > 0 && closes[j] {
				// What a bracket holds is one aside: 相空間(又被稱為…)
				c = max(c, breakInside)
			}
		}
		switch {
		case strings.ContainsAny(t, "（(【["):
			depth++
		case strings.ContainsAny(t, "）)】]") && depth > 0:
			depth--
		}
		if rs := []rune(t); cjk && len(rs) >= 4 && isHanWord(t) {
			// A Chinese compound of four or more characters may break
			// between its parts, leaving at least two characters on
			// each side (数据|中心).
			for k := 0; k < len(rs); {
				e := k + 1
				if k == 0 {
					e = 2
				}
				if e >= len(rs)-1 {
					e = len(rs)
				}
				if k > 0 {
					c = breakInside
				}
				us = append(us, string(rs[k:e]))
				cost = append(cost, c)
				k = e
			}
			continue
		}
		us = append(us, t)
		cost = append(cost, c)
	}
	return us, cost
}

// isHanWord reports whether t is a word of two or more wide characters
// (Han, kana, Hangul) and nothing else.
func isHanWord(t string) bool {
	n := 0
	for _, r := range t {
		if !isWideScript(r) || !isWordRune(r) {
			return false
		}
		n++
	}
	return n > 1
}

// neverCost is the cost of a break the rules forbid: higher than any line
// over the width, so it is taken only when there is no other.
const neverCost = 1e6

// piece is a run of tokens [from, to).
type piece struct{ from, to int }

// maxDPPieces is the most pieces layout searches for at once; more are
// cut in halves first (bisect), so long text costs O(T log n).
const maxDPPieces = 8

// layoutAny is layout for any number of pieces: past maxDPPieces it
// breaks the tokens in two at a good break near the right share of the
// width, and lays out each half.
func layoutAny(tokens []string, cost []float64, n int, limit float64, cjk bool) []piece {
	if n <= maxDPPieces {
		return layout(tokens, cost, n, limit, cjk)
	}
	if len(tokens) < n {
		return nil
	}
	n1 := n / 2
	total := Width(strings.Join(tokens, ""), cjk)
	target := total * float64(n1) / float64(n)
	window := math.Max(limit, total/float64(n)) / 2
	bestJ, bestC := -1, math.Inf(1)
	w := 0.0
	for j := 1; j < len(tokens); j++ {
		w += Width(tokens[j-1], cjk)
		d := math.Abs(w - target)
		if d > window && bestJ >= 0 && w > target {
			break
		}
		c := min(cost[j], 500) + 10*d/window
		if c < bestC && j >= n1 && len(tokens)-j >= n-n1 {
			bestJ, bestC = j, c
		}
	}
	if bestJ < 0 {
		return nil
	}
	left := layoutAny(tokens[:bestJ], cost[:bestJ], n1, limit, cjk)
	right := layoutAny(tokens[bestJ:], cost[bestJ:], n-n1, limit, cjk)
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
func layout(tokens []string, cost []float64, n int, limit float64, cjk bool) []piece {
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
		c := balanceWeight * ((w - ideal) / ideal) * ((w - ideal) / ideal)
		if w > limit {
			c += 1000 + 100*(w-limit)
		}
		if cjk && w <= 1 && n > 1 {
			c += lonePenalty // a line of one character
		}
		return c
	}
	cut := func(j int) float64 { return cost[j] } // cost of a break before token j
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
					c += cut(i)
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

// A line of one character costs lonePenalty; a break after 的, 地 or 得
// followed by at most shortAfterDe before the next mark costs breakBound.
var (
	lonePenalty  = 8.0
	shortAfterDe = 3.0
)

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
	return split(seg, seg.Segment(text), text, limit, minParts, cjk)
}

// split is Split of text, cut by seg into tokens.
func split(seg Segmenter, tokens []string, text string, limit float64, minParts int, cjk bool) []string {
	w := Width(strings.TrimSpace(text), cjk)
	n := int(math.Ceil(w / limit))
	if n < minParts {
		n = minParts
	}
	if n < 1 {
		n = 1
	}
	return cut(tokens, ruleKeys(seg, tokens), text, n, n+maxExtraPieces, limit, cjk)
}

// cut lays tokens out in the fewest pieces from lo to hi that fit limit
// (or in hi pieces, the last tried, when none fits) and returns the
// pieces' text; text itself when no layout can be made.
func cut(tokens, keys []string, text string, lo, hi int, limit float64, cjk bool) []string {
	tokens, cost := units(tokens, keys, cjk)
	var ps []piece
	for n := lo; n <= len(tokens) && n <= hi; n++ {
		cand := layoutAny(tokens, cost, n, limit, cjk)
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
	tokens := seg.Segment(text)
	return cut(tokens, ruleKeys(seg, tokens), text, 2, maxLines, float64(maxChars), cjk)
}
