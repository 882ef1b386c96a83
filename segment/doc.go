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
// Han runs are segmented as gse's CutDAG (jieba's default mode) does it,
// with gse's "zh" dictionary (its Simplified s_1 and Traditional t_1 words)
// and jieba's HMM for words the dictionary lacks: the most probable path
// through the dictionary's words, then the HMM on runs of characters left
// single. For Simplified text the words are gse's own, exactly
// (TestMatchesGSE checks it on the sample), but gse itself is not linked:
// referring to its segmenter links all of gse's embedded dictionaries,
// about 38 MB, into every program, since a program that uses reflection
// (text/template does) keeps every exported method.
//
// The word data is precomputed (dict/, made by internal/gendict): the words
// sorted, with their frequencies and offsets, and the HMM's table, read in
// place from the program's read-only data with binary search. Nothing is
// parsed or built when a program starts or meets its first Chinese text,
// and only the pages a text touches are read from the file; loading gse's
// dictionary took about 0.3 s and 150 MB.
//
// Traditional Chinese (a text with a character no Simplified word uses)
// is segmented through its Simplified form, character for character
// (OpenCC's table, zhtext.SimplifiedChars), so that the larger Simplified vocabulary
// applies: gse's Traditional words alone cut 我將其作為 as 我將|其作|為.
// The characters map one to one, so the tokens are the original text's.
package segment
