# SPDX-License-Identifier: GPL-2.0
#
# TAP for the shell tests: the one set of helpers every test script of KML
# sources, on the host (bash) and in the test VM (busybox sh, where the
# initramfs has it as /usr/lib/kml-selftests/tap.sh).  The C tests have the
# same calls in selftests/lib/tap.h.
#
#	. "$top/selftests/lib/tap.sh"
#	tap_plan 3                       # optional: "1..3" first
#	tap_ok $? "kml-mark marks hello" # status 0: "ok 1 - ...", else "not ok"
#	tap_check "hello runs" ./hello   # runs the command; its status decides
#	tap_skip "no KVM" "the KVM test"  # "ok 3 - the KVM test # SKIP no KVM"
#	tap_step "it installs" t_install # a function's output kept, shown if it fails
#	tap_diag "a comment"             # "# a comment", one per line
#	tap_diag_file out.log            # a file's lines as "#   ..."
#	tap_diag_failed out.log          # the same, when the last result failed
#	tap_include other.tap            # another stream's results, numbered on
#	tap_done                         # plan (if not given), totals, status
#
# Guest mode (TAP_GUEST=1 before sourcing, as the VM's guest tests do):
# results are "ok - ..." without numbers, and no plan: the host
# (selftests/vm/vm-verdict) numbers the results of every guest test of a
# boot.  tap_done prints nothing there and only returns the status.
#
# State: tap_n results so far, tap_nfail of them failed, tap_nskip
# skipped, tap_last the status of the last result (0: ok).

tap_n=0
tap_nfail=0
tap_nskip=0
tap_last=0
tap_planned=
TAP_GUEST=${TAP_GUEST:-0}

# _tap_line ok|not ok DESCRIPTION [DIRECTIVE]
_tap_line() {
	tap_n=$((tap_n + 1))
	if [ "$TAP_GUEST" = 1 ]; then
		echo "$1 - $2${3:+ # $3}"
	else
		echo "$1 $tap_n - $2${3:+ # $3}"
	fi
}

# tap_plan N: the plan, before the first result.
tap_plan() {
	tap_planned=$1
	[ "$TAP_GUEST" = 1 ] || echo "1..$1"
}

# tap_ok STATUS DESCRIPTION...: one result, ok when STATUS is 0.  Returns 0
# (scripts under set -e go on after a failed result); tap_last has STATUS.
tap_ok() {
	tap_last=$1
	shift
	if [ "$tap_last" -eq 0 ]; then
		_tap_line ok "$*"
	else
		_tap_line "not ok" "$*"
		tap_nfail=$((tap_nfail + 1))
	fi
	return 0
}

# tap_pass DESCRIPTION..., tap_fail DESCRIPTION...
tap_pass() {
	tap_ok 0 "$@"
}
tap_fail() {
	tap_ok 1 "$@"
}

# tap_check DESCRIPTION COMMAND...: run COMMAND; ok when it succeeds.
tap_check() {
	_tap_what=$1
	shift
	"$@"
	tap_ok $? "$_tap_what"
}

# tap_step DESCRIPTION COMMAND...: run COMMAND with its output in a file
# ($tap_step_log, kept until the next step); one result, with
# " ($tap_detail)" added when COMMAND set tap_detail; when it failed, the
# last 30 lines of its output as comments.
tap_step() {
	_tap_what=$1
	shift
	tap_step_log=${TMPDIR:-/tmp}/tap-step.$$
	tap_detail=
	if "$@" > "$tap_step_log" 2>&1; then _tap_st=0; else _tap_st=1; fi
	tap_ok "$_tap_st" "$_tap_what${tap_detail:+ ($tap_detail)}"
	[ "$tap_last" -eq 0 ] || tail -n 30 "$tap_step_log" | sed 's/^/#   /'
	return 0
}

# tap_skip REASON DESCRIPTION...: a test that could not run here.
tap_skip() {
	_tap_why=$1
	shift
	tap_last=0
	tap_nskip=$((tap_nskip + 1))
	_tap_line ok "$*" "SKIP $_tap_why"
}

# tap_include FILE: the results of another TAP stream in FILE (e.g.
# vm-verdict's) as results of this one, numbered on, its comments as they
# are; its plan and totals are left out.
tap_include() {
	while IFS= read -r _tap_l; do
		case "$_tap_l" in
		"ok "*" # SKIP "*|"ok "*" # skip "*)
			_tap_l=$(echo "$_tap_l" | sed -E 's/^ok( [0-9]+)? *(- *)?//')
			tap_skip "${_tap_l#* # [Ss][Kk][Ii][Pp] }" "${_tap_l%% # [Ss][Kk][Ii][Pp]*}" ;;
		"ok "*|"not ok "*)
			case "$_tap_l" in "not ok"*) _tap_st=1 ;; *) _tap_st=0 ;; esac
			_tap_l=$(echo "$_tap_l" | sed -E 's/^(not )?ok( [0-9]+)? *(- *)?//')
			tap_ok "$_tap_st" "$_tap_l" ;;
		"# Totals: "*|1..*) ;;
		*) echo "$_tap_l" ;;
		esac
	done < "$1"
}

# tap_diag TEXT...: each line of TEXT as a "# " comment.
tap_diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

# tap_diag_file FILE [MAX-LINES]: FILE's lines (the first MAX-LINES, all
# by default) as "#   " comments; nothing when it is empty or missing.
tap_diag_file() {
	[ -s "$1" ] || return 0
	if [ -n "${2:-}" ]; then
		head -n "$2" "$1" | sed 's/^/#   /'
	else
		sed 's/^/#   /' "$1"
	fi
}

# tap_diag_failed FILE [MAX-LINES]: after a failed result, FILE's lines as "#   "
# comments (nothing after an ok one).
tap_diag_failed() {
	[ "$tap_last" -eq 0 ] || tap_diag_file "$@"
}

# tap_done: the plan (when tap_plan was not called) and the totals; returns
# 0 when every result was ok.  A plan that does not match the results
# counts as a failure.
tap_done() {
	_tap_bad=$tap_nfail
	if [ "$TAP_GUEST" != 1 ]; then
		if [ -z "$tap_planned" ]; then
			echo "1..$tap_n"
		elif [ "$tap_planned" -ne "$tap_n" ]; then
			echo "# planned $tap_planned results but gave $tap_n"
			_tap_bad=$((_tap_bad + 1))
		fi
		echo "# Totals: pass:$((tap_n - tap_nfail - tap_nskip)) fail:$tap_nfail skip:$tap_nskip"
	fi
	[ "$_tap_bad" -eq 0 ]
}
