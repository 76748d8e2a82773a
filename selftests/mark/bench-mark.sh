#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark (not a test): how long kml-mark takes to mark copies of every
# ELF executable in a directory (default /usr/bin), one kml-mark run over
# all of them, then the same copies again (already marked: note rewritten
# in place, nothing saved).
#
# usage: bench-mark.sh [KML-MARK] [DIR]
set -eu
KM=$(realpath "${1:-build/bin/kml-mark}")
SRC=${2:-/usr/bin}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kml-bench-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

files=()
for f in "$SRC"/*; do
	[ -f "$f" ] && [ ! -L "$f" ] || continue
	magic=
	IFS= read -r -d '' -n 4 magic <"$f" 2>/dev/null || true
	[ "$magic" = $'\x7fELF' ] && files+=("$f")
done
cp --preserve=mode -t "$tmp" -- "${files[@]}"
bytes=$(du -cb "$tmp" | tail -1 | cut -f1)
sync

now() { date +%s.%N; }
t0=$(now)
printf '%s\0' "$tmp"/* | xargs -0 "$KM" -- 2>"$tmp.err" || true
t1=$(now)
printf '%s\0' "$tmp"/* | xargs -0 "$KM" -- 2>/dev/null || true
t2=$(now)
after=$(du -cb "$tmp" | tail -1 | cut -f1)
errors=$(wc -l <"$tmp.err")
rm -f "$tmp.err"

awk -v n="${#files[@]}" -v b="$bytes" -v a="$after" -v e="$errors" \
    -v t0="$t0" -v t1="$t1" -v t2="$t2" -v src="$SRC" 'BEGIN {
	mb = b / 1048576
	printf "kml-mark benchmark: %d ELF files from %s, %.1f MB (%d refused)\n", n, src, mb, e
	printf "  first mark:  %.2f s  (%.0f files/s, %.0f MB/s)\n", t1 - t0, n / (t1 - t0), mb / (t1 - t0)
	printf "  mark again:  %.2f s  (%.0f files/s, nothing to save)\n", t2 - t1, n / (t2 - t1)
	printf "  size growth: %.1f KB per file on average\n", (a - b) / n / 1024
}'
