package align

import (
	"cmp"
	"math"
	"slices"
)

// Lead-in: a line said hesitantly. In spontaneous speech a line often
// begins with a filler ("um", "uh", 嗯, 呃) or with its first word drawn
// out ("aaand …"): a voiced sound held for a quarter second to more than
// a second, softer than the words and often followed by a short pause.
// The synthesizer says it briefly, so the search matches the reference
// to the words after the hesitation and leaves the hesitation itself in
// the pause before the line: a held sound matches the reference frame by
// frame badly (each frame held costs more), and, without the rise and
// fall of syllables, it does not look like speech to the detector. The
// line starts late, by the hesitation and the pause after it.
//
// So, once placed, each unit's start may move back over such a sound,
// judged against the recording itself rather than the synthesizer: the
// frames before the start are compared with the unit's own first frames
// as placed (the same voice, room and microphone, music bed included)
// and with the quiet frames of the pause before it (the room, the noise
// or the bed as it sounds there). A frame nearer the line's own sound
// than the pause's gains; a pause frame inside the lead-in (after the
// hesitation) costs leadPause more than as pause, so the lead-in starts at
// the hesitation's sound, not before. The move is made when it gains at
// least leadGain (some ten frames of a clear hum) within leadMax seconds
// of the start, and a pause comes before it (see pauseBefore). A held note of a music bed
// sounds like the bed, not like the bed with a voice over it, and stays
// in the pause.
const (
	leadMax   = 1.5  // seconds before the start looked at
	leadOwn   = 1.0  // seconds of the unit's own frames compared with
	leadPause = 0.1  // extra cost of a pause frame inside the lead-in
	leadGain  = 1.0  // least total gain to move
	leadQuiet = 16   // least pause frames to judge the pause by
	leadBank  = 48   // most frames of either kind compared with
	leadPast  = 10.0 // seconds of earlier pauses the pause is judged by
)

// leadIn moves fits' starts back over the hesitations before them (see
// above) on the path, and records the move in Fit.Lead.
func leadIn(fits []Fit, path []int32, st *states, x []float32, step float64) {
	T := len(x) / dims
	first, _ := occupancy(path, st.n())
	maxBack := int(leadMax / step)
	var leads [][2]int // the lead-ins found: not pause any more
	for u := range fits {
		s := int(math.Round(fits[u].Start / step))
		pauseFrom := first[st.start[u]-1] // the pause before the unit
		if s-pauseFrom < leadQuiet || s >= T {
			continue
		}
		// The unit's own frames: from its start, leadOwn seconds of
		// those the path gives it.
		var own []int
		for t := s; t < min(T, s+int(leadOwn/step)); t++ {
			if st.unit[path[t]] == int32(u) {
				own = append(own, t)
			}
		}
		if len(own) < leadQuiet {
			continue
		}
		// The pause: the quieter half of this one, and all of the pauses
		// before the stretch looked at within leadPast seconds, this one's
		// included (a bed's held notes sound there as here).
		lo := max(pauseFrom, s-maxBack)
		quiet := quietest(x, pauseFrom, s)
		loud := x[quiet[len(quiet)-1]*dims] // this pause's frames over it are not in yet
		for t := max(0, lo-int(leadPast/step)); t < lo; t++ {
			if st.unit[path[t]] < 0 && !inLead(leads, t) && (t < pauseFrom || x[t*dims] > loud) {
				quiet = append(quiet, t)
			}
		}
		speech, pause := spread(x, own), spread(x, quiet)
		var c, best float64
		from := s
		for t := s - 1; t >= lo; t-- {
			xt := x[t*dims : (t+1)*dims]
			dp, ds := nearestFrame(pause, xt), nearestFrame(speech, xt)
			c += math.Min(ds, dp+leadPause) - dp
			if c < best {
				best, from = c, t
			}
		}
		if best < -leadGain && pauseBefore(x, pause, speech, pauseFrom, from) {
			fits[u].Lead = fits[u].Start - float64(from)*step
			fits[u].Start = float64(from) * step
			leads = append(leads, [2]int{from, s})
		}
	}
}

// quietest is the quieter half (by c0) of the frames a..b-1.
func quietest(x []float32, a, b int) []int {
	ts := make([]int, 0, b-a)
	for t := a; t < b; t++ {
		ts = append(ts, t)
	}
	slices.SortFunc(ts, func(i, j int) int { return cmp.Compare(x[i*dims], x[j*dims]) })
	return ts[:max(1, len(ts)/2)]
}

// spread is up to leadBank of the frames ts, evenly taken.
func spread(x []float32, ts []int) [][]float32 {
	every := max(1, (len(ts)+leadBank-1)/leadBank)
	var out [][]float32
	for i := 0; i < len(ts); i += every {
		out = append(out, x[ts[i]*dims:(ts[i]+1)*dims])
	}
	return out
}

// nearestFrame is the distance of xt to the nearest of vs.
func nearestFrame(vs [][]float32, xt []float32) float64 {
	d := math.Inf(1)
	for _, v := range vs {
		d = math.Min(d, dist(v, xt))
	}
	return d
}

// inLead tells whether frame t is in one of the lead-ins.
func inLead(leads [][2]int, t int) bool {
	for _, l := range leads {
		if t >= l[0] && t < l[1] {
			return true
		}
	}
	return false
}

// pauseBefore tells whether a lead-in starting at frame from follows a
// pause: the leadQuiet frames before it lie inside the pause the path
// found (which starts at pauseFrom) and most of them (three in four) are
// nearer the pause than the line's own sound. Where the path's pause is
// not one (the line before placed too early, its last words left in the
// pause), the sound before a line is that line's, not a hesitation.
func pauseBefore(x []float32, pause, speech [][]float32, pauseFrom, from int) bool {
	if from-pauseFrom < leadQuiet {
		return false
	}
	n := 0
	for t := from - leadQuiet; t < from; t++ {
		xt := x[t*dims : (t+1)*dims]
		if nearestFrame(pause, xt) < nearestFrame(speech, xt) {
			n++
		}
	}
	return 4*n >= 3*leadQuiet
}
