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
