package timing

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/subkit-dev/subkit/internal/extcheck"
	"github.com/subkit-dev/subkit/segment"
	"github.com/subkit-dev/subkit/zhtext"
)

// The hand-made lists DetectLang counted before it counted by OpenCC's
// tables, kept to check that it tells the texts below apart as it did.
const (
	formerSimplified  = "们这个说时会对发来过还没国为学东见长开关问门间车马鸟语话读写书买卖电脑样现实经济历体点钱万亿业产员动务气无与从众听里边传统让认识运进远连选邮银钟问题头脑爱应该给级经结织网线红绿终师帅归岁际陆阳阴难离"
	formerTraditional = "們這個說時會對發來過還沒國為學東見長開關問門間車馬鳥語話讀寫書買賣電腦樣現實經濟歷體點錢萬億業產員動務氣無與從眾聽裡邊傳統讓認識運進遠連選郵銀鐘問題頭腦愛應該給級經結織網線紅綠終師帥歸歲際陸陽陰難離"
)

// formerScript is DetectLang's former choice between zh-Hans and zh-Hant.
func formerScript(text string) string {
	simp, trad := 0, 0
	for _, r := range text {
		if strings.ContainsRune(formerSimplified, r) {
			simp++
		} else if strings.ContainsRune(formerTraditional, r) {
			trad++
		}
	}
	if trad > simp {
		return "zh-Hant"
	}
	return "zh-Hans"
}

// zhTexts are the lines of the interview sample (Simplified) and their
// Traditional forms (OpenCC s2t, s2twp, s2hk), and bench/zhbreak's caption
// lines with the script each is written in.
func zhTexts(t *testing.T) (lines, scripts []string) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "interview-zh.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var sample []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			sample = append(sample, l)
		}
	}
	for _, sc := range []zhtext.Script{"", zhtext.Hant, zhtext.TW, zhtext.HK} {
		for _, l := range sample {
			if sc == "" {
				lines, scripts = append(lines, l), append(scripts, "zh-Hans")
				continue
			}
			lines, scripts = append(lines, zhtext.NewConverter("zh-Hans", sc).Convert(l)), append(scripts, "zh-Hant")
		}
	}
	dev := filepath.Join(extcheck.Root(t), "..", "shared", "bench", "zhbreak", "dev.tsv")
	extcheck.KeyOn(t, dev)
	f, err := os.Open(dev)
	if err != nil {
		extcheck.Missing(t, "bench/zhbreak", "the shared folder sits beside the repository")
		return lines, scripts
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 5 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		lines, scripts = append(lines, fields[0]), append(scripts, "zh-"+fields[4])
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines, scripts
}

// TestDetectLangScripts: counting OpenCC's Simplified-only and
// Traditional-only characters tells every text of the sample and
// bench/zhbreak as the former hand-made lists did, whole and line by
// line, but where those lists found too little and the line is in the
// other script.
func TestDetectLangScripts(t *testing.T) {
	lines, scripts := zhTexts(t)
	whole := map[string][]string{}
	fixed := 0
	for i, l := range lines {
		whole[scripts[i]] = append(whole[scripts[i]], l)
		got, was := DetectLang(l), formerScript(l)
		if got == was {
			continue
		}
		if got != scripts[i] {
			t.Errorf("line %q (%s): detected %s, was %s", l, scripts[i], got, was)
			continue
		}
		fixed++
	}
	for script, ls := range whole {
		text := strings.Join(ls, "\n")
		if got, was := DetectLang(text), formerScript(text); got != was || got != script {
			t.Errorf("the %d %s lines as one text: detected %s, was %s", len(ls), script, got, was)
		}
	}
	t.Logf("%d lines; %d detected otherwise than before, each now as written", len(lines), fixed)
}

// formerToSimplified is the map zhWord converted by before it used
// OpenCC's table: the Traditional characters of the word lists.
func formerToSimplified() map[rune]rune {
	pairs := strings.Fields(`們 们 這 这 個 个 種 种 樣 样 裡 里 裏 里 對 对 於 于 從 从 給 给
	與 与 為 为 關 关 讓 让 將 将 實 实 際 际 還 还 雖 虽 並 并 經 经 應 应 須 须 麼 么 時 时 後 后 開 开 來 来 過 过
	進 进 間 间 邊 边 條 条 張 张 項 项 點 点 塊 块 臺 台 鐘 钟 歲 岁 層 层 頁 页 類 类 組 组 雙 双 輛 辆 場 场 萬 万
	億 亿 幾 几 兩 两 儘 尽 無 无 論 论 換 换 話 话 說 说 隨 随 極 极 長 长 價 价 許 许 則 则 總 总 會 会 僅 仅
	隻 只 罷 罢 嗎 吗 夠 够 該 该 傳 传 發 发 變 变 當 当 寫 写 帶 带 轉 转 飛 飞 丟 丢 誰 谁`)
	m := map[rune]rune{}
	for i := 0; i+1 < len(pairs); i += 2 {
		from, _ := utf8.DecodeRuneInString(pairs[i])
		to, _ := utf8.DecodeRuneInString(pairs[i+1])
		m[from] = to
	}
	return m
}

// TestZhWordTables: the Chinese breaking rules, looking tokens up through
// OpenCC's Traditional-to-Simplified table, cost every break of the
// sample's and bench/zhbreak's lines (Simplified and Traditional, cut by
// SimpleSegmenter and by package segment's dictionary) as they did
// through the former hand-made list, but where a token holds a
// Traditional character that list lacked (著, 內, 爲): the rules now see
// its Simplified form.
func TestZhWordTables(t *testing.T) {
	lines, _ := zhTexts(t)
	former := formerToSimplified()
	type brk struct {
		a, b string
		cost float64
	}
	breaks := func() []brk {
		var out []brk
		for _, seg := range []Segmenter{SimpleSegmenter{}, segment.New()} {
			for _, l := range lines {
				keys := ruleKeys(seg, seg.Segment(l))
				for j := 1; j < len(keys); j++ {
					out = append(out, brk{keys[j-1], keys[j], breakCost(keys, j, true)})
				}
			}
		}
		return out
	}
	now := breaks()
	saved := toSimplified
	toSimplified = func() map[rune]rune { return former }
	was := breaks()
	toSimplified = saved
	if len(now) != len(was) || len(now) < 20000 {
		t.Fatalf("%d and %d breaks", len(now), len(was))
	}
	// lacked reports whether the former list lacked a character of s
	// that the table converts.
	lacked := func(s string) bool {
		for _, r := range s {
			if _, ok := toSimplified()[r]; ok && former[r] == 0 {
				return true
			}
		}
		return false
	}
	newly := map[string]bool{}
	for i := range now {
		if now[i].cost == was[i].cost {
			continue
		}
		if n := now[i]; !lacked(n.a) && !lacked(n.b) {
			t.Errorf("break %s|%s costs %v, was %v", n.a, n.b, n.cost, was[i].cost)
			continue
		}
		newly[now[i].a+"|"+now[i].b] = true
	}
	if len(newly) == 0 || len(newly) > 100 {
		t.Errorf("%d breaks the table's wider reach changes, want a few (none: the former list was not used)", len(newly))
	}
	t.Logf("%d breaks; %d told apart by characters the former list lacked", len(now), len(newly))
}
