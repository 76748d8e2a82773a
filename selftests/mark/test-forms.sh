#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kml-mark on programs built in every form gcc and binutils make: PIE,
# non-PIE, static, static PIE, stripped, without section headers, with
# -z noseparate-code, 2 MiB pages, -z now.  For each: mark, readelf shows
# the note without a warning, the program runs as before and sees the
# note in memory, marking again changes nothing, --show, --require,
# --remove, marking again after remove, -o, mode and times kept.
# Then the command line itself: usage, refusals, exit codes.
#
# usage: test-forms.sh [KML-MARK]
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/tap.sh"
KM=$(realpath "${1:-build/bin/kml-mark}")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kml-forms-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

# Zero e_shoff, e_shnum and e_shstrndx: a file without section headers.
drop_sections() {
	printf '\0\0\0\0\0\0\0\0' | dd of="$1" bs=1 seek=40 conv=notrunc status=none
	printf '\0\0\0\0' | dd of="$1" bs=1 seek=60 conv=notrunc status=none
}

# The program's output and exit status, without the program header line.
run_out() {
	local out
	out=$("$@" 2>&1)
	echo "exit=$?"
	printf '%s\n' "$out" | grep -v '^phdrs:'
}
phdr_line() {
	"$@" 2>/dev/null | grep '^phdrs:'
}

# kv field of --show
field() {
	"$KM" --show --format=kv "$2" | sed -n "s/^$1=//p"
}

cc_ok=0
build() {
	local name=$1
	shift
	gcc -O2 -o "$name" "$here/hello.c" "$@" 2>cc.err || {
		tap_diag "gcc $* failed:" "$(cat cc.err)"
		cc_ok=1
	}
}
build pie
build nopie -no-pie
build static -static
build static-pie -static-pie
build noseparate -Wl,-z,noseparate-code
build bigpage -Wl,-z,max-page-size=0x200000 -Wl,-z,separate-code
build now -Wl,-z,now -Wl,-z,relro
cp pie stripped && strip stripped
cp pie nosections && drop_sections nosections
cp static static-nosections && drop_sections static-nosections
tap_ok $cc_ok "test programs built"

forms="pie nopie static static-pie stripped nosections noseparate bigpage now static-nosections"
declare -A kinds=([pie]=pie [nopie]=dynamic [static]=static
	[static-pie]=static-pie [stripped]=pie [nosections]=pie
	[noseparate]=pie [bigpage]=pie [now]=pie [static-nosections]=static)

for f in $forms; do
	[ -e "$f" ] || { tap_ok 1 "$f: exists"; continue; }
	cp "$f" "$f.m"
	"$KM" "$f.m" 2>err
	tap_ok $? "$f: kml-mark exits 0 $(head -1 err)"

	readelf -lWn "$f.m" >readelf.out 2>readelf.err
	test ! -s readelf.err
	tap_ok $? "$f: readelf -lWn gives no warning $(head -1 readelf.err)"
	n=$(grep -cE '^ +KML +0x00000008' readelf.out)
	test "$n" = 1
	tap_ok $? "$f: readelf -n lists exactly one KML note (found $n)"

	test "$(run_out "./$f" a b)" = "$(run_out "./$f.m" a b)"
	tap_ok $? "$f: marked program prints the same and exits the same"
	orig_ph=$(phdr_line "./$f" | awk '{print $2}')
	test "$(phdr_line "./$f.m")" = \
		"phdrs: $((orig_ph + 2)) kml-note-in-memory: yes"
	tap_ok $? "$f: marked program sees 2 more program headers and the note in memory"

	cp "$f.m" "$f.first"
	"$KM" "$f.m" && cmp -s "$f.m" "$f.first"
	tap_ok $? "$f: marking again leaves the file byte for byte the same"

	test "$(field kind "$f.m"),$(field note "$f.m"),$(field flags "$f.m")" = \
		"${kinds[$f]},1,0x5"
	tap_ok $? "$f: --show says ${kinds[$f]}, note, flags 0x5 (the check passed)"

	"$KM" --require "$f.m" &&
		test "$(field flags "$f.m"),$(field required "$f.m")" = "0x7,1" &&
		test "$(stat -c %s "$f.m")" = "$(stat -c %s "$f.first")"
	tap_ok $? "$f: --require rewrites the note in place with flags 0x7"

	"$KM" --remove "$f.m"
	"$KM" --show -q "$f.m"
	st=$?
	readelf -n "$f.m" 2>&1 | grep -qE '^ +KML '
	gst=$?
	test $st = 3 && test $gst = 1 &&
		test "$(run_out "./$f" x)" = "$(run_out "./$f.m" x)" &&
		test "$(phdr_line "./$f.m")" = \
			"phdrs: $((orig_ph + 1)) kml-note-in-memory: no"
	tap_ok $? "$f: --remove: no note for kml-mark or readelf, runs the same"

	"$KM" "$f.m" && cmp -s "$f.m" "$f.first"
	tap_ok $? "$f: marking after remove gives the first result again"

	cp -p "$f" "$f.pristine"
	rm -f "$f.o"
	"$KM" -o "$f.o" "$f" && cmp -s "$f" "$f.pristine" &&
		cmp -s "$f.o" "$f.first" &&
		test "$(stat -c %a "$f.o")" = "$(stat -c %a "$f")"
	tap_ok $? "$f: -o writes the marked copy with the mode, original untouched"

	cp "$f" "$f.t"
	chmod 0751 "$f.t"
	touch -d '2001-09-09 01:46:40' "$f.t"
	before=$(stat -c '%a %Y %u %g' "$f.t")
	"$KM" "$f.t" && test "$(stat -c '%a %Y %u %g' "$f.t")" = "$before"
	tap_ok $? "$f: mode, mtime and owner kept ($before)"
	rm -f "$f.m" "$f.first" "$f.o" "$f.t" "$f.pristine"
