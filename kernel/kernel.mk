# SPDX-License-Identifier: GPL-2.0
# (rules added by the part that owns this directory)
