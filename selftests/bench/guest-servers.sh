#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The server benchmark inside the VM (make bench-servers; the host side is
# selftests/bench/run-servers): redis-server with redis-benchmark, nginx
# with wrk, MariaDB's mariadbd with sysbench, each server and client
# normal or in kernel mode.  Settings come from the kernel command line:
#
#   KML_SRV_KERNEL=stock|kml  stock: normal server and client only; kml:
#                             also the marked server, and marked server
#                             with marked client
#   KML_SRV_PLACE=1cpu|2cpu   1cpu: one vCPU, nothing pinned; 2cpu: the
#                             server pinned to CPU 0, the client to CPU 1
#                             (busybox taskset)
#   KML_SRV_REDIS_N=N         redis-benchmark -n (per test; 0: no redis)
#   KML_SRV_WRK_D=S           wrk -d (seconds; 0: no nginx)
#   KML_SRV_MARIADB_N=N       sysbench --events for oltp_point_select
#                             (oltp_read_only: N/10; 0: no MariaDB)
#   KML_SRV_COUNT=1           afterwards, count system calls per request
#                             (strace -c -f on the normal server and client,
#                             fixed request counts) and run fork-cow
#
# Output: "SRV server test placement server-mode client-mode rps VALUE",
# "SRV ... n/a REASON" when a cell cannot be measured,
# "SRVSYS server test side syscalls-per-request top-calls",
# "SRVCTX server placement server-mode client-mode switches requests
# [test]" (the test for MariaDB, whose tests are counted apart),
# "SRVCPU ... busy percentages", fork-cow's "FORKCOW" lines, "# " notes and
# one "ok" line per part for the VM harness.  Not -e: a failed cell is
# reported (n/a) and the rest goes on.
set -u
TAP_GUEST=1
. /usr/lib/kml-selftests/tap.sh
D=${KML_BENCH_DATA:-/tests/data}
kernel=${KML_SRV_KERNEL:-}
place=${KML_SRV_PLACE:-1cpu}
redis_n=${KML_SRV_REDIS_N:-5000}
wrk_d=${KML_SRV_WRK_D:-5}
count=${KML_SRV_COUNT:-0}
mariadb_n=${KML_SRV_MARIADB_N:-0}
R=$D/redis
W=$D/web
M=$D/db

case "$kernel" in
stock)	cells="user:user" ;;
kml)	cells="user:user kernel:user kernel:kernel" ;;
*)	tap_fail "servers: KML_SRV_KERNEL is '$kernel', not stock or kml"; exit 1 ;;
esac
case "$place" in
1cpu)	on_server="" on_client="" ;;
2cpu)	if [ "$(nproc)" -lt 2 ]; then
		tap_fail "servers: KML_SRV_PLACE=2cpu, but the VM has $(nproc) CPU"
		exit 1
	fi
	on_server="taskset -c 0" on_client="taskset -c 1" ;;
*)	tap_fail "servers: KML_SRV_PLACE is '$place', not 1cpu or 2cpu"; exit 1 ;;
esac
echo "# servers: kernel=$kernel place=$place cpus=$(nproc) redis_n=$redis_n wrk_d=$wrk_d mariadb_n=$mariadb_n count=$count"
echo "# servers: uname $(uname -r -v)"

