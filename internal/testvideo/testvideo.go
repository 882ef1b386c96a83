// Package testvideo makes small videos with shot changes at known frames
// for tests, with ffmpeg's test sources: each shot a different source,
// joined end to end.
package testvideo

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/subkit-dev/subkit/internal/extcheck"
)

// Shot is one shot: an ffmpeg lavfi source without size or rate
// ("testsrc2", "color=c=red"), how many frames it lasts, and an optional
// filter on it ("drawbox=c=white:t=fill:enable='eq(n,20)'" for a flash).
type Shot struct {
	Source string
	Frames int
	Filter string
}

// Default is five shots with motion (testsrc2 moves), a white flash in
// the first shot (frame 20: not a cut), and a near-black shot.
var Default = []Shot{
	{Source: "testsrc2", Frames: 40, Filter: "drawbox=c=white:t=fill:enable='eq(n,20)'"},
	{Source: "smptebars", Frames: 35},
	{Source: "rgbtestsrc", Frames: 29},
	{Source: "testsrc", Frames: 50},
	{Source: "color=c=0x101018", Frames: 31},
	{Source: "testsrc2", Frames: 25},
}

// Make writes the shots as an H.264 MP4 of 320x180 at rate (an ffmpeg
// rate: "30000/1001", "25") to dir/name and returns its path and the
// frames each shot after the first starts on. It skips the test when
// ffmpeg is missing (fails it under CI).
func Make(t testing.TB, dir, name, rate string, shots []Shot) (string, []int64) {
	t.Helper()
	bin := extcheck.RequireTool(t, "ffmpeg")
	extcheck.RequireTool(t, "ffprobe")
	path := filepath.Join(dir, name)
	args, cuts := Args(path, rate, shots)
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg making the test video: %v: %s", err, out)
	}
	return path, cuts
}

// Args are the ffmpeg arguments that write the shots to path, and the
// frames each shot after the first starts on.
func Args(path, rate string, shots []Shot) ([]string, []int64) {
	args := []string{"-nostdin", "-v", "error"}
	var chain strings.Builder
	var cuts []int64
	total := 0
	for i, s := range shots {
		src := s.Source
		sep := "="
		if strings.Contains(src, "=") {
			sep = ":"
		}
		f := fmt.Sprintf("%s%ss=320x180:r=%s,trim=end_frame=%d,setpts=PTS-STARTPTS,format=yuv420p,setsar=1", src, sep, rate, s.Frames)
		if s.Filter != "" {
			f += "," + s.Filter
		}
		args = append(args, "-f", "lavfi", "-i", f)
		fmt.Fprintf(&chain, "[%d]", i)
		if i > 0 {
			cuts = append(cuts, int64(total))
		}
		total += s.Frames
	}
	args = append(args, "-filter_complex", fmt.Sprintf("%sconcat=n=%d[v]", chain.String(), len(shots)), "-map", "[v]",
		"-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-r", rate, "-y", path)
	return args, cuts
}
