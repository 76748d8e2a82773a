# SPDX-License-Identifier: GPL-2.0
#
# The system call benchmark: stock 6.12 against KML, normal process
# against kernel mode, in QEMU (docs/bench.md).
#
#   make bench          build the kernels, boot each with and without
#                       -icount, print the table, write docs/bench/
#   make bench-kernel   the KML kernel without test-only options
#                       (CONFIG_KML_DEBUG): $(BUILD)/linux-bench-obj
#   make bench-progs    only build the guest programs (part of make check)
#   make bench-initramfs  $(BUILD)/bench/initramfs.cpio
#   make bench-trace    single-step one getppid and one null system call
#                       per entry in the bench VM and show where the
#                       instructions go, expensive ones counted and
#                       listed per path (target: none that the trust
#                       model does not require)
#   make bench-distro   "as a distribution runs it": kernels with Debian's
#                       mitigation, audit, seccomp, preemption and hardening
#                       options (selftests/bench/distro.options), booted on
#                       an emulated Intel and an AMD Zen 2 model; results
#                       in docs/bench/distro-intel and docs/bench/distro-amd
#   make bench-distro-kernel  only build those two kernels
#
# KERNEL_LINE=7.x: make bench, bench-kernel and bench-trace on the 7.x line
# (its KML kernel without test-only options in $(BUILD)/linux-7.x-bench-obj,
# its stock kernel of make kernel-stock KERNEL_LINE=7.x; results in
# docs/bench/7.x); bench-distro is 6.12's (Debian's 6.12 options).
# Variables: BENCH_RESULTS=dir (default docs/bench), BENCH_REDIS=N
# (redis-benchmark -n, default 20000, 0: no redis), BENCH_SCALE=S
# (batch sizes times S), BENCH_QUICK=1 (skip the -icount=off boots),
# ACCEL=kvm (make bench under KVM on the host CPU: TSC cycles and
# nanoseconds; stops at once, saying why, where KVM does not work),
# BENCH_DISTRO_CPUS (default "intel amd").

BENCH_DIR	:= $(BUILD)/bench
BENCH_DATA	:= $(BENCH_DIR)/data
BENCH_INITRAMFS	:= $(BENCH_DIR)/initramfs.cpio
BENCH_LINE_SFX	:= $(if $(filter 7.x,$(KERNEL_LINE)),-7.x)
BENCH_KERNEL	:= $(BUILD)/linux$(BENCH_LINE_SFX)-bench-obj/arch/x86/boot/bzImage
BENCH_STOCK_KERNEL := $(BUILD)/linux$(BENCH_LINE_SFX)-stock-obj/arch/x86/boot/bzImage
BENCH_PROGS	:= $(BENCH_DATA)/syscall-bench $(BENCH_DATA)/syscall-bench-kml
BENCH_SRC	:= selftests/bench/syscall-bench.c selftests/bench/bench-ops.h selftests/bench/sys-insn.h \
		   kml-cc/kml.h elfnote/uapi/linux/kml.h
BENCH_CFLAGS	:= -std=c11 -D_GNU_SOURCE -static -O2 -g -Wall -Wextra -Werror \
		   -Ikml-cc -Ielfnote/uapi
BENCH_RESULTS	?= docs/bench$(if $(BENCH_LINE_SFX),/$(KERNEL_LINE))
BENCH_REDIS	?= 20000
BENCH_SCALE	?= 1
ACCEL		?= tcg
BENCH_DISTRO_CPUS ?= intel amd

# make bench ACCEL=kvm: is there KVM at all?  Asked while make reads this
# file, before any prerequisite is made, so that a machine without
# /dev/kvm hears so at once and not after the tools and two kernel builds
# (a recipe would run after them, or beside them with -j, and not at all
# with -n).  The probe is selftests/bench/kvm-probe, the one run-bench
# runs again with a VM once the kernels are there.
ifneq ($(filter bench,$(MAKECMDGOALS)),)
ifeq ($(filter tcg kvm,$(ACCEL)),)
$(error ACCEL=$(ACCEL): make bench runs under tcg (the default) or kvm)
endif
ifeq ($(ACCEL),kvm)
ifneq ($(shell KML_KVM_DEV='$(KML_KVM_DEV)' selftests/bench/kvm-probe >&2 && echo yes),yes)
$(error make bench ACCEL=kvm: no KVM here (the reason is above); stopped before building anything)
endif
endif
endif

