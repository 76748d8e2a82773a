# SPDX-License-Identifier: GPL-2.0
#
# The parts that KML's test and tool scripts share (sourced, not run):
# where the tree and the build directory are, how a script dies, the
# markers of the test VM and the one pattern that says "the kernel had a
# problem".  POSIX sh: the host's scripts source it from bash, the test VM's
# /init and guest scripts from busybox sh (the initramfs has it as
# /usr/lib/kml-selftests/common.sh).
#
# The caller may set PROG (its name in messages; default: $0's base name).
#
# Sets, on the host (bash; a POSIX sh script sets KML_TOP first):
#   KML_TOP   the top of the KML tree
#   BUILD     the build directory, absolute ($BUILD relative to KML_TOP,
#             default build)

PROG=${PROG:-${0##*/}}

# A POSIX sh script cannot know where a sourced file is: on the host it
# sets KML_TOP itself before sourcing (scripts/build-deb).
if [ -z "${KML_TOP:-}" ] && [ -n "${BASH_SOURCE:-}" ]; then
	KML_TOP=$(cd "$(dirname "$BASH_SOURCE")/../.." && pwd)
fi
if [ -n "${KML_TOP:-}" ]; then
	BUILD=${BUILD:-build}
	case "$BUILD" in
	/*) ;;
	*) BUILD="$KML_TOP/$BUILD" ;;
	esac
fi

# die MESSAGE: "PROG: error: MESSAGE" on stderr, exit status 1 (or
# KML_DIE_STATUS, for a script whose 1 means something else).
die() {
	echo "$PROG: error: $*" >&2
	exit "${KML_DIE_STATUS:-1}"
}

# warn MESSAGE, note MESSAGE
warn() {
	echo "$PROG: warning: $*" >&2
}
note() {
	echo "$PROG: $*"
}

# kml_qemu: the QEMU the VM scripts run (selftests/vm/run-vm, run-demo)
# and name in their facts: $QEMU, default the host's qemu-system-x86_64;
# QEMU=current is QEMU 10 of make qemu-current (selftests/vm/qemu-current,
# docs/kernel-dev.md "Which emulator").
kml_qemu() {
	case "${QEMU:-}" in
	'') echo qemu-system-x86_64 ;;
	current) echo "$BUILD/qemu-current/qemu-system-x86_64" ;;
	*) echo "$QEMU" ;;
	esac
}

# The test VM's markers: /init writes them on the results port around the
# tests (and the e2e system's test unit the same), selftests/vm/vm-verdict
# looks for them.  The number keeps a program's own output from passing
# for one.
KML_VM_START_MARKER='<<< kml-vm: init started 5d1c0f7e >>>'
KML_VM_END_MARKER='<<< kml-vm: tests finished 5d1c0f7e >>>'

# Kernel problems, by kind: extended regular expressions for lines of the
# kernel log.
KML_KLOG_OOPS='Kernel panic|Oops|BUG:|general protection fault|double fault|Unable to handle|unable to handle|stack-protector|stack is corrupted|corrupted stack end|stack guard page|kernel stack overflow'
# A WARN() splat starts with "WARNING: CPU: N PID: ..."; the CPU
# vulnerability advisories below say "WARNING:" too, but are not kernel
# problems.
KML_KLOG_WARNING='WARNING:'
KML_KLOG_LOCKUP='soft lockup|hard LOCKUP|hung_task|blocked for more than|rcu: INFO:|detected stall|self-detected stall'
# Any of them, or a stack trace.
KML_KLOG_PROBLEMS="$KML_KLOG_OOPS|$KML_KLOG_WARNING|$KML_KLOG_LOCKUP|Call Trace:"
# Lines that match the above but are no kernel problem: "traps:" lines
# report a user program's fault, and the CPU vulnerability advisories of
# arch/x86/kernel/cpu/bugs.c ("RETBleed: WARNING: Spectre v2 mitigation
# leaves CPU vulnerable...", printed at boot on the CPU models the benchmark
# emulates; "Spectre V2 : WARNING: ..." with its blank before the colon)
# are facts about the CPU.
KML_KLOG_NOT_PROBLEMS='\] traps: |\] (Spectre V1|Spectre V2|RETBleed|Speculative Return Stack Overflow|Speculative Store Bypass|MDS|TAA|MMIO Stale Data|SRBDS|L1TF|GDS|RFDS|Register File Data Sampling|ITS|Transient Scheduler Attacks|VMSCAPE|Spectre BHI|Meltdown) ?: WARNING: '

# kernel_problems [oops|warning|lockup|all] LOG: the kernel problems in LOG
# (a serial console log or dmesg's output), "LINE-NUMBER:line" each.  Only
# kernel records count (lines that start with a printk time stamp): a user
# program's output could say anything.
kernel_problems() {
	_kp_re=$KML_KLOG_PROBLEMS
	case "$1" in
	oops)		_kp_re=$KML_KLOG_OOPS; shift ;;
	warning)	_kp_re=$KML_KLOG_WARNING; shift ;;
	lockup)		_kp_re=$KML_KLOG_LOCKUP; shift ;;
	all)		shift ;;
	esac
	grep -anE '^\[ *[0-9]+\.[0-9]+\]' "$1" | grep -aE "$_kp_re" |
		grep -avE "$KML_KLOG_NOT_PROBLEMS" || true
}