# The libraries of the staged Debian programs (stage-server), where ld.so
# looks for them.
mkdir -p /lib64 /lib/x86_64-linux-gnu
for f in "$D"/*/lib/*; do
	[ -e "$f" ] && ln -sf "$f" /lib/x86_64-linux-gnu/
done
ln -sf "$R/lib/ld-linux-x86-64.so.2" /lib64/ld-linux-x86-64.so.2

# prog DIR NAME MODE: the program to run (NAME or NAME-kml); empty when
# the marked copy is missing (the check refused it: NAME-mark.txt says why).
prog() {
	if [ "$3" = kernel ]; then
		[ -x "$1/$2-kml" ] && echo "$1/$2-kml"
	else
		echo "$1/$2"
	fi
}

# why_unmarked DIR NAME: one line on why there is no marked copy.
why_unmarked() {
	if [ -f "$1/$2-mark.txt" ]; then
		grep -m1 '^not marked' "$1/$2-mark.txt" || echo "no $2-kml (see $2-mark.txt)"
	else
		echo "no $2-kml was staged"
	fi
}

# km PID: the KernelMode line of /proc/PID/status, as "0", "1" or "?".
km() {
	v=$(sed -n 's/^KernelMode:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null)
	echo "${v:-?}"
}

# mode_ok GOT WANT: does a KernelMode value GOT mean mode WANT (0 or 1)?
# The stock kernel has no KernelMode line: there every process is normal.
mode_ok() {
	[ "$1" = "$2" ] && return 0
	[ "$1" = "?" ] && [ "$2" = 0 ] && [ "$kernel" = stock ]
}

# wait_exec PID NAME: wait until PID runs NAME (after fork, taskset and
# exec), then print its KernelMode; "?" when it never did.
wait_exec() {
	i=0
	while [ "$i" -lt 500 ]; do
		n=$(cat "/proc/$1/comm" 2>/dev/null) || break
		case "$n" in "$2"*) km "$1"; return 0 ;; esac
		i=$((i + 1))
		sleep 0.01
	done
	echo "?"
}

# cpu_busy: "busy0 busy1 ..." jiffies (everything but idle and iowait)
cpu_busy() {
	awk '/^cpu[0-9]/ { printf "%s:%d:%d ", $1, $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat
}
# cpu_report KEY BEFORE AFTER: busy percentage per CPU over a run
cpu_report() {
	echo "SRVCPU $1 $(echo "$2 $3" | awk '{
		n = NF / 2
		for (i = 1; i <= n; i++) {
			split($i, a, ":"); split($(i + n), b, ":")
			t = (b[2] - a[2]) + (b[3] - a[3])
			printf "%s=%.0f%% ", a[1], t ? 100 * (b[2] - a[2]) / t : 0
		}
	}')"
}

# ctx PID...: context switches (voluntary + involuntary) of every thread
# of the processes so far
ctx() {
	for p in "$@"; do
		cat /proc/"$p"/task/*/status 2>/dev/null
	done | awk '/^(non)?voluntary_ctxt_switches:/ { n += $2 } END { print n + 0 }'
}

# ---- redis ----------------------------------------------------------

# server_wait NAME LOG TENTHS CMD...: wait until CMD succeeds (the server
# started as srv_pid answers), at most TENTHS tenths of a second and only
# while srv_pid lives; otherwise kill it, show the end of its LOG, clear
# srv_pid and fail.  MODE names the server's mode in the message.
server_wait() {
	sw_name=$1 sw_log=$2 sw_tries=$3 sw_i=0
	shift 3
	until "$@" >/dev/null 2>&1; do
		sw_i=$((sw_i + 1))
		if [ "$sw_i" -gt "$sw_tries" ] || ! kill -0 "$srv_pid" 2>/dev/null; then
			kill -9 "$srv_pid" 2>/dev/null
			wait "$srv_pid"
			echo "# servers: $sw_name ($mode) did not answer (exit status $?)"
			sed "s|^|# $sw_name log: |" "$sw_log" 2>/dev/null | tail -n 10
			srv_pid=""
			return 1
		fi
		sleep 0.1
	done
	return 0
}

# redis_start MODE: start the server, wait for PING; sets srv_pid.
redis_start() {
	mode=$1
	srv_pid=""
	server=$(prog "$R" redis-server "$mode") || return 1
	rm -f /tmp/redis.log
	$on_server "$server" --port 6379 --bind 127.0.0.1 --save "" --appendonly no \
		--daemonize no --protected-mode no --loglevel warning \
		--logfile /tmp/redis.log &
	srv_pid=$!
	server_wait redis-server /tmp/redis.log 300 "$R/redis-cli" ping
}