# The same source twice: a normal program, and one with the KML note.
$(BENCH_DATA)/syscall-bench: $(BENCH_SRC) | vm-deps
	@mkdir -p $(dir $@)
	$(VM_GUEST_CC) $(BENCH_CFLAGS) -o $@ $<

$(BENCH_DATA)/syscall-bench-kml: $(BENCH_SRC) $(VM_KMLCC) | vm-deps
	@mkdir -p $(dir $@)
	@rm -f $@.tmp
	KML_CC=$(VM_GUEST_CC) $(VM_KMLCC) $(BENCH_CFLAGS) -o $@.tmp $<
	@readelf -nW $@.tmp | grep -qE '^ +KML +0x' || \
		{ echo "bench.mk: $@.tmp has no KML note after kml-cc" >&2; exit 1; }
	@mv $@.tmp $@

# Debian's redis with its libraries, and a marked copy of redis-server.
$(BENCH_DATA)/redis/redis-mark.txt: selftests/bench/stage-redis $(VM_KMLMARK) \
		$(wildcard /usr/bin/redis-check-rdb /usr/bin/redis-benchmark) | bench-deps
	selftests/bench/stage-redis $(VM_KMLMARK) $(BENCH_DATA)/redis

$(BENCH_INITRAMFS): selftests/vm/mkinitramfs selftests/vm/init $(VM_LIB_SH) /bin/busybox \
		selftests/bench/guest-bench.sh $(BENCH_PROGS) \
		$(BENCH_DATA)/redis/redis-mark.txt | vm-deps
	selftests/vm/mkinitramfs -o $@ --busybox /bin/busybox \
		--data $(BENCH_DATA) selftests/bench/guest-bench.sh

.PHONY: bench bench-kernel bench-progs bench-initramfs bench-deps bench-trace \
	bench-distro bench-distro-kernel
bench-deps:
	@scripts/install-deps bench vm tools

bench-progs: $(BENCH_PROGS)

bench-initramfs: $(BENCH_INITRAMFS)

# "make kernel" prepares the tree and the test config; the benchmark
# builds that tree again without the test-only options (build-kernel).
bench-kernel: kernel
	@BUILD=$(BUILD) V=$(V) KERNEL_LINE=$(KERNEL_LINE) selftests/bench/build-kernel

bench: tools bench-deps bench-kernel kernel-stock $(BENCH_INITRAMFS)
	@BUILD=$(BUILD) BENCH_REDIS=$(BENCH_REDIS) BENCH_SCALE=$(BENCH_SCALE) \
		BENCH_QUICK=$(BENCH_QUICK) KERNEL_LINE=$(KERNEL_LINE) selftests/bench/run-bench \
		--results $(if $(filter kvm,$(ACCEL)),$(BENCH_RESULTS)/kvm,$(BENCH_RESULTS)) \
		--initrd $(BENCH_INITRAMFS) --kml-kernel $(BENCH_KERNEL) \
		--stock-kernel $(BENCH_STOCK_KERNEL) --accel $(ACCEL)

# Debian's config comes from linux-config-6.12 (install-deps group distro).
bench-distro-kernel: kernel kernel-stock
	@scripts/install-deps distro
	@BUILD=$(BUILD) V=$(V) selftests/bench/build-kernel --distro
	@BUILD=$(BUILD) V=$(V) selftests/bench/build-kernel --distro --stock

bench-distro: tools bench-deps bench-distro-kernel $(BENCH_INITRAMFS)
	@set -e; for cpu in $(BENCH_DISTRO_CPUS); do \
		BUILD=$(BUILD) BENCH_SCALE=$(BENCH_SCALE) selftests/bench/run-bench \
			--distro $$cpu --results $(BENCH_RESULTS)/distro-$$cpu \
			--initrd $(BENCH_INITRAMFS); \
	done

bench-trace: tools bench-deps bench-kernel $(BENCH_INITRAMFS)
	@BUILD=$(BUILD) selftests/bench/trace-syscall --kernel $(BENCH_KERNEL) \
		--initrd $(BENCH_INITRAMFS)

# Cheap: make check builds the benchmark programs (it does not run them).
CHECK_DEPS	+= bench-progs
# make bench ACCEL=kvm stops at once, with the reason, where KVM is broken.
CHECK_SUITES	+= selftests/bench/test-accel-kvm
# The data path: raw-csv, report and the trace classifier on fixed data
# give the figures of the awk programs they replaced (1 s).
CHECK_SUITES	+= selftests/bench/test-report

