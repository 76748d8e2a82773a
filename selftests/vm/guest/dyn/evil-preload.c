// SPDX-License-Identifier: GPL-2.0
/*
 * A library that must never be loaded into a kernel-mode process through
 * LD_PRELOAD or LD_AUDIT: its constructor marks the environment.
 */
#include <stdlib.h>

__attribute__((constructor)) static void evil(void)
{
	setenv("KML_EVIL_RAN", "1", 1);
}

/* LD_AUDIT wants this; with it the library would be an auditor too. */
unsigned int la_version(unsigned int version)
{
	setenv("KML_EVIL_RAN", "1", 1);
	return version;
}