# server_reap NAME: wait for the server told to stop, report a bad exit
# status, forget its pid; returns its status.
server_reap() {
	wait "$srv_pid"
	rc=$?
	[ "$rc" = 0 ] || echo "# servers: $1 ended with status $rc"
	srv_pid=""
	return "$rc"
}

redis_stop() {
	[ -n "$srv_pid" ] || return 0
	"$R/redis-cli" shutdown nosave >/dev/null 2>&1 || kill "$srv_pid"
	server_reap redis-server
}

# cell_start SERVER DIR CLIENT SERVER-PROGRAM SMODE CMODE WHY: pick the
# client (sets client), check that the marked server exists for a
# kernel-mode cell and start the server (SERVER_start SMODE); on any of
# these failing, print the cell as n/a with the reason and return 1.
cell_start() {
	c_srv=$1 c_dir=$2 c_cprog=$3 c_sprog=$4 c_sm=$5 c_cm=$6 c_why=$7
	client=$(prog "$c_dir" "$c_cprog" "$c_cm")
	if [ -z "$client" ]; then
		echo "SRV $c_srv - $key n/a $(why_unmarked "$c_dir" "$c_cprog")"
		return 1
	fi
	if [ "$c_sm" = kernel ] && [ ! -x "$c_dir/$c_sprog-kml" ]; then
		echo "SRV $c_srv - $key n/a $(why_unmarked "$c_dir" "$c_sprog")"
		return 1
	fi
	if ! "${c_srv}_start" "$c_sm"; then
		echo "SRV $c_srv - $key n/a $c_why"
		return 1
	fi
}

# server_in_mode NAME SMODE: NAME's server (srv_pid) runs in SMODE; else
# the cell is n/a, the server is stopped, and this fails.  Sets skm.
server_in_mode() {
	skm=$(km "$srv_pid")
	echo "# servers: $1 $key: server pid $srv_pid KernelMode $skm"
	sim_want=0
	[ "$2" = kernel ] && sim_want=1
	mode_ok "$skm" "$sim_want" && return 0
	echo "SRV $1 - $key n/a the server's KernelMode is $skm, not $sim_want"
	"$1_stop"
	return 1
}

# redis_cell SMODE CMODE
redis_cell() {
	smode=$1 cmode=$2
	key="$place $smode $cmode"
	cell_start redis "$R" redis-benchmark redis-server "$smode" "$cmode" \
		"redis-server did not start or answer PING" || return 0
	server_in_mode redis "$smode" || return 0
	x0=$(ctx "$srv_pid")
	before=$(cpu_busy)
	$on_client "$client" -n "$redis_n" -d 16 -t set,get --csv \
		> /tmp/rb.csv 2> /tmp/rb.err &
	cpid=$!
	ckm=$(wait_exec "$cpid" redis-benchmark)
	wait "$cpid"
	crc=$?
	after=$(cpu_busy)
	cwant=0
	[ "$cmode" = kernel ] && cwant=1
	echo "# servers: redis $key: client KernelMode $ckm, exit status $crc"
	if ! mode_ok "$ckm" "$cwant"; then
		echo "SRV redis - $key n/a the client's KernelMode was $ckm, not $cwant"
	elif ! grep -q '^"SET"' /tmp/rb.csv; then
		echo "SRV redis - $key n/a redis-benchmark got no answer (exit status $crc)"
		sed 's/^/# redis-benchmark: /' /tmp/rb.err | tail -n 5
	else
		tr -d '\r"' < /tmp/rb.csv | grep -v '^test,' |
			while IFS=, read -r test rps rest; do
				echo "SRV redis $test $key rps $rps"
			done
		cpu_report "redis $key" "$before" "$after"
		echo "SRVCTX redis $key $(($(ctx "$srv_pid") - x0)) $((2 * redis_n))"
	fi
	redis_stop || echo "SRV redis - $key n/a redis-server ended badly (see above)"
}

# ---- nginx ----------------------------------------------------------