done

# --- the command line ---------------------------------------------------

"$KM" --help | grep -q '^usage: kml-mark'
tap_ok $? "--help prints the usage"
"$KM" --version | grep -qE '^kml-mark \(KML\) [0-9]'
tap_ok $? "--version prints the version"
for args in "" "-o x pie nopie" "--show --remove pie" "--format=xml --show pie" \
	"--format=kv pie" "--bogus pie" "-o" "--show --require pie"; do
	# shellcheck disable=SC2086
	"$KM" $args >/dev/null 2>err
	st=$?
	test $st = 2 && grep -q '^kml-mark: ' err
	tap_ok $? "usage error exits 2: kml-mark $args ($(head -1 err))"
done

cp pie u
"$KM" --show u >out
st=$?
test $st = 3 && test "$(cat out)" = "u: no KML note"
tap_ok $? "--show on an unmarked file: 'no KML note', exit 3"
"$KM" --show -q u >out
test $? = 3 && test ! -s out
tap_ok $? "--show -q prints nothing, exit 3"

"$KM" u
"$KM" --show --format=json u >out
off=$(field offset u)
ph=$(field phdr u)
sec=$(field section u)
test "$(cat out)" = "{\"file\":\"u\",\"kind\":\"pie\",\"note\":true,\"valid\":true,\"problem\":null,\"type\":1,\"version\":1,\"flags\":5,\"flag_names\":[\"kernel-mode\",\"checked\"],\"phdr\":$ph,\"offset\":$((off)),\"vaddr\":$(($(field vaddr u))),\"section\":$sec,\"section_name\":\".note.kml\"}"
tap_ok $? "--show --format=json agrees with --format=kv"
"$KM" --show u | grep -q "^u: KML note version 1, flags 0x5 (kernel-mode, checked)$"
tap_ok $? "--show text names the flags"
"$KM" --show --format=json nosections | grep -q '"note":false'
tap_ok $? "--show --format=json on an unmarked file"

# Refused inputs: one-line message naming the file, exit 1, untouched.
echo 'int f(void) { return 1; }' >lib.c
gcc -c -o obj.o lib.c && gcc -shared -fPIC -o lib.so lib.c
printf '#!/bin/sh\necho hi\n' >script
chmod +x script
: >empty
for f in obj.o lib.so script empty "$tmp"; do
	case $f in
	obj.o) why="relocatable object" ;;
	lib.so) why="shared library: nothing to run" ;;
	script|empty) why="not an ELF file" ;;
	*) why="not a regular file" ;;
	esac
	sum=$(sha256sum "$f" 2>/dev/null)
	"$KM" "$f" 2>err
	st=$?
	test $st = 1 && test "$(wc -l <err)" = 1 &&
		grep -q "^kml-mark: $f: $why" err &&
		test "$(sha256sum "$f" 2>/dev/null)" = "$sum"
	tap_ok $? "refused with exit 1, file untouched: $(cat err)"
done
ls -a | grep -q '\.kml' && tap_diag "temporary files left: $(ls -a | grep kml)"
ls -a | grep -q '\.kml'
tap_ok $((!$?)) "no temporary file left behind"

cp nopie good
"$KM" script good 2>err
st=$?
test $st = 1 && test "$(field note good)" = 1
tap_ok $? "one bad FILE among several: exit 1, the good one is marked"

cp -p pie pie.before
ino=$(stat -c %i pie)
"$KM" -d pie
test $? = 0 && cmp -s pie pie.before && test "$(stat -c %i pie)" = "$ino"
tap_ok $? "--remove on an unmarked file: exit 0, file not rewritten"

tap_done
