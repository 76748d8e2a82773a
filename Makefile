# SPDX-License-Identifier: GPL-2.0
#
# Kernel Mode Linux: tools, patched kernel, tests.
#
#   make demo       build everything, show KML at work in a QEMU VM
#   make shell      the same VM with a shell and the examples
#   make            build kml-mark and kml-cc (installs missing packages)
#   make check      run every test; ends with "N passed, N failed"
#   make soak       stress-ng, signal storms and NMIs for SOAK_TIME seconds
#   make kernel     build the patched Linux 6.12 kernel (build/linux)
#   make install    install tools, headers, library and man pages under PREFIX
#   make deb        Debian packages kml-tools and libkmlnote-dev in build/deb
#   make deb-release  the same for Debian 13 (DEB_RELEASE=trixie), built and
#                   tested in debootstrapped roots of that release
#   make e2e        Debian 12 with systemd on the KML kernel in QEMU: nginx
#                   marked and run as a service in kernel mode (slow)
#
# Each part adds its own rules in its directory's .mk file.

PREFIX	?= /usr/local
LIBDIR	?= $(PREFIX)/lib
DESTDIR	?=
BUILD	?= build
CC	?= cc
CFLAGS	?= -O2 -g
AR	?= ar
# What installs missing packages for the tools ("true" when the caller,
# like debian/rules, has them installed already).
INSTALL_DEPS ?= scripts/install-deps

# The tools' version: kml-mark --version, kmlnote.pc and debian/changelog
# (selftests/deb/test-deb checks that they agree).
KML_VERSION := $(shell sed -n 's/^\#define KML_MARK_VERSION[[:space:]]*"\(.*\)"/\1/p' kml-mark/kml-mark.h)

KML_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror \
	      -Ielfnote/uapi -Ielfnote -Ikml-mark -MMD -MP

# Test suites run by "make check", in order; each .mk file adds its own.
CHECK_SUITES :=
# Things "make check" must build first.
CHECK_DEPS :=

.PHONY: all tools deps check install clean
all: tools

deps:
	@$(INSTALL_DEPS) tools

include elfnote/elfnote.mk
include kml-mark/kml-mark.mk
include kml-mark/check/check.mk
include kml-cc/kml-cc.mk
include selftests/selftests.mk
include kernel/kernel.mk
include selftests/bench/bench.mk
include selftests/soak/soak.mk
include selftests/kselftest/kselftest.mk
include examples/examples.mk
include docs/docs.mk
include debian/deb.mk
include selftests/e2e/e2e.mk

check: tools $(CHECK_DEPS)
	@selftests/run-suites $(CHECK_SUITES)

clean:
	rm -rf $(BUILD)/tools $(BUILD)/tests

$(BUILD)/tools/%.o: %.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(KML_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

-include $(shell find $(BUILD)/tools -name '*.d' 2>/dev/null)
