# SPDX-License-Identifier: GPL-2.0
#
# The soak: stress-ng (Debian's, and a copy marked for kernel mode), a
# signal storm between kernel-mode and normal processes, memory pressure
# and NMIs injected from the host, on the KML kernel with two vCPUs
# (docs/soak.md).
#
#   make soak             SOAK_TIME seconds of stress-ng phases (default 300)
#   make soak-initramfs   $(BUILD)/soak/initramfs.cpio
#   make soak-python      Python's regression tests (Debian's
#                         libpython3.11-testsuite), kernel mode and user
#                         mode in one boot, compared case by case
#                         (PY_TESTS=test_a,test_b for other test files,
#                         PY_FILE_TIMEOUT seconds per file, default 1200)
#
# "make check" runs the short form (SOAK_SHORT_TIME, default 60 s).
# SOAK_KERNEL=path boots that kernel instead of building one (make kernel).

SOAK_DIR	:= $(BUILD)/soak
SOAK_TIME	?= 300
SOAK_SHORT_TIME	?= 60
SOAK_KERNEL	?= $(VM_KERNEL)
SOAK_INITRAMFS	:= $(SOAK_DIR)/initramfs.cpio
SOAK_INJECT	:= $(SOAK_DIR)/nmi-inject
SOAK_STRESS	:= $(SOAK_DIR)/stress-ng/stress-ng-kml
# The review of the host's stress-ng build: selftests/soak/stress-ng.review
# (Debian 12), or the release's own, stress-ng-CODENAME.review (Debian 13:
# stress-ng-trixie.review); the guest gets it as stress-ng.review.
SOAK_RELEASE	:= $(shell . /etc/os-release 2>/dev/null && echo "$$VERSION_CODENAME")
SOAK_REVIEW	:= $(firstword $(wildcard selftests/soak/stress-ng-$(SOAK_RELEASE).review) \
		   selftests/soak/stress-ng.review)
SOAK_GUEST	:= $(SOAK_DIR)/guest
SOAK_DATA	:= $(SOAK_DIR)/data
SOAK_DATA_FILES	:= $(SOAK_GUEST)/sigstorm $(SOAK_GUEST)/kml-sigstorm \
		   $(SOAK_GUEST)/soak-watch $(SOAK_GUEST)/soak-runas
SOAK_TESTS	:= $(SOAK_GUEST)/kml-nmi $(VM_DIR)/guest/kml-stack \
		   selftests/soak/guest/soak.sh selftests/soak/guest/soak-nmi.sh \
		   selftests/soak/guest/kml-stack-nmi.sh

.PHONY: soak soak-deps soak-initramfs
soak-deps:
	@scripts/install-deps soak vm tools

$(SOAK_INJECT): selftests/soak/nmi-inject.c | deps
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror $(CFLAGS) -o $@ $<

# The guest programs: plain, and marked for kernel mode (as in vm.mk).
$(SOAK_GUEST)/sigstorm $(SOAK_GUEST)/soak-watch $(SOAK_GUEST)/soak-runas: $(SOAK_GUEST)/%: selftests/soak/guest/%.c $(VM_TAP_O) | vm-deps
	@mkdir -p $(dir $@)
	$(VM_GUEST_CC) $(VM_GUEST_CFLAGS) -o $@ $< $(VM_TAP_O)

$(SOAK_GUEST)/kml-sigstorm: selftests/soak/guest/sigstorm.c $(VM_TAP_O) $(wildcard $(VM_KMLCC) $(VM_KMLMARK)) | vm-deps tools
	$(VM_KML_BUILD)

$(SOAK_GUEST)/kml-nmi: selftests/soak/guest/kml-nmi.c $(VM_TAP_O) $(wildcard $(VM_KMLCC) $(VM_KMLMARK)) | vm-deps tools
	$(VM_KML_BUILD)

