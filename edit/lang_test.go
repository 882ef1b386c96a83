package edit

import "testing"

func TestLatinLang(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Je ne sais pas. C'est pour vous, et nous sommes dans le jardin avec elle.", "fr"},
		{"No sé qué hacer. Está muy bien, pero los niños y las niñas no quieren.", "es"},
		{"Ich weiß es nicht. Wir sind mit der Familie auf dem Weg, und das ist gut.", "de"},
		{"I don't know what you want. This is the house, and they are there.", "en"},
		{"OK. Bye.", "en"},
	} {
		if got := latinLang(tc.text); got != tc.want {
			t.Errorf("latinLang(%q) = %s, want %s", tc.text, got, tc.want)
		}
	}
}
