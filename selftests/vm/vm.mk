# SPDX-License-Identifier: GPL-2.0
#
# The QEMU test VM: guest test programs, the initramfs, and the suite that
# boots the KML kernel with them (included from kernel/kernel.mk).
#
#   make vm-initramfs   $(BUILD)/vm/initramfs.cpio
#   make vm-check       boot the KML kernel and run the guest tests
#   make vm-shell       the same kernel and initramfs, with a shell
#
# Guest tests are selftests/vm/guest/*.c (one program each, static) and
# selftests/vm/guest/*.sh; data files go in selftests/vm/guest/data/.
# Programs named kml-*.c are built to run in kernel mode: with kml-cc, or
# with gcc and then kml-mark.  See docs/kernel-dev.md.

VM_DIR		:= $(BUILD)/vm
VM_INITRAMFS	:= $(VM_DIR)/initramfs.cpio
# The kernel of the line make builds (KERNEL_LINE, kernel/kernel.mk).
VM_KERNEL	:= $(KERNEL_OBJ)/arch/x86/boot/bzImage
VM_TIMEOUT	?= 300
VM_KMLCC	:= $(BUILD)/bin/kml-cc
VM_KMLMARK	:= $(BUILD)/bin/kml-mark

VM_GUEST_CC	:= gcc
VM_GUEST_CFLAGS	 = -std=c11 -D_GNU_SOURCE -static -O2 -g -Wall -Wextra -Werror \
		   -Iselftests/vm/guest -Iselftests/lib -Ielfnote/uapi -MMD -MP -MT $@ -MF $@.d
# The shell test library that mkinitramfs packs into every initramfs.
VM_LIB_SH	:= selftests/lib/common.sh selftests/lib/tap.sh
# The TAP library (selftests/lib/tap.c), linked into every guest program.
VM_TAP_O	:= $(VM_DIR)/lib/tap.o

