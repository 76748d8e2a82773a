# SPDX-License-Identifier: GPL-2.0
#
# The KML kernel: Debian's linux-source-6.12 + kernel/patches, configured
# from kernel/config, built out of tree.  See docs/kernel-dev.md.
# KERNEL_LINE=7.x: Debian's linux-source-7.3 (trixie-backports, through a
# private apt configuration in $(BUILD)/apt) + kernel/7.x/patches, in
# $(BUILD)/linux-7.x, $(BUILD)/linux-7.x-obj, ...; every target below,
# and the VM targets, take it.
#
#   make kernel             $(BUILD)/linux-obj/arch/x86/boot/bzImage
#   make kernel-prepare     only fetch the source, apply the series and
#                           write the config (no compiling): a make kernel
#                           after it only compiles
#   make kernel-e2e         the same tree with kernel/config/e2e.config on
#                           top (systemd, virtio disk): the kernel of
#                           make e2e, $(BUILD)/linux-e2e-obj/.../bzImage
#   make kernel-stock       same config without KML, from the pristine
#                           source: $(BUILD)/linux-stock-obj/.../bzImage
#   make kernel-checkpatch  scripts/checkpatch.pl on every patch
#   make kernel-each        build the tree at each patch of the series
#   make kernel-distro-check  compile what the series touches in Debian's
#                           own amd64 config with CONFIG_KML=y
#   make kernel-deb         Debian packages of the KML kernel (bindeb-pkg):
#                           $(BUILD)/kernel-deb/small/*.deb; with
#                           KERNEL_DEB_CONFIG=debian, Debian's own config
#   make kernel-export      kernel/patches from the commits in $(BUILD)/linux
#
#   make check-7.x          the kernel suites of make check (VM suites,
#                           checkpatch, distro-check --touched) on the 7.x
#                           line; .ci/run runs it after make check
#
# FORCE=1 lets "make kernel" discard local work in $(BUILD)/linux when
# kernel/patches changed; V=1 shows every kbuild step.

# The kernel line: 6.12 (Debian 13's kernel, the default) or 7.x.
KERNEL_LINES	:= 6.12 7.x
KERNEL_LINE	?= 6.12
ifeq ($(filter $(KERNEL_LINE),$(KERNEL_LINES)),)
$(error KERNEL_LINE=$(KERNEL_LINE): the kernel lines are $(KERNEL_LINES))
endif
# Its object directory (kernel/scripts/common.sh names the same ones).
KERNEL_OBJ	:= $(BUILD)/linux$(if $(filter 7.x,$(KERNEL_LINE)),-7.x)-obj

KERNEL_ENV	= BUILD=$(BUILD) FORCE=$(FORCE) V=$(V) KERNEL_LINE=$(KERNEL_LINE)

.PHONY: kernel kernel-prepare kernel-e2e kernel-stock kernel-checkpatch kernel-each kernel-export \
	kernel-distro-check kernel-deb
kernel:
	@$(KERNEL_ENV) kernel/scripts/build kml

kernel-prepare:
	@$(KERNEL_ENV) kernel/scripts/build kml --prepare

kernel-e2e:
	@$(KERNEL_ENV) kernel/scripts/build e2e

kernel-stock:
	@$(KERNEL_ENV) kernel/scripts/build stock

kernel-checkpatch:
	@$(KERNEL_ENV) kernel/scripts/checkpatch

kernel-each:
	@$(KERNEL_ENV) kernel/scripts/build-each

KERNEL_DEB_CONFIG ?= small
kernel-deb: kernel
	@$(KERNEL_ENV) kernel/scripts/kernel-deb $(KERNEL_DEB_CONFIG)

kernel-distro-check:
	@$(KERNEL_ENV) kernel/scripts/distro-check

kernel-export:
	@$(KERNEL_ENV) kernel/scripts/export-patches

# make check: the series compiles in Debian's own config (the objects it
# touches; make kernel-distro-check compiles whole directories).
CHECK_SUITES	+= "BUILD=$(BUILD) KERNEL_LINE=$(KERNEL_LINE) kernel/scripts/distro-check --touched"

# The suites that depend on the kernel line, for make check-line: the
# line's series passes checkpatch, compiles in Debian's config, and its
# kernel runs the VM suites (vm.mk adds those).  make check runs them for
# 6.12 among all the others; make check-7.x runs them for 7.x.
LINE_SUITES	:= "BUILD=$(BUILD) KERNEL_LINE=$(KERNEL_LINE) kernel/scripts/checkpatch" \
		   "BUILD=$(BUILD) KERNEL_LINE=$(KERNEL_LINE) kernel/scripts/distro-check --touched"

.PHONY: check-line check-7.x
check-line: tools kernel vm-initramfs
	@selftests/run-suites $(LINE_SUITES)

check-7.x:
	@$(MAKE) --no-print-directory KERNEL_LINE=7.x check-line

# The QEMU test VM boots this kernel; its suite joins "make check" there.
include selftests/vm/vm.mk
