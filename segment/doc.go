// Package segment splits text into tokens (words, runs of whitespace,
// punctuation marks) for breaking transcript lines into captions. Chinese
// is written without spaces, so its words come from a dictionary.
//
// Concatenating the tokens of a text gives back the text exactly: the same
// bytes, the same case, invalid UTF-8 included. The tokens are:
//
//   - a run of whitespace (unicode.IsSpace, so U+3000 ideographic space
//     and no-break space too);
//   - a word of letters and digits of any script but Han and kana, Latin,
//     Cyrillic, Greek and Hangul alike, so a Korean word written without a
//     space before its particle ("AI를") stays one token. An apostrophe or
//     hyphen between two such characters joins them ("don't", "rock’n’roll",
//     "state-of-the-art", "GPT-4"); so do a point, comma or colon between two
//     digits ("3.5", "1,000", "10:30", "v1.2.3"). Scripts written without
//     spaces other than Chinese and Japanese (Thai, Lao, Khmer, Myanmar) are
//     not segmented: a run of their letters is one token;
//   - a Chinese word: a run of Han characters is cut into words by
//     github.com/go-ego/gse (see below);
//   - a run of hiragana or a run of katakana, with their length mark ー:
//     Japanese is not segmented into words, only split where the script
//     changes, and its kanji are cut as Chinese;
//   - any other character alone: each punctuation mark (ASCII or full-width,
//     so "..." is three tokens), symbol, emoji or control character, and each
//     invalid byte.
//
// A token keeps the combining marks, variation selectors, emoji modifiers
// and zero-width joiners (with the character a joiner joins) that follow
// it, so an accented letter, "1️⃣", "👍🏻" or "👩‍💻" is never split; two
// regional indicators make one token (a flag). This approximates Unicode
// grapheme clusters; a mark after whitespace or an invalid byte, or at the
// start of the text, is a token of its own.
//
// # Chinese
//
// Han runs are segmented with gse's DAG segmentation and its HMM for
// words not in the dictionary (gse.Segmenter.CutDAG), using gse's own
// dictionaries, Simplified (s_1) and Traditional (t_1), as its "zh"
// dictionary holds them. Only gse's word boundaries are used: each word it
// returns is mapped back onto the original run by its length in runes, and
// if they ever fail to line up the run falls back to one token per
// character.
//
// The dictionaries are embedded here (dict/, made by internal/gendict from
// the gse version in go.mod, Han words only) rather than through gse's
// LoadDictEmbed, which would link gse's Japanese dictionary and both
// Chinese ones, about 32 MB, into every program that imports this package;
// these copies take 3 MB. They are loaded without gse's per-word
// search-mode preprocessing, which CutDAG does not use, so loading takes
// about a third of the time and less memory than gse's LoadDictEmbed("zh_s")
// while giving the same words and frequencies (TestMatchesGSE checks it).
//
// A Segmenter loads the Simplified words on the first text with a Han
// character, and the Traditional words on the first text with a character
// that only Traditional Chinese uses; text with neither loads nothing.
// Loading them does not change how text already seen is segmented.
package segment