# A 100-byte static file on tmpfs, one worker, no logging of requests.
N=/tmp/nginx
mkdir -p $N/www /var/log/nginx /var/lib/nginx
head -c 100 /dev/zero | tr '\0' 'k' > $N/www/f100
cat > $N/nginx.conf <<EOF
daemon off;
master_process on;
worker_processes 1;
user root root;
pid $N/nginx.pid;
error_log $N/error.log warn;
events { worker_connections 256; }
http {
	access_log off;
	default_type text/plain;
	sendfile on;
	keepalive_requests 1000000;
	client_body_temp_path $N/body;
	proxy_temp_path $N/proxy;
	fastcgi_temp_path $N/fastcgi;
	uwsgi_temp_path $N/uwsgi;
	scgi_temp_path $N/scgi;
	server {
		listen 127.0.0.1:8080;
		root $N/www;
		location = /status { stub_status; }
	}
}
EOF

# nginx_pids: every process running nginx (master and workers)
nginx_pids() {
	for p in /proc/[0-9]*; do
		case "$(cat "$p/comm" 2>/dev/null)" in
		nginx|nginx-kml) echo "${p#/proc/}" ;;
		esac
	done
}

nginx_start() {
	mode=$1
	srv_pid=""
	server=$(prog "$W" nginx "$mode") || return 1
	rm -f $N/error.log
	$on_server "$server" -p $N/ -c $N/nginx.conf -e $N/error.log &
	srv_pid=$!
	server_wait nginx $N/error.log 300 nginx_serves
}

# nginx_serves: the master and a worker run, and a request is served.
# shellcheck disable=SC2317 # called through server_wait
nginx_serves() {
	[ "$(nginx_pids | wc -l)" -ge 2 ] && wget -q -O /dev/null http://127.0.0.1:8080/f100
}

nginx_stop() {
	[ -n "$srv_pid" ] || return 0
	kill -QUIT "$srv_pid"
	server_reap nginx
}

# nginx_requests: requests served so far (stub_status)
nginx_requests() {
	wget -q -O - http://127.0.0.1:8080/status 2>/dev/null | awk 'NR == 3 { print $3 }'
}

# nginx_cell SMODE CMODE
nginx_cell() {
	smode=$1 cmode=$2
	key="$place $smode $cmode"
	cell_start nginx "$W" wrk nginx "$smode" "$cmode" \
		"nginx did not start or serve" || return 0
	want=0
	[ "$smode" = kernel ] && want=1
	modes="" bad=""
	for p in $(nginx_pids); do
		m=$(km "$p")
		modes="$modes $p:$m"
		mode_ok "$m" "$want" || bad="$bad $p:$m"
	done
	echo "# servers: nginx $key: processes (pid:KernelMode)$modes"
	if [ -n "$bad" ]; then
		echo "SRV nginx - $key n/a not every nginx process has KernelMode $want:$bad"
		nginx_stop
		return 0
	fi
	spids=$(nginx_pids)
	# shellcheck disable=SC2086
	x0=$(ctx $spids)
	r0=$(nginx_requests)
	before=$(cpu_busy)
	$on_client "$client" -t1 -c10 -d"${wrk_d}s" http://127.0.0.1:8080/f100 \
		> /tmp/wrk.out 2> /tmp/wrk.err &
	cpid=$!
	ckm=$(wait_exec "$cpid" wrk)
	wait "$cpid"
	crc=$?
	after=$(cpu_busy)
	cwant=0
	[ "$cmode" = kernel ] && cwant=1
	echo "# servers: nginx $key: client KernelMode $ckm, exit status $crc"
	sed 's/^/# wrk: /' /tmp/wrk.out
	rps=$(sed -n 's/^Requests\/sec:[[:space:]]*//p' /tmp/wrk.out)
	errs=$(grep -E 'Socket errors|Non-2xx' /tmp/wrk.out)
	if ! mode_ok "$ckm" "$cwant"; then
		echo "SRV nginx - $key n/a the client's KernelMode was $ckm, not $cwant"
	elif [ -z "$rps" ] || [ "$crc" != 0 ]; then
		echo "SRV nginx - $key n/a wrk failed (exit status $crc)"
		sed 's/^/# wrk: /' /tmp/wrk.err | tail -n 5
	elif [ -n "$errs" ]; then
		echo "SRV nginx - $key n/a wrk saw errors: $errs"
	else
		echo "SRV nginx http $key rps $rps"
		cpu_report "nginx $key" "$before" "$after"
		# shellcheck disable=SC2086
		x1=$(ctx $spids)
		r1=$(nginx_requests)
		echo "SRVCTX nginx $key $((x1 - x0)) $((r1 - r0 - 1))"
	fi
	nginx_stop || echo "SRV nginx - $key n/a nginx ended badly (see above)"
}

