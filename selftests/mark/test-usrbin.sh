#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kml-mark on copies of every ELF executable of the machine's /usr/bin:
#  - every 64-bit x86-64 program is marked; 32-bit files and shared
#    libraries are refused with their own message (counted apart);
#  - readelf -lWn shows exactly one KML note and no warning;
#  - every dynamic program, run with LD_TRACE_LOADED_OBJECTS=1 and under
#    the system loader (ld.so --list), behaves exactly as the original;
#  - marking the marked copies again changes no byte;
#  - a set of programs (and a static one built here) print the same and
#    exit the same as the originals.
# Scripts and other non-ELF files are counted and left alone.
#
# usage: test-usrbin.sh [KML-MARK] [DIR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/tap.sh"
KM=$(realpath "${1:-build/bin/kml-mark}")
SRC=${2:-/usr/bin}
LDSO=/lib64/ld-linux-x86-64.so.2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kml-usrbin-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/orig" "$tmp/mark" "$tmp/out"
start=$SECONDS

# --- collect: regular files, one per inode, ELF or not ------------------
declare -A seen
nonelf=0
links=0
elf=()
for f in "$SRC"/*; do
	if [ -L "$f" ]; then
		links=$((links + 1))
		continue
	fi
	[ -f "$f" ] || continue
	id=$(stat -c '%d:%i' "$f")
	[ -n "${seen[$id]:-}" ] && continue
	seen[$id]=1
	magic=
	IFS= read -r -d '' -n 4 magic <"$f" 2>/dev/null
	if [ "$magic" = $'\x7fELF' ]; then
		elf+=("${f##*/}")
	else
		nonelf=$((nonelf + 1))
	fi
done
total=${#elf[@]}
tap_diag "$SRC: $total ELF files, $nonelf other files (scripts, data), $links symlinks"
(cd "$SRC" && cp --preserve=mode -t "$tmp/orig" -- "${elf[@]}")
cp --preserve=mode -t "$tmp/mark" -- "${elf[@]/#/$tmp/orig/}"
cd "$tmp" || exit 1

# --- mark them all with one kml-mark run ---------------------------------
t0=$SECONDS
printf 'mark/%s\0' "${elf[@]}" | xargs -0 "$KM" --no-check -- 2>mark.err
tap_diag "marking took $((SECONDS - t0)) s"
declare -A refused
expected=0
failures=()
while IFS= read -r line; do
	f=${line#kml-mark: mark/}
	f=${f%%: *}
	refused[$f]=1
	case $line in
	*": 32-bit binaries cannot run in kernel mode on x86-64" | \
	*": shared library: nothing to run")
		expected=$((expected + 1)) ;;
	*)	failures+=("mark: $line") ;;
	esac
done <mark.err
marked=()
for f in "${elf[@]}"; do
	[ -n "${refused[$f]:-}" ] || marked+=("$f")
