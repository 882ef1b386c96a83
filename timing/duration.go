package timing

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// ParseDuration reads a duration as users write it on a command line:
//
//	90s  1m30.5s  1h2m  (Go's time.ParseDuration units)
//	01:02:03.500  1:02:03,5  02:03  (clock time: [h:]m:s with . or , before the fraction)
//	90.5  (plain seconds)
//
// A leading minus makes it negative. The result is exact to the nanosecond;
// callers round it where they need whole milliseconds.
func ParseDuration(s string) (time.Duration, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return 0, fmt.Errorf("empty duration")
	}
	neg := false
	body := in
	if body[0] == '-' || body[0] == '+' {
		neg = body[0] == '-'
		body = body[1:]
	}
	var d time.Duration
	var err error
	switch {
	case strings.Contains(body, ":"):
		d, err = parseClock(body)
	case isPlainNumber(body):
		d, err = parseSeconds(body)
	default:
		d, err = time.ParseDuration(body)
		if err == nil && d < 0 {
			err = fmt.Errorf("sign inside duration")
		}
	}
	if err != nil {
		return 0, fmt.Errorf("bad duration %q: want 90s, 1m30.5s, 01:02:03.500 or seconds like 90.5", s)
	}
	if neg {
		d = -d
	}
	return d, nil
}

func isPlainNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' && r != ',' {
			return false
		}
	}
	return true
}

// parseSeconds reads "90", "90.5" or "90,5" as seconds, exactly.
func parseSeconds(s string) (time.Duration, error) {
	s = strings.Replace(s, ",", ".", 1)
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" {
		return 0, fmt.Errorf("no digits")
	}
	var w int64
	if whole != "" {
		v, err := strconv.ParseInt(whole, 10, 64)
		if err != nil || v > math.MaxInt64/int64(time.Second) {
			return 0, fmt.Errorf("bad seconds")
		}
		w = v
	}
	d := time.Duration(w) * time.Second
	if frac != "" {
		if len(frac) > 9 {
			frac = frac[:9]
		}
		v, err := strconv.ParseInt(frac, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("bad fraction")
		}
		for i := len(frac); i < 9; i++ {
			v *= 10
		}
		d += time.Duration(v)
	}
	return d, nil
}

func parseClock(s string) (time.Duration, error) {
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, fmt.Errorf("too many fields")
	}
	sec, err := parseSeconds(parts[len(parts)-1])
	if err != nil || parts[len(parts)-1] == "" || sec >= 60*time.Second {
		return 0, fmt.Errorf("bad seconds field")
	}
	d := sec
	unit := time.Minute
	for i := len(parts) - 2; i >= 0; i-- {
		p := parts[i]
		if p == "" || !isDigits(p) {
			return 0, fmt.Errorf("bad field")
		}
		v, err := strconv.ParseInt(p, 10, 64)
		if err != nil || v > 1<<31 {
			return 0, fmt.Errorf("bad field")
		}
		if i > 0 && v >= 60 {
			return 0, fmt.Errorf("minutes over 59")
		}
		d += time.Duration(v) * unit
		unit = time.Hour
	}
	return d, nil
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// FormatDuration writes d as H:MM:SS.mmm, rounded to the millisecond, the
// form ParseDuration reads back and people read at a glance.
func FormatDuration(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	ms := (d + time.Millisecond/2) / time.Millisecond
	h := ms / 3600000
	m := ms / 60000 % 60
	sec := ms / 1000 % 60
	return fmt.Sprintf("%s%d:%02d:%02d.%03d", sign, h, m, sec, ms%1000)
}

// FormatSeconds writes a length of time in seconds, to the millisecond,
// without trailing zeros: 0.267s, 7s. Reports write lengths this way and
// points in time with FormatDuration.
func FormatSeconds(d time.Duration) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", d.Seconds()), "0"), ".") + "s"
}