# make bench-servers: redis, nginx and MariaDB, server and client normal or in
# kernel mode, on one vCPU and on two (selftests/bench/run-servers,
# docs/bench.md "Servers").  Uses the kernels of make bench-kernel and
# make kernel-stock, which it does not build; results in
# $(BENCH_RESULTS)/servers.md and servers.csv.
#   make bench-servers-initramfs  only $(BENCH_DIR)/servers/initramfs.cpio
# Variables: BENCH_SRV_REDIS_N (redis-benchmark -n, default 5000),
# BENCH_SRV_WRK_D (wrk -d, seconds, default 5), BENCH_SRV_MARIADB_N
# (sysbench oltp_point_select transactions, default 2000), each 0 to
# leave that server out (its rows of the last run are kept),
# BENCH_SRV_PLACES (default "1cpu 2cpu"), BENCH_QUICK=1 (only the
# -icount boots); the rest in run-servers.
SRV_DIR		:= $(BENCH_DIR)/servers
SRV_DATA	:= $(SRV_DIR)/data
SRV_INITRAMFS	:= $(SRV_DIR)/initramfs.cpio
SRV_STAGED	:= $(SRV_DATA)/redis/redis-mark.txt $(SRV_DATA)/web/nginx-mark.txt \
		   $(SRV_DATA)/db/mariadb-mark.txt \
		   $(SRV_DATA)/strace/strace $(SRV_DATA)/fork-cow $(SRV_DATA)/fork-cow-kml

# stage-redis stages through stage-server.
$(BENCH_DATA)/redis/redis-mark.txt: selftests/bench/stage-server

$(SRV_DATA)/redis/redis-mark.txt: selftests/bench/stage-redis selftests/bench/stage-server \
		$(VM_KMLMARK) | bench-deps
	selftests/bench/stage-redis --client-kml $(VM_KMLMARK) $(SRV_DATA)/redis

$(SRV_DATA)/web/nginx-mark.txt: selftests/bench/stage-server $(VM_KMLMARK) | bench-deps
	selftests/bench/stage-server $(VM_KMLMARK) $(SRV_DATA)/web \
		--try-mark /usr/sbin/nginx --try-mark /usr/bin/wrk

$(SRV_DATA)/db/mariadb-mark.txt: selftests/bench/stage-mariadb selftests/bench/stage-server \
		$(VM_KMLMARK) | bench-deps
	selftests/bench/stage-mariadb $(VM_KMLMARK) $(SRV_DATA)/db

$(SRV_DATA)/strace/strace: selftests/bench/stage-server $(VM_KMLMARK) | bench-deps vm-deps
	selftests/bench/stage-server $(VM_KMLMARK) $(SRV_DATA)/strace --copy /usr/bin/strace

$(SRV_DATA)/fork-cow: selftests/bench/fork-cow.c selftests/bench/sys-insn.h kml-cc/kml.h elfnote/uapi/linux/kml.h | vm-deps
	@mkdir -p $(dir $@)
	$(VM_GUEST_CC) $(BENCH_CFLAGS) -o $@ $<

$(SRV_DATA)/fork-cow-kml: selftests/bench/fork-cow.c selftests/bench/sys-insn.h kml-cc/kml.h elfnote/uapi/linux/kml.h \
		$(VM_KMLCC) | vm-deps
	@mkdir -p $(dir $@)
	KML_CC=$(VM_GUEST_CC) $(VM_KMLCC) $(BENCH_CFLAGS) -o $@ $<

$(SRV_INITRAMFS): selftests/vm/mkinitramfs selftests/vm/init $(VM_LIB_SH) /bin/busybox \
		selftests/bench/guest-servers.sh $(SRV_STAGED) | vm-deps
	selftests/vm/mkinitramfs -o $@ --busybox /bin/busybox \
		--data $(SRV_DATA) selftests/bench/guest-servers.sh

.PHONY: bench-servers bench-servers-initramfs
bench-servers-initramfs: $(SRV_INITRAMFS)

bench-servers: tools bench-deps $(SRV_INITRAMFS)
	@BUILD=$(BUILD) BENCH_QUICK=$(BENCH_QUICK) selftests/bench/run-servers \
		--results $(BENCH_RESULTS) --initrd $(SRV_INITRAMFS) \
		$(if $(BENCH_QUICK),--quick)
