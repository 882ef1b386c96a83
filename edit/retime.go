package edit

import (
	"fmt"
	"strconv"
	"time"

	"github.com/subkit-dev/subkit/subtitle"
	"github.com/subkit-dev/subkit/timing"
)

// Maps puts the maps in order and adds the sync map, whose #N points
// (SyncPoint.Cue) are the starts of d's captions. Every sync point's OLD
// (a time in the file) maps exactly to its NEW, whatever maps come first.
func Maps(maps []timing.Map, points []timing.SyncPoint, d *subtitle.Document) (timing.Map, error) {
	m := timing.Map(func(t time.Duration) time.Duration { return t })
	for _, n := range maps {
		m = m.Then(n)
	}
	if len(points) == 0 {
		return m, nil
	}
	var ps []timing.Point
	for _, p := range points {
		old := p.Old
		if p.Cue > 0 {
			if p.Cue > len(d.Cues) {
				return nil, fmt.Errorf("--sync #%d: the file has %d captions", p.Cue, len(d.Cues))
			}
			old = d.Cues[p.Cue-1].Start
		}
		// OLD is a time in the file; the other maps come first, so the
		// sync starts from where they put it, and the point lands on NEW.
		ps = append(ps, timing.Point{Old: m(old), New: p.New})
	}
	sync, err := timing.Sync(ps)
	if err != nil {
		return nil, fmt.Errorf("--sync: %w", err)
	}
	return m.Then(sync), nil
}

// Retime applies m to every cue and its inline timestamps and returns
// what had to be clamped or dropped, as warnings naming the captions.
func Retime(d *subtitle.Document, m timing.Map, o timing.RetimeOptions) []string {
	items := make([]timing.Interval, len(d.Cues))
	for i, c := range d.Cues {
		items[i] = timing.Interval{Start: c.Start, End: c.End}
		for _, l := range c.Lines {
			for _, s := range l {
				if s.Timed {
					items[i].Inline = append(items[i].Inline, s.At)
				}
			}
		}
	}
	out, rep := timing.Retime(items, m, o)
	dropped := map[int]bool{}
	if rep.Dropped {
		for _, i := range rep.Before0 {
			dropped[i] = true
		}
	}
	cues := d.Cues[:0]
	k := 0
	for i, c := range d.Cues {
		if dropped[i] {
			continue
		}
		n := out[k]
		k++
		c.Start, c.End = n.Start, n.End
		j := 0
		for li := range c.Lines {
			for si := range c.Lines[li] {
				if c.Lines[li][si].Timed {
					c.Lines[li][si].At = n.Inline[j]
					j++
				}
			}
		}
		cues = append(cues, c)
	}
	d.Cues = cues
	var ws []string
	for _, i := range rep.Clamped {
		ws = append(ws, "caption "+strconv.Itoa(i+1)+" started before 0 and now starts at 0")
	}
	for _, i := range rep.Before0 {
		if rep.Dropped {
			ws = append(ws, "caption "+strconv.Itoa(i+1)+" fell wholly before 0 and was dropped (--drop-negative)")
		} else {
			ws = append(ws, "caption "+strconv.Itoa(i+1)+" fell wholly before 0 and is kept at 0 (--drop-negative drops it)")
		}
	}
	return ws
}
