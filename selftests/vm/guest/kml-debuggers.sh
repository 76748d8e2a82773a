#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Debian's gdb and strace on kernel-mode programs (helpers/kml-dbg-target):
# breakpoints, stepi through both system call entries (into a call to the
# KML entry, which stops at the entry as for any function, then over the
# system call as over a syscall instruction) and into and out of a signal
# handler, a hardware watchpoint, strace -f, and a system call
# interrupted by an attaching debugger that runs an inferior call: it must
# restart correctly once the debugger has put the registers back.  The
# kernel log must stay free of WARNINGs (run-vm checks it).

T=/tests/data/kml-dbg-target
export HOME=/root
TAP_GUEST=1
. /usr/lib/kml-selftests/tap.sh

show() {	# show FILE: as comments
	sed 's/^/#   /' "$1"
}

gdb_run() {	# gdb_run LOG GDB-ARGS...: gdb in batch mode, at most 60 s
	log=$1
	shift
	timeout 60 gdb -nx -batch -ex 'set pagination off' -ex 'set confirm off' \
		"$@" >"$log" 2>&1
}

# --- breakpoints and stepi
cat >/tmp/steps.gdb <<'GDB'
handle SIGUSR1 stop print pass
break stepi_call
run
printf "BREAK %lx %lx\n", (unsigned long)$pc, (unsigned long)&stepi_call
stepi
printf "INTO %lx\n", (unsigned long)$pc
stepi
printf "CALL %lx %lx\n", (unsigned long)$pc, (unsigned long)&stepi_call_done
tbreak stepi_syscall
continue
stepi
printf "SYSCALL %lx %lx\n", (unsigned long)$pc, (unsigned long)&stepi_syscall_done
tbreak stepi_kill
continue
set $n = 0
while (unsigned long)$pc != (unsigned long)&on_usr1 && $n < 50
  stepi
  set $n = $n + 1
end
printf "HANDLER %lx %lx\n", (unsigned long)$pc, (unsigned long)&on_usr1
set $n = 0
while (unsigned long)$pc != (unsigned long)&stepi_kill_done && $n < 1000
  stepi
  set $n = $n + 1
end
printf "OUT %lx %lx\n", (unsigned long)$pc, (unsigned long)&stepi_kill_done
continue
GDB
gdb_run /tmp/steps.log -x /tmp/steps.gdb --args $T steps
same() {	# same TAG: the two addresses on gdb's TAG line are equal
	awk -v t="$1" '$1 == t { found = 1; ok = ($2 == $3) } END { exit !(found && ok) }' /tmp/steps.log
}
same BREAK; tap_ok $? "gdb: a breakpoint in a kernel-mode program stops there"
awk '$1 == "INTO" && $2 ~ /^ffff[89a-f]/ { f = 1 } END { exit !f }' /tmp/steps.log
tap_ok $? "gdb: stepi into a call into the KML entry stops at the entry, as for any function"
same CALL; tap_ok $? "gdb: the next stepi runs the system call and lands after the call"
same SYSCALL; tap_ok $? "gdb: stepi over a syscall instruction lands after it"
same HANDLER; tap_ok $? "gdb: stepi from a system call that raises a signal reaches the handler"
same OUT; tap_ok $? "gdb: stepi through the handler and rt_sigreturn comes back after the system call"
grep -q 'steps: ok' /tmp/steps.log && grep -q 'exited normally' /tmp/steps.log
tap_ok $? "gdb: the stepped program got the right results and exited normally"
[ "$tap_nfail" = 0 ] || show /tmp/steps.log

# --- hardware watchpoint.  The breakpoint is on main, not on the function
# that writes the variable: stepping off a breakpoint over an instruction
# that also hits the watchpoint makes QEMU's emulator raise a second #DB
# at the #DB handler itself, which hangs any kernel, KML or not.
f0=$tap_nfail
cat >/tmp/watch.gdb <<'GDB'
break main
run
watch -l watched_var
continue
continue
continue
delete
continue
GDB
gdb_run /tmp/watch.log -x /tmp/watch.gdb --args $T watch
grep -q 'Hardware watchpoint' /tmp/watch.log
tap_ok $? "gdb: sets a hardware watchpoint"
grep -q 'New value = 11' /tmp/watch.log && grep -q 'New value = 22' /tmp/watch.log &&
	grep -q 'New value = 33' /tmp/watch.log
tap_ok $? "gdb: the hardware watchpoint caught each of the three writes"
grep -q 'exited normally' /tmp/watch.log
tap_ok $? "gdb: the watched program exited normally"
[ "$tap_nfail" = "$f0" ] || show /tmp/watch.log

# --- strace -f
f0=$tap_nfail
# -ff: one log per process, so that no line is split by the other's
rm -f /tmp/strace.log*
timeout 60 strace -ff -o /tmp/strace.log $T fork >/tmp/strace.out 2>&1
tap_ok $? "strace -f: the traced program and its child exited with status 0"
cat /tmp/strace.log.* >/tmp/strace.log
grep -q 'write(1, "parent\\n", 7) *= 7' /tmp/strace.log &&
	grep -q 'write(1, "child\\n", 6) *= 6' /tmp/strace.log
tap_ok $? "strace -f: shows the call-entry write() of parent and child"
[ "$(grep -c 'getppid() *= [0-9]' /tmp/strace.log)" -ge 2 ]
tap_ok $? "strace -f: shows both call-entry getppid() with their results"
[ "$tap_nfail" = "$f0" ] || { show /tmp/strace.log; show /tmp/strace.out; }

# --- an interrupted call-entry system call, an inferior call, restart
f0=$tap_nfail
rm -f /tmp/dbg-go
$T restart >/tmp/restart.out 2>&1 &
pid=$!
i=0
while ! grep -q waiting /tmp/restart.out && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
gdb_run /tmp/restart.log -p "$pid" -ex 'print answer(21)' -ex detach
touch /tmp/dbg-go
wait "$pid"
rc=$?
grep -q '= 42' /tmp/restart.log
tap_ok $? "gdb: attached to a program blocked in a call-entry read() and called a function in it"
[ "$rc" = 0 ] && grep -q 'read=4 buf=data' /tmp/restart.out
tap_ok $? "the interrupted read() restarted after the debugger restored the registers (exit $rc)"
[ "$tap_nfail" = "$f0" ] || { show /tmp/restart.log; show /tmp/restart.out; }

exit 0
