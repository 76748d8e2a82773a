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

# The kernel packages (make kernel-deb, kernel/kernel.mk): the test kernel
# packaged, booted from its image package, installed into and purged from
# the Debian root that test-deb leaves cached.
CHECK_DEPS	+= kernel-deb
CHECK_SUITES	+= "BUILD=$(BUILD) selftests/deb/test-kernel-deb $(BUILD)/kernel-deb/small"
