# SPDX-License-Identifier: GPL-2.0
#
# The KML kernel: Debian's linux-source-6.12 + kernel/patches, configured
# from kernel/config, built out of tree.  See docs/kernel-dev.md.
#
#   make kernel             $(BUILD)/linux-obj/arch/x86/boot/bzImage
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
# FORCE=1 lets "make kernel" discard local work in $(BUILD)/linux when
# kernel/patches changed; V=1 shows every kbuild step.

KERNEL_ENV	= BUILD=$(BUILD) FORCE=$(FORCE) V=$(V)

.PHONY: kernel kernel-e2e kernel-stock kernel-checkpatch kernel-each kernel-export \
	kernel-distro-check kernel-deb
kernel:
	@$(KERNEL_ENV) kernel/scripts/build kml

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
CHECK_SUITES	+= "BUILD=$(BUILD) kernel/scripts/distro-check --touched"

# The QEMU test VM boots this kernel; its suite joins "make check" there.
include selftests/vm/vm.mk