done
nmarked=${#marked[@]}
nfail=${#failures[@]}
tap_ok $((nfail != 0)) "kml-mark marked $nmarked of $total ELF files; $expected refused as expected (32-bit or shared library), $nfail unexpected errors"

# --- readelf: one KML note, no warning ----------------------------------
bad_readelf=0
bad_notes=0
for f in "${marked[@]}"; do
	readelf -lWn "mark/$f" >"out/$f.re" 2>"out/$f.rerr"
	if [ -s "out/$f.rerr" ]; then
		# A warning the original has too is not ours.
		readelf -lWn "orig/$f" >/dev/null 2>"out/$f.oerr"
		if ! cmp -s "out/$f.rerr" "out/$f.oerr"; then
			bad_readelf=$((bad_readelf + 1))
			failures+=("readelf: $f: $(head -1 "out/$f.rerr")")
		fi
	fi
	n=$(grep -cE '^ +KML +0x00000008' "out/$f.re")
	if [ "$n" != 1 ]; then
		bad_notes=$((bad_notes + 1))
		failures+=("readelf: $f: $n KML notes")
	fi
done
tap_ok $((bad_readelf != 0)) "readelf -lWn: no new warning on any of $nmarked marked files ($bad_readelf with)"
tap_ok $((bad_notes != 0)) "readelf -n: exactly one KML note in each of $nmarked marked files ($bad_notes not)"

# --- dynamic programs under the system loader ---------------------------
trace() {
	LD_TRACE_LOADED_OBJECTS=1 timeout 10 "$@" 2>&1 </dev/null |
		sed -E 's/ \(0x[0-9a-f]+\)$//'
	echo "exit=${PIPESTATUS[0]}"
}
ndyn=0
bad_trace=0
bad_list=0
for f in "${marked[@]}"; do
	grep -q "Requesting program interpreter: $LDSO]" "out/$f.re" || continue
	ndyn=$((ndyn + 1))
	a=$(trace "./orig/$f")
	b=$(trace "./mark/$f")
	if [ "$a" != "$b" ] || [ "${b##*exit=}" != 0 ]; then
		bad_trace=$((bad_trace + 1))
		failures+=("LD_TRACE_LOADED_OBJECTS: $f: $(diff <(echo "$a") <(echo "$b") | head -3 | tr '\n' ' ')")
	fi
	a=$(timeout 10 "$LDSO" --list "./orig/$f" 2>&1 | sed -E 's/ \(0x[0-9a-f]+\)$//')
	b=$(timeout 10 "$LDSO" --list "./mark/$f" 2>&1 | sed -E 's/ \(0x[0-9a-f]+\)$//')
	if [ "$a" != "$b" ]; then
		bad_list=$((bad_list + 1))
		failures+=("ld.so --list: $f: $(diff <(echo "$a") <(echo "$b") | head -3 | tr '\n' ' ')")
	fi
done
tap_ok $((bad_trace != 0 || ndyn == 0)) "LD_TRACE_LOADED_OBJECTS=1: all $ndyn dynamic programs load as the originals ($bad_trace differ)"
tap_ok $((bad_list != 0 || ndyn == 0)) "$LDSO --list: all $ndyn dynamic programs map as the originals ($bad_list differ)"

# --- marking again changes nothing --------------------------------------
(cd mark && sha256sum -- "${marked[@]}") >sums
printf 'mark/%s\0' "${marked[@]}" | xargs -0 "$KM" --no-check -- 2>remark.err
(cd mark && sha256sum --quiet -c ../sums) >remark.out 2>&1
st=$?
tap_ok $((st != 0 || $(wc -c <remark.err) != 0)) "marking the $nmarked marked copies again changes no byte"
[ $st = 0 ] || failures+=("re-mark: $(head -3 remark.out | tr '\n' ' ')")

# --- run a few programs --------------------------------------------------
gcc -O2 -static -o mark/hello-static "$here/hello.c" &&
	cp mark/hello-static orig/hello-static &&
	"$KM" mark/hello-static
tap_ok $? "static test program built and marked"
seq 1 2000 | sort -R --random-source=<(yes) >input.txt
printf 'banana\napple\ncherry\n' >fruit.txt
runs=(
	"ls --version"
	"true"
	"false"
	"cat fruit.txt"
	"sort -n input.txt"
	"sha256sum input.txt"
	"grep -c 7 input.txt"
	"sed -n s/an/AN/gp fruit.txt"
	"wc input.txt"
	"tr a-z A-Z <fruit.txt"
	"gzip -9c input.txt | od -An -tx1"
	"busybox sort fruit.txt"
	"busybox sh -c 'echo \$((6 * 7))'"
	"hello-static one two"
)
for r in "${runs[@]}"; do
	prog=${r%% *}
	if [ ! -x "mark/$prog" ] || [ -n "${refused[$prog]:-}" ]; then
		tap_ok 1 "$prog: marked copy exists"
		continue
	fi
	# hello-static reports its program headers, which marking changes.
	a=$(set -o pipefail; eval "timeout 10 ./orig/$r" 2>&1; echo "exit=$?")
	a=$(grep -v '^phdrs:' <<<"$a")
	b=$(set -o pipefail; eval "timeout 10 ./mark/$r" 2>&1; echo "exit=$?")
	b=$(grep -v '^phdrs:' <<<"$b")
	# Programs that print their own path print the copy's.
	test "$a" = "${b//\/mark\//\/orig\/}"
	tap_ok $? "$r: marked copy prints and exits as the original (${b##*exit=})"
done

tap_diag "marked $nmarked of $total ELF executables, $((nfail + bad_readelf + bad_notes + bad_trace + bad_list)) failures; $expected expected refusals, $nonelf non-ELF files; $((SECONDS - start)) s"
for f in "${failures[@]}"; do
	tap_diag "failure: $f"
done
tap_done
