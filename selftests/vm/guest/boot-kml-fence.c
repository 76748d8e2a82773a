// SPDX-License-Identifier: GPL-2.0
/*
 * The SWAPGS speculation fence (CVE-2019-1125) on both ways past the
 * SWAPGS in error_entry: the KML branch that skips SWAPGS for kernel-mode
 * frames must land on the fence too, or a normal task's entry could run
 * speculatively down the KML way with its own GS base.  A kernel-mode
 * process can read kernel text, so this test reads the running,
 * alternatives-patched error_entry (address from /proc/kallsyms) and
 * follows the branch.  Run in boots of their own with an Intel CPU model
 * (vm.mk), with and without page-table isolation: without it the kernel
 * fences both ways with LFENCE; with it the SWAPGS way is serialized by
 * its CR3 write instead, which the KML way skips, so the KML way must
 * carry an LFENCE of its own (FENCE_SWAPGS_KERNEL_ENTRY).
 */
#include <kml.h>
#include <stdint.h>

#include "kmltest.h"
#include "tap.h"

static const unsigned char btr_cs[] = {	/* btrq $63, CS+8(%rsp) */
	0x48, 0x0f, 0xba, 0xb4, 0x24, 0x90, 0x00, 0x00, 0x00, 0x3f
};
static const unsigned char swapgs[] = { 0x0f, 0x01, 0xf8 };
static const unsigned char lfence[] = { 0x0f, 0xae, 0xe8 };
static const unsigned char mov_cr3_rax[] = { 0x0f, 0x20, 0xd8 };

/* Does the code at p hold pat within the next n bytes? */
static int code_has(const volatile unsigned char *p, size_t n,
		    const unsigned char *pat, size_t len)
{
	unsigned char buf[32];

	for (size_t i = 0; i < n && i < sizeof(buf); i++)
		buf[i] = p[i];
	for (size_t i = 0; i + len <= n && i + len <= sizeof(buf); i++)
		if (!memcmp(buf + i, pat, len))
			return 1;
	return 0;
}

int main(void)
{
	const volatile unsigned char *p, *end, *target = NULL, *after = NULL;
	unsigned char buf[16];
	unsigned long entry;
	int pti = kml_cpu_flag("pti");
	char vuln[256] = "";
	FILE *f;

	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 0 && kml_entry() != 0, "runs in kernel mode");
	f = fopen("/sys/devices/system/cpu/vulnerabilities/spectre_v1", "r");
	if (f) {
		if (!fgets(vuln, sizeof(vuln), f))
			vuln[0] = '\0';
		fclose(f);
	}
	tap_diag("spectre_v1: %s", vuln);
	tap_ok(strstr(vuln, "swapgs barriers") != NULL,
		  "the kernel fences SWAPGS on this CPU model");
	entry = kml_ksym("error_entry");
	if (!tap_ok(entry >= 0xffff800000000000UL, "error_entry at %#lx", entry))
		return tap_finish();

	end = (const volatile unsigned char *)entry + 512;
	for (p = (const volatile unsigned char *)entry; p < end; p++) {
		size_t i;

		for (i = 0; i < sizeof(btr_cs) && p[i] == btr_cs[i]; i++)
			;
		if (i < sizeof(btr_cs))
			continue;
		p += sizeof(btr_cs);
		if (p[0] == 0x72) {		/* jc rel8 */
			target = p + 2 + (int8_t)p[1];
			after = p + 2;
		} else if (p[0] == 0x0f && p[1] == 0x82) {	/* jc rel32 */
			int32_t rel;

			memcpy(&rel, (const void *)(p + 2), 4);
			target = p + 6 + rel;
			after = p + 6;
		}
		break;
	}
	if (!tap_ok(target != NULL, "found the KML branch in error_entry"))
		return tap_finish();
	for (int i = 0; i < 6; i++)
		buf[i] = after[i];
	if (getenv("KML_VM_EXPECT"))
		tap_ok(pti == kml_vm_expects("pti"),
			  "page-table isolation is %s, as this boot expects (KML_VM_EXPECT=%s)",
			  pti ? "on" : "off", getenv("KML_VM_EXPECT"));
	if (pti)
		tap_ok(!memcmp(buf, swapgs, 3) &&
			  code_has(after + 3, 24, mov_cr3_rax, 3),
			  "the normal way (PTI): SWAPGS, then the CR3 write that serializes");
	else
		tap_ok(!memcmp(buf, swapgs, 3) && !memcmp(buf + 3, lfence, 3),
			  "the normal way: SWAPGS, then LFENCE");
	for (int i = 0; i < 3; i++)
		buf[i] = target[i];
	tap_ok(!memcmp(buf, lfence, 3),
		  "the KML way lands on the LFENCE too (%02x %02x %02x at %p)",
		  buf[0], buf[1], buf[2], (const void *)target);
	return tap_finish();
}
