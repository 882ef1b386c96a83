# Everyday tasks. `make test` is what CI runs (see .ci/run and README.md).

GO ?= go

.PHONY: all build test test-long check fuzz bench bench-timing bench-align bench-realspeech bench-sync-realspeech heldback-speech update-golden tools readme-examples

all: check test

build:
	$(GO) build -o bin/subkit ./cmd/subkit

# The test command README.md gives and CI runs.
test:
	$(GO) test -race ./...

# The same tests at their long sizes: accuracy on long synthetic tracks,
# the 1,000,000-cue file, many more random cases (see internal/longtest).
test-long:
	SUBKIT_LONG=1 $(GO) test -race -timeout 60m ./...

# What must be clean before a commit.
check:
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt: files above need formatting"; exit 1; }
	$(GO) vet ./...
	$(GO) mod tidy -diff

# Installs the independent clients the tests check output with.
tools:
	npm ci --prefix tools/validate

# Runs every example of README.md in a fresh clone and compares the output
# it shows (needs espeak-ng, ffmpeg, jq, iconv).
readme-examples:
	scripts/readme-examples.py

# Rewrites golden files; review the diff by eye before committing.
update-golden:
	$(GO) test ./subtitle ./subtitle/srt ./cmd/subkit -run 'Golden' -update

fuzz:
	$(GO) test ./subtitle -run '^$$' -fuzz FuzzDecodeText -fuzztime 60s
	$(GO) test ./subtitle -run '^$$' -fuzz 'FuzzRead$$' -fuzztime 60s
	$(GO) test ./subtitle/srt -run '^$$' -fuzz FuzzReadSRT -fuzztime 60s
	$(GO) test ./subtitle/webvtt -run '^$$' -fuzz FuzzReadWebVTT -fuzztime 60s
	$(GO) test ./subtitle/ttml -run '^$$' -fuzz FuzzReadTTML -fuzztime 60s
	$(GO) test ./subtitle/ass -run '^$$' -fuzz FuzzReadASS -fuzztime 60s
	$(GO) test ./subtitle/sbv -run '^$$' -fuzz FuzzReadSBV -fuzztime 60s
	$(GO) test ./subtitle/lrc -run '^$$' -fuzz FuzzReadLRC -fuzztime 60s
	$(GO) test ./subtitle/microdvd -run '^$$' -fuzz FuzzReadMicroDVD -fuzztime 60s
	$(GO) test ./subtitle/subviewer -run '^$$' -fuzz FuzzReadSubViewer -fuzztime 60s
	$(GO) test ./timing -run '^$$' -fuzz FuzzParseShots -fuzztime 60s
	$(GO) test ./subtitle/sami -run '^$$' -fuzz FuzzReadSAMI -fuzztime 60s
	$(GO) test ./subtitle/spruce -run '^$$' -fuzz FuzzReadSpruce -fuzztime 60s
	$(GO) test ./subtitle/scc -run '^$$' -fuzz FuzzReadSCC -fuzztime 60s
	$(GO) test ./subtitle/fcpxml -run '^$$' -fuzz FuzzReadFCPXML -fuzztime 60s
	$(GO) test ./subtitle/ttml -run '^$$' -fuzz FuzzWriteProfiles -fuzztime 60s
	$(GO) test ./subtitle/internal/csscolor -run '^$$' -fuzz FuzzParse -fuzztime 60s
	$(GO) test ./subtitle/ass -run '^$$' -fuzz FuzzReadScript -fuzztime 60s
	$(GO) test ./subtitle/stl -run '^$$' -fuzz FuzzReadSTL -fuzztime 60s
	$(GO) test ./subtitle -run '^$$' -fuzz FuzzSources -fuzztime 60s
	$(GO) test ./check -run '^$$' -fuzz FuzzCheck -fuzztime 60s
	$(GO) test ./segment -run '^$$' -fuzz FuzzSegment -fuzztime 60s
	$(GO) test ./timing -run '^$$' -fuzz FuzzEstimate -fuzztime 60s
	$(GO) test ./zhtext -run '^$$' -fuzz FuzzCaptionSpans -fuzztime 60s
	$(GO) test ./zhtext -run '^$$' -fuzz FuzzConvert -fuzztime 60s
	$(GO) test ./audio -run '^$$' -fuzz FuzzWAVReader -fuzztime 60s

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Timing accuracy against speech with exact truth (needs espeak-ng, sox).
bench-timing:
	scripts/bench-timing.sh

# Alignment and sync accuracy against ground truth, and the hard variant.
bench-align:
	scripts/bench-align.sh

# Alignment on real recorded voices (../shared/bench/realspeech): align and the text-only
# estimate, per condition. RS=DIR uses tracks already built by its build.py.
bench-realspeech:
	nice scripts/bench-realspeech.sh $(RS)

# Sync on the same tracks: known offsets and rates undone, errors per track.
bench-sync-realspeech:
	nice scripts/bench-sync-realspeech.sh $(RS)

# The held-back real-speech tracks (other voices, other music; docs/align-heldback.md), built
# from the clips fetched into CLIPS=DIR (sources in scripts/heldback-speech.tsv, or in the
# manifest given as MANIFEST=scripts/heldback-speech-2.tsv or -3.tsv) into HELD=DIR.
# Then: make bench-realspeech RS=$(HELD).
heldback-speech:
	nice scripts/build-heldback-speech.sh $(if $(MANIFEST),--manifest $(MANIFEST)) $(CLIPS) $(HELD)