# ---- MariaDB --------------------------------------------------------

# Debian's mariadbd on the data directory stage-mariadb made (system
# tables, database sbtest, user sbtest@127.0.0.1), on loopback TCP as
# redis and nginx; one table of MARIADB_ROWS rows, filled once per boot
# (sysbench prepare), 4 sysbench threads (4 connections, a server thread
# each).  The InnoDB buffer pool holds the whole table.
MARIADB_ROWS=10000
MARIADB_THREADS=4
# A fixed seed: the same rows in the same order in every cell (the default,
# 0, seeds from the clock), so that the cells differ by the mode alone.
sb_opts="--db-driver=mysql --mysql-host=127.0.0.1 --mysql-port=3306 --mysql-user=sbtest --mysql-db=sbtest --tables=1 --table-size=$MARIADB_ROWS --rand-seed=1"
# sysbench finds oltp_common.lua next to the test (require) in ./ and in
# /usr/share/sysbench.
[ -d "$M/lua" ] && mkdir -p /usr/share && ln -sfn "$M/lua" /usr/share/sysbench

mariadb_start() {
	mode=$1
	srv_pid=""
	server=$(prog "$M" mariadbd "$mode") || return 1
	rm -f /tmp/mariadb.err
	$on_server "$server" --no-defaults --user=root --datadir="$M/datadir" \
		--lc-messages-dir="$M/share" --plugin-dir=/nonexistent \
		--socket=/tmp/mariadb.sock --pid-file=/tmp/mariadb.pid \
		--bind-address=127.0.0.1 --port=3306 --skip-name-resolve \
		--innodb-log-file-size=8M --innodb-buffer-pool-size=32M \
		--skip-log-bin --log-error=/tmp/mariadb.err &
	srv_pid=$!
	server_wait mariadbd /tmp/mariadb.err 600 \
		"$M/mariadb-admin" --no-defaults -h127.0.0.1 -P3306 -usbtest ping
}

mariadb_stop() {
	[ -n "$srv_pid" ] || return 0
	kill -TERM "$srv_pid"
	server_reap mariadbd
}

# The table, once per boot, by the normal programs.
mariadb_ready=""
mariadb_prepare() {
	if ! mariadb_start user; then
		echo "# servers: mariadbd did not start for sysbench prepare"
		return 1
	fi
	# shellcheck disable=SC2086
	if "$M/sysbench" $sb_opts oltp_point_select prepare > /tmp/sb-prepare.out 2>&1; then
		mariadb_ready=1
	else
		echo "# servers: sysbench prepare failed"
		sed 's/^/# sysbench prepare: /' /tmp/sb-prepare.out | tail -n 10
	fi
	mariadb_stop
	[ -n "$mariadb_ready" ]
}

