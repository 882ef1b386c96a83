package extcheck

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TrackResult is what Chromium's <track> element loaded from one WebVTT file.
type TrackResult struct {
	File string `json:"file"`
	// ReadyState is the track element's readyState: 2 (LOADED) when the
	// file loaded, 3 (ERROR) when Chromium could not fetch or read it.
	ReadyState int    `json:"readyState"`
	Error      string `json:"error"` // the page's word for a track that did not load
	// Cues are the track's cues: Text is getCueAsHTML()'s text content
	// (escapes decoded, lines joined with "\n"), Raw the cue's text attribute.
	Cues []Cue `json:"cues"`
}

// The page loads every file as a <track kind=subtitles> of its own <video>,
// in hidden mode (loaded, not shown), and when all have loaded or failed
// writes the cues as base64 JSON into <pre id=out>. Base64 keeps the JSON
// clear of HTML escaping in the dumped DOM.
const chromiumPage = `<!doctype html>
<meta charset="utf-8">
<title>subkit track check</title>
<pre id="out"></pre>
<script src="/check.js"></script>
`

const chromiumScript = `"use strict";
const files = FILES;
const results = new Array(files.length);
let left = files.length, done = false;
function finish() {
  if (done) return;
  done = true;
  const bytes = new TextEncoder().encode(JSON.stringify(results));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  document.getElementById("out").textContent = btoa(bin);
}
function settle(i, r) {
  if (results[i]) return;
  results[i] = r;
  if (--left === 0) finish();
}
files.forEach((f, i) => {
  const video = document.createElement("video");
  const track = document.createElement("track");
  track.kind = "subtitles";
  track.srclang = "und";
  track.default = true;
  track.src = "/track/" + i + ".vtt";
  video.appendChild(track);
  document.body.appendChild(video);
  track.addEventListener("load", () => {
    const cues = Array.from(track.track.cues || [], (c) => ({
      id: c.id,
      startMs: Math.round(c.startTime * 1000),
      endMs: Math.round(c.endTime * 1000),
      text: c.getCueAsHTML().textContent,
      raw: c.text,
    }));
    settle(i, {file: f, readyState: track.readyState, cues});
  });
  track.addEventListener("error", () => {
    settle(i, {file: f, readyState: track.readyState, error: "the track fired an error event", cues: []});
  });
  track.track.mode = "hidden";
});
setTimeout(() => {
  files.forEach((f, i) => settle(i, {file: f, readyState: -1, error: "no load or error event in time", cues: []}));
  finish();
}, 20000);
`

var outRE = regexp.MustCompile(`<pre id="out">([A-Za-z0-9+/=]*)</pre>`)

// Chromium loads each WebVTT file into headless Chromium as a <track> and
// returns the cues the browser parsed, in one browser run for all files.
// The files are served from a local httptest server. Browsers drop what
// they cannot parse without a word, so compare the cues with what was
// written (DiffCues); a track that failed to load has an Error.
func Chromium(t testing.TB, files ...string) []TrackResult {
	t.Helper()
	chromium := RequireTool(t, "chromium")
	abs := absAll(t, files)
	tracks := make([][]byte, len(abs))
	for i, f := range abs {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tracks[i] = b
	}
	names, err := json.Marshal(files)
	if err != nil {
		t.Fatal(err)
	}
	script := strings.Replace(chromiumScript, "FILES", string(names), 1)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(chromiumPage))
	})
	mux.HandleFunc("GET /check.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write([]byte(script))
	})
	mux.HandleFunc("GET /track/{name}", func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(strings.TrimSuffix(r.PathValue("name"), ".vtt"))
		if err != nil || i < 0 || i >= len(tracks) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/vtt; charset=utf-8")
		w.Write(tracks[i])
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	stdout, stderr, status := headless(t, chromium, srv.URL+"/",
		"--disable-quic",
		"--mute-audio",
		"--virtual-time-budget=30000",
		"--dump-dom",
	)
	m := outRE.FindSubmatch(stdout)
	if status != 0 || m == nil || len(m[1]) == 0 {
		t.Fatalf("chromium (exit %d) did not finish the page; DOM:\n%s\nstderr:\n%s", status, tail(stdout), tail(stderr))
	}
	js, err := base64.StdEncoding.DecodeString(string(m[1]))
	if err != nil {
		t.Fatalf("chromium page output: %v", err)
	}
	var out []TrackResult
	if err := json.Unmarshal(js, &out); err != nil {
		t.Fatalf("chromium page output: %v\n%s", err, js)
	}
	checkFiles(t, "chromium", files, len(out), func(i int) string { return out[i].File })
	return out
}

// String sums a track up for a failure message.
func (r TrackResult) String() string {
	if r.Error != "" {
		return fmt.Sprintf("%s: readyState %d: %s", r.File, r.ReadyState, r.Error)
	}
	return fmt.Sprintf("%s: readyState %d, %d cues", r.File, r.ReadyState, len(r.Cues))
}

// headless runs Chromium headless on url with a fresh profile directory
// (removed when the test ends), the flags every run here needs, and extra.
func headless(t testing.TB, chromium, url string, extra ...string) (stdout, stderr []byte, status int) {
	t.Helper()
	profile, err := os.MkdirTemp("", "extcheck-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(profile) })
	args := []string{
		"--headless",
		"--no-sandbox", // CI runs as root, where Chromium's sandbox will not start
		"--disable-gpu",
		"--no-first-run",
		"--no-default-browser-check",
		"--disable-background-networking",
		"--disable-component-update",
		"--disable-sync",
		"--disable-extensions",
		"--disable-dev-shm-usage",
		"--user-data-dir=" + profile,
	}
	args = append(append(args, extra...), url)
	return run(t, 2*time.Minute, profile, chromium, args...)
}
