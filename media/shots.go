package media

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"

	"github.com/subkit-dev/subkit/timing"
)

// ErrNoFFmpeg is returned when ffmpeg is not installed.
var ErrNoFFmpeg = errors.New("ffmpeg not found on the PATH (Debian: apt-get install ffmpeg)")

// ShotOptions tune DetectShots; the zero value is the default.
type ShotOptions struct {
	// Rate counts frames at this rate: the video's own when a Probe has
	// found it, or another. Zero: DetectShots probes the video for it.
	Rate timing.Rate
	// Threshold is the least score (0 to 1) a cut has; 0 is 0.12.
	Threshold float64
}

// The frames DetectShots measures: small enough to cost little next to
// decoding, large enough to tell shots apart.
const (
	shotW, shotH = 64, 36
	shotFrame    = shotW*shotH + 2*(shotW/2)*(shotH/2) // yuv420p
	shotWindow   = 8                                   // frames either side a cut stands out from
)

// DetectShots finds the shot changes (hard cuts) in a video. ffmpeg
// decodes it (skipping the H.264 loop filter, which changes nothing a cut
// detector sees), scales each frame to 64x36 and pipes it here; the
// frames are counted at the video's frame rate (or o.Rate), duplicated or
// dropped by ffmpeg where the video's own timing is uneven, so frame n is
// at n/rate exactly. A frame starts a shot when it differs from the one
// before it (pixels and colour histogram) far more than the frames around
// it differ from each other: motion, flashes and fades do not count.
// Memory does not grow with the video's length.
func DetectShots(ctx context.Context, path string, o ShotOptions) (timing.Shots, error) {
	rate := o.Rate
	if !rate.Valid() {
		r, err := FrameRate(ctx, path)
		if err != nil {
			return timing.Shots{}, err
		}
		rate = r
	}
	bin, err := exec.LookPath("ffmpeg")
	if err != nil {
		return timing.Shots{}, fmt.Errorf("%s: %w", path, ErrNoFFmpeg)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-nostdin", "-v", "error",
		"-skip_loop_filter", "all", "-an", "-sn", "-dn", "-i", fileArg(path),
		"-map", "0:v:0", "-vf", fmt.Sprintf("scale=%d:%d:flags=area,format=yuv420p", shotW, shotH),
		"-fps_mode", "cfr", "-r", rate.String(), "-f", "rawvideo", "-")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	out, err := cmd.StdoutPipe()
	if err != nil {
		return timing.Shots{}, err
	}
	if err := cmd.Start(); err != nil {
		return timing.Shots{}, fmt.Errorf("%s: ffmpeg: %w", path, err)
	}
	cuts, n, rerr := detectCuts(bufio.NewReaderSize(out, 1<<16), o.Threshold)
	if rerr != nil {
		cancel()
	}
	werr := cmd.Wait()
	switch {
	case rerr != nil:
		return timing.Shots{}, fmt.Errorf("%s: reading ffmpeg's frames: %w", path, rerr)
	case werr != nil:
		msg := firstLine(strings.TrimSpace(errb.String()))
		if msg == "" {
			msg = werr.Error()
		}
		if strings.Contains(msg, "matches no streams") || strings.Contains(msg, "does not contain any stream") {
			return timing.Shots{}, fmt.Errorf("%s: %w (it has no video stream)", path, ErrNotMedia)
		}
		return timing.Shots{}, fmt.Errorf("%s: ffmpeg could not decode it: %s", path, msg)
	case n == 0:
		return timing.Shots{}, fmt.Errorf("%s: %w (ffmpeg decoded no video frames)", path, ErrNotMedia)
	}
	return timing.Shots{Rate: rate, Cuts: cuts}, nil
}

// detectCuts reads yuv420p frames of shotW×shotH and returns the frames
// that start a shot, and how many frames there were.
func detectCuts(r io.Reader, threshold float64) ([]int64, int64, error) {
	if threshold <= 0 {
		threshold = 0.12
	}
	var d cutDetector
	d.threshold = threshold
	prev, cur := make([]byte, shotFrame), make([]byte, shotFrame)
	var ph, ch histogram
	var n int64
	for {
		_, err := io.ReadFull(r, cur)
		if err == io.EOF {
			break
		}
		if err == io.ErrUnexpectedEOF {
			return nil, n, fmt.Errorf("the stream ended inside frame %d", n)
		}
		if err != nil {
			return nil, n, err
		}
		ch.of(cur)
		if n > 0 {
			d.push(frameDiff(prev, cur, &ph, &ch))
		}
		prev, cur = cur, prev
		ph, ch = ch, ph
		n++
	}
	d.flush()
	return d.cuts, n, nil
}

