# SPDX-License-Identifier: GPL-2.0
#
# The soak (guest side, busybox sh): Debian's stress-ng, a copy of it marked
# for kernel mode, a signal storm between kernel-mode and normal processes
# and memory pressure, on the KML kernel with two CPUs.  See docs/soak.md.
#
#   1. kernel mode alone: stress-ng-kml, one worker per stressor
#   2. user mode alone:   stress-ng, the same stressors (bogo ops compared)
#   3. together:          both, each also with a --vm worker that takes a
#                         share of MemAvailable, and sigstorm (kernel-mode
#                         and normal peers signalling each other)
#
# While each run works, soak-watch samples /proc/PID/status of every
# process it started: every process of a kernel-mode run must show
# KernelMode: 1, every one of a normal run KernelMode: 0, and each
# stressor's workers must have been seen.  Each run has a time limit; a run
# that overstays it is killed and counted as a hang.
#
# Environment (kernel command line): KML_SOAK_TIME, seconds for the three
# phases together (default 60: 15 + 15 + 30).
# The stressor lists are split into words on purpose:
# shellcheck disable=SC2086,SC2046
set -eu

total=${KML_SOAK_TIME:-60}
t1=$((total / 4))
[ "$t1" -ge 5 ] || t1=5
t3=$((total - 2 * t1))
[ "$t3" -ge 10 ] || t3=10
data=/tests/data
kml=/usr/bin/stress-ng-kml
usr=/usr/bin/stress-ng
review=$data/stress-ng.review
work=/tmp/soak
mkdir -p "$work"
# exec runs as nobody, in the same directory
chmod 1777 "$work"
cd "$work"

# Each stressor once, in both modes.  exec refuses to run as root, so it
# runs on its own as nobody.  sigsegv is reviewed as unsafe at CPL0 (see
# stress-ng.review): it runs in user mode only, in phase 3; sigfpe and
# sigtrap raise their signals from faults that are safe at CPL0, and
# sigstorm raises SIGSEGV on purpose in kernel mode.
stressors="fork clone vfork signal sigfpe sigtrap mmap fault stack futex pipe sock timer switch ptrace"
mixed="fork vfork signal sigfpe mmap fault stack futex pipe sock timer switch ptrace"
common="--mmap-bytes 2m --clone-max 64 --verify --metrics-brief"

hangs=0
TAP_GUEST=1
. /usr/lib/kml-selftests/tap.sh
# Stressors reviewed as unsafe at CPL0 (they execute privileged
# instructions on purpose) must never run from the marked copy.
unsafe=$(awk '$1 == "range" { print $2 }' "$review" 2>/dev/null | tr '\n' ' ')
bad=""
for s in $stressors $mixed exec vm; do
	case " $unsafe " in *" $s "*) bad="$bad $s" ;; esac
done
tap_ok "$([ -n "$unsafe" ] && [ -z "$bad" ]; echo $?)" \
	"soak: no stressor run in kernel mode is one the review marks unsafe at CPL0 (${unsafe% })${bad:+: $bad}"

# args: the stress-ng arguments for STRESSORS, one worker each
args() {
	for m_s in "$@"; do printf -- '--%s 1 ' "$m_s"; done
}

# start NAME LIMIT CMD...: run CMD in the background, its output in
# NAME.log, killed after LIMIT seconds (then NAME.hung exists).  Sets $pid
# to the pid of CMD itself (for soak-watch) and $job to the job to wait for.
start() {
	m_name=$1 m_limit=$2
	shift 2
	rm -f "$m_name.hung" "$m_name.rc" "$m_name.pid"
	(
		"$@" > "$m_name.log" 2>&1 &
		p=$!
		echo "$p" > "$m_name.pid"
		( sleep "$m_limit"; touch "$m_name.hung"; kill -9 "$p" ) >/dev/null 2>&1 &
		w=$!
		set +e
		wait "$p"
		echo $? > "$m_name.rc"
		kill "$w" 2>/dev/null
	) &
	job=$!
	while [ ! -s "$m_name.pid" ]; do sleep 0.1; done
	pid=$(cat "$m_name.pid")
}

# finish NAME WHAT: report the run's exit status and failures.
finish() {
	m_name=$1 m_what=$2
	m_rc=$(cat "$m_name.rc" 2>/dev/null || echo none)
	m_nfail=$(grep -cE ' (fail|error): ' "$m_name.log" || true)
	if [ -e "$m_name.hung" ]; then
		hangs=$((hangs + 1))
		tap_fail "$m_what: still running after its time limit, killed (hang)"
	else
		tap_ok "$([ "$m_rc" = 0 ] && [ "$m_nfail" = 0 ]; echo $?)" \
			"$m_what: exit status $m_rc, $m_nfail failure lines"
	fi
	if [ "$m_rc" != 0 ] || [ "$m_nfail" != 0 ]; then
		{ grep -E ' (fail|error): ' "$m_name.log" || true; tail -n 8 "$m_name.log"; } |
			head -n 28 | sed 's/^/#   /'
	fi
}

