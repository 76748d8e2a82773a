# SPDX-License-Identifier: GPL-2.0
#
# The kernel's own selftests (tools/testing/selftests of the kernel source
# the build used) in user mode and marked for kernel mode, compared case
# by case (docs/kernel-dev.md, "The kernel's own selftests in kernel
# mode").  Not part of make check: the whole list takes longer than its
# time budget.
#
#   make kselftest            build, boot, run every program of
#                             selftests/kselftest/kselftest.list in both
#                             modes, compare (ends with "N passed, N failed")
#   make kselftest-initramfs  $(BUILD)/kselftest/initramfs.cpio
#
# KERNEL_LINE=7.x: the list's runs for that line, from its source, on its
# kernel, in $(BUILD)/kselftest-7.x (logs $(BUILD)/vm/kselftest-7.x.*).
# Variables: KSELFTEST_SRC=DIR the kernel source (default the line's tree,
# $(BUILD)/linux or $(BUILD)/linux-7.x, else its Debian tarball),
# KSELFTEST_KERNEL=BZIMAGE boot that kernel instead of building one (make
# kernel), KS_PROG_TIMEOUT=SEC per program and mode (default 300),
# KS_ONLY=ID,ID... those runs only.

KS_DIR		:= $(BUILD)/kselftest$(VM_NAME_SFX)
KS_STAGE	:= $(KS_DIR)/stage
KS_INITRAMFS	:= $(KS_DIR)/initramfs.cpio
KSELFTEST_SRC	?=
KSELFTEST_KERNEL ?= $(VM_KERNEL)
KS_PROG_TIMEOUT	?= 300
KS_ONLY		?=

.PHONY: kselftest kselftest-deps kselftest-initramfs kselftest-build
kselftest-deps:
	@scripts/install-deps kselftest vm tools

# The build copies the source and runs the suites' makefiles, which see
# for themselves what changed; the stage is made again every time.
kselftest-build: | kselftest-deps tools
	selftests/kselftest/build-kselftest --line $(KERNEL_LINE) \
		$(if $(KSELFTEST_SRC),--src $(KSELFTEST_SRC)) --out $(KS_DIR) --kml-mark $(VM_KMLMARK)

# rseq's programs find librseq.so through their run path "./" (the guest
# runs them in their directory); LD_LIBRARY_PATH lets mkinitramfs's ldd
# find it on the host.
kselftest-initramfs: kselftest-build | vm-deps
	LD_LIBRARY_PATH=$(KS_STAGE)/um/rseq selftests/vm/mkinitramfs -o $(KS_INITRAMFS) \
		--busybox /bin/busybox --tree $(KS_STAGE):/kselftest --tree $(KS_DIR)/root:/ \
		selftests/kselftest/guest/kselftest.sh

kselftest: $(if $(filter $(VM_KERNEL),$(KSELFTEST_KERNEL)),kernel) kselftest-initramfs
	@BUILD=$(BUILD) selftests/run-suites "BUILD=$(BUILD) selftests/kselftest/run-kselftest \
		--kernel $(KSELFTEST_KERNEL) --initrd $(KS_INITRAMFS) --stage $(KS_STAGE) \
		--line $(KERNEL_LINE) --name kselftest$(VM_NAME_SFX) --prog-timeout $(KS_PROG_TIMEOUT) $(if $(KS_ONLY),--only $(KS_ONLY))"

# The comparison on made-up results, the per-line list and review (no VM,
# 2 s).
CHECK_SUITES	+= selftests/kselftest/test-kselftest-compare
