package align

// Lead-ins under a music bed. leadIn judges the sound before a line by
// how much nearer it is to the line's own first second than to the pause
// (see Lead-in). Under a bed that plays through the speech the line's own
// frames are voice and bed together, and the bed keeps changing: a sung
// bed has a voice of its own, a bass line holds voiced notes, and the
// bed's louder moments in the pause sound more like the bed-with-voice of
// the line than like the bed's quieter moments. So leadIn moves some
// lines back over the bed, by a quarter second to a second (the second
// and third sets: eight English starts 0.1–1 s early under a sung folk
// song and a drum-and-bass bed).
//
// Two kinds of move are kept all the same. A move no longer than a
// consonant (initialReach) is the line's own first sound, which the
// search can miss: a voice heard down a telephone has no energy above
// 3.4 kHz, where the synthesizer's "s" and "sh" have theirs, so the search
// starts such a line on its vowel. And where the line's reference fits
// its stretch poorly (Confidence under KeepConfidence: a voice the
// synthesizer does not model, as espeak-ng's Mandarin does not model many
// speakers), the search's start is a guess and the lead-in, which judges
// against the recording itself, is the better evidence. Only a long move
// before a line whose words the search found surely is taken back: the
// search's start is then the words' start, and what comes before it is
// the bed.

// bedLead is how far, in seconds, to take back the lead-in of ft (0 to
// ft.Lead): all of it under a bed (quiet false: the detector hears much
// of the pauses) when it is longer than a consonant and ft's reference
// fits surely, else nothing.
func bedLead(ft Fit, quiet bool) float64 {
	if quiet || ft.Lead <= initialReach+1e-9 || ft.Confidence < KeepConfidence {
		return 0
	}
	return ft.Lead
}
