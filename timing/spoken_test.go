package timing

import (
	"math"
	"testing"
)

// In Chinese speech numbers, abbreviations and Latin words take the time
// they are spoken in.
func TestWeightSpoken(t *testing.T) {
	cases := []struct {
		text   string
		zh, en float64 // syllables read in Chinese and in English
		why    string
	}{
		{"2026年", 5, 0, "二零二六年: a year digit by digit"},
		{"1998年", 5, 0, "一九九八年"},
		{"100%", 4, 0, "百分之百"},
		{"50%", 5, 0, "百分之五十"},
		{"3.5%", 6, 0, "百分之三点五"},
		{"１００％", 4, 0, "full-width: 百分之百"},
		{"1234", 7, 0, "一千二百三十四"},
		{"1,234", 7, 0, "commas between thousands"},
		{"1005", 4, 0, "一千零五"},
		{"1050", 5, 0, "一千零五十"},
		{"10", 1, 0, "十"},
		{"15", 2, 0, "十五"},
		{"20", 2, 0, "二十"},
		{"115", 5, 0, "一百一十五"},
		{"0", 1, 0, "零"},
		{"10000", 2, 0, "一万"},
		{"12000", 4, 0, "一万二千"},
		{"100000000", 9, 0, "nine digits: read digit by digit"},
		{"20万", 3, 0, "二十万"},
		{"3.14", 4, 0, "三点一四"},
		{"007", 3, 0, "零零七: a leading zero, digit by digit"},
		{"13812345678", 11, 0, "a phone number, digit by digit"},
		{"GPT-4", 1, 3, "G P T 四"},
		{"GPT-4o", 1, 4, "G P T 四 o"},
		{"ChatGPT", 0, 4, "Chat G P T"},
		{"iPhone 15", 2, 2, "i Phone 十五"},
		{"OpenAI", 0, 4, "O-pen A I"},
		{"A轮", 1, 1, "a single capital is its name"},
		{"WWDC", 0, 8, "double-u double-u D C"},
		{"NASA", 0, 2, "NA-SA, a word"},
		{"Scaling Law", 0, 3, "Sca-ling Law"},
		{"英伟达的H100芯片", 8, 1, "Han, H, 一百, Han"},
		{"the", 0, 1, "one vowel group"},
		{"make", 0, 1, "a silent final e"},
		{"apple", 0, 2, "ap-ple: le is a syllable"},
		{"beautiful", 0, 3, "beau-ti-ful"},
		{"myth", 0, 1, "y after a consonant is a vowel"},
		{"Привет", 2, 0, "other alphabets: letters/3 units"},
	}
	for _, c := range cases {
		want := c.zh + c.en*EnglishSyllable
		if got := WeightIn(c.text, true); math.Abs(got-want) > 1e-9 {
			t.Errorf("WeightIn(%q, CJK) = %v, want %v: %v Chinese and %v English syllables (%s)", c.text, got, want, c.zh, c.en, c.why)
		}
	}
}

// In English speech numbers are read as in English, in syllables, and words
// count their letters.
func TestWeightEnglish(t *testing.T) {
	cases := []struct {
		text string
		want float64
		why  string
	}{
		{"2026", 5, "twenty twenty-six"},
		{"1984", 5, "nineteen eighty-four"},
		{"1900", 4, "nineteen hundred"},
		{"2005", 4, "two thousand five"},
		{"1905", 4, "nineteen oh five"},
		{"1234", 4, "twelve thirty-four: read as a year"},
		{"3456", 9, "three thousand four hundred fifty-six"},
		{"7", 2, "seven"},
		{"50%", 4, "fifty percent"},
		{"3.5", 3.2, "three point five (a digit read alone, 1.2 on average)"},
		{"1,000,000", 3, "one million"},
		{"in 1990", 1 + 4, "a word of two letters, nineteen ninety"},
		{"beautiful", 9.0 / 3, "letters/3"},
		{"GPT", 1, "letters/3, at least 1"},
	}
	for _, c := range cases {
		if got := WeightIn(c.text, false); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("WeightIn(%q, English) = %v, want %v (%s)", c.text, got, c.want, c.why)
		}
	}
}

// Weight reads numbers the Chinese way when the text has Han.
func TestWeightGuessesReading(t *testing.T) {
	if got, want := Weight("2026年"), WeightIn("2026年", true); got != want {
		t.Errorf("Weight(2026年) = %v, want the Chinese reading %v", got, want)
	}
	if got, want := Weight("in 2026"), WeightIn("in 2026", false); got != want {
		t.Errorf("Weight(in 2026) = %v, want the English reading %v", got, want)
	}
}
