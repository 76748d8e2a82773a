# SPDX-License-Identifier: GPL-2.0
#
# libkmlnote: read, add, change and remove the KML ELF note (on libelf).
# Tools link $(KMLNOTE_LIB) $(KMLNOTE_LDLIBS) and include "kmlnote.h".

KMLNOTE_SRCS	:= $(wildcard elfnote/*.c)
KMLNOTE_OBJS	:= $(KMLNOTE_SRCS:%.c=$(BUILD)/tools/%.o)
KMLNOTE_LIB	:= $(BUILD)/tools/libkmlnote.a
KMLNOTE_LDLIBS	:= -lelf

$(KMLNOTE_LIB): $(KMLNOTE_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

tools: $(KMLNOTE_LIB)

.PHONY: install-elfnote
install:: install-elfnote
install-elfnote: $(KMLNOTE_LIB)
	install -d $(DESTDIR)$(PREFIX)/include/linux $(DESTDIR)$(PREFIX)/lib
	install -m 644 elfnote/uapi/linux/kml.h $(DESTDIR)$(PREFIX)/include/linux/kml.h
	install -m 644 elfnote/kmlnote.h $(DESTDIR)$(PREFIX)/include/kmlnote.h
	install -m 644 $(KMLNOTE_LIB) $(DESTDIR)$(PREFIX)/lib/libkmlnote.a

# Unit tests of the library (TAP).
KMLNOTE_TEST	:= $(BUILD)/tests/elfnote/test-elfnote
KMLNOTE_TEST_OBJS := $(patsubst %.c,$(BUILD)/tools/%.o,\
		     $(wildcard selftests/elfnote/*.c))

$(KMLNOTE_TEST): $(KMLNOTE_TEST_OBJS) $(KMLNOTE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(KMLNOTE_TEST_OBJS) $(KMLNOTE_LIB) \
		$(KMLNOTE_LDLIBS)

CHECK_DEPS	+= $(KMLNOTE_TEST)
CHECK_SUITES	+= $(KMLNOTE_TEST)

include selftests/fuzz/fuzz.mk
