package edit

import (
	"strings"
	"unicode"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/timing"
)

// Lang is the document's language, or the one its text is in.
func Lang(d *subtitle.Document) string {
	if d.Lang != "" {
		return d.Lang
	}
	var text []byte
	for i, c := range d.Cues {
		if i == 200 {
			break
		}
		for _, l := range c.PlainLines() {
			text = append(text, l...)
			text = append(text, '\n')
		}
	}
	lang := timing.DetectLang(string(text))
	if lang == "en" { // any Latin script
		lang = latinLang(string(text))
	}
	return lang
}

// stopwords are short, frequent words of languages written in the Latin
// script, each in one language only (words two of them share, as "de" or
// "a", are left out).
var stopwords = map[string]string{}

func init() {
	for lang, words := range map[string]string{
		"en": "the and you that this is are was what with have for not it's i'm don't your they there",
		"fr": "le les et est une des du que qui pas je vous nous il elle c'est ce dans pour avec sur mais",
		"es": "el los las y es una que por con para pero no está qué muy usted yo lo del",
		"de": "der die das und ist ein eine nicht ich sie wir mit auf für ist es den dem zu auch",
		"it": "il gli e è una che non per con sono mi ti ci della questo cosa anche",
		"pt": "o os as e é uma que não com para você eu está isso muito mas",
		"nl": "het een en is niet ik je wij zijn met op voor dat van",
	} {
		for _, w := range strings.Fields(words) {
			if l, dup := stopwords[w]; dup && l != lang {
				stopwords[w] = "" // in two languages: no evidence
				continue
			}
			stopwords[w] = lang
		}
	}
}

// latinLang guesses which Latin-script language text is in by counting
// frequent words of each; "en" when nothing stands out.
func latinLang(text string) string {
	counts := map[string]int{}
	words := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	}) {
		words++
		if l := stopwords[w]; l != "" {
			counts[l]++
		}
		if words > 5000 {
			break
		}
	}
	best, n := "en", 0
	for l, c := range counts {
		if c > n || c == n && l < best {
			best, n = l, c
		}
	}
	// Another language needs clearly more evidence than English.
	if best != "en" && n < 2*counts["en"]+2 {
		return "en"
	}
	return best
}
