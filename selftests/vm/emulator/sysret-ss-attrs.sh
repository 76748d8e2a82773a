# SPDX-License-Identifier: GPL-2.0
#
# The kernel's own selftest x86/sysret_ss_attrs (64-bit), run unmarked:
# a far return (lretq) to user mode after a SYSRET that left SS's cached
# attributes stale.  On QEMU 7.2's TCG with SMAP, the lretq's stack reads
# are taken as supervisor accesses and the kernel oopses ("#PF: supervisor
# read access in user mode"): selftests/vm/emulator-check.
set -u
# tap.sh reads TAP_GUEST; in the initramfs it is selftests/lib/tap.sh.
# shellcheck disable=SC2034
TAP_GUEST=1
# shellcheck source=selftests/lib/tap.sh
. /usr/lib/kml-selftests/tap.sh
prog=/tests/data/sysret_ss_attrs_64
out=$("$prog" 2>&1)
status=$?
tap_diag "$out"
tap_ok "$status" "emulator: x86/sysret_ss_attrs_64 exits 0"
case "$out" in
*"[FAIL]"*)	tap_fail "emulator: x86/sysret_ss_attrs_64 reports no [FAIL]" ;;
*"[OK]"*)	tap_pass "emulator: x86/sysret_ss_attrs_64 reports [OK] and no [FAIL]" ;;
*)		tap_fail "emulator: x86/sysret_ss_attrs_64 reports [OK]" ;;
esac
