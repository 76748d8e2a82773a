#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kml-mark's records and --remark on the host, with a records file of its
# own (--records=): --record writes one line per file with the options
# that marked it, atomically and under a lock; --list-records, --forget,
# --remove drops the record; then files replaced the way dpkg replaces
# them (a new file renamed over the old one): --remark marks the recorded
# ones again with their options, leaves one that the check refuses
# unmarked and byte for byte as it came, says why on standard error and
# in syslog, keeps the record of a file that is not there, names the
# processes that still run a replaced copy; an unrecorded control stays
# unmarked.  The syslog lines are read from a stand-in daemon on /dev/log
# in a mount namespace of the test's own (root only, else skipped).
#
# usage: test-records.sh [KML-MARK]
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/tap.sh"
KM=$(realpath "${1:-build/bin/kml-mark}")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kml-records-XXXXXX")
sleeper=
trap '[ -z "$sleeper" ] || kill "$sleeper" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
mkdir -p var/lib progs
R=$tmp/var/lib/kml/marks

# flags of FILE's note as --show --format=kv gives them; "none" without
flags() {
	local f
	f=$("$KM" --show --format=kv "$1" 2>/dev/null | sed -n 's/^flags=//p')
	echo "${f:-none}"
}
# the records without the comments
records() {
	grep -v '^#' "$R"
}
# replace DST with a copy of SRC as dpkg does: a new file renamed over it
replace() {
	cp "$1" "$2.dpkg-new" && mv "$2.dpkg-new" "$2"
}

printf '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n' > hello.c
printf 'int main(void) { __asm__ volatile("cli"); return 0; }\n' > cli.c
gcc -O2 -o hello hello.c && gcc -O2 -o cli cli.c
tap_ok $? "test programs built"
for f in good require upgr control gone "with space" nolibs; do
	cp hello "progs/$f"
done
cp cli progs/clicopy
cp cli progs/allowed

# --- recording -----------------------------------------------------------

"$KM" --record --records="$R" progs/good 2>err
tap_ok $? "--record FILE exits 0 $(head -1 err)"
[ "$(flags progs/good)" = 0x5 ]
tap_ok $? "--record marked it: flags 0x5 (got $(flags progs/good))"
[ "$(records)" = "$tmp/progs/good" ]
tap_ok $? "the records file has one line, its absolute path: $(records | tr '\n' '|')"
[ "$(stat -c %a "$R")" = 644 ] && head -1 "$R" | grep -q '^# '
tap_ok $? "the records file is mode 644 and starts with a comment"

ino=$(stat -c %i "$R")
ln -s progs links
"$KM" --record --records="$R" --require ./links/../progs/good links/require 2>err
tap_ok $? "--record --require with ./, .. and a symlinked directory exits 0 $(head -1 err)"
[ "$(records | tr '\n' '|')" = "--require $tmp/progs/good|--require $tmp/progs/require|" ]
tap_ok $? "one record per file, the options first, the directory resolved: $(records | tr '\n' '|')"
[ "$(stat -c %i "$R")" != "$ino" ]
tap_ok $? "the records file was replaced by a new one (written to a temporary file, renamed)"
ls -A var/lib/kml > dir.out
[ "$(cat dir.out)" = marks ]
tap_ok $? "no temporary file is left beside it: $(tr '\n' ' ' < dir.out)"

"$KM" --record --records="$R" --allow=cli@main progs/allowed 2>err
tap_ok $? "--record --allow=cli@main of a program with cli in main exits 0 $(head -1 err)"
"$KM" --record --records="$R" --no-check-libs progs/nolibs "progs/with space" progs/upgr progs/gone 2>err
tap_ok $? "--record of several files, one with a space in its name, exits 0 $(head -1 err)"

cp "$R" before
"$KM" --record --records="$R" progs/clicopy 2>err
[ $? -eq 5 ] && [ "$(flags progs/clicopy)" = none ] && cmp -s before "$R"
tap_ok $? "--record of a program the check refuses: exit 5, not marked, not recorded"

"$KM" --list-records --records="$R" > list
cat > want <<EOF
--require $tmp/progs/good
--require $tmp/progs/require
--allow=cli@main $tmp/progs/allowed
--no-check-libs $tmp/progs/nolibs
--no-check-libs $tmp/progs/with space
--no-check-libs $tmp/progs/upgr
--no-check-libs $tmp/progs/gone
EOF
diff -u want list > diff.out
tap_ok $? "--list-records prints the records in order: $(tr '\n' '|' < diff.out)"

# parallel writers: the lock keeps every record
for i in 1 2 3 4 5 6; do cp hello "progs/par$i"; done
for i in 1 2 3 4 5 6; do
	"$KM" --record --records="$tmp/par/marks" "progs/par$i" 2>/dev/null &
done
wait
n=$(grep -c "^$tmp/progs/par[1-6]\$" par/marks)
[ "$n" = 6 ]
tap_ok $? "six kml-mark --record at once: all six recorded ($n)"

