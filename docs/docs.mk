# SPDX-License-Identifier: GPL-2.0
#
# Documentation that gets installed: kml(7), the overview man page.
# (kml-cc(1) and kml-mark(1) are installed with their tools.)

.PHONY: install-docs
install:: install-docs
install-docs:
	install -d $(DESTDIR)$(PREFIX)/share/man/man7
	install -m 644 docs/kml.7 $(DESTDIR)$(PREFIX)/share/man/man7/kml.7