// histogram counts a frame's luma in 16 bins and each chroma plane in 8,
// each pixel shared between the two bins nearest its value, so that a
// slow fade moves the counts a little each frame, not all at once when
// it crosses a bin's edge. A luma pixel weighs 16 in all, a chroma one 32.
type histogram [32]int32

func (h *histogram) of(f []byte) {
	*h = histogram{}
	for _, v := range f[:shotW*shotH] {
		soft(h[:16], int(v)-8, 4)
	}
	c := f[shotW*shotH:]
	half := len(c) / 2
	for _, v := range c[:half] {
		soft(h[16:24], int(v)-16, 5)
	}
	for _, v := range c[half:] {
		soft(h[24:32], int(v)-16, 5)
	}
}

// soft adds a value x to bins of width 1<<shift, split between the two
// bins whose centres it lies between.
func soft(bins []int32, x int, shift uint) {
	w := int32(1) << shift
	if x < 0 {
		bins[0] += w
		return
	}
	b, frac := x>>shift, int32(x&(int(w)-1))
	if b >= len(bins)-1 {
		bins[len(bins)-1] += w
		return
	}
	bins[b] += w - frac
	bins[b+1] += frac
}

// frameDiff scores how unlike two frames are, from 0 to 1: the mean of
// their mean pixel difference (luma and chroma, times 4) and the share of
// their histograms that differs (luma weighing half, each chroma plane a
// quarter).
func frameDiff(a, b []byte, ha, hb *histogram) float64 {
	var sum int64
	for i := range a {
		x := int64(a[i]) - int64(b[i])
		if x < 0 {
			x = -x
		}
		sum += x
	}
	mad := min(1, float64(sum)/float64(len(a))/255*4)
	l1 := func(lo, hi int) float64 {
		var d int64
		for i := lo; i < hi; i++ {
			x := int64(ha[i] - hb[i])
			if x < 0 {
				x = -x
			}
			d += x
		}
		return float64(d)
	}
	const ny, nc = shotW * shotH, (shotW / 2) * (shotH / 2)
	hist := l1(0, 16)/(2*16*ny)/2 + l1(16, 24)/(2*32*nc)/4 + l1(24, 32)/(2*32*nc)/4
	return (mad + hist) / 2
}

// cutDetector decides, shotWindow frames late, whether a frame starts a
// shot: its difference from the frame before must be over the threshold,
// twice the larger of its neighbours' (a single flash frame or a fast
// pan has two or more large differences in a row), and three times the
// mean of the differences around it.
type cutDetector struct {
	threshold float64
	diffs     []float64 // diffs[j] is the difference into frame first+j
	first     int64
	next      int64 // the next frame to decide
	cuts      []int64
}

func (d *cutDetector) push(x float64) {
	if d.first == 0 {
		d.first, d.next = 1, 1
	}
	d.diffs = append(d.diffs, x)
	last := d.first + int64(len(d.diffs)) - 1
	for d.next+shotWindow <= last {
		d.decide(d.next)
		d.next++
	}
	if drop := int(d.next - shotWindow - d.first); drop > 0 {
		d.diffs = append(d.diffs[:0], d.diffs[drop:]...)
		d.first += int64(drop)
	}
}

// flush decides the frames still waiting at the end.
func (d *cutDetector) flush() {
	for last := d.first + int64(len(d.diffs)) - 1; d.next > 0 && d.next <= last; d.next++ {
		d.decide(d.next)
	}
}

func (d *cutDetector) decide(f int64) {
	i := int(f - d.first)
	x := d.diffs[i]
	if x < d.threshold {
		return
	}
	near := 0.0
	if i > 0 {
		near = d.diffs[i-1]
	}
	if i+1 < len(d.diffs) {
		near = max(near, d.diffs[i+1])
	}
	if x < 2*near {
		return
	}
	sum, n := 0.0, 0
	for j := max(0, i-shotWindow); j <= min(len(d.diffs)-1, i+shotWindow); j++ {
		if j != i {
			sum += d.diffs[j]
			n++
		}
	}
	if n > 0 && x < 3*sum/float64(n) {
		return
	}
	d.cuts = append(d.cuts, f)
}
