#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fuzz seeds: the tiny test executables (gen-seeds) and small real
# programs built here in several forms, plain and marked.
#
# usage: make-seeds.sh KML-MARK GEN-SEEDS DIR
set -eu
KM=$(realpath "$1")
GEN=$(realpath "$2")
out=$(realpath -m "$3")
rm -rf "$out"
mkdir -p "$out"
"$GEN" "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
printf 'int main(void) { return 0; }\n' >tiny.c
for form in "pie:" "nopie:-no-pie" "noseparate:-Wl,-z,noseparate-code" \
	"now:-Wl,-z,now"; do
	name=${form%%:*}
	# shellcheck disable=SC2086
	gcc -Os -s -o "$name" tiny.c ${form#*:}
	cp "$name" "$out/real-$name"
	"$KM" -o "$out/real-$name-marked" "$name"
done
# A program whose note shares a PT_NOTE with the GNU notes.
printf '\t.section .note.kml,"a",@note\n\t.balign 4\n\t.long 4, 8, 1\n\t.asciz "KML"\n\t.long 1, 1\n\t.section .note.GNU-stack,"",@progbits\n' >note.s
gcc -Os -s -o "$out/real-linked-note" tiny.c note.s
# No section headers.
cp pie "$out/real-nosections"
printf '\0\0\0\0\0\0\0\0' | dd of="$out/real-nosections" bs=1 seek=40 conv=notrunc status=none
printf '\0\0\0\0' | dd of="$out/real-nosections" bs=1 seek=60 conv=notrunc status=none
ls "$out" | wc -l | sed 's/$/ seeds/'
