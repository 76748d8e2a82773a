# shellcheck shell=sh
# SPDX-License-Identifier: GPL-2.0
#
# The kernel's own selftests in kernel mode (guest side, busybox sh): each
# program of /kselftest/list runs twice, first as built (user mode, from
# /kselftest/um), then as the copy kml-mark marked (kernel mode, from
# /kselftest/km), in its own directory as kselftest's runner does, with
# a time limit.  selftests/kselftest/build-kselftest staged them; see
# docs/kernel-dev.md, "The kernel's own selftests in kernel mode".
#
# The guest judges nothing but its own machinery: the host
# (selftests/kselftest/kselftest-compare) compares the two runs case by
# case from what this prints on the results port, each line tagged with
# the mode and the run's id (the list's line, spaces as "~"):
#   ks-begin MODE ID
#   ks-out MODE ID | LINE         the program's output (stdout and stderr)
#   ks-kmode MODE ID VALUE        KernelMode of the running program
#                                 (/proc/PID/status), or "unseen" when it
#                                 ended before it could be read
#   ks-klog MODE ID | LINE        what the kernel logged meanwhile
#   ks-end MODE ID status=N seconds=S [timeout]
#   ks-refused ID                 the check refused to mark the program
#                                 (/kselftest/refused): user mode only
#   ks-excluded ID                left out on this emulator (KML_KS_EXCLUDE)
#
# Environment (kernel command line):
#   KML_KS_TIMEOUT=SEC        limit per program and mode (default 300)
#   KML_KS_EXCLUDE=ID,ID...   runs not to make (in either mode)
#   KML_KS_ONLY=ID,ID...      make only these runs (a short form)
set -u

ks=/kselftest
tmo=${KML_KS_TIMEOUT:-300}
# shellcheck disable=SC2034 # read by tap.sh
TAP_GUEST=1
# shellcheck source=selftests/lib/tap.sh
. /usr/lib/kml-selftests/tap.sh

listed() { # listed ID LIST: is ID in the comma-separated LIST?
	case ",$2," in *",$1,"*) return 0 ;; esac
	return 1
}

# The kernel log so far is not any run's.
dmesg -c > /dev/null 2>&1 || tap_fail "kselftest: dmesg -c does not work"
echo "# kselftest: $(wc -l < $ks/list) runs per mode, limit ${tmo}s each; $(nproc) CPUs, $(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo) MiB"

# run MODE ID DIR PROG ARGS...: one run, its records on stdout.
run() {
	r_mode=$1 r_id=$2 r_dir=$3 r_prog=$4
	shift 4
	echo "ks-begin $r_mode $r_id"
	rm -f /tmp/.ks-timedout
	t0=$(date +%s)
	cd "$r_dir" || { echo "ks-end $r_mode $r_id status=none seconds=0"; return; }
	# A session of its own, so that the time limit kills what it left
	# behind too.
	setsid "./$r_prog" "$@" < /dev/null > /tmp/.ks-out 2>&1 &
	pid=$!
	(
		sleep "$tmo" &
		trap 'kill $! 2> /dev/null; exit 0' TERM
		wait $!
		echo 1 > /tmp/.ks-timedout
		kill -9 -- "-$pid" "$pid"
	) > /dev/null 2>&1 &
	watcher=$!
	# KernelMode of the program itself, once it has replaced the shell
	# that forked it.
	km=unseen
	n=0
	while [ "$n" -lt 200 ]; do
		exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || break
		case "$exe" in
		*"/$r_prog")
			km=$(sed -n 's/^KernelMode:[[:space:]]*//p' "/proc/$pid/status" 2>/dev/null)
			[ -n "$km" ] || km=unseen
			break ;;
		esac
		n=$((n + 1))
	done
	wait "$pid"
	rc=$?
	kill "$watcher" 2> /dev/null
	wait "$watcher" 2> /dev/null
	secs=$(($(date +%s) - t0))
	cd /
	awk -v p="ks-out $r_mode $r_id | " '{ print p $0 }' /tmp/.ks-out
	echo "ks-kmode $r_mode $r_id $km"
	dmesg -c 2> /dev/null | awk -v p="ks-klog $r_mode $r_id | " '{ print p $0 }'
	to=""
	[ -e /tmp/.ks-timedout ] && to=" timeout"
	echo "ks-end $r_mode $r_id status=$rc seconds=$secs$to"
}

nruns=0 nref=0 nexcl=0
t_start=$(date +%s)
while read -r prog args; do
	[ -n "$prog" ] || continue
	id=$(echo "$prog${args:+ $args}" | tr ' ' '~')
	if listed "$id" "${KML_KS_EXCLUDE:-}"; then
		echo "ks-excluded $id"
		nexcl=$((nexcl + 1))
		continue
	fi
	if [ -n "${KML_KS_ONLY:-}" ] && ! listed "$id" "$KML_KS_ONLY"; then
		continue
	fi
	suite=${prog%/*}
	name=${prog#"$suite"/}
	for mode in user kml; do
		# The two copies' directories have names of the same length
		# (tests print paths, some cut to a length).
		if [ "$mode" = kml ]; then mdir=km; else mdir=um; fi
		if [ "$mode" = kml ] && [ ! -e "$ks/km/$prog" ]; then
			echo "ks-refused $id"
			nref=$((nref + 1))
			continue
		fi
		# shellcheck disable=SC2086 # the list's arguments, word by word
		run "$mode" "$id" "$ks/$mdir/$suite/$(dirname "$name")" "$(basename "$name")" $args
		nruns=$((nruns + 1))
	done
done < $ks/list
secs=$(($(date +%s) - t_start))
echo "# kselftest-figures: runs=$nruns refused=$nref excluded=$nexcl seconds=$secs"
tap_ok "$([ "$nruns" -gt 0 ]; echo $?)" "kselftest: $nruns runs made in ${secs}s ($nref refused by the check, $nexcl excluded on this emulator); the host compares them"
tap_done
