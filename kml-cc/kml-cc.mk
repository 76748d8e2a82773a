# SPDX-License-Identifier: GPL-2.0
#
# kml-cc: gcc wrapper that links executables with the KML note.
#
# The machine-code check is linked in when kml-mark/check/check.mk
# provides it (KMLCHECK_LIB, KMLCHECK_LDLIBS); without it kml-cc still
# builds, links and stamps, but never sets KML_NOTE_F_CHECKED.
#
# kml-cc finds <kml.h> in ../include relative to its own binary, so the
# headers are staged in $(BUILD)/include for the in-tree $(BUILD)/bin.

# kml-mark/pipeline.c: the marking pipeline kml-mark uses too.
KMLCC_OBJS	:= $(patsubst %.c,$(BUILD)/tools/%.o,$(wildcard kml-cc/*.c) \
		   kml-mark/pipeline.c)
KMLCC		:= $(BUILD)/bin/kml-cc
KMLCC_HEADERS	:= $(BUILD)/include/kml.h $(BUILD)/include/linux/kml.h

KMLCC_CHECK_LIB	:=
ifneq ($(strip $(KMLCHECK_LIB)),)
KMLCC_CHECK_LIB	:= $(KMLCHECK_LIB)
$(BUILD)/tools/kml-cc/check.o: CFLAGS += -DKMLCC_HAVE_KMLCHECK
endif
# Rebuild the call site when the check appears or goes.
$(BUILD)/tools/kml-cc/check.o: $(wildcard kml-mark/check/check.mk)

$(KMLCC): $(KMLCC_OBJS) $(KMLCC_CHECK_LIB) $(KMLNOTE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(KMLCC_OBJS) $(KMLCC_CHECK_LIB) \
		$(KMLNOTE_LIB) $(KMLCHECK_LDLIBS) $(KMLNOTE_LDLIBS)

$(BUILD)/include/kml.h: kml-cc/kml.h
	@mkdir -p $(dir $@)
	cp $< $@

$(BUILD)/include/linux/kml.h: elfnote/uapi/linux/kml.h
	@mkdir -p $(dir $@)
	cp $< $@

tools: $(KMLCC) $(KMLCC_HEADERS)

CHECK_SUITES += "selftests/cc/test-kml-cc $(KMLCC)"
CHECK_SUITES += "selftests/cc/test-classify $(KMLCC)"

.PHONY: install-kml-cc clean-kml-cc
install:: install-kml-cc
install-kml-cc: $(KMLCC)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include/linux \
		$(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(KMLCC) $(DESTDIR)$(PREFIX)/bin/kml-cc
	install -m 644 kml-cc/kml.h $(DESTDIR)$(PREFIX)/include/kml.h
	install -m 644 elfnote/uapi/linux/kml.h \
		$(DESTDIR)$(PREFIX)/include/linux/kml.h
	install -m 644 kml-cc/kml-cc.1 \
		$(DESTDIR)$(PREFIX)/share/man/man1/kml-cc.1

clean: clean-kml-cc
clean-kml-cc:
	rm -f $(KMLCC) $(KMLCC_HEADERS)
