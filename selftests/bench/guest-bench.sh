#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark inside the VM: /init runs it as the only test of the bench
# initramfs (selftests/bench/run-bench).  Settings come from the kernel
# command line, which the kernel hands to /init as environment variables:
#
#   KML_BENCH_KERNEL=stock|kml|probe  stock: the plain build in column "stock";
#                               kml: the plain build in column "user", the
#                               marked build in columns "syscall" and "call";
#                               probe: nothing (does a VM run at all?)
#   KML_BENCH_STOCK_COL=NAME    column name for the stock kernel's results
#                               (default stock; a repeat boot uses stock2)
#   KML_BENCH_KML_SUFFIX=S      kml: columns "userS", "syscallS" and
#                               "callS" (a second boot of the KML kernel,
#                               e.g. with page-table isolation: pti)
#   KML_BENCH_CLOCK=tsc|cycles|ns  syscall-bench --clock (tsc: guest
#                               instructions under -icount; cycles: the
#                               TSC of real hardware or KVM)
#   KML_BENCH_DATA=DIR          where the programs are (default
#                               /tests/data; on a machine booted with the
#                               KML kernel: build/bench/data, see
#                               docs/bench.md)
#   KML_BENCH_SCALE=S           syscall-bench --scale (default 1)
#   KML_BENCH_BATCHES=B         syscall-bench --batches (default 11)
#   KML_BENCH_REDIS=N           run redis-benchmark with -n N against the
#                               unmarked (and on kml: the marked) redis-server;
#                               0 or unset: no redis
#   KML_BENCH_REDIS_ROUNDS=R    redis-benchmark runs per server (default 3)
#
# Output: syscall-bench's "BENCH ..." lines, "REDIS col test rps round",
# "# " notes, and one "ok"/"not ok" line per part for the VM harness.
# Not -e: a failed measurement is reported (n/a) and the rest goes on.
set -u
TAP_GUEST=1
. /usr/lib/kml-selftests/tap.sh
D=${KML_BENCH_DATA:-/tests/data}
kernel=${KML_BENCH_KERNEL:-}
clock=${KML_BENCH_CLOCK:-tsc}
scale=${KML_BENCH_SCALE:-1}
batches=${KML_BENCH_BATCHES:-11}
redis_n=${KML_BENCH_REDIS:-0}
ops="floor getppid null read write clock open pipe pipe-normal fork"
case "$clock" in
tsc)	unit=insn ;;
cycles|ns) unit=$clock ;;
*)	tap_fail "bench: KML_BENCH_CLOCK is '$clock', not tsc, cycles or ns"; exit 1 ;;
esac

case "$kernel" in
stock|kml) ;;
probe)	tap_pass "bench: the VM runs (probe)"; exit 0 ;;
*)	tap_fail "bench: KML_BENCH_KERNEL is '$kernel', not stock or kml"; exit 1 ;;
esac
echo "# bench: kernel=$kernel clock=$clock scale=$scale batches=$batches redis=$redis_n"
echo "# bench: uname $(uname -r -v)"
# What the kernel does about the CPU's bugs on this CPU model: part of
# the results (selftests/bench/run-bench keeps these lines).
for f in /sys/devices/system/cpu/vulnerabilities/*; do
	[ -r "$f" ] && echo "# bench: vulnerability ${f##*/}: $(cat "$f")"
done
echo "# bench: cmdline $(cat /proc/cmdline)"

# bench COL MODE PROGRAM: every operation in its own process, so that a
# crash costs one cell of the table, not the run.
bench() {
	col=$1 mode=$2 prog=$3
	bad=0
	for op in $ops; do
		timeout 120 "$prog" --col "$col" --mode "$mode" --clock "$clock" \
			--scale "$scale" --batches "$batches" \
			--peer "$D/syscall-bench" "$op"
		rc=$?
		case "$rc" in
		0|1) ;;
		124|137|143)
			echo "BENCH $col $op $unit n/a timed out after 120 s"
			bad=1 ;;
		*)
			if [ "$rc" -gt 128 ]; then
				echo "BENCH $col $op $unit n/a killed by signal $((rc - 128)) ($(kill -l $((rc - 128)) 2>/dev/null))"
			else
				echo "BENCH $col $op $unit n/a exited with status $rc"
			fi
			bad=1 ;;
		esac
	done
	if [ "$bad" = 0 ]; then
		tap_pass "bench: $col ($mode, $clock)"
	else
		tap_pass "bench: $col ($mode, $clock): some operations crashed or hung (n/a in the table)"
	fi
}

if [ "$kernel" = stock ]; then
	bench "${KML_BENCH_STOCK_COL:-stock}" sys $D/syscall-bench
else
	sfx=${KML_BENCH_KML_SUFFIX:-}
	bench "user$sfx" sys $D/syscall-bench
	bench "syscall$sfx" sys $D/syscall-bench-kml
	bench "call$sfx" call $D/syscall-bench-kml
fi