# mariadb_cell SMODE CMODE
mariadb_cell() {
	smode=$1 cmode=$2
	key="$place $smode $cmode"
	if [ -z "$mariadb_ready" ]; then
		echo "SRV mariadb - $key n/a no sysbench table (prepare failed, see above)"
		return 0
	fi
	cell_start mariadb "$M" sysbench mariadbd "$smode" "$cmode" \
		"mariadbd did not start or answer ping" || return 0
	server_in_mode mariadb "$smode" || return 0
	cwant=0
	[ "$cmode" = kernel ] && cwant=1
	before=$(cpu_busy)
	for t in oltp_point_select oltp_read_only; do
		n=$mariadb_n
		[ "$t" = oltp_read_only ] && n=$(( (mariadb_n + 9) / 10 ))
		x0=$(ctx "$srv_pid")
		# Started here, not in a function: $! must be sysbench itself.
		# shellcheck disable=SC2086
		$on_client "$client" $sb_opts --threads="$MARIADB_THREADS" --events="$n" \
			--time=0 "$t" run > /tmp/sb.out 2>&1 &
		cpid=$!
		ckm=$(wait_exec "$cpid" sysbench)
		wait "$cpid"
		crc=$?
		x1=$(ctx "$srv_pid")
		echo "# servers: mariadb $key $t: client KernelMode $ckm, exit status $crc"
		grep -E '^ *(transactions|queries|total time|avg|95th percentile):' /tmp/sb.out |
			sed "s/^ */# sysbench $t: /"
		# "    transactions:                        10000  (1234.56 per sec.)"
		tps=$(sed -n 's/^ *transactions: *\([0-9]*\) *(\([0-9.]*\) per sec.*/\1 \2/p' /tmp/sb.out)
		if ! mode_ok "$ckm" "$cwant"; then
			echo "SRV mariadb - $key n/a the client's KernelMode was $ckm, not $cwant"
		elif [ "$crc" != 0 ] || [ "${tps%% *}" != "$n" ]; then
			echo "SRV mariadb ${t#oltp_} $key n/a sysbench failed (exit status $crc, transactions '${tps%% *}' of $n)"
			sed 's/^/# sysbench: /' /tmp/sb.out | tail -n 8
		else
			echo "SRV mariadb ${t#oltp_} $key rps ${tps#* }"
			echo "SRVCTX mariadb $key $((x1 - x0)) $n ${t#oltp_}"
		fi
	done
	after=$(cpu_busy)
	cpu_report "mariadb $key" "$before" "$after"
	mariadb_stop || echo "SRV mariadb - $key n/a mariadbd ended badly (see above)"
}

# ---- the cells ------------------------------------------------------

if [ "$mariadb_n" -gt 0 ] 2>/dev/null; then
	mariadb_prepare
	tap_pass "servers: mariadb: sysbench prepare ($MARIADB_ROWS rows)"
fi

for c in $cells; do
	if [ "$redis_n" -gt 0 ] 2>/dev/null; then
		redis_cell "${c%%:*}" "${c#*:}"
		tap_pass "servers: redis $place ${c%%:*} server, ${c#*:} client"
	fi
	if [ "$wrk_d" -gt 0 ] 2>/dev/null; then
		nginx_cell "${c%%:*}" "${c#*:}"
		tap_pass "servers: nginx $place ${c%%:*} server, ${c#*:} client"
	fi
	if [ "$mariadb_n" -gt 0 ] 2>/dev/null; then
		mariadb_cell "${c%%:*}" "${c#*:}"
		tap_pass "servers: mariadb $place ${c%%:*} server, ${c#*:} client"
	fi
done

[ "$count" = 1 ] || exit 0

