# SPDX-License-Identifier: GPL-2.0
#
# The end-to-end test: Debian 12 with systemd on the KML kernel, nginx
# marked with kml-mark and run as a systemd service in kernel mode, an
# unprivileged user who gets no kernel mode (docs/e2e.md).
#
#   make e2e     install what it needs, build the tools' packages and the
#                e2e kernel, make the Debian disk, boot it in QEMU; ends
#                with "N passed, N failed"
#
# Not part of make check: it takes too long (docs/e2e.md has the times).

.PHONY: e2e e2e-deps
e2e-deps:
	@scripts/install-deps tools deb vm e2e

e2e: e2e-deps tools deb kernel-e2e
	@selftests/run-suites "BUILD=$(BUILD) KERNEL_LINE=$(KERNEL_LINE) selftests/e2e/test-e2e"