for args in "--record -o x progs/good" "--record --force progs/good" \
	"--record --no-check progs/good" "--record --show progs/good" \
	"--remark progs/good" "--list-records progs/good" "--forget --require progs/good" \
	"--records=$R progs/good" "--remark --allow=cli" "--forget --remark" \
	"--forget"; do
	# shellcheck disable=SC2086
	"$KM" $args >out 2>err
	st=$?
	[ $st -eq 2 ] && grep -q '^kml-mark: ' err
	tap_ok $? "usage error exits 2: kml-mark $args ($(head -1 err))"
done

# --- --remark --------------------------------------------------------------

"$KM" progs/control 2>/dev/null
[ "$(flags progs/control)" = 0x5 ]
tap_ok $? "the unrecorded control is marked by hand"
replace hello progs/good
replace hello progs/require
replace cli progs/allowed
replace cli progs/upgr
replace hello "progs/with space"
replace hello progs/control
replace hello progs/nolibs
cp cli upgr.want
rm progs/gone
# a process that runs the old copy of a recorded file
cp /bin/sleep progs/sleeper
"$KM" --record --records="$R" progs/sleeper 2>err
tap_ok $? "a copy of sleep recorded $(head -1 err)"
progs/sleeper 60 &
sleeper=$!
replace /bin/sleep progs/sleeper
for f in good require allowed upgr "with space" control nolibs sleeper; do
	[ "$(flags "progs/$f")" = none ] || echo "progs/$f: $(flags "progs/$f")"
done > marked
[ ! -s marked ]
tap_ok $? "the new copies have no note $(tr '\n' ' ' < marked)"

# The re-mark, in a mount namespace with a stand-in syslog on /dev/log
# when that works (root; /dev overlaid with a directory of the test's).
# Only in the namespace: where unshare -m fails (root in a chroot whose
# / is no mount point: "cannot change root filesystem propagation") the
# overlay would stay on everyone's /dev.
gcc -std=c11 -Wall -Wextra -Werror -o logsink "$here/logsink.c"
tap_ok $? "logsink.c built"
mkdir -p ov/up ov/work
cat > remark.sh <<EOF
set -u
if [ "\${KML_TEST_NS:-}" = 1 ] &&
   mount -t overlay overlay -o lowerdir=/dev,upperdir=$tmp/ov/up,workdir=$tmp/ov/work /dev; then
	$tmp/logsink /dev/log $tmp/syslog &
	sink=\$!
	for i in \$(seq 50); do [ -S /dev/log ] && break; sleep 0.1; done
	[ -S /dev/log ] && echo yes > $tmp/have-sink
fi
"$KM" --remark --records="$R" >$tmp/out 2>$tmp/err
echo \$? > $tmp/status
# The summary is the last message: wait for it (a loaded machine is slow).
if [ -n "\${sink:-}" ]; then
	for i in \$(seq 50); do grep -q -- '--remark: ' $tmp/syslog 2>/dev/null && break; sleep 0.1; done
	kill \$sink