# ---- system calls per request ---------------------------------------
# strace -c -f on the normal programs, with a fixed number of requests
# (the marked copies run the same code; the count does not depend on the
# mode).  Slow under strace, so few requests; per request it is a mean.
S=$D/strace/strace
# strace_summary FILE REQUESTS SERVER TEST SIDE
strace_summary() {
	awk -v n="$2" -v key="$3 $4 $5" '
		/^-+ / { sep++; next }
		sep == 1 && NF >= 5 && $4 ~ /^[0-9]+$/ { calls[$NF] = $4 }
		$NF == "total" { total = $4 }
		END {
			if (!total || n <= 0) { print "SRVSYS " key " n/a no strace summary"; exit }
			top = ""
			for (s in calls)
				if (calls[s] / n >= 0.05)
					top = top sprintf("%s=%.2f,", s, calls[s] / n)
			printf "SRVSYS %s %.2f %s\n", key, total / n, top
		}' "$1"
}
if [ -x "$S" ] && [ "$redis_n" -gt 0 ] 2>/dev/null; then
	rn=2000
	if redis_start user; then
		"$S" -c -f -q -o /tmp/st-server.txt -p "$srv_pid" &
		spid=$!
		sleep 1
		"$S" -c -f -q -o /tmp/st-client.txt "$R/redis-benchmark" -n "$rn" -d 16 -t set -q > /dev/null 2>&1
		kill -INT "$spid"
		wait "$spid"
		strace_summary /tmp/st-server.txt "$rn" redis set server
		strace_summary /tmp/st-client.txt "$rn" redis set client
		sed 's/^/# strace redis server: /' /tmp/st-server.txt | head -n 14
		sed 's/^/# strace redis client: /' /tmp/st-client.txt | head -n 14
		redis_stop
	fi
	tap_pass "servers: system calls per redis request (strace)"
fi
if [ -x "$S" ] && [ "$wrk_d" -gt 0 ] 2>/dev/null; then
	if nginx_start user; then
		r0=$(nginx_requests)
		# -f follows new children only: attach to the worker too.
		pids=""
		for p in $(nginx_pids); do
			pids="$pids -p $p"
		done
		# shellcheck disable=SC2086
		"$S" -c -f -q -o /tmp/st-server.txt $pids &
		spid=$!
		sleep 1
		"$S" -c -f -q -o /tmp/st-client.txt "$W/wrk" -t1 -c10 -d2s http://127.0.0.1:8080/f100 > /tmp/wrk.out 2>&1
		kill -INT "$spid"
		wait "$spid"
		r1=$(nginx_requests)
		# The two status requests themselves count too.
		n=$((r1 - r0 - 1))
		echo "# servers: nginx served $n requests under strace"
		strace_summary /tmp/st-server.txt "$n" nginx http server
		strace_summary /tmp/st-client.txt "$n" nginx http client
		sed 's/^/# strace nginx server: /' /tmp/st-server.txt | head -n 14
		sed 's/^/# strace wrk: /' /tmp/st-client.txt | head -n 14
		nginx_stop
	fi
	tap_pass "servers: system calls per nginx request (strace)"
fi

if [ -x "$S" ] && [ -n "$mariadb_ready" ]; then
	if mariadb_start user; then
		for t in oltp_point_select oltp_read_only; do
			n=1000
			[ "$t" = oltp_read_only ] && n=100
			"$S" -c -f -q -o /tmp/st-server.txt -p "$srv_pid" &
			spid=$!
			sleep 1
			# shellcheck disable=SC2086
			"$S" -c -f -q -o /tmp/st-client.txt "$M/sysbench" $sb_opts \
				--threads="$MARIADB_THREADS" --events="$n" --time=0 "$t" run > /tmp/sb.out 2>&1
			kill -INT "$spid"
			wait "$spid"
			strace_summary /tmp/st-server.txt "$n" mariadb "${t#oltp_}" server
			strace_summary /tmp/st-client.txt "$n" mariadb "${t#oltp_}" client
			sed "s/^/# strace mariadbd $t: /" /tmp/st-server.txt | head -n 14
			sed "s/^/# strace sysbench $t: /" /tmp/st-client.txt | head -n 14
		done
		mariadb_stop
	fi
	tap_pass "servers: system calls per mariadb transaction (strace)"
fi

# ---- fork+exit+wait: where the call entry's extra instructions go ----
if [ -x "$D/fork-cow" ]; then
	"$D/fork-cow" 200
	[ "$kernel" = kml ] && [ -x "$D/fork-cow-kml" ] && "$D/fork-cow-kml" 200
	tap_pass "servers: fork-cow"
fi
exit 0
