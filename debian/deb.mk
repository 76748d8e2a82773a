# SPDX-License-Identifier: GPL-2.0
#
# Debian packages of the tools (docs/deb.md):
#
#   make deb    $(BUILD)/deb/kml-tools_VERSION_amd64.deb and
#               $(BUILD)/deb/libkmlnote-dev_VERSION_amd64.deb, built by
#               debian/rules (dpkg-buildpackage) and checked by lintian
#
# and their test, which installs them into a minimal Debian 12 root.

DEB_DIR		:= $(BUILD)/deb

.PHONY: deb deb-deps
deb-deps:
	@scripts/install-deps tools deb

# Always rebuilt: the packages are made from a copy of the whole tree.
deb: deb-deps
	@scripts/build-deb $(DEB_DIR)

CHECK_DEPS	+= deb
CHECK_SUITES	+= "BUILD=$(BUILD) selftests/deb/test-deb $(DEB_DIR)"

# The packages of another Debian release, built in a debootstrapped root
# of it and tested in another (scripts/build-deb-release, test-deb with
# KML_DEB_SUITE); not in make check (two debootstraps the first time):
#
#   make deb-release                     Debian 13 (trixie) on Debian 12
#   make deb-release DEB_RELEASE=bookworm
DEB_RELEASE	?= trixie

.PHONY: deb-release
deb-release: deb-deps tools
	@scripts/build-deb-release $(DEB_RELEASE) $(BUILD)/deb-$(DEB_RELEASE)
	@selftests/run-suites "BUILD=$(BUILD) KML_DEB_SUITE=$(DEB_RELEASE) selftests/deb/test-deb $(BUILD)/deb-$(DEB_RELEASE)"

# The kernel packages (make kernel-deb, kernel/kernel.mk): the test kernel
# packaged, booted from its image package, installed into and purged from
# the Debian root that test-deb leaves cached.
CHECK_DEPS	+= kernel-deb
CHECK_SUITES	+= "BUILD=$(BUILD) selftests/deb/test-kernel-deb $(BUILD)/kernel-deb/small"
