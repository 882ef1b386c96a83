#!/usr/bin/env bash
# Compares subkit's Simplified/Traditional conversion (package zhtext) with
# opencc-js (npm, the client CI checks with), Debian's opencc (the C++
# original, with its own copy of the dictionaries; apt-get install opencc)
# and a character table alone (OpenCC's STCharacters/TSCharacters, no
# phrases), line by line, on the sample and bench/zhbreak's tuning half.
# Prints, per configuration, how many lines each differs from subkit on,
# and the first differing lines. docs/zh-script.md reads the figures.
#
#   bash scripts/zhscript-compare.sh [N examples]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
shared=../shared
grep -v '^\s*$' "$shared/samples/interview-zh.txt" > "$tmp/hans.txt"
awk -F'\t' '!/^#/ && $5=="Hans" {print $1}' "$shared/bench/zhbreak/dev.tsv" >> "$tmp/hans.txt"
awk -F'\t' '!/^#/ && $5=="Hant" {print $1}' "$shared/bench/zhbreak/dev.tsv" > "$tmp/hant.txt"
go build -o "$tmp/zhconv" ./internal/zhconv
export NODE_PATH=$PWD/tools/validate/node_modules
cat > "$tmp/chars.js" <<'JS'
// A character table alone: the last dictionary of opencc-js's first group.
const OpenCC = require('opencc-js');
const fs = require('fs');
const [dir, file] = process.argv.slice(2);
const dict = dir === 's2t' ? OpenCC.Locale.from.cn[0][1] : OpenCC.Locale.to.cn[0][1];
const conv = OpenCC.ConverterFactory([[dict]]);
const lines = fs.readFileSync(file, 'utf8').split('\n');
if (lines[lines.length - 1] === '') lines.pop();
process.stdout.write(lines.map((l) => conv(l) + '\n').join(''));
JS
have_opencc=0
command -v opencc >/dev/null && have_opencc=1
# config  input  subkit-from  subkit-to  chars-direction
while read -r cfg input from to dir; do
	f="$tmp/$input.txt"
	"$tmp/zhconv" -from "$from" -to "$to" < "$f" > "$tmp/subkit"
	node tools/validate/opencc.js "$cfg" "$f" > "$tmp/js"
	node "$tmp/chars.js" "$dir" "$f" > "$tmp/chars"
	lines=$(wc -l < "$f")
	changed=$(paste -d'\t' "$f" "$tmp/subkit" | awk -F'\t' '$1!=$2' | wc -l)
	js=$(paste -d'\t' "$tmp/subkit" "$tmp/js" | awk -F'\t' '$1!=$2' | wc -l)
	ch=$(paste -d'\t' "$tmp/subkit" "$tmp/chars" | awk -F'\t' '$1!=$2' | wc -l)
	deb=-
	if ((have_opencc)); then
		opencc -c "$cfg.json" -i "$f" -o "$tmp/deb"
		deb=$(paste -d'\t' "$tmp/subkit" "$tmp/deb" | awk -F'\t' '$1!=$2' | wc -l)
	fi
	printf '%-6s %4d lines, %4d changed; differ from subkit: opencc-js %d, Debian opencc %s, characters alone %d\n' \
		"$cfg" "$lines" "$changed" "$js" "$deb" "$ch"
	if ((have_opencc)); then
		paste -d'\t' "$f" "$tmp/subkit" "$tmp/deb" | awk -F'\t' -v n="$n" '$2!=$3 && k<n {k++; print "    debian  " $1 "\n      subkit " $2 "\n      opencc " $3}'
	fi
	paste -d'\t' "$f" "$tmp/subkit" "$tmp/chars" | awk -F'\t' -v n="$n" '$2!=$3 && k<n {k++; print "    chars   " $1 "\n      subkit " $2 "\n      chars  " $3}'
done <<'CFG'
s2t   hans zh-Hans zh-Hant s2t
s2twp hans zh-Hans zh-TW   s2t
s2hk  hans zh-Hans zh-HK   s2t
t2s   hant zh-Hant zh-Hans t2s
tw2sp hant zh-TW   zh-Hans t2s
hk2s  hant zh-HK   zh-Hans t2s
CFG
