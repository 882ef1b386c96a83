package extcheck

import (
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

// svgPage shows the image as a browser shows an SVG file: through <img>,
// which draws nothing for an SVG that does not parse.
const svgPage = `<!doctype html>
<meta charset="utf-8">
<style>html,body{margin:0;background:#000}</style>
<img id="im" src="/image.svg">
`

// SVGScreenshot renders an SVG file in headless Chromium, as an <img> on a
// black page of width × height pixels, and returns the screenshot. A file
// Chromium cannot draw leaves the page black.
func SVGScreenshot(t testing.TB, file string, width, height int) image.Image {
	t.Helper()
	chromium := RequireTool(t, "chromium")
	svg, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(svgPage))
	})
	mux.HandleFunc("GET /image.svg", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Write(svg)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	shot := filepath.Join(t.TempDir(), "shot.png")
	_, stderr, status := headless(t, chromium, srv.URL+"/",
		"--hide-scrollbars",
		"--virtual-time-budget=10000",
		fmt.Sprintf("--window-size=%d,%d", width, height),
		"--screenshot="+shot,
	)
	f, err := os.Open(shot)
	if status != 0 || err != nil {
		t.Fatalf("chromium (exit %d) made no screenshot: %v\nstderr:\n%s", status, err, tail(stderr))
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("chromium's screenshot: %v", err)
	}
	return img
}
