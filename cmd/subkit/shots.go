package main

// Shot changes: the shots command, and --video and --shots for check,
// fix, generate and align.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/subkit-dev/subkit/media"
	"github.com/subkit-dev/subkit/timing"
)

// shotFlags are check's flags for shot changes (fix and generate word
// theirs as moves).
func shotFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "video", Usage: "check captions against the shot changes in the video `FILE` (found with ffmpeg)"},
		&cli.StringFlag{Name: "shots", Usage: "check captions against the shot changes listed in `FILE`, one a line: seconds, 0:01:02.500, 1234f after an \"fps 24000/1001\" line, or 00:01:02:12 (the shots command writes it)"},
	}
}

// shotSource is the shot changes --video or --shots gave: their times and
// the frame rate they are counted at, when one is known.
type shotSource struct {
	times []time.Duration
	rate  timing.Rate // the video's, --fps, or the list's fps line; zero: the profile's (guide.Profile.Shots)
	name  string
}

// readShotFlags reads --video and --shots; nil when neither is given. With
// both, the list is read and the video gives its frame rate. fps is
// --fps, 0 when not given. probed is what ffprobe found of --video when
// the command has probed it already, nil when not: the video is probed
// here only when its rate is needed and not known.
func (e *env) readShotFlags(c *cli.Context, fps float64, probed *media.Info) (*shotSource, error) {
	video, list := c.String("video"), c.String("shots")
	if video == "" && list == "" {
		return nil, nil
	}
	ctx := context.Background()
	s := &shotSource{}
	switch {
	case fps > 0:
		s.rate = timing.RateOf(fps)
	case video != "" && probed != nil:
		r, err := probed.FrameRate()
		if err != nil {
			return nil, err
		}
		s.rate = r
	case video != "" && list != "":
		r, err := media.FrameRate(ctx, video)
		if err != nil {
			return nil, videoError(err)
		}
		s.rate = r
	}
	if video != "" && list == "" {
		// With no rate known, DetectShots probes the video for it.
		shots, err := media.DetectShots(ctx, video, media.ShotOptions{Rate: s.rate})
		if err != nil {
			return nil, videoError(err)
		}
		s.times, s.rate, s.name = shots.Times(), shots.Rate, video
		return s, nil
	}
	b, err := e.readInput(list)
	if err != nil {
		return nil, fmt.Errorf("--shots: %w", err)
	}
	times, fileRate, err := timing.ParseShots(displayName(list), bytes.NewReader(b), s.rate)
	if err != nil {
		return nil, err
	}
	if !s.rate.Valid() {
		s.rate = fileRate
	}
	s.times, s.name = times, list
	return s, nil
}

func videoError(err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("--video: %w", err)
	}
	return err
}

func shotsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "shots",
		Usage:     "list the shot changes in a video, for check --shots and fix --shots",
		ArgsUsage: "VIDEO",
		Description: `Finds the hard cuts in a video with ffmpeg and writes them one a line: the
frame each new shot starts on, at the video's exact frame rate (an "fps"
line comes first), and its time. check, fix, generate and align read the
list with --shots, so a long video is decoded once.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "output `FILE`, or - for standard output", Value: "-"},
			&cli.BoolFlag{Name: "force", Aliases: []string{"f"}, Usage: "replace an existing output file", DisableDefaultText: true},
			&cli.Float64Flag{Name: "fps", Usage: "count frames at `N` frames a second", DefaultText: "the video's"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("shots: give one video")
			}
			var rate timing.Rate
			if c.IsSet("fps") {
				if !(c.Float64("fps") > 0) {
					return usagef("--fps must be positive")
				}
				rate = timing.RateOf(c.Float64("fps"))
			}
			out := c.String("output")
			exists, was := lookOutput(out)
			if exists && !c.Bool("force") {
				return fmt.Errorf("output %s exists (use --force to replace it)", out)
			}
			video := c.Args().First()
			s, err := media.DetectShots(context.Background(), video, media.ShotOptions{Rate: rate})
			if err != nil {
				return err
			}
			var b bytes.Buffer
			if err := timing.WriteShots(&b, s, video); err != nil {
				return err
			}
			if out == "-" {
				_, err := e.stdout.Write(b.Bytes())
				return err
			}
			return e.writeOutputs([]output{{path: out, data: b.Bytes(), fresh: !exists, was: was}})
		},
	}
}
