# Everyday tasks. `make test` is what CI runs (see .ci/run and README.md).

GO ?= go

.PHONY: all build test check fuzz bench bench-timing bench-align update-golden tools

all: check test

build:
	$(GO) build -o bin/subkit ./cmd/subkit

# The test command README.md gives and CI runs.
test:
	$(GO) test -race ./...

# What must be clean before a commit.
check:
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt: files above need formatting"; exit 1; }
	$(GO) vet ./...
	$(GO) mod tidy -diff

# Installs the independent clients the tests check output with.
tools:
	npm ci --prefix tools/validate

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
	$(GO) test ./subtitle -run '^$$' -fuzz FuzzSources -fuzztime 60s
	$(GO) test ./check -run '^$$' -fuzz FuzzCheck -fuzztime 60s
	$(GO) test ./segment -run '^$$' -fuzz FuzzSegment -fuzztime 60s
	$(GO) test ./timing -run '^$$' -fuzz FuzzEstimate -fuzztime 60s
	$(GO) test ./audio -run '^$$' -fuzz FuzzWAVReader -fuzztime 60s

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Timing accuracy against speech with exact truth (needs espeak-ng, sox).
bench-timing:
	scripts/bench-timing.sh

# Alignment and sync accuracy against ground truth, and the hard variant.
bench-align:
	scripts/bench-align.sh