# hostile.c is no test: the hostile ELF files that hostile-elf and
# helpers/kml-hostile-run share (hostile.h).
VM_GUEST_LIB_C	:= selftests/vm/guest/hostile.c
VM_GUEST_C	:= $(filter-out $(VM_GUEST_LIB_C),$(sort $(wildcard selftests/vm/guest/*.c)))
VM_GUEST_SH	:= $(sort $(wildcard selftests/vm/guest/*.sh))
VM_GUEST_DATA	:= $(shell find selftests/vm/guest/data -type f 2>/dev/null | LC_ALL=C sort)
VM_GUEST_PROGS	:= $(patsubst selftests/vm/guest/%.c,$(VM_DIR)/guest/%,$(VM_GUEST_C))

$(VM_TAP_O): selftests/lib/tap.c | vm-deps
	@mkdir -p $(dir $@)
	$(VM_GUEST_CC) $(filter-out -static,$(VM_GUEST_CFLAGS)) -c -o $@ $<

VM_HOSTILE_O	:= $(VM_DIR)/lib/hostile.o
$(VM_HOSTILE_O): selftests/vm/guest/hostile.c | vm-deps
	@mkdir -p $(dir $@)
	$(VM_GUEST_CC) $(filter-out -static,$(VM_GUEST_CFLAGS)) -c -o $@ $<
# What a guest program links besides tap.o (target-specific).
VM_GUEST_O	:=
$(VM_DIR)/guest/hostile-elf $(VM_DIR)/data/kml-hostile-run: $(VM_HOSTILE_O)
$(VM_DIR)/guest/hostile-elf $(VM_DIR)/data/kml-hostile-run: VM_GUEST_O := $(VM_HOSTILE_O)

# Plain guest programs (user mode).
$(VM_DIR)/guest/%: selftests/vm/guest/%.c $(VM_TAP_O) | vm-deps
	@mkdir -p $(dir $@)
	$(VM_GUEST_CC) $(VM_GUEST_CFLAGS) -o $@ $< $(VM_TAP_O) $(VM_GUEST_O)

# kml-* (and boot-kml-*) guest programs carry the KML note: built by kml-cc
# when it exists, else by gcc and stamped by kml-mark.  The note is checked
# with readelf.
define VM_KML_BUILD
	@mkdir -p $(dir $@)
	@rm -f $@.tmp
	@if [ -x $(VM_KMLCC) ]; then \
		echo "$(VM_KMLCC) $(VM_GUEST_CFLAGS) $(VM_KMLCC_ALLOW) -o $@.tmp $< $(VM_TAP_O) $(VM_GUEST_O)"; \
		KML_CC=$(VM_GUEST_CC) $(VM_KMLCC) $(VM_GUEST_CFLAGS) $(VM_KMLCC_ALLOW) -o $@.tmp $< $(VM_TAP_O) $(VM_GUEST_O); \
	elif [ -x $(VM_KMLMARK) ]; then \
		echo "$(VM_GUEST_CC) $(VM_GUEST_CFLAGS) -o $@.tmp $< $(VM_TAP_O) $(VM_GUEST_O) && $(VM_KMLMARK) $@.tmp"; \
		$(VM_GUEST_CC) $(VM_GUEST_CFLAGS) -o $@.tmp $< $(VM_TAP_O) $(VM_GUEST_O) && $(VM_KMLMARK) $@.tmp; \
	else \
		echo "vm.mk: cannot build $@ for kernel mode: neither $(VM_KMLCC) nor $(VM_KMLMARK) exists (make tools)" >&2; \
		exit 1; \
	fi
	@readelf -nW $@.tmp | grep -qE '^ +KML +0x' || \
		{ echo "vm.mk: $@.tmp has no KML note after marking" >&2; exit 1; }
	@mv $@.tmp $@
endef

# kml-hardening reads CR4 at CPL0 (SMEP and SMAP as the CPU has them, LASS
# clear while a kernel-mode task runs), which kml-cc's machine-code check
# refuses unless told.
$(VM_DIR)/guest/kml-hardening: VM_KMLCC_ALLOW := --kml-allow=control-reg

$(VM_DIR)/guest/kml-%: selftests/vm/guest/kml-%.c $(VM_TAP_O) $(wildcard $(VM_KMLCC) $(VM_KMLMARK)) | vm-deps tools
	$(VM_KML_BUILD)

$(VM_DIR)/guest/boot-kml-%: selftests/vm/guest/boot-kml-%.c $(VM_TAP_O) $(wildcard $(VM_KMLCC) $(VM_KMLMARK)) | vm-deps tools
	$(VM_KML_BUILD)

# Built data for the guest tests, in /tests/data next to the files of
# selftests/vm/guest/data: 32-bit programs with a KML note (optional and
# required) that the kernel must refuse to run in kernel mode.
VM_DATA_DIR	:= $(VM_DIR)/data
# Helper programs of the tests, selftests/vm/guest/helpers/*.c, go there
# too: plain static programs (user mode), kml-* ones marked.
VM_HELPERS_C	:= $(sort $(wildcard selftests/vm/guest/helpers/*.c))
VM_HELPERS	:= $(patsubst selftests/vm/guest/helpers/%.c,$(VM_DATA_DIR)/%,$(VM_HELPERS_C))
VM_BUILT_DATA	:= $(VM_DATA_DIR)/elf32-kml-optional $(VM_DATA_DIR)/elf32-kml-required \
		   $(VM_DATA_DIR)/kml-dyn $(VM_DATA_DIR)/ld-linux-x86-64.so.2 \
		   $(VM_DATA_DIR)/libc.so.6 $(VM_HELPERS) \
		   $(VM_DATA_DIR)/kml-dyn-env $(VM_DATA_DIR)/dyn-env \
		   $(VM_DATA_DIR)/evil-preload.so

# The secure-exec test: one dynamic program built twice (kernel mode and
# user mode), and a library that must not be preloaded into the first.
$(VM_DATA_DIR)/kml-dyn-env: selftests/vm/guest/dyn/kml-dyn-env.c | vm-deps tools
	@mkdir -p $(dir $@)
	KML_CC=$(VM_GUEST_CC) $(VM_KMLCC) -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -o $@ $<

$(VM_DATA_DIR)/dyn-env: selftests/vm/guest/dyn/kml-dyn-env.c | vm-deps
	@mkdir -p $(dir $@)
	$(VM_GUEST_CC) -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -o $@ $<

$(VM_DATA_DIR)/evil-preload.so: selftests/vm/guest/dyn/evil-preload.c | vm-deps
	@mkdir -p $(dir $@)
	$(VM_GUEST_CC) -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -shared -fPIC -o $@ $<

$(VM_DATA_DIR)/%: selftests/vm/guest/helpers/%.c $(VM_TAP_O) | vm-deps
	@mkdir -p $(dir $@)
	$(VM_GUEST_CC) $(VM_GUEST_CFLAGS) -o $@ $< $(VM_TAP_O) $(VM_GUEST_O)

$(VM_DATA_DIR)/kml-%: selftests/vm/guest/helpers/kml-%.c $(VM_TAP_O) $(wildcard $(VM_KMLCC)) | vm-deps tools
	@mkdir -p $(dir $@)
	KML_CC=$(VM_GUEST_CC) $(VM_KMLCC) $(VM_GUEST_CFLAGS) -o $@.tmp $< $(VM_TAP_O) $(VM_GUEST_O)
	@readelf -nW $@.tmp | grep -qE '^ +KML +0x' || \
		{ echo "vm.mk: $@.tmp has no KML note after marking" >&2; exit 1; }
	@mv $@.tmp $@

# Debuggers in the guest: Debian's strace, and gdb from Debian's
# gdb-minimal (gdb without Python, whose package conflicts with the host's
# gdb, so it is unpacked here rather than installed).  Debian 13's
# gdb-minimal is a transitional package (Architecture: all, no
# /usr/bin/gdb) that depends on gdb, which has Python built in: there the
# host's gdb is installed (scripts/install-deps gdb) and copied in with its
# libraries; without Python's standard library in the guest it says
# "Python initialization failed" and works on without Python.
VM_GDB_DIR	:= $(VM_DIR)/debs/gdb-minimal
VM_GDB		:= $(VM_GDB_DIR)/usr/bin/gdb
VM_PROGRAMS	:= $(VM_GDB):/usr/bin/gdb /usr/bin/strace

$(VM_GDB): | vm-deps
	@rm -rf $(VM_GDB_DIR) $(VM_DIR)/debs/gdb-minimal_*.deb
	@mkdir -p $(VM_DIR)/debs
	cd $(VM_DIR)/debs && { apt-get download gdb-minimal >/dev/null 2>&1 || \
		{ apt-get update -qq && apt-get download gdb-minimal; }; }
	dpkg-deb -x $(VM_DIR)/debs/gdb-minimal_*.deb $(VM_GDB_DIR)
	@if [ ! -e $@ ] && [ "$$(dpkg-deb -f $(VM_DIR)/debs/gdb-minimal_*.deb Architecture)" = all ]; then \
		echo "vm.mk: $$(cd $(VM_DIR)/debs && ls gdb-minimal_*.deb) is a transitional package: the host's gdb goes into the guest"; \
		scripts/install-deps gdb && mkdir -p $(dir $@) && cp /usr/bin/gdb $@; \
	fi
	@test -x $@ || { echo "vm.mk: gdb-minimal has no $@" >&2; exit 1; }
	@echo "vm.mk: gdb for the guest: $$($@ --version | head -n 1)"

# A dynamically linked program built with kml-cc, and the host's C library
# and dynamic loader for it (the guest test "dynamic" installs them).
$(VM_DATA_DIR)/kml-dyn: selftests/vm/guest/dyn/kml-dyn.c | vm-deps tools
	@mkdir -p $(dir $@)
	KML_CC=$(VM_GUEST_CC) $(VM_KMLCC) -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -o $@ $<

$(VM_DATA_DIR)/ld-linux-x86-64.so.2: | vm-deps
	@mkdir -p $(dir $@)
	cp -L /lib64/ld-linux-x86-64.so.2 $@

$(VM_DATA_DIR)/libc.so.6: | vm-deps
	@mkdir -p $(dir $@)
	cp -L /lib/x86_64-linux-gnu/libc.so.6 $@

$(VM_DATA_DIR)/elf32-kml-%: selftests/vm/guest/elf32-kml.S elfnote/uapi/linux/kml.h | vm-deps
	@mkdir -p $(dir $@)
	gcc -m32 -c -Ielfnote/uapi \
		-DKML_FLAGS="$(if $(filter required,$*),(KML_NOTE_F_KERNEL_MODE|KML_NOTE_F_REQUIRED),KML_NOTE_F_KERNEL_MODE)" \
		-o $@.o $<
	ld -m elf_i386 -o $@ $@.o
	@rm -f $@.o

# The ELF files the hostile-elf test mutates: the tools' fuzzing seeds
# (selftests/fuzz/make-seeds.sh) and the fuzzer's regression inputs.
VM_ELF_SEEDS	:= $(VM_DIR)/elf-seeds
$(VM_ELF_SEEDS).stamp: selftests/fuzz/make-seeds.sh $(FUZZ_DIR)/gen-seeds \
		$(wildcard selftests/fuzz/regress/*) | vm-deps tools
	@rm -rf $(VM_ELF_SEEDS)
	selftests/fuzz/make-seeds.sh $(KMLMARK) $(FUZZ_DIR)/gen-seeds $(VM_ELF_SEEDS)
	@for f in selftests/fuzz/regress/*; do cp "$$f" "$(VM_ELF_SEEDS)/regress-$${f##*/}"; done
	@touch $@

$(VM_DIR)/data.stamp: $(VM_BUILT_DATA) $(VM_GUEST_DATA) $(VM_ELF_SEEDS).stamp
	@rm -rf $(VM_DATA_DIR).tmp && mkdir -p $(VM_DATA_DIR).tmp
	@if [ -d selftests/vm/guest/data ]; then cp -R selftests/vm/guest/data/. $(VM_DATA_DIR).tmp/; fi
	@cp $(VM_BUILT_DATA) $(VM_DATA_DIR).tmp/
	@cp -R $(VM_ELF_SEEDS) $(VM_DATA_DIR).tmp/elf-seeds
	@rm -rf $(VM_DATA_DIR).files && mv $(VM_DATA_DIR).tmp $(VM_DATA_DIR).files
	@touch $@

# The initramfs, with a copy of busybox carrying the KML note when kml-mark
# exists.  Rebuilt only when one of its inputs changes.
$(VM_INITRAMFS): selftests/vm/mkinitramfs selftests/vm/init $(VM_LIB_SH) /bin/busybox \
		$(VM_GUEST_PROGS) $(VM_GUEST_SH) $(VM_DIR)/data.stamp \
		$(VM_GDB) $(wildcard $(VM_KMLMARK)) | vm-deps tools
	@mkdir -p $(VM_DIR)
	@rm -f $(VM_DIR)/busybox-kml
	@if [ -x $(VM_KMLMARK) ]; then \
		cp /bin/busybox $(VM_DIR)/busybox-kml && \
		$(VM_KMLMARK) $(VM_DIR)/busybox-kml; \
	fi
	selftests/vm/mkinitramfs -o $@ --busybox /bin/busybox \
		--data $(VM_DATA_DIR).files \
		$$([ -x $(VM_DIR)/busybox-kml ] && echo --kml-busybox $(VM_DIR)/busybox-kml) \
		$(addprefix --program ,$(VM_PROGRAMS)) \
		$(VM_GUEST_PROGS) $(VM_GUEST_SH)

.PHONY: vm-deps vm-initramfs vm-check vm-shell
vm-deps:
	@scripts/install-deps vm tools

# On a fresh machine busybox-static comes with the packages.
/bin/busybox: | vm-deps
	@test -x $@ || { echo "vm.mk: $@ is missing after installing busybox-static" >&2; exit 1; }

vm-initramfs: $(VM_INITRAMFS)

vm-check: kernel vm-initramfs
	@selftests/vm/run-vm --kernel $(VM_KERNEL) --initrd $(VM_INITRAMFS) \
		--name vm$(VM_NAME_SFX) --timeout $(VM_TIMEOUT) --append "kml_debug $(VM_LINE_ARG)" && \
		selftests/vm/vm-verdict $(VM_DIR)/vm$(VM_NAME_SFX)

vm-shell: kernel vm-initramfs
	@selftests/vm/run-vm --shell --kernel $(VM_KERNEL) --initrd $(VM_INITRAMFS)

# make check: boot the patched kernel and run the guest tests; run-vm
# collects, vm-verdict judges.  The runs of a line other than 6.12 are
# named after it (build/vm/vm-7.x.log).
VM_NAME_SFX	:= $(if $(filter-out 6.12,$(KERNEL_LINE)),-$(KERNEL_LINE))
# The guest tests that depend on the line read it (smoke, boundary).
VM_LINE_ARG	:= KML_VM_LINE=$(KERNEL_LINE)
# The machine's hardening (hardening.c and kml-hardening.c assert what
# KML_VM_EXPECT names is on, the rest off), which both lines' series keep
# on (kernel/patches 0018-0020, kernel/7.x/patches 0018-0021).
VM_SUITES	:= "BUILD=$(BUILD) selftests/vm/run-vm --kernel $(VM_KERNEL) --initrd $(VM_INITRAMFS) --name vm$(VM_NAME_SFX) --timeout $(VM_TIMEOUT) --append 'kml_debug $(VM_LINE_ARG)' && selftests/vm/vm-verdict $(BUILD)/vm/vm$(VM_NAME_SFX)"
# Tests that need a boot of their own (boot-*.c): under lockdown=integrity
# with the default policy.
VM_SUITES	+= "BUILD=$(BUILD) selftests/vm/run-vm --kernel $(VM_KERNEL) --initrd $(VM_INITRAMFS) --name vm-lockdown$(VM_NAME_SFX) --timeout $(VM_TIMEOUT) --append 'kml_debug $(VM_LINE_ARG) lockdown=integrity kml=root KML_VM_TESTS=boot-lockdown' && selftests/vm/vm-verdict $(BUILD)/vm/vm-lockdown$(VM_NAME_SFX)"
# With an Intel CPU model, whose SWAPGS the kernel fences: once with
# page-table isolation (on by default there), once without.
VM_SUITES	+= "BUILD=$(BUILD) selftests/vm/run-vm --kernel $(VM_KERNEL) --initrd $(VM_INITRAMFS) --name vm-intel$(VM_NAME_SFX) --timeout $(VM_TIMEOUT) --cpu max,vendor=GenuineIntel --append 'kml_debug $(VM_LINE_ARG) KML_VM_EXPECT=pti KML_VM_TESTS=boot-kml-fence' && selftests/vm/vm-verdict $(BUILD)/vm/vm-intel$(VM_NAME_SFX)"
VM_SUITES	+= "BUILD=$(BUILD) selftests/vm/run-vm --kernel $(VM_KERNEL) --initrd $(VM_INITRAMFS) --name vm-intel-nopti$(VM_NAME_SFX) --timeout $(VM_TIMEOUT) --cpu max,vendor=GenuineIntel --append 'kml_debug $(VM_LINE_ARG) pti=off KML_VM_EXPECT=none KML_VM_TESTS=boot-kml-fence' && selftests/vm/vm-verdict $(BUILD)/vm/vm-intel-nopti$(VM_NAME_SFX)"
# Page-table isolation on an Intel model that Linux treats as affected by
# Meltdown: the whole suite but kml-kvm (QEMU's TCG offers no VMX, and
# this Intel model no SVM: no /dev/kvm).
VM_SUITES	+= "BUILD=$(BUILD) selftests/vm/run-vm --kernel $(VM_KERNEL) --initrd $(VM_INITRAMFS) --name vm-pti$(VM_NAME_SFX) --timeout $(VM_TIMEOUT) --cpu Skylake-Client-v4 --append 'kml_debug $(VM_LINE_ARG) KML_VM_EXPECT=pti KML_VM_EXCLUDE=kml-kvm' && selftests/vm/vm-verdict $(BUILD)/vm/vm-pti$(VM_NAME_SFX)"
CHECK_DEPS	+= kernel vm-initramfs
CHECK_SUITES	+= $(VM_SUITES)
LINE_SUITES	+= $(VM_SUITES)

# Kernel IBT, the user shadow stack and LASS under Debian 13's Bochs 3.0
# (selftests/vm/bochs-root: QEMU's TCG has no CET and no LASS), with the
# tests that matter for entry and exit.  Bochs runs some 50 million
# instructions a second, so these tests only.  make vm-ibt: the Tiger Lake
# model (CET), one of make check's suites; make vm-lass: the Arrow Lake
# model (CET and LASS; 7.x enables LASS from 6.19 on, so KERNEL_LINE=7.x
# only).  FRED has no emulator here (docs/kernel-dev.md), so no boot with
# it.
VM_BOCHS_TESTS	:= hardening,kml-hardening,kml-basic,kml-stack,kml-signals,kml-fastcall,kml-smp
VM_BOCHS_TIMEOUT ?= 900
VM_BOCHS_RUN	 = BUILD=$(BUILD) QEMU=selftests/vm/qemu-bochs \
		   BOCHS_ROOT=$$(BUILD=$(BUILD) selftests/vm/bochs-root --print) \
		   selftests/vm/run-vm --kernel $(VM_KERNEL) --initrd $(VM_INITRAMFS) \
		   --timeout $(VM_BOCHS_TIMEOUT) --smp 2
VM_IBT_RUN	 = $(VM_BOCHS_RUN) --name vm-ibt$(VM_NAME_SFX) --cpu tigerlake \
		   --append 'kml_debug $(VM_LINE_ARG) KML_VM_EXPECT=ibt KML_VM_TESTS=$(VM_BOCHS_TESTS)' && \
		   selftests/vm/vm-verdict $(BUILD)/vm/vm-ibt$(VM_NAME_SFX)
VM_LASS_RUN	 = $(VM_BOCHS_RUN) --name vm-lass$(VM_NAME_SFX) --cpu arrow_lake \
		   --append 'kml_debug $(VM_LINE_ARG) KML_VM_EXPECT=ibt,lass KML_VM_TESTS=$(VM_BOCHS_TESTS)' && \
		   selftests/vm/vm-verdict $(BUILD)/vm/vm-lass$(VM_NAME_SFX)
CHECK_SUITES	+= "$(VM_IBT_RUN)"
CHECK_DEPS	+= vm-bochs-deps

# QEMU 10 beside the host's (selftests/vm/qemu-current): from
# bookworm-backports on Debian 12, unpacked into $(BUILD)/qemu-current with
# the private apt of kernel/scripts/common.sh; the host's own on Debian 13.
# Every VM suite runs on it with QEMU=current (make vm-check QEMU=current).
.PHONY: qemu-current
qemu-current:
	@BUILD=$(BUILD) selftests/vm/qemu-current

# make vm-emulator-check: the emulator's known bug (selftests/vm/emulator-check):
# the kernel's selftest x86/sysret_ss_attrs_64, unmarked, passes on QEMU 10
# and fails on QEMU 7.2 the way the bug predicts (and passes there without
# SMAP).  The selftest's source is the 6.12 line's (not changed by the
# series): $(BUILD)/linux when make kernel made it, else the two files from
# Debian's linux-source-6.12 tarball.  EMU_KERNEL=path boots that kernel
# instead of building one.
EMU_DIR		:= $(BUILD)/emulator
EMU_KERNEL	?= $(VM_KERNEL)
EMU_INITRAMFS	:= $(EMU_DIR)/initramfs.cpio
EMU_SRC_FILES	:= tools/testing/selftests/x86/sysret_ss_attrs.c tools/testing/selftests/x86/thunks.S
EMU_TARBALL	:= /usr/src/linux-source-6.12.tar.xz

$(EMU_DIR)/src.stamp: | vm-deps
	@rm -rf $(EMU_DIR)/src && mkdir -p $(EMU_DIR)/src
	@if [ -f $(BUILD)/linux/$(word 1,$(EMU_SRC_FILES)) ]; then \
		echo "vm.mk: the selftest's source from $(BUILD)/linux"; \
		cp $(addprefix $(BUILD)/linux/,$(EMU_SRC_FILES)) $(EMU_DIR)/src/; \
	else \
		echo "vm.mk: the selftest's source from $(EMU_TARBALL)"; \
		tar -xJf $(EMU_TARBALL) -C $(EMU_DIR)/src --strip-components=5 \
			$(addprefix linux-source-6.12/,$(EMU_SRC_FILES)); \
	fi
	@test -f $(EMU_DIR)/src/sysret_ss_attrs.c && test -f $(EMU_DIR)/src/thunks.S
	@touch $@

# Built as the selftest's Makefile builds it (64-bit), static for the
# initramfs; in /tests/data, run by the guest script.
$(EMU_DIR)/data/sysret_ss_attrs_64: $(EMU_DIR)/src.stamp
	@mkdir -p $(dir $@)
	gcc -m64 -O2 -g -std=gnu99 -pthread -Wall -no-pie -static -o $@ \
		$(EMU_DIR)/src/sysret_ss_attrs.c $(EMU_DIR)/src/thunks.S -lrt -ldl

$(EMU_INITRAMFS): selftests/vm/mkinitramfs selftests/vm/init $(VM_LIB_SH) /bin/busybox \
		$(EMU_DIR)/data/sysret_ss_attrs_64 selftests/vm/emulator/sysret-ss-attrs.sh | vm-deps
	selftests/vm/mkinitramfs -o $@ --busybox /bin/busybox --data $(EMU_DIR)/data \
		selftests/vm/emulator/sysret-ss-attrs.sh

EMU_CHECK	:= BUILD=$(BUILD) selftests/vm/emulator-check --kernel $(EMU_KERNEL) --initrd $(EMU_INITRAMFS)
.PHONY: vm-emulator-check
vm-emulator-check: $(if $(filter $(VM_KERNEL),$(EMU_KERNEL)),kernel) qemu-current $(EMU_INITRAMFS)
	@$(EMU_CHECK)

# make check: three boots of a few seconds each (about 25 s), and the
# bug's matcher on recorded logs (no VM, 1 s).
CHECK_DEPS	+= qemu-current $(EMU_INITRAMFS)
CHECK_SUITES	+= "$(EMU_CHECK)" selftests/vm/test-emulator-check

.PHONY: vm-bochs-deps vm-ibt vm-lass
vm-bochs-deps:
	@scripts/install-deps bochs
	@BUILD=$(BUILD) selftests/vm/bochs-root

vm-ibt: kernel vm-initramfs vm-bochs-deps
	@$(VM_IBT_RUN)

vm-lass: kernel vm-initramfs vm-bochs-deps
	@$(VM_LASS_RUN)

# The harness catches crashing, silent and hanging tests, kernel panics and
# hangs (boots the kernel three more times, about 30 s).
CHECK_SUITES	+= "BUILD=$(BUILD) selftests/vm/test-harness --kernel $(VM_KERNEL)"
# run-vm boots again only after QEMU's stale int3 before /init (a stand-in
# QEMU, no kernel: 5 s).
CHECK_SUITES	+= selftests/vm/test-boot-retry

-include $(wildcard $(VM_DIR)/guest/*.d $(VM_DATA_DIR)/*.d $(VM_TAP_O).d $(VM_HOSTILE_O).d)
