# SPDX-License-Identifier: GPL-2.0
#
# One boot of selftests/soak/int3-rate: KML_INT3_TIME seconds of poke-race
# (the toggler and one hitter per CPU), from the copy marked for kernel
# mode (KML_INT3_MODE=kml, the default) or the plain one (user).  With
# KML_INT3_TIME=0 the boot itself is the test: /init started, nothing more.
set -eu
TAP_GUEST=1
. /usr/lib/kml-selftests/tap.sh
t=${KML_INT3_TIME:-20}
if [ "$t" = 0 ]; then
	tap_pass "int3-rate: booted and ran /init"
	exit 0
fi
case "${KML_INT3_MODE:-kml}" in
kml)	exec /tests/kml-poke-race "$t" ;;
user)	exec /tests/poke-race "$t" ;;
*)	tap_fail "int3-rate: KML_INT3_MODE=${KML_INT3_MODE}: kml or user"; exit 1 ;;
esac
