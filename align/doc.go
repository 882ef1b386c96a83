// Package align puts captions on the speech that package audio finds, with
// no speech model, and fits an existing caption file's offset and rate to
// that speech.
//
// Assign is the core of placing by sound: a dynamic programme that places
// units (captions, with the spoken weights and nominal pauses of the
// timing estimator) on spans of detected speech, in order, each unit on
// one or more whole spans, spans left out as noise where that is cheaper.
// It takes plain numbers, so it is tested on made-up spans.
//
// Content places units by what is said in them: each unit's text, spoken
// by a synthesizer (package espeak), is compared with the recording as
// log-mel cepstra by a left-to-right Viterbi search over pause, unit,
// pause, unit, …, and each unit gets a Fit with a confidence. It holds
// where music fills the pauses or lines follow each other without one.
//
// Captions is the whole job for a transcript: the estimator cuts and
// weighs the lines, audio.Detect finds the speech, Assign places the
// captions, Content places them again by their words when Options gives a
// Reference (and Assign's onsets are kept where the two agree), and
// timing.Fix applies the duration and gap rules.
//
// Sync finds the rate and offset (or offsets, with Split) that map a
// caption file's times onto the speech: a cross-correlation of on/off
// signals over the usual frame-rate changes, then a least-squares refit on
// caption starts paired with speech onsets (or with the rises in the
// sound's energy, where a music bed hides the pauses), and a confidence to
// refuse on.
package align
