# SPDX-License-Identifier: GPL-2.0
# TAP helpers for the kml-mark shell suites (sourced).

tap_n=0
tap_failed=0

# ok COND-STATUS DESCRIPTION: "ok N - D" when the status is 0.
ok() {
	local st=$1
	shift
	tap_n=$((tap_n + 1))
	if [ "$st" -eq 0 ]; then
		echo "ok $tap_n - $*"
	else
		echo "not ok $tap_n - $*"
		tap_failed=$((tap_failed + 1))
	fi
}

# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
	local d=$1
	shift
	"$@"
	ok $? "$d"
}

diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

tap_done() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
