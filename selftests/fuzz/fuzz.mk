# SPDX-License-Identifier: GPL-2.0
#
# Fuzzing the ELF reading and rewriting path of libkmlnote (libFuzzer).
#
#   make fuzz FUZZ_TIME=1200   run for FUZZ_TIME seconds on one core;
#                              crashes land in build/fuzz/crashes/ -
#                              copy them to selftests/fuzz/regress/
#
# "make check" replays selftests/fuzz/regress/ with ASan and UBSan.

FUZZ_TIME	?= 600
FUZZ_CC		?= clang
FUZZ_DIR	:= $(BUILD)/fuzz
FUZZ_BIN	:= $(FUZZ_DIR)/fuzz-elfnote
FUZZ_ONE	:= selftests/fuzz/fuzz-one.c
FUZZ_SAN	:= -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_HDRS	:= $(wildcard elfnote/*.h) selftests/fuzz/fuzz-one.h

.PHONY: fuzz fuzz-deps fuzz-seeds
fuzz-deps:
	@scripts/install-deps fuzz

$(FUZZ_BIN): $(KMLNOTE_SRCS) $(FUZZ_ONE) selftests/fuzz/fuzz-elfnote.c \
	     $(FUZZ_HDRS) | fuzz-deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c11 -D_GNU_SOURCE -g -O1 -Ielfnote/uapi -Ielfnote \
		-fsanitize=fuzzer $(FUZZ_SAN) -o $@ $(KMLNOTE_SRCS) \
		$(FUZZ_ONE) selftests/fuzz/fuzz-elfnote.c $(KMLNOTE_LDLIBS)

$(FUZZ_DIR)/gen-seeds: selftests/fuzz/gen-seeds.c \
		       $(BUILD)/tools/selftests/elfnote/mkelf.o \
		       $(BUILD)/tools/selftests/elfnote/util.o $(KMLNOTE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(KML_CFLAGS) -Iselftests/elfnote $(CFLAGS) -o $@ $^ \
		$(KMLNOTE_LDLIBS)

fuzz-seeds: $(KMLMARK) $(FUZZ_DIR)/gen-seeds
	selftests/fuzz/make-seeds.sh $(KMLMARK) $(FUZZ_DIR)/gen-seeds \
		$(FUZZ_DIR)/seeds

fuzz: $(FUZZ_BIN) fuzz-seeds
	@mkdir -p $(FUZZ_DIR)/corpus $(FUZZ_DIR)/crashes
	$(FUZZ_BIN) -max_total_time=$(FUZZ_TIME) -max_len=65536 -timeout=10 \
		-rss_limit_mb=2048 -dict=selftests/fuzz/elf.dict \
		-artifact_prefix=$(FUZZ_DIR)/crashes/ -print_final_stats=1 \
		$(FUZZ_DIR)/corpus $(FUZZ_DIR)/seeds

# Regression inputs, replayed with the sanitizers by "make check".
FUZZ_REPLAY	:= $(BUILD)/tests/fuzz/replay
$(FUZZ_REPLAY): $(KMLNOTE_SRCS) $(FUZZ_ONE) selftests/fuzz/replay.c \
		selftests/lib/tap.c $(FUZZ_HDRS) | deps
	@mkdir -p $(dir $@)
	$(CC) $(KML_CFLAGS) -Iselftests/lib -g -O1 $(FUZZ_SAN) -o $@ $(KMLNOTE_SRCS) \
		$(FUZZ_ONE) selftests/fuzz/replay.c selftests/lib/tap.c $(KMLNOTE_LDLIBS)

CHECK_DEPS	+= $(FUZZ_REPLAY)
CHECK_SUITES	+= "$(FUZZ_REPLAY) selftests/fuzz/regress/*"
