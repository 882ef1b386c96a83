package timing

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ParseShots reads a list of shot changes, one a line, as tools that
// detect them write it. On each line the first word is the cut; the rest
// of the line is ignored, as are blank lines and lines starting with #:
//
//	12.345             seconds
//	0:01:02.500        clock time (also 01:02.5, 1:02:03,5, 90s, 1m30.5s)
//	1234f              a frame number (also "frame 1234")
//	00:01:02:12        SMPTE timecode, HH:MM:SS:FF; with ; before the
//	                   frames (00:01:02;12), drop-frame at 29.97 or 59.94
//	fps 24000/1001     the rate of the frame numbers and timecodes below
//	                   (also "fps: 23.976", "rate=25")
//
// A word of the form key=value (ffmpeg's lavfi.scd.time=12.345) is read
// as its value. Frame numbers and timecodes before any fps line are at
// rate, which may be zero when none is known: they are then an error.
// It returns the cut times, in the file's order, and the rate of the
// last fps line (zero without one). Errors name the file and line.
func ParseShots(name string, r io.Reader, rate Rate) ([]time.Duration, Rate, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var out []time.Duration
	var fileRate Rate
	n := 0
	fail := func(format string, a ...any) error {
		return fmt.Errorf("%s:%d: %s", name, n, fmt.Sprintf(format, a...))
	}
	for sc.Scan() {
		n++
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\uFEFF"))
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Fields(line)
		word := strings.ToLower(fields[0])
		// fps 25, fps: 25, fps=25, rate 25
		for _, key := range []string{"fps", "rate", "framerate", "frame_rate"} {
			rest, ok := strings.CutPrefix(word, key)
			if !ok || rest != "" && rest[0] != ':' && rest[0] != '=' {
				continue
			}
			v := strings.TrimLeft(rest, ":=")
			if v == "" && len(fields) > 1 {
				v = fields[1]
			}
			r, err := ParseRate(v)
			if err != nil {
				return nil, Rate{}, fail("%v", err)
			}
			rate, fileRate = r, r
			word = ""
			break
		}
		if word == "" {
			continue
		}
		if word == "frame" && len(fields) > 1 {
			word = fields[1] + "f"
		}
		if i := strings.LastIndexByte(word, '='); i >= 0 {
			word = word[i+1:]
		}
		t, err := parseCut(word, rate)
		if err != nil {
			return nil, Rate{}, fail("%v", err)
		}
		out = append(out, t)
	}
	if err := sc.Err(); err != nil {
		return nil, Rate{}, fmt.Errorf("%s:%d: %w", name, n+1, err)
	}
	return out, fileRate, nil
}

// noRate is the error for frames without a rate.
const noRate = "%q counts frames, but no frame rate is known: add a line \"fps 24000/1001\" before it, or give the video"

// parseCut reads one cut.
func parseCut(w string, rate Rate) (time.Duration, error) {
	if f, ok := strings.CutSuffix(w, "f"); ok && isDigits(f) {
		if !rate.Valid() {
			return 0, fmt.Errorf(noRate, w)
		}
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil || n > 1e9 {
			return 0, fmt.Errorf("frame number %q out of range", w)
		}
		return rate.Time(n), nil
	}
	if strings.Count(w, ":") == 3 || strings.Count(w, ":") == 2 && strings.Contains(w, ";") {
		return parseTimecode(w, rate)
	}
	d, err := ParseDuration(w)
	if err != nil {
		return 0, fmt.Errorf("%q is not a time, a frame number (1234f) or a timecode (00:01:02:12)", w)
	}
	if d < 0 {
		return 0, fmt.Errorf("%q is before the start of the video", w)
	}
	if d > 1000*time.Hour {
		return 0, fmt.Errorf("%q is later than any video", w)
	}
	return d, nil
}

// parseTimecode reads HH:MM:SS:FF, or HH:MM:SS;FF (drop-frame).
func parseTimecode(w string, rate Rate) (time.Duration, error) {
	if !rate.Valid() {
		return 0, fmt.Errorf(noRate, w)
	}
	drop := strings.Contains(w, ";")
	parts := strings.FieldsFunc(w, func(r rune) bool { return r == ':' || r == ';' })
	if len(parts) != 4 {
		return 0, fmt.Errorf("bad timecode %q: want HH:MM:SS:FF", w)
	}
	var v [4]int64
	for i, p := range parts {
		if !isDigits(p) || len(p) > 4 {
			return 0, fmt.Errorf("bad timecode %q: want HH:MM:SS:FF", w)
		}
		v[i], _ = strconv.ParseInt(p, 10, 64)
	}
	nominal := (rate.Num + rate.Den/2) / rate.Den // 30 for 29.97
	if v[1] > 59 || v[2] > 59 || v[3] >= nominal {
		return 0, fmt.Errorf("bad timecode %q: minutes and seconds go to 59, frames to %d", w, nominal-1)
	}
	frames := (v[0]*3600+v[1]*60+v[2])*nominal + v[3]
	if drop {
		if rate.Den != 1001 || nominal%30 != 0 {
			return 0, fmt.Errorf("drop-frame timecode %q needs 29.97 or 59.94 fps, not %s", w, rate)
		}
		// Two frame numbers (four at 59.94) are skipped each minute but
		// every tenth.
		d := nominal / 15
		mins := v[0]*60 + v[1]
		if v[2] == 0 && v[3] < d && mins%10 != 0 {
			return 0, fmt.Errorf("drop-frame timecode %q names a dropped frame number", w)
		}
		frames -= d * (mins - mins/10)
	}
	return rate.Time(frames), nil
}

// WriteShots writes shots in the form ParseShots reads: an fps line,
// then each cut as a frame number and, after it, its time.
func WriteShots(w io.Writer, s Shots, source string) error {
	bw := bufio.NewWriter(w)
	if source != "" {
		fmt.Fprintf(bw, "# shot changes in %s: %d\n", strings.ReplaceAll(source, "\n", " "), len(s.Cuts))
	}
	fmt.Fprintf(bw, "fps %s\n", s.Rate)
	for _, c := range s.Cuts {
		fmt.Fprintf(bw, "%df %s\n", c, FormatDuration(s.Rate.Time(c)))
	}
	return bw.Flush()
}
