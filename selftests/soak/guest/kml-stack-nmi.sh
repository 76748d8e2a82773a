# SPDX-License-Identifier: GPL-2.0
#
# The stack-starvation test of the VM suite (kml-stack: deep recursion
# under a 0.5 ms timer, RSP in a PROT_NONE mapping and in untouched memory
# while interrupts hit, the red zone), pinned to CPU 0 where QEMU's NMIs
# arrive, while the host injects them.  Its own results count; this adds
# how many NMIs hit CPU 0 meanwhile (> 0 with KML_SOAK_NMI=1).
set -eu
TAP_GUEST=1
. /usr/lib/kml-selftests/tap.sh
nmi0() {
	awk '$1 == "NMI:" { print $2 }' /proc/interrupts
}
a=$(nmi0)
set +e
taskset -c 0 /tests/kml-stack
rc=$?
set -e
d=$(($(nmi0) - a))
if [ "${KML_SOAK_NMI:-0}" = 1 ]; then
	tap_ok "$([ "$d" -gt 0 ]; echo $?)" "kml-stack under NMIs: $d NMIs on CPU 0 while it ran there"
else
	echo "# kml-stack: $d NMIs on CPU 0 meanwhile (none injected)"
fi
echo "# soak-figures: kml-stack nmis=$d"
exit $rc