# ops NAME: "stressor bogo-ops" lines of NAME.yaml
ops() {
	[ -f "$1.yaml" ] || return 0
	awk '/- stressor:/ { s = $3 } /^ +bogo-ops:/ { print s, $2 }' "$1.yaml"
}

# modes LABEL WANT STRESSORS...: check soak-watch's samples for LABEL:
# every sample in mode WANT (1 kernel, 0 user), each stressor seen.
# (Functions share the script's variables: theirs start with m_.)
modes() {
	m_label=$1 m_want=$2
	shift 2
	set -- $(awk -v l="$m_label" '$1 == l { s += $3; k += $4; u += $5; p += $6 } END { print s + 0, k + 0, u + 0, p + 0 }' watch.txt) "$@"
	m_samples=$1 m_km1=$2 m_km0=$3 m_procs=$4
	shift 4
	m_missing=""
	for m_s in "$@"; do
		m_c="stress-ng-$(echo "$m_s" | cut -c1-5)"
		awk -v l="$m_label" -v c="$m_c" -v w="$m_want" '
			$1 == l && index($2, c) == 1 && $3 > 0 && (w == 1 ? $4 : $5) > 0 { f = 1 }
			END { exit !f }' watch.txt || m_missing="$m_missing $m_s"
	done
	if [ "$m_want" = 1 ]; then
		m_wrong=$m_km0 m_mode="KernelMode: 1"
	else
		m_wrong=$m_km1 m_mode="KernelMode: 0"
	fi
	tap_ok "$([ "$m_samples" -gt 0 ] && [ "$m_wrong" = 0 ] && [ -z "$m_missing" ]; echo $?)" \
		"$m_label: $m_samples samples of $m_procs processes while they ran, all $m_mode ($m_wrong not)${m_missing:+; no worker seen for:$m_missing}"
	[ "$m_wrong" = 0 ] || awk -v l="$m_label" '$1 == l' watch.txt | sed 's/^/#   /'
}

echo "# soak: $total s: kernel mode ${t1}s, user mode ${t1}s, together ${t3}s; $(nproc) CPUs, $(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo) MiB"

# 1 and 2: each mode alone.
for mode in kml usr; do
	if [ "$mode" = kml ]; then prog=$kml label=kernel-mode; else prog=$usr label=user-mode; fi
	start "$mode" $((t1 + 90)) "$prog" $(args $stressors) $common -t "$t1" --yaml "$mode.yaml"
	p1=$pid j1=$job
	# Without --verify: stress-ng 0.15.06 counts its children's own
	# racy garbage execs (EINVAL, fixed upstream in ab0c2ddce, June 2023)
	# as failures, in user mode as in kernel mode.
	start "$mode-exec" $((t1 + 90)) "$data/soak-runas" 65534 65534 \
		"$prog" --exec 1 --metrics-brief -t "$t1" --yaml "$mode-exec.yaml"
	p2=$pid j2=$job
	/tests/data/soak-watch watch.txt $((t1 + 5)) "$label:$p1" "$label-exec:$p2"
	wait $j1 $j2 || true
	finish "$mode" "stress-ng $label, $(echo $stressors | wc -w) stressors, ${t1}s"
	finish "$mode-exec" "stress-ng $label, exec as nobody, ${t1}s"
	if [ "$mode" = kml ]; then want=1; else want=0; fi
	modes "$label" $want $stressors
	modes "$label-exec" $want exec
	{ ops "$mode"; ops "$mode-exec"; } > "$mode.ops"
	n=$(awk '{ s += $2 } END { print s + 0 }' "$mode.ops")
	tap_ok "$([ "$n" -gt 0 ]; echo $?)" "stress-ng $label: $n bogo ops in all"
done

# Throughput: kernel mode against user mode, per stressor (one phase after
# the other: the host's load may differ between them).
echo "# soak: bogo ops in ${t1}s, each mode alone, kernel mode / user mode:"
for s in $stressors exec; do
	k=$(awk -v s="$s" '$1 == s { print $2 }' kml.ops)
	u=$(awk -v s="$s" '$1 == s { print $2 }' usr.ops)
	r=$(awk -v k="${k:-0}" -v u="${u:-0}" 'BEGIN { if (u > 0) printf "%.2f", k / u; else print "n/a" }')
	printf '#   %-8s %8s %8s  %s\n' "$s" "${k:-?}" "${u:-?}" "$r"
	echo "# soak-figures: stress-ng stressor=$s seconds=$t1 kml=${k:-0} user=${u:-0}" >> figures.txt
done
cat figures.txt
rm -f figures.txt

