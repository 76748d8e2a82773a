# SPDX-License-Identifier: GPL-2.0
#
# The end-to-end test: Debian with systemd on the KML kernel, nginx
# marked with kml-mark and run as a systemd service in kernel mode, its
# mark kept by kml-tools' APT hook across a reinstall, an unprivileged
# user who gets no kernel mode (docs/e2e.md).
#
#   make e2e     install what it needs, build the tools' packages and the
#                e2e kernel, make the Debian disk, boot it in QEMU; ends
#                with "N passed, N failed"
#   make e2e KML_E2E_SUITE=trixie
#                the same with a Debian 13 disk and the packages of
#                make deb-release (DEB_RELEASE=trixie)
#
# KML_E2E_SUITE is the disk's Debian release, the host's by default (as
# KML_DEB_SUITE of selftests/deb/test-deb): its kml-tools comes from
# make deb (the host's release) or make deb-release (another).
# Not part of make check: it takes too long (docs/e2e.md has the times).

HOST_SUITE	:= $(shell . /etc/os-release && echo "$${VERSION_CODENAME:-}")
KML_E2E_SUITE	?= $(HOST_SUITE)
ifeq ($(KML_E2E_SUITE),$(HOST_SUITE))
E2E_DEB		:= deb
else
E2E_DEB		:= deb-release
# deb-release, a prerequisite of e2e, builds that release's packages
e2e: DEB_RELEASE = $(KML_E2E_SUITE)
endif

.PHONY: e2e e2e-deps
e2e-deps:
	@scripts/install-deps tools deb vm e2e

e2e: e2e-deps tools $(E2E_DEB) kernel-e2e
	@selftests/run-suites "BUILD=$(BUILD) KERNEL_LINE=$(KERNEL_LINE) KML_E2E_SUITE=$(KML_E2E_SUITE) selftests/e2e/test-e2e"
