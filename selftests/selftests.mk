# SPDX-License-Identifier: GPL-2.0
# Host tests shared by every part.

# The uapi header ships twice: elfnote/uapi/linux/kml.h for the tools and
# include/uapi/linux/kml.h in the kernel series.  They must not drift.
CHECK_SUITES += selftests/test-note-header-sync

# The test library (selftests/lib: TAP for C and shell, common.sh).
CHECK_SUITES += selftests/lib/test-lib
