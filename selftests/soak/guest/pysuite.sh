# SPDX-License-Identifier: GPL-2.0
#
# The Python soak (guest side, busybox sh): Debian's Python 3.Y (the one
# selftests/soak/stage-python staged: 3.11 on Debian 12) runs its own
# regression tests (regrtest, from libpython3.Y-testsuite) twice in this
# boot, first as a copy marked for kernel mode (/usr/bin/python3.Y-kml),
# then as Debian's unmarked interpreter (/usr/bin/python3.Y), the same
# test files in the same order.  See
# docs/soak.md, "Python's test suite in kernel mode".
#
# The guest checks that the marked interpreter, and a child it starts as
# sys.executable (regrtest's workers, the test suite's own subprocesses),
# run with KernelMode: 1 and the unmarked one with KernelMode: 0.  It does
# not judge the test results: each run's JUnit XML goes to the host
# (gzip, base64, between "pyxml-begin MODE FILE" and "pyxml-end MODE MD5"
# lines), and selftests/soak/pysuite-compare checks there that every test
# case that fails in kernel mode fails in user mode too and that no case
# is lost.
#
# Environment (kernel command line):
#   KML_PY_TESTS=test_a,test_b  the test files (default: /tests/data/python.tests)
#   KML_PY_TIMEOUT=SEC          regrtest's limit per test file (default 1200)
set -eu

data=/tests/data
usr=$(ls /usr/bin/python3.[0-9]* | grep -v -- '-kml$' | head -n 1)
kml=$usr-kml
tmo=${KML_PY_TIMEOUT:-1200}
if [ -n "${KML_PY_TESTS:-}" ]; then
	tests=$(echo "$KML_PY_TESTS" | tr ',' ' ')
else
	tests=$(sed 's/#.*//' "$data/python.tests" | tr -s ' \t\n' ' ')
fi
ntests=$(echo "$tests" | wc -w)

TAP_GUEST=1
. /usr/lib/kml-selftests/tap.sh
# What the tests expect of a system: names of hosts, services, protocols.
for f in hosts services protocols; do
	[ -e "/etc/$f" ] || cp "$data/etc-$f" "/etc/$f"
done

# Pseudo-terminals (os.openpty, pty, test_os's tty tests): /init does not
# mount devpts.
if ! grep -q ' /dev/pts devpts ' /proc/mounts; then
	mkdir -p /dev/pts
	mount -t devpts -o ptmxmode=0666 devpts /dev/pts ||
		tap_fail "pysuite: mount devpts on /dev/pts"
fi

# kmode PYTHON [child]: KernelMode of PYTHON, or of a child it starts as
# sys.executable.
status='import re; m = re.search(r"^KernelMode:\s*(\S+)", open("/proc/self/status").read(), re.M); print(m.group(1) if m else "no such line")'
kmode() {
	if [ "${2:-}" = child ]; then
		"$1" -c "import subprocess, sys; print(subprocess.run([sys.executable, '-c', '''$status'''], capture_output=True, text=True, check=True).stdout.strip())" 2>&1 | tail -n 1
	else
		"$1" -c "$status" 2>&1 | tail -n 1
	fi
}
m=$(kmode "$kml")
tap_ok "$([ "$m" = 1 ]; echo $?)" "python: $kml runs in kernel mode (KernelMode: $m)"
m=$(kmode "$kml" child)
tap_ok "$([ "$m" = 1 ]; echo $?)" "python: its child, sys.executable (as regrtest's workers), runs in kernel mode (KernelMode: $m)"
m=$(kmode "$usr")
tap_ok "$([ "$m" = 0 ]; echo $?)" "python: $usr runs in user mode (KernelMode: $m)"
m=$(kmode "$usr" child)
tap_ok "$([ "$m" = 0 ]; echo $?)" "python: its child runs in user mode (KernelMode: $m)"

echo "# pysuite: $ntests test files, limit ${tmo}s each; $(nproc) CPUs, $(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo) MiB; $("$usr" -VV 2>&1 | head -n 1)"

# Each test file twice, kernel mode then user mode, the same arguments:
# one worker process (-j1), so that a test file that crashes or hangs is
# killed after its limit and reported, and the run goes on.  File by file,
# so that the two modes meet the same state of the machine (and a run cut
# short still has both modes of every file it finished).
dfl_int='import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])'
tot_kml=0 tot_user=0
for t in $tests; do
	for mode in kml user; do
		if [ "$mode" = kml ]; then py=$kml; else py=$usr; fi
		work=/tmp/py-$mode-$t
		rm -rf "$work"
		mkdir -p "$work"
		t0=$(date +%s)
		set +e
		# SIGINT back to its default first: /init starts the tests in
		# the background, with SIGINT ignored, and Python then raises no
		# KeyboardInterrupt (test_signal, test_threading expect it).
		(cd "$work" && "$usr" -c "$dfl_int" "$py" -m test -j1 --timeout "$tmo" \
			--junit-xml "$work.xml" "$t") > "$work.log" 2>&1
		rc=$?
		set -e
		secs=$(($(date +%s) - t0))
		if [ "$mode" = kml ]; then tot_kml=$((tot_kml + secs)); else tot_user=$((tot_user + secs)); fi
		# regrtest's output, its summary always: the first 200 lines
		# of a long output, then everything from the summary on.
		lines=$(wc -l < "$work.log")
		sum=$(grep -n '^== Tests result' "$work.log" | tail -n 1 | cut -d: -f1)
		if [ "$lines" -le 400 ] || [ -z "$sum" ]; then
			head -n 400 "$work.log"
		else
			head -n 200 "$work.log"
			echo "... (lines 201 to $((sum - 1)) of $lines left out)"
			tail -n +"$sum" "$work.log"
		fi | grep -v '^$' | sed "s/^/# $mode: /"
		result=$(sed -n 's/^Tests result: //p' "$work.log" | tail -n 1)
		echo "# pysuite-figures: file $t mode=$mode seconds=$secs status=$rc result=${result:-none}"
		tap_ok "$([ -s "$work.xml" ] && [ -n "$result" ]; echo $?)" \
			"python $mode: $t: regrtest ran in ${secs}s (exit status $rc, result ${result:-missing}; the host compares the cases)"
		if [ -s "$work.xml" ]; then
			echo "pyxml-begin $mode $t"
			gzip -9 -c "$work.xml" | base64
			echo "pyxml-end $mode $(md5sum < "$work.xml" | cut -d' ' -f1)"
		fi
		rm -rf "$work" "$work.xml"
	done
done
echo "# pysuite-figures: run mode=kml seconds=$tot_kml files=$ntests"
echo "# pysuite-figures: run mode=user seconds=$tot_user files=$ntests"
tap_done
