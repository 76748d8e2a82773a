# SPDX-License-Identifier: GPL-2.0
#
# NMI bookkeeping of the soak (guest side).  The soak boot runs this first
# and last (KML_VM_TESTS=soak-nmi.sh,...,soak-nmi.sh).  The first run
# records the NMI count of /proc/interrupts and prints "# soak: nmi on",
# which tells selftests/soak/run-soak on the host to start injecting NMIs;
# the last prints "# soak: nmi off" (the host stops) and, two seconds
# later, how many NMIs the guest took in between.  With KML_SOAK_NMI=1 (the host injects) that count must be > 0.
set -eu
TAP_GUEST=1
. /usr/lib/kml-selftests/tap.sh
state=/tmp/.soak-nmi
nmis() {
	awk '$1 == "NMI:" { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i } END { print s + 0 }' /proc/interrupts
}
if [ ! -e "$state" ]; then
	n=$(nmis)
	echo "$n $(date +%s)" > "$state"
	tap_pass "nmi: $n NMIs before the soak"
	echo "# soak: nmi on"
	# Give the host a moment to start before the work begins.
	sleep 2
else
	# The host stops within a second of seeing this; count after that,
	# so that every NMI it injected is counted.
	echo "# soak: nmi off"
	sleep 2
	n=$(nmis)
	# shellcheck disable=SC2046
	set -- $(cat "$state")
	d=$((n - $1))
	t=$(($(date +%s) - $2))
	if [ "${KML_SOAK_NMI:-0}" = 1 ]; then
		tap_ok "$([ "$d" -gt 0 ]; echo $?)" "nmi: the guest took $d NMIs during the soak (${t}s)"
	else
		tap_pass "nmi: $d NMIs during the soak (${t}s, none injected)"
	fi
	awk '$1 == "NMI:"' /proc/interrupts | sed 's/^/# /'
	echo "# soak-figures: nmi guest=$d seconds=$t"
fi
