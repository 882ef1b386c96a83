package timing

import (
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/subkit-dev/subkit/zhtext"
)

// Profile holds what timing needs to know about a language: how fast it is
// spoken, how fast it can be read, and how long a caption line may be.
type Profile struct {
	Lang string // BCP 47 tag
	// SpeechCPS is the default speaking rate: characters per second over a
	// whole narration, pauses included (characters ÷ time from the first
	// caption's start to the last one's end), measured on human-timed captions.
	SpeechCPS float64
	// ReadingCPS is the reading-speed ceiling of the style guide (Netflix),
	// counted as ReadingChars counts. It is a limit to check against, never
	// a rate to place captions with.
	ReadingCPS float64
	MaxChars   int  // per line, counted as Width counts
	MaxLines   int  // per caption
	CJK        bool // half-width characters count 0.5 in line length and reading speed
}

// Profiles for the languages subkit knows. Sources:
//   - SpeechCPS: Chinese 4.4 is the median of 14 full human-timed narration
//     videos (3.8–4.8); English 15 characters a second including spaces
//     (12–17 measured), about 160 words a minute. Japanese and Korean are
//     rough figures (about 7 morae and 6 syllables a second of speech
//     written at about 0.8 characters a mora) and should be measured.
//   - ReadingCPS: Netflix Timed Text Style Guides (Simplified and
//     Traditional Chinese 9 characters a second, Japanese 4, Korean 12,
//     English 20 for adults, other languages 17).
//   - MaxChars, MaxLines: 16 characters and 2 lines for Chinese, Japanese
//     and Korean, 42 and 2 otherwise. (Netflix's Japanese guide allows 13
//     a line; the check profiles carry that.)
var profiles = map[string]Profile{
	"zh-Hans": {Lang: "zh-Hans", SpeechCPS: 4.4, ReadingCPS: 9, MaxChars: 16, MaxLines: 2, CJK: true},
	"zh-Hant": {Lang: "zh-Hant", SpeechCPS: 4.4, ReadingCPS: 9, MaxChars: 16, MaxLines: 2, CJK: true},
	"ja":      {Lang: "ja", SpeechCPS: 5.5, ReadingCPS: 4, MaxChars: 16, MaxLines: 2, CJK: true},
	"ko":      {Lang: "ko", SpeechCPS: 6, ReadingCPS: 12, MaxChars: 16, MaxLines: 2, CJK: true},
	"en":      {Lang: "en", SpeechCPS: 15, ReadingCPS: 20, MaxChars: 42, MaxLines: 2},
}

// ProfileFor returns the profile for a BCP 47 tag. Chinese tags map by
// script or region (zh-TW, zh-HK and zh-Hant to Traditional; other zh to
// Simplified); an unknown language gets the Netflix "other languages"
// numbers with English's speaking rate, under its own tag.
func ProfileFor(tag string) Profile {
	t := strings.ToLower(strings.ReplaceAll(tag, "_", "-"))
	primary, rest, _ := strings.Cut(t, "-")
	switch primary {
	case "zh", "cmn", "yue":
		if strings.Contains(rest, "hant") || strings.Contains(rest, "tw") || strings.Contains(rest, "hk") || strings.Contains(rest, "mo") {
			return profiles["zh-Hant"]
		}
		return profiles["zh-Hans"]
	case "ja", "ko", "en":
		p := profiles[primary]
		p.Lang = tag
		return p
	}
	return Profile{Lang: tag, SpeechCPS: 15, ReadingCPS: 17, MaxChars: 42, MaxLines: 2}
}

// DetectLang guesses a BCP 47 tag from the text's scripts: kana means
// Japanese, Hangul Korean, Han Chinese (Traditional when more of its
// characters are Traditional-only forms than Simplified-only ones, by
// OpenCC's tables), Cyrillic Russian, Arabic Arabic, anything else
// English.
func DetectLang(text string) string {
	var han, kana, hangul, cyr, arabic, latin, simp, trad int
	var simplifiedOnly, traditionalOnly map[rune]bool // read at the first Han character
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) && r != 'ー' && r != '・':
			kana++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Han, r):
			han++
			if simplifiedOnly == nil {
				simplifiedOnly, traditionalOnly = scriptChars()
			}
			if simplifiedOnly[r] {
				simp++
			} else if traditionalOnly[r] {
				trad++
			}
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Arabic, r):
			arabic++
		case unicode.IsLetter(r):
			latin++
		}
	}
	switch {
	case kana > 0 && kana*20 >= han:
		return "ja"
	case hangul > 0 && hangul >= han && hangul*3 >= latin:
		return "ko"
	case han > 0 && han*3 >= latin:
		if trad > simp {
			return "zh-Hant"
		}
		return "zh-Hans"
	case cyr > latin:
		return "ru"
	case arabic > latin:
		return "ar"
	}
	return "en"
}

// scriptChars are the characters only Simplified or only Traditional
// Chinese writes, by OpenCC's tables (see zhtext.ScriptChars).
var scriptChars = sync.OnceValues(zhtext.ScriptChars)

// Rules are the caption rules the estimator keeps, in one place so that
// flags can override each.
type Rules struct {
	Min      time.Duration // shortest caption
	Max      time.Duration // longest caption; a longer line is split
	Gap      time.Duration // least time between one caption's end and the next one's start
	MaxChars int           // per line, counted as Width counts
	MaxLines int           // per caption
}

// DefaultRules are Netflix's timed-text rules for the profile: 5/6 s
// (rounded up to whole milliseconds) to 7 s a caption, 2 frames at 24 fps
// (83 ms) between captions, and the profile's line limits. 24 fps is the
// rate the guide package's Netflix profiles count frames at, so generated
// tracks pass subkit check's gap rule; the gap is 2 frames or more at any
// rate from 23.976 fps up.
func DefaultRules(p Profile) Rules {
	return Rules{
		Min:      834 * time.Millisecond,
		Max:      7 * time.Second,
		Gap:      83 * time.Millisecond,
		MaxChars: p.MaxChars,
		MaxLines: p.MaxLines,
	}
}
