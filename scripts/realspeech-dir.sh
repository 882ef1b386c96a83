# Sourced by the realspeech benchmarks: realspeech_dir [DIR] sets RS_DIR to a built realspeech
# folder (one holding tracks.tsv). Without DIR it builds one into $tmp/realspeech with
# ../shared/bench/realspeech/build.py (python3 and sox with FLAC; about 10 s, 2 min on a Python
# without audioop). Needs $root (the repository) and $tmp (the run's scratch folder), and die/say.
realspeech_dir() {
  local shared=$root/../shared/bench/realspeech
  if [ -n "${1:-}" ]; then
    [ -f "$1/tracks.tsv" ] || die "$1/tracks.tsv not found: give a folder built by $shared/build.py"
    RS_DIR=$(cd "$1" && pwd)
    return
  fi
  [ -f "$shared/build.py" ] || die "$shared/build.py not found: ../shared must sit beside the project"
  command -v sox >/dev/null || die "sox not found (Debian: apt-get install sox libsox-fmt-all)"
  say "building the realspeech tracks into $tmp/realspeech (give a built folder to skip this)"
  python3 -B "$shared/build.py" "$tmp/realspeech" >"$tmp/build.log" 2>&1 \
    || { cat "$tmp/build.log" >&2; die "build.py failed (above)"; }
  RS_DIR=$tmp/realspeech
}
