// Package media reads what subkit needs from video and audio files through
// ffmpeg's tools, which must be on the PATH.
package media

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/subkit-dev/subkit/timing"
)

// ErrNoFFprobe is returned when ffprobe is not installed.
var ErrNoFFprobe = errors.New("ffprobe not found on the PATH (it comes with ffmpeg; Debian: apt-get install ffmpeg)")

// ErrNotMedia is returned for a file that has no video or audio stream:
// a text file, a caption file, an image.
var ErrNotMedia = errors.New("not a video or audio file")

// Info is what one ffprobe run tells of a media file: Probe finds it, so
// that a command that needs a video's length and its frame rate runs
// ffprobe once.
type Info struct {
	// Duration is the container's duration, or the longest stream's when
	// the container has none; 0 when ffprobe reports none.
	Duration time.Duration
	// Rate is the frame rate of the first video stream as an exact
	// fraction (24000/1001 for 23.976); zero when the file has no video
	// stream or ffprobe reports no rate for it.
	Rate timing.Rate
	// Video says the file has a video stream.
	Video bool
	path  string
}

// probe is the part of ffprobe's JSON that Probe reads.
type probe struct {
	Format struct {
		Name     string `json:"format_name"`
		Duration string `json:"duration"`
	} `json:"format"`
	Streams []struct {
		Type     string `json:"codec_type"`
		Codec    string `json:"codec_name"`
		Duration string `json:"duration"`
		R        string `json:"r_frame_rate"`
		Avg      string `json:"avg_frame_rate"`
	} `json:"streams"`
}

// Probe runs ffprobe once on a media file and returns its length and the
// frame rate of its first video stream. A file with no video or audio
// stream is ErrNotMedia.
func Probe(ctx context.Context, path string) (Info, error) {
	var p probe
	err := probeJSON(ctx, path, &p, "-show_entries",
		"format=format_name,duration:stream=codec_type,codec_name,duration,r_frame_rate,avg_frame_rate")
	var pf probeFailed
	if errors.As(err, &pf) && strings.Contains(pf.msg, "Invalid data found") {
		return Info{}, fmt.Errorf("%s: %w (ffprobe: invalid data)", path, ErrNotMedia)
	}
	if err != nil {
		return Info{}, err
	}
	info := Info{path: path}
	// Text read as a terminal animation (the tty demuxer, codec ansi) or
	// a caption file has no real picture or sound.
	media := false
	for _, s := range p.Streams {
		if (s.Type != "video" && s.Type != "audio") || s.Codec == "ansi" || p.Format.Name == "tty" {
			continue
		}
		media = true
		if s.Type == "video" && !info.Video {
			info.Video = true
			// r_frame_rate is the stream's base rate: for constant-rate
			// video, its rate; avg_frame_rate stands in when it is missing.
			for _, v := range []string{s.R, s.Avg} {
				if r, err := timing.ParseRate(v); err == nil && r.FPS() <= 1000 {
					info.Rate = r
					break
				}
			}
		}
	}
	if !media {
		what := p.Format.Name
		if what == "" {
			what = "unknown"
		}
		return Info{}, fmt.Errorf("%s: %w (ffprobe reads it as %s)", path, ErrNotMedia, what)
	}
	best := seconds(p.Format.Duration)
	if best <= 0 {
		for _, s := range p.Streams {
			best = max(best, seconds(s.Duration))
		}
	}
	if best > 0 {
		info.Duration = time.Duration(best*1e6+0.5) * time.Microsecond
	}
	return info, nil
}

// Length is i.Duration, or an error naming the file when ffprobe reported
// none.
func (i Info) Length() (time.Duration, error) {
	if i.Duration <= 0 {
		return 0, fmt.Errorf("%s: ffprobe reports no duration", i.path)
	}
	return i.Duration, nil
}

// FrameRate is i.Rate, or an error naming the file when it has no video
// (ErrNotMedia) or ffprobe reported no rate for it.
func (i Info) FrameRate() (timing.Rate, error) {
	switch {
	case !i.Video:
		return timing.Rate{}, fmt.Errorf("%s: %w (it has no video stream)", i.path, ErrNotMedia)
	case !i.Rate.Valid():
		return timing.Rate{}, fmt.Errorf("%s: ffprobe reports no frame rate for its video", i.path)
	}
	return i.Rate, nil
}

// Duration returns a media file's length as ffprobe reports it: the
// container's duration, or the longest stream's when the container has none.
// A file with no video or audio stream is ErrNotMedia.
func Duration(ctx context.Context, path string) (time.Duration, error) {
	i, err := Probe(ctx, path)
	if err != nil {
		return 0, err
	}
	return i.Length()
}

// FrameRate returns the frame rate of a file's first video stream as an
// exact fraction (24000/1001 for 23.976), as ffprobe reports it. A file
// with no video stream is ErrNotMedia.
func FrameRate(ctx context.Context, path string) (timing.Rate, error) {
	i, err := Probe(ctx, path)
	if err != nil {
		return timing.Rate{}, err
	}
	return i.FrameRate()
}

// probeJSON runs ffprobe on path with args (which -show_entries to
// report) and decodes its JSON report into v. A missing file is its
// os.Stat error, a missing ffprobe ErrNoFFprobe, and ffprobe's own
// failure a probeFailed with the first line it printed.
func probeJSON(ctx context.Context, path string, v any, args ...string) error {
	if _, err := os.Stat(path); err != nil {
		return err
	}
	bin, err := exec.LookPath("ffprobe")
	if err != nil {
		return ErrNoFFprobe
	}
	args = append(append([]string{"-v", "error"}, args...), "-of", "json", "--", fileArg(path))
	cmd := exec.CommandContext(ctx, bin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := firstLine(strings.TrimSpace(errb.String()))
		if msg == "" {
			msg = err.Error()
		}
		return probeFailed{path: path, msg: msg}
	}
	if err := json.Unmarshal(out.Bytes(), v); err != nil {
		return fmt.Errorf("%s: ffprobe: %v", path, err)
	}
	return nil
}

// probeFailed is ffprobe failing on a file: msg is the first line it
// printed.
type probeFailed struct{ path, msg string }

func (e probeFailed) Error() string {
	return fmt.Sprintf("%s: ffprobe: %s", e.path, strings.TrimPrefix(e.msg, fileArg(e.path)+": "))
}

// fileArg is path as ffmpeg's tools should read it: "file:" keeps a name
// with a colon (c:d.mp4, file:x.flac) from being taken for a protocol.
func fileArg(path string) string {
	if strings.HasPrefix(path, "/") {
		return path
	}
	return "file:" + path
}

func seconds(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0
	}
	return v
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
