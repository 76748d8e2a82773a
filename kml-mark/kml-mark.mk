# SPDX-License-Identifier: GPL-2.0
#
# kml-mark: stamp executables with the KML note.
# kml-mark/check/check.mk, when present, may add objects and libraries
# for the machine-code check (KMLMARK_OBJS, KMLMARK_LDLIBS).

KMLMARK_OBJS	:= $(patsubst %.c,$(BUILD)/tools/%.o,$(wildcard kml-mark/*.c))
KMLMARK_LDLIBS	:=
KMLMARK		:= $(BUILD)/bin/kml-mark

-include kml-mark/check/check.mk

$(KMLMARK): $(KMLMARK_OBJS) $(KMLNOTE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(KMLMARK_OBJS) $(KMLNOTE_LIB) \
		$(KMLMARK_LDLIBS) $(KMLNOTE_LDLIBS)

tools: $(KMLMARK)

.PHONY: install-kml-mark
install:: install-kml-mark
install-kml-mark: $(KMLMARK)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(KMLMARK) $(DESTDIR)$(PREFIX)/bin/kml-mark
	install -m 644 kml-mark/kml-mark.1 $(DESTDIR)$(PREFIX)/share/man/man1/kml-mark.1

# kml-mark on programs in every form (needs gcc, binutils).
CHECK_SUITES	+= "selftests/mark/test-forms.sh $(KMLMARK)"

# kml-mark's records: --record, --list-records, --forget, and --remark
# after files were replaced as dpkg replaces them (needs gcc; as root,
# also reads --remark's syslog lines in a mount namespace).
CHECK_SUITES	+= "selftests/mark/test-records.sh $(KMLMARK)"

# kml-mark on copies of every ELF executable in /usr/bin (a few minutes
# at most).
CHECK_SUITES	+= "selftests/mark/test-usrbin.sh $(KMLMARK)"

# Not a test: time marking all of /usr/bin.
.PHONY: bench-mark
bench-mark: $(KMLMARK)
	selftests/mark/bench-mark.sh $(KMLMARK)
