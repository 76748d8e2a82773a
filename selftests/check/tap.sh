# SPDX-License-Identifier: GPL-2.0
# Helpers for the check's TAP test scripts (sourced).

tap_n=0

# tap_result DESCRIPTION CONDITION-COMMAND...: one TAP line.
tap_result()
{
	local what=$1

	shift
	tap_n=$((tap_n + 1))
	if "$@"; then
		echo "ok $tap_n - $what"
	else
		echo "not ok $tap_n - $what"
		[ -n "${kc_out-}" ] && printf '%s\n' "$kc_out" | sed 's/^/#   /'
	fi
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
