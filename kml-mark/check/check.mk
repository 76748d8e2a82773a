# SPDX-License-Identifier: GPL-2.0
# libkmlcheck: the KML machine-code check (docs/check.md), its test
# driver, tests and benchmark.
#
# Provides KMLCHECK_OBJS / KMLCHECK_LIB (link either) and KMLCHECK_LDLIBS,
# and adds the check to kml-mark (KMLMARK_OBJS, KMLMARK_LDLIBS).
# Included from kml-mark/kml-mark.mk and from the top Makefile: once.

ifndef KMLCHECK_MK
KMLCHECK_MK	:= 1

KMLCHECK_SRCS	:= $(wildcard kml-mark/check/*.c)
KMLCHECK_OBJS	:= $(KMLCHECK_SRCS:%.c=$(BUILD)/tools/%.o)
KMLCHECK_LIB	:= $(BUILD)/tools/libkmlcheck.a
# Zydis 4.0 (Debian) needs no -lZycore; libelf reads the files, libdw
# their CFI (libdw-dev).
KMLCHECK_LDLIBS	:= -lZydis -ldw -lelf
KMLCHECK_RUN	:= $(BUILD)/tests/check/kml-check-run

KMLMARK_OBJS	+= $(KMLCHECK_OBJS)
KMLMARK_LDLIBS	+= $(KMLCHECK_LDLIBS)

tools: $(KMLCHECK_LIB)

$(KMLCHECK_LIB): $(KMLCHECK_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

# The test driver (users run "kml-mark --check").
$(KMLCHECK_RUN): selftests/check/kml-check-run.c $(KMLCHECK_LIB) | deps
	@mkdir -p $(dir $@)
	$(CC) $(KML_CFLAGS) $(CFLAGS) -o $@ $< $(KMLCHECK_LIB) $(KMLCHECK_LDLIBS)
-include $(KMLCHECK_RUN).d

# Unit test of the ld.so.conf reader (internal API).
KMLCHECK_LDCONF	:= $(BUILD)/tests/check/test-ldconf
$(KMLCHECK_LDCONF): selftests/check/test-ldconf.c selftests/lib/tap.c $(KMLCHECK_LIB) | deps
	@mkdir -p $(dir $@)
	$(CC) $(KML_CFLAGS) -Ikml-mark/check -Iselftests/lib $(CFLAGS) -o $@ $< selftests/lib/tap.c \
		$(KMLCHECK_LIB) $(KMLCHECK_LDLIBS)
-include $(KMLCHECK_LDCONF).d

.PHONY: bench-check
bench-check: $(KMLCHECK_RUN)
	@selftests/check/bench-check $(KMLCHECK_RUN)

CHECK_DEPS	+= $(KMLCHECK_RUN) $(KMLCHECK_LDCONF)
CHECK_SUITES	+= "$(KMLCHECK_LDCONF) $(BUILD)/tests/check/ldconf"
CHECK_SUITES	+= "selftests/check/test-corpus $(KMLCHECK_RUN) $(BUILD)/tests/check"
CHECK_SUITES	+= "selftests/check/test-clean $(KMLCHECK_RUN) $(BUILD)/tests/check"
CHECK_SUITES	+= "selftests/check/test-allow $(KMLCHECK_RUN) $(BUILD)/tests/check"
CHECK_SUITES	+= "selftests/check/test-resync $(KMLCHECK_RUN) $(BUILD)/tests/check"
CHECK_SUITES	+= "selftests/check/test-nosections $(KMLCHECK_RUN) $(BUILD)/tests/check"
CHECK_SUITES	+= "selftests/check/test-data $(KMLCHECK_RUN) $(BUILD)/tests/check"
CHECK_SUITES	+= "selftests/check/test-known $(KMLCHECK_RUN) $(BUILD)/tests/check"
CHECK_SUITES	+= "selftests/check/test-malformed $(KMLCHECK_RUN) $(BUILD)/tests/check"
CHECK_SUITES	+= "selftests/check/test-closure $(KMLCHECK_RUN) $(BUILD)/tests/check"
# The check inside kml-mark (KMLMARK comes from kml-mark/kml-mark.mk).
CHECK_SUITES	+= "selftests/check/test-mark $(KMLMARK) $(BUILD)/tests/check"
# Debian's servers pass the check (their packages: install-deps servers).
.PHONY: check-servers-deps
check-servers-deps:
	@scripts/install-deps servers
CHECK_DEPS	+= check-servers-deps
CHECK_SUITES	+= "selftests/check/test-servers $(KMLMARK) $(BUILD)/tests/check"
# This machine's /usr/bin, C library and shared libraries (a few minutes).
CHECK_SUITES	+= "selftests/check/test-survey $(KMLCHECK_RUN) $(BUILD)/tests/check"

endif
