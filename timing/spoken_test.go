package timing

import (
	"math"
	"testing"
)

// Numbers, abbreviations and Latin words take the time they are spoken in.
func TestWeightSpoken(t *testing.T) {
	cases := []struct {
		text   string
		cjk    bool
		zh, en float64 // syllables read in Chinese and in English
		why    string
	}{
		// Chinese readings.
		{"2026年", true, 5, 0, "二零二六年: a year digit by digit"},
		{"1998年", true, 5, 0, "一九九八年"},
		{"100%", true, 4, 0, "百分之百"},
		{"50%", true, 5, 0, "百分之五十"},
		{"3.5%", true, 6, 0, "百分之三点五"},
		{"１００％", true, 4, 0, "full-width: 百分之百"},
		{"1234", true, 7, 0, "一千二百三十四"},
		{"1,234", true, 7, 0, "commas between thousands"},
		{"1005", true, 4, 0, "一千零五"},
		{"1050", true, 5, 0, "一千零五十"},
		{"10", true, 1, 0, "十"},
		{"15", true, 2, 0, "十五"},
		{"20", true, 2, 0, "二十"},
		{"115", true, 5, 0, "一百一十五"},
		{"0", true, 1, 0, "零"},
		{"10000", true, 2, 0, "一万"},
		{"12000", true, 4, 0, "一万二千"},
		{"100000000", true, 9, 0, "nine digits: read digit by digit"},
		{"20万", true, 3, 0, "二十万"},
		{"3.14", true, 4, 0, "三点一四"},
		{"007", true, 3, 0, "零零七: a leading zero, digit by digit"},
		{"13812345678", true, 11, 0, "a phone number, digit by digit"},
		{"GPT-4", true, 1, 3, "G P T 四"},
		{"GPT-4o", true, 1, 4, "G P T 四 o"},
		{"ChatGPT", true, 0, 4, "Chat G P T"},
		{"iPhone 15", true, 2, 2, "i Phone 十五"},
		{"OpenAI", true, 0, 4, "O-pen A I"},
		{"A轮", true, 1, 1, "a single capital is its name"},
		{"WWDC", true, 0, 8, "double-u double-u D C"},
		{"NASA", true, 0, 2, "NA-SA, a word"},
		{"Scaling Law", true, 0, 3, "Sca-ling Law"},
		{"英伟达的H100芯片", true, 8, 1, "Han, H, 一百, Han"},
		// English readings.
		{"2026", false, 0, 5, "twenty twenty-six"},
		{"1984", false, 0, 5, "nineteen eighty-four"},
		{"1900", false, 0, 4, "nineteen hundred"},
		{"2005", false, 0, 4, "two thousand five"},
		{"1905", false, 0, 4, "nineteen oh five"},
		{"1234", false, 0, 4, "twelve thirty-four: read as a year"},
		{"3456", false, 0, 9, "three thousand four hundred fifty-six"},
		{"7", false, 0, 2, "seven"},
		{"50%", false, 0, 4, "fifty percent"},
		{"3.5", false, 0, 3.2, "three point five"},
		{"1,000,000", false, 0, 3, "one million"},
		{"the", false, 0, 1, "one vowel group"},
		{"make", false, 0, 1, "a silent final e"},
		{"apple", false, 0, 2, "ap-ple: le is a syllable"},
		{"beautiful", false, 0, 3, "beau-ti-ful"},
		{"myth", false, 0, 1, "y after a consonant is a vowel"},
		{"Привет", false, 2, 0, "other alphabets: letters/3 units"},
	}
	for _, c := range cases {
		want := c.zh + c.en*EnglishSyllable
		if got := WeightIn(c.text, c.cjk); math.Abs(got-want) > 1e-9 {
			t.Errorf("WeightIn(%q, cjk %v) = %v, want %v: %v Chinese and %v English syllables (%s)", c.text, c.cjk, got, want, c.zh, c.en, c.why)
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