# Debian's stress-ng, marked with the reviewed findings allowed.
$(SOAK_STRESS): selftests/soak/stage-stress-ng $(SOAK_REVIEW) $(wildcard $(VM_KMLMARK) /usr/bin/stress-ng) | soak-deps tools
	selftests/soak/stage-stress-ng $(VM_KMLMARK) $(SOAK_REVIEW) $(SOAK_DIR)/stress-ng

$(SOAK_DIR)/data.stamp: $(SOAK_DATA_FILES) $(SOAK_REVIEW)
	@rm -rf $(SOAK_DATA).tmp && mkdir -p $(SOAK_DATA).tmp
	@cp $(SOAK_DATA_FILES) $(SOAK_DATA).tmp/
	@cp $(SOAK_REVIEW) $(SOAK_DATA).tmp/stress-ng.review
	@rm -rf $(SOAK_DATA) && mv $(SOAK_DATA).tmp $(SOAK_DATA)
	@touch $@

$(SOAK_INITRAMFS): selftests/vm/mkinitramfs selftests/vm/init $(VM_LIB_SH) /bin/busybox \
		$(SOAK_TESTS) $(SOAK_DIR)/data.stamp $(SOAK_STRESS) | soak-deps
	selftests/vm/mkinitramfs -o $@ --busybox /bin/busybox --data $(SOAK_DATA) \
		--program /usr/bin/stress-ng --program $(SOAK_STRESS):/usr/bin/stress-ng-kml \
		$(SOAK_TESTS)

soak-initramfs: $(SOAK_INITRAMFS) $(SOAK_INJECT)

# Build the kernel only when booting the one make kernel builds.
soak: $(if $(filter $(VM_KERNEL),$(SOAK_KERNEL)),kernel) soak-initramfs
	@selftests/soak/run-soak --kernel $(SOAK_KERNEL) --initrd $(SOAK_INITRAMFS) \
		--inject $(SOAK_INJECT) --time $(SOAK_TIME) --name soak

CHECK_DEPS	+= soak-initramfs
# The Python soak's comparison, on made-up results (no VM, 1 s).
CHECK_SUITES	+= selftests/soak/test-pysuite-compare
CHECK_SUITES	+= "BUILD=$(BUILD) selftests/soak/run-soak --kernel $(VM_KERNEL) --initrd $(SOAK_INITRAMFS) --inject $(SOAK_INJECT) --time $(SOAK_SHORT_TIME) --name soak-short"

# The stale int3 (docs/soak.md): poke-race turns a static key on and off
# while every CPU runs its sites, plain and marked for kernel mode;
# selftests/soak/int3-rate boots it many times.
INT3_INITRAMFS	:= $(SOAK_DIR)/int3-initramfs.cpio
INT3_TESTS	:= $(SOAK_GUEST)/poke-race $(SOAK_GUEST)/kml-poke-race \
		   selftests/soak/guest/int3-race.sh
INT3_BOOTS	?= 10
INT3_TIME	?= 20

$(SOAK_GUEST)/poke-race: selftests/soak/guest/poke-race.c $(VM_TAP_O) | vm-deps
	@mkdir -p $(dir $@)
	$(VM_GUEST_CC) $(VM_GUEST_CFLAGS) -o $@ $< $(VM_TAP_O)

$(SOAK_GUEST)/kml-poke-race: selftests/soak/guest/poke-race.c $(VM_TAP_O) $(wildcard $(VM_KMLCC) $(VM_KMLMARK)) | vm-deps tools
	$(VM_KML_BUILD)

$(INT3_INITRAMFS): selftests/vm/mkinitramfs selftests/vm/init $(VM_LIB_SH) /bin/busybox $(INT3_TESTS) | soak-deps
	selftests/vm/mkinitramfs -o $@ --busybox /bin/busybox $(INT3_TESTS)

.PHONY: soak-int3 soak-int3-initramfs
soak-int3-initramfs: $(INT3_INITRAMFS)

