# SPDX-License-Identifier: GPL-2.0
# Helpers for the check's test scripts (sourced): run the check driver,
# count its findings.  TAP comes from selftests/lib/tap.sh.

# kc_check DESCRIPTION CONDITION-COMMAND...: one TAP result (tap_check);
# when it failed, the last kc run's output as comments.
kc_check()
{
	tap_check "$@"
	[ "$tap_last" -eq 0 ] || [ -z "${kc_out-}" ] ||
		printf '%s\n' "$kc_out" | sed 's/^/#   /'
	return 0
}

# kc ARGS...: run the check driver; sets kc_out and kc_status.
kc()
{
	kc_out=$("$run" "$@" 2>&1)
	kc_status=$?
}

# kc_count WORD: how many findings of kc_out say "WORD:" ("error", ...).
kc_count()
{
	printf '%s\n' "$kc_out" | grep -c -- ": $1: "
}

# kc_is STATUS ERRORS WARNINGS ALLOWED: the last kc run gave exactly that.
kc_is()
{
	[ "$kc_status" -eq "$1" ] && [ "$(kc_count error)" -eq "$2" ] &&
		[ "$(kc_count warning)" -eq "$3" ] &&
		[ "$(kc_count allowed)" -eq "$4" ]
}

# sym_addr FILE SYMBOL: "0x..." address of SYMBOL, as the check prints it.
sym_addr()
{
	nm "$1" | awk -v s="$2" '$3 == s { sub(/^0+/, "", $1); print "0x" $1 }'
}
