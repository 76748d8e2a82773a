# SPDX-License-Identifier: GPL-2.0
#
# libkmlnote: read, add, change and remove the KML ELF note (on libelf).
# Tools link $(KMLNOTE_LIB) $(KMLNOTE_LDLIBS) and include "kmlnote.h".
# "make install" puts it in $(LIBDIR) with kmlnote.pc for pkg-config.

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
install-elfnote: $(KMLNOTE_LIB) elfnote/kmlnote.pc.in
	install -d $(DESTDIR)$(PREFIX)/include/linux $(DESTDIR)$(LIBDIR)/pkgconfig
	install -m 644 elfnote/uapi/linux/kml.h $(DESTDIR)$(PREFIX)/include/linux/kml.h
	install -m 644 elfnote/kmlnote.h $(DESTDIR)$(PREFIX)/include/kmlnote.h
	install -m 644 $(KMLNOTE_LIB) $(DESTDIR)$(LIBDIR)/libkmlnote.a
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@VERSION@|$(KML_VERSION)|' elfnote/kmlnote.pc.in \
	    > $(DESTDIR)$(LIBDIR)/pkgconfig/kmlnote.pc
	chmod 644 $(DESTDIR)$(LIBDIR)/pkgconfig/kmlnote.pc

# Unit tests of the library (TAP).
KMLNOTE_TEST	:= $(BUILD)/tests/elfnote/test-elfnote
KMLNOTE_TEST_OBJS := $(patsubst %.c,$(BUILD)/tools/%.o,\
		     $(wildcard selftests/elfnote/*.c) selftests/lib/tap.c)

$(KMLNOTE_TEST_OBJS): KML_CFLAGS += -Iselftests/lib
$(KMLNOTE_TEST): $(KMLNOTE_TEST_OBJS) $(KMLNOTE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(KMLNOTE_TEST_OBJS) $(KMLNOTE_LIB) \
		$(KMLNOTE_LDLIBS)

CHECK_DEPS	+= $(KMLNOTE_TEST)
CHECK_SUITES	+= $(KMLNOTE_TEST)

include selftests/fuzz/fuzz.mk