# Before and after: a thread per vCPU, then one thread (what run-vm uses),
# INT3_BOOTS boots each with INT3_TIME s of poke-race in kernel mode.
soak-int3: $(if $(filter $(VM_KERNEL),$(SOAK_KERNEL)),kernel) soak-int3-initramfs
	@selftests/soak/int3-rate --kernel $(SOAK_KERNEL) --initrd $(INT3_INITRAMFS) \
		--boots $(INT3_BOOTS) --time $(INT3_TIME) --tcg-threads multi
	@selftests/soak/int3-rate --kernel $(SOAK_KERNEL) --initrd $(INT3_INITRAMFS) \
		--boots $(INT3_BOOTS) --time $(INT3_TIME) --tcg-threads single --expect-none

# make check: one boot, 15 s of poke-race in kernel mode with one emulator
# thread (run-vm's default): cross-CPU code patching while kernel-mode
# tasks run the patched sites, through the KML IDT's #BP and IPI stubs;
# no oops allowed (about 30 s).
CHECK_DEPS	+= soak-int3-initramfs
CHECK_SUITES	+= "BUILD=$(BUILD) selftests/vm/run-vm --kernel $(VM_KERNEL) --initrd $(INT3_INITRAMFS) --name int3-short --append 'kml_debug KML_VM_TESTS=int3-race.sh KML_INT3_TIME=15 KML_INT3_MODE=kml' && selftests/vm/vm-verdict $(BUILD)/vm/int3-short"

# The Python soak: Debian's Python 3.11, its standard library and its test
# suite (downloaded and unpacked, with a copy of the interpreter marked for
# kernel mode), and the list of test files the guest runs.
PY_DIR		:= $(SOAK_DIR)/python
PY_STAGED	:= $(PY_DIR)/python-mark.txt
PY_DATA		:= $(SOAK_DIR)/pydata
PY_INITRAMFS	:= $(SOAK_DIR)/python-initramfs.cpio
PY_TESTS	?=
PY_FILE_TIMEOUT	?= 1200

.PHONY: soak-python soak-python-initramfs python-deps
python-deps:
	@scripts/install-deps python vm tools

$(PY_STAGED): selftests/soak/stage-python $(wildcard $(VM_KMLMARK)) | python-deps tools
	selftests/soak/stage-python $(VM_KMLMARK) $(PY_DIR)

$(SOAK_DIR)/pydata.stamp: selftests/soak/python.tests | python-deps
	@rm -rf $(PY_DATA).tmp && mkdir -p $(PY_DATA).tmp
	@cp selftests/soak/python.tests $(PY_DATA).tmp/
	@cp /etc/services $(PY_DATA).tmp/etc-services
	@cp /etc/protocols $(PY_DATA).tmp/etc-protocols
	@printf '127.0.0.1\tlocalhost kml-vm\n::1\tlocalhost ip6-localhost ip6-loopback\n' > $(PY_DATA).tmp/etc-hosts
	@rm -rf $(PY_DATA) && mv $(PY_DATA).tmp $(PY_DATA)
	@touch $@

$(PY_INITRAMFS): selftests/vm/mkinitramfs selftests/vm/init $(VM_LIB_SH) /bin/busybox \
		selftests/soak/guest/pysuite.sh $(SOAK_DIR)/pydata.stamp $(PY_STAGED) | python-deps
	selftests/vm/mkinitramfs -o $@ --busybox /bin/busybox --data $(PY_DATA) \
		--tree $(PY_DIR)/root:/ selftests/soak/guest/pysuite.sh

soak-python-initramfs: $(PY_INITRAMFS)

soak-python: $(if $(filter $(VM_KERNEL),$(SOAK_KERNEL)),kernel) soak-python-initramfs
	@selftests/soak/run-pysuite --kernel $(SOAK_KERNEL) --initrd $(PY_INITRAMFS) \
		--file-timeout $(PY_FILE_TIMEOUT) $(if $(PY_TESTS),--tests $(PY_TESTS)) --name pysuite

-include $(wildcard $(SOAK_GUEST)/*.d)