[ "$redis_n" -gt 0 ] 2>/dev/null || exit 0

# Redis: Debian's dynamic binaries and their libraries (stage-redis) are
# in $R and $R/lib; put the libraries where ld.so looks for them.
R=$D/redis
mkdir -p /lib64 /lib/x86_64-linux-gnu
for f in "$R"/lib/*; do
	ln -sf "$f" /lib/x86_64-linux-gnu/
done
ln -sf "$R/lib/ld-linux-x86-64.so.2" /lib64/ld-linux-x86-64.so.2

# start_redis COL SERVER PORT: start SERVER, wait until it answers PING.
# Sets pid_COL; prints a REDIS n/a line and returns 1 if it does not come up.
start_redis() {
	col=$1 server=$2 port=$3
	log=/tmp/redis-$col.log
	"$server" --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
		--daemonize no --protected-mode no --loglevel warning \
		--logfile "$log" &
	pid=$!
	eval "pid_$col=$pid"
	i=0
	until "$R/redis-cli" -p "$port" ping >/dev/null 2>&1; do
		i=$((i + 1))
		if [ "$i" -gt 300 ] || ! kill -0 "$pid" 2>/dev/null; then
			kill -9 "$pid" 2>/dev/null
			wait "$pid"
			rc=$?
			why="exit status $rc"
			[ "$rc" -gt 128 ] && why="killed by signal $((rc - 128)) ($(kill -l $((rc - 128)) 2>/dev/null))"
			echo "REDIS $col - n/a ${server##*/} did not answer PING: $why"
			echo "# redis: $col: ${server##*/} did not start or answer PING: $why"
			sed 's/^/# redis log: /' "$log" 2>/dev/null | tail -n 20
			dmesg | tail -n 20 | sed 's/^/# dmesg: /'
			eval "pid_$col="
			return 1
		fi
		sleep 0.1
	done
	km=$(grep KernelMode "/proc/$pid/status" 2>/dev/null | tr -s '\t ' ' ')
	echo "# redis: $col: ${server##*/} pid $pid port $port ${km:-(no KernelMode line in /proc/$pid/status)}"
	echo "REDIS $col mode ${km:-KernelMode: ?}" | tr -d ':'
	# Numbers of a "kernel mode" server that runs in user mode would
	# only mislead.
	if [ "$col" = kernel ] && [ "$km" != "KernelMode: 1" ]; then
		echo "REDIS $col - n/a ${server##*/} does not run in kernel mode (${km:-no KernelMode line})"
		stop_redis "$col" "$port"
		eval "pid_$col="
		return 1
	fi
	return 0
}

# bench_redis COL PORT ROUND: one redis-benchmark run.
bench_redis() {
	col=$1 port=$2 round=$3
	"$R/redis-benchmark" -p "$port" -n "$redis_n" -d 16 -t set,get,ping --csv \
		2>/tmp/redis-bench.err | tr -d '\r"' > /tmp/redis-bench.csv
	if ! grep -q '^SET,' /tmp/redis-bench.csv; then
		echo "REDIS $col - n/a redis-benchmark got no answer (round $round)"
		sed 's/^/# redis-benchmark: /' /tmp/redis-bench.err | tail -n 10
		return 1
	fi
	grep -v '^test,' /tmp/redis-bench.csv | while IFS=, read -r test rps rest; do
		echo "REDIS $col $test $rps $round"
	done
}

# stop_redis COL PORT: shut the server down; report how it ended.
stop_redis() {
	col=$1 port=$2
	eval "pid=\$pid_$col"
	[ -n "$pid" ] || return 0
	"$R/redis-cli" -p "$port" shutdown nosave >/dev/null 2>&1 || kill "$pid"
	wait "$pid"
	rc=$?
	if [ "$rc" = 0 ]; then
		tap_pass "redis: $col server ran and shut down"
	else
		tap_pass "redis: $col server ended with status $rc (see the table)"
		echo "REDIS $col - n/a redis-server ended with status $rc"
		sed 's/^/# redis log: /' "/tmp/redis-$col.log" | tail -n 20
	fi
}

# Both servers run side by side; the rounds alternate between them, so
# that a slow moment of the host hits both alike.
rounds=${KML_BENCH_REDIS_ROUNDS:-3}
if [ "$kernel" = stock ]; then
	cols="stock"
	start_redis stock "$R/redis-server" 6379
else
	cols="user kernel"
	start_redis user "$R/redis-server" 6379
	start_redis kernel "$R/redis-server-kml" 6380
fi
round=1
while [ "$round" -le "$rounds" ]; do
	for col in $cols; do
		eval "pid=\$pid_$col"
		[ -n "$pid" ] || continue
		port=6379
		[ "$col" = kernel ] && port=6380
		bench_redis "$col" "$port" "$round"
	done
	round=$((round + 1))
done
for col in $cols; do
	port=6379
	[ "$col" = kernel ] && port=6380
	stop_redis "$col" "$port"
done
exit 0