# 3: together, with memory pressure and the signal storm.  First one
# --vm worker per mode takes 35% of MemAvailable (--vm-populate: the kernel
# fills it at once, MAP_POPULATE; page faults from user code are too slow
# under the emulator to get far while everything else runs), then the
# stressors and the signal storm start and run while that memory is held.
avail=$(awk '/MemAvailable/ { print $2 }' /proc/meminfo)
vmkb=$((avail * 35 / 100))
vmopts="--vm 1 --vm-bytes ${vmkb}k --vm-populate --vm-keep --verify --metrics-brief"
start vmkml $((t3 + 120)) "$kml" $vmopts -t $((t3 + 15)) --yaml vmkml.yaml
pk=$pid jk=$job
start vmusr $((t3 + 120)) "$usr" $vmopts -t $((t3 + 15)) --yaml vmusr.yaml
pu=$pid ju=$job
fill=0
while [ "$fill" -lt 30 ] &&
	[ "$(awk '/MemAvailable/ { print $2 }' /proc/meminfo)" -ge $((avail * 45 / 100)) ]; do
	sleep 1
	fill=$((fill + 1))
done
echo "# soak: together: two --vm workers of $((vmkb / 1024)) MiB took MemAvailable from $((avail / 1024)) to $(awk '/MemAvailable/ { print int($2 / 1024) }' /proc/meminfo) MiB in ${fill}s"
start mixkml $((t3 + 90)) "$kml" $(args $mixed) --sock-port 5000 $common -t "$t3" --yaml mixkml.yaml
p1=$pid j1=$job
start mixusr $((t3 + 90)) "$usr" $(args $mixed) --sigsegv 1 --sock-port 6000 $common -t "$t3" --yaml mixusr.yaml
p2=$pid j2=$job
start storm $((t3 + 90)) /tests/data/sigstorm "$t3" 4
j3=$job
/tests/data/soak-watch watch.txt $((t3 + 5)) "together-kernel-mode:$p1" "together-user-mode:$p2" \
	"vm-kernel-mode:$pk" "vm-user-mode:$pu"
wait $j1 $j2 $j3 $jk $ju || true
finish mixkml "stress-ng kernel-mode together with user mode, $(echo $mixed | wc -w) stressors, ${t3}s"
finish mixusr "stress-ng user-mode together with kernel mode, $(echo $mixed | wc -w) stressors + sigsegv, ${t3}s"
finish vmkml "stress-ng kernel-mode --vm worker of $((vmkb / 1024)) MiB meanwhile"
finish vmusr "stress-ng user-mode --vm worker of $((vmkb / 1024)) MiB meanwhile"
modes together-kernel-mode 1 $mixed
modes together-user-mode 0 $mixed sigsegv
modes vm-kernel-mode 1 vm
modes vm-user-mode 0 vm
memmin=$(awk '$1 == "mem" { print $3 }' watch.txt)
# Two workers of 35% each: what is left must have dropped well below half.
tap_ok "$([ "$memmin" -ge 0 ] && [ "$memmin" -lt $((avail * 45 / 100)) ]; echo $?)" \
	"memory pressure: MemAvailable fell from $((avail / 1024)) MiB to $((memmin / 1024)) MiB (want below 45%)"
# The signal storm reports for itself.
if [ -e storm.hung ]; then
	hangs=$((hangs + 1))
	tap_fail "sigstorm: still running after its time limit, killed (hang)"
fi
grep -E '^(ok|not ok|#)' storm.log || true
grep -q '^not ok' storm.log && tap_nfail=$((tap_nfail + 1))
src=$(cat storm.rc 2>/dev/null || echo none)
tap_ok "$([ "$src" = 0 ]; echo $?)" "sigstorm: exit status $src"
# Throughput: both modes at once compete for the same CPUs under the same
# host load, a fairer comparison than phases 1 and 2 one after the other.
ops mixkml > mixkml.ops
ops mixusr > mixusr.ops
echo "# soak: bogo ops in ${t3}s with both modes at once, kernel mode / user mode:"
for s in $mixed; do
	k=$(awk -v s="$s" '$1 == s { print $2 }' mixkml.ops)
	u=$(awk -v s="$s" '$1 == s { print $2 }' mixusr.ops)
	r=$(awk -v k="${k:-0}" -v u="${u:-0}" 'BEGIN { if (u > 0) printf "%.2f", k / u; else print "n/a" }')
	printf '#   %-8s %8s %8s  %s\n' "$s" "${k:-?}" "${u:-?}" "$r"
	echo "# soak-figures: together stressor=$s seconds=$t3 kml=${k:-0} user=${u:-0}" >> figures.txt
done
cat figures.txt
rm -f figures.txt
for m in vmkml vmusr; do
	ops "$m" | awk -v m="$m" '{ printf "# soak-figures: together mode=%s stressor=%s ops=%s\n", m, $1, $2 }'
done
echo "# soak-figures: mem avail-kb=$avail min-kb=$memmin"

tap_ok "$([ "$hangs" = 0 ]; echo $?)" "soak: no run hung ($hangs killed after their time limit)"
echo "# soak-figures: soak hangs=$hangs fails=$tap_nfail"
tap_done
