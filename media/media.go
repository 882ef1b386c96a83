// Package media reads what subkit needs from video and audio files through
// ffmpeg's tools, which must be on the PATH.
package media

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// ErrNoFFprobe is returned when ffprobe is not installed.
var ErrNoFFprobe = errors.New("ffprobe not found on the PATH (it comes with ffmpeg; Debian: apt-get install ffmpeg)")

// Duration returns a media file's length as ffprobe reports it: the
// container's duration, or the longest stream's when the container has none.
func Duration(ctx context.Context, path string) (time.Duration, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, err
	}
	bin, err := exec.LookPath("ffprobe")
	if err != nil {
		return 0, ErrNoFFprobe
	}
	cmd := exec.CommandContext(ctx, bin, "-v", "error",
		"-show_entries", "format=duration:stream=duration",
		"-of", "default=noprint_wrappers=1:nokey=1", "--", path)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		return 0, fmt.Errorf("%s: ffprobe: %s", path, firstLine(msg))
	}
	best := -1.0
	for _, f := range strings.Fields(out.String()) {
		v, err := strconv.ParseFloat(f, 64)
		if err == nil && v > best {
			best = v
			break // the format's duration comes first and is the one to trust
		}
	}
	if best <= 0 {
		for _, f := range strings.Fields(out.String()) {
			if v, err := strconv.ParseFloat(f, 64); err == nil && v > best {
				best = v
			}
		}
	}
	if best <= 0 {
		return 0, fmt.Errorf("%s: ffprobe reports no duration (not a video or audio file?)", path)
	}
	return time.Duration(best*1e6+0.5) * time.Microsecond, nil
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