fi
EOF
if [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
	KML_TEST_NS=1 unshare -m bash remark.sh 2>ns.err
else
	echo "no mount namespace (unshare -m: $(unshare -m true 2>&1 | head -n 1))" > ns.err
	bash remark.sh 2>>ns.err
fi
st=$(cat status)
[ "$st" = 5 ]
tap_ok $? "--remark exits 5: a recorded file was refused by the check (got $st; $(head -1 err))"
[ "$(flags progs/good)" = 0x7 ] && [ "$(flags progs/require)" = 0x7 ]
tap_ok $? "the recorded files got their note back, with --require as recorded: $(flags progs/good) $(flags progs/require)"
[ "$(flags progs/allowed)" = 0x5 ] && [ "$(flags "progs/with space")" = 0x5 ] &&
	[ "$(flags progs/nolibs)" = 0x5 ]
tap_ok $? "--allow=cli@main and --no-check-libs applied again; a path with a space: $(flags progs/allowed) $(flags progs/nolibs) $(flags "progs/with space")"
[ "$(flags progs/upgr)" = none ] && cmp -s upgr.want progs/upgr
tap_ok $? "the recorded file whose new copy the check refuses: no note, byte for byte the new copy"
grep -q "^kml-mark: $tmp/progs/upgr: not marked again: the machine-code check refused the new file (1 error(s); first: $tmp/progs/upgr:0x[0-9a-f]* (main): error: \`cli\`: .*); it runs in user mode" err
tap_ok $? "standard error says why it was not marked: $(grep -m1 'upgr: not marked' err)"
[ "$(flags progs/control)" = none ]
tap_ok $? "the unrecorded control stays unmarked"
grep -q "^kml-mark: $tmp/progs/good: marked again (kernel-mode, required, checked): it had lost its note\$" out
tap_ok $? "standard output names each file marked again: $(grep -m1 'good: marked again' out)"
grep -q "^kml-mark: $tmp/progs/gone: recorded, but not there (the record stays)\$" out &&
	records | grep -qx -- "--no-check-libs $tmp/progs/gone"
tap_ok $? "a recorded file that is not there: said so, the record stays"
grep -q "^kml-mark: $tmp/progs/sleeper: process(es) $sleeper run a copy that is no longer on disk" err
tap_ok $? "the process that runs the replaced copy is named: $(grep -m1 'process(es)' err)"
grep -q "^kml-mark: --remark: 8 record(s): 6 marked again, 1 refused by the check, 0 failed, 1 not there, 0 still marked\$" out
tap_ok $? "the summary counts them: $(grep -- '--remark:' out)"
find progs var -name '.*' > tmpfiles
[ ! -s tmpfiles ]
tap_ok $? "no temporary file left: $(tr '\n' ' ' < tmpfiles)"

if [ -f have-sink ]; then
	grep -qE "^<12>.* kml-mark\[[0-9]+\]: $tmp/progs/upgr: not marked again: the machine-code check refused the new file \(1 error\(s\); first: .*\`cli\`" syslog
	tap_ok $? "syslog got the refusal as user.warning: $(grep -m1 'upgr: not' syslog | cut -c1-120)"
	grep -qE "^<13>.* kml-mark\[[0-9]+\]: $tmp/progs/good: marked again \(kernel-mode, required, checked\)" syslog
	tap_ok $? "syslog got the re-mark as user.notice: $(grep -m1 'good: marked' syslog | cut -c1-120)"
	grep -qE "^<14>.* kml-mark\[[0-9]+\]: --remark: 8 record\(s\)" syslog
	tap_ok $? "syslog got the summary as user.info"
else
	tap_diag "no stand-in syslog: $(head -3 ns.err)"
	for i in 1 2 3; do tap_ok 0 "syslog # SKIP needs root and a mount namespace"; done
fi

ino=$(stat -c %i progs/good)
"$KM" --remark --records="$R" -v >out 2>err
st=$?
[ $st -eq 5 ] && [ "$(stat -c %i progs/good)" = "$ino" ] &&
	grep -q "^$tmp/progs/good: still marked\$" out
tap_ok $? "--remark again: the marked ones are left alone (same inode), the refused one refused again (exit $st)"
kill "$sleeper" 2>/dev/null
wait "$sleeper" 2>/dev/null
sleeper=

# --- forgetting ------------------------------------------------------------

"$KM" --forget --records="$R" progs/upgr 2>err &&
	! records | grep -q "progs/upgr\$" && cmp -s upgr.want progs/upgr
tap_ok $? "--forget drops the record and leaves the file $(head -1 err)"
"$KM" --forget --records="$R" progs/upgr 2>err
[ $? -eq 1 ] && grep -q "progs/upgr: no record of $tmp/progs/upgr in $R" err
tap_ok $? "--forget of a file without a record: exit 1 ($(head -1 err))"
"$KM" --forget --records="$R" progs/gone 2>err
tap_ok $? "--forget of a recorded file that is not there $(head -1 err)"
"$KM" --remove --records="$R" progs/good 2>err &&
	[ "$(flags progs/good)" = none ] && ! records | grep -q "progs/good\$"
tap_ok $? "--remove unmarks the file and drops its record $(head -1 err)"
"$KM" --remark --records="$R" >out 2>err
tap_ok $? "--remark after that: exit 0, nothing refused $(head -1 err)"
[ "$(flags progs/good)" = none ] && [ ! -s out ]
tap_ok $? "the removed mark stays removed; nothing to say: $(head -1 out)"

echo "/not/ok --bogus" >> "$R"
echo "--bogus $tmp/progs/require" >> "$R"
"$KM" --list-records --records="$R" >out 2>err
[ $? -eq 1 ] && grep -q "^kml-mark: $R:[0-9]*: not a record: unknown option" err &&
	grep -q "^--require $tmp/progs/require\$" out
tap_ok $? "--list-records: a bad line exits 1 naming the file and line, the good ones listed ($(head -1 err))"
replace hello progs/require
"$KM" --remark --records="$R" >out 2>err
[ $? -eq 1 ] && [ "$(flags progs/require)" = 0x7 ] &&
	grep -q "$R:[0-9]*: not a record, skipped: unknown option" err
tap_ok $? "--remark: a bad line is skipped and exits 1, the good records marked again"

"$KM" --remark --records="$tmp/none/marks" >out 2>err
[ $? -eq 0 ] && [ ! -s out ] && [ ! -s err ] && [ ! -e none ]
tap_ok $? "--remark without a records file: exit 0, silent, creates nothing"
"$KM" --list-records --records="$tmp/none/marks" >out 2>err
[ $? -eq 0 ] && [ ! -s out ]
tap_ok $? "--list-records without a records file: nothing, exit 0"
cp hello progs/plain
"$KM" --remove --records="$tmp/none/marks" progs/plain 2>err
[ $? -eq 0 ] && [ ! -e none ]
tap_ok $? "--remove without a records file creates none $(head -1 err)"

tap_done
