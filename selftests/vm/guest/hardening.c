// SPDX-License-Identifier: GPL-2.0
/*
 * The machine's hardening stays on for normal processes: page-table
 * isolation, kernel IBT and LASS (Linux 7.x), each where the CPU model has
 * it, and the user shadow stack.  The boots of vm.mk on such models pass
 * KML_VM_EXPECT=pti, ibt or lass (comma-separated) on the kernel command
 * line; an expected protection must be on,
 * the others off, so that a boot on the wrong model fails (the main
 * suite's -cpu max has neither).  FRED, which no emulator here offers
 * (docs/kernel-dev.md), must be off: KML refuses it.  kml-hardening is
 * the kernel-mode half.
 */
#include <signal.h>
#include <sys/syscall.h>

#include "kmltest.h"
#include "tap.h"

static void pti(void)
{
	char line[256] = "";
	unsigned long text = kml_ksym("_text");
	FILE *f;
	int st;

	f = fopen("/sys/devices/system/cpu/vulnerabilities/meltdown", "r");
	if (f) {
		if (!fgets(line, sizeof(line), f))
			line[0] = '\0';
		fclose(f);
	}
	line[strcspn(line, "\n")] = '\0';
	tap_diag("meltdown: %s", line);
	if (!kml_vm_expects("pti")) {
		tap_ok(strcmp(line, "Mitigation: PTI") != 0,
			  "page-table isolation is off on this CPU model");
		return;
	}
	tap_ok(!strcmp(line, "Mitigation: PTI"),
		  "page-table isolation is on (meltdown: Mitigation: PTI)");
	tap_ok(text != 0, "/proc/kallsyms gives _text (%#lx)", text);
	fflush(stdout);
	if (fork() == 0) {
		(void)*(volatile const char *)text;
		_exit(0);
	}
	wait(&st);
	tap_ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
		  "a normal process reading kernel text gets SIGSEGV");
}

static void ibt(void)
{
	int on = kml_log_has("CET detected:", "Indirect Branch Tracking enabled");

	if (!kml_vm_expects("ibt")) {
		tap_ok(!on, "kernel IBT is off on this CPU model");
		return;
	}
	tap_ok(kml_cpu_flag("ibt"), "the CPU has IBT (cpuinfo flag ibt)");
	tap_ok(on, "kernel IBT is on (CET detected: Indirect Branch Tracking enabled)");
	tap_ok(!kml_log_has("IBT selftest", "Failed"),
		  "the kernel's IBT self-test passed at boot");
	tap_ok(kml_log_has("kml: a CPU that runs a kernel-mode task has",
			      "kernel IBT off meanwhile"),
		  "the kernel log says a kernel-mode task's CPU has kernel IBT off meanwhile");
}

/*
 * LASS: the kernel sets CR4.LASS on every CPU with the feature, and KML
 * clears it only while a kernel-mode task runs (kml_debug, on in these
 * boots, checks on every return to user space that a normal task has it).
 */
static void lass(void)
{
	int flag = kml_cpu_flag("lass");

	if (!kml_vm_expects("lass")) {
		tap_ok(!flag, "LASS is off on this CPU model (no cpuinfo flag lass)");
		return;
	}
	tap_ok(flag, "the kernel uses LASS (cpuinfo flag lass)");
	tap_ok(kml_log_has("kml: a CPU that runs a kernel-mode task has",
			      "LASS"),
		  "the kernel log says a kernel-mode task's CPU has LASS off meanwhile");
}

static void fred(void)
{
	tap_ok(!kml_log_has("Initialize FRED on CPU", ""),
		  "FRED is off (no CPU model here has it)");
}

/* A normal process keeps the user shadow stack where the CPU has it. */
static void shadow_stack(void)
{
	int r = kml_shstk_try();

	if (kml_cpu_flag("user_shstk"))
		tap_ok(r == 42, "a normal process gets a user shadow stack (%d)", r);
	else
		tap_ok(r == 44, "no user shadow stack on this CPU (%d)", r);
}

/*
 * A normal process gets protection keys where the CPU has them (a
 * kernel-mode one gets none: kml-hardening.c), and execute-only memory.
 */
static void protection_keys(void)
{
	long key = syscall(SYS_pkey_alloc, 0, 0);
	int err = errno;

	if (!kml_cpu_flag("ospke")) {
		tap_ok(key == -1, "no protection keys on this CPU model (pkey_alloc: %s)",
			  strerror(err));
		return;
	}
	tap_ok(key > 0, "a normal process gets a protection key (pkey_alloc: %ld)",
		  key);
	if (key > 0)
		syscall(SYS_pkey_free, key);
}

int main(void)
{
	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 3, "this test itself runs in user mode");
	tap_ok(kml_log_has("kml: kernel mode available", ""),
		  "kernel mode is available");
	pti();
	ibt();
	lass();
	fred();
	shadow_stack();
	protection_keys();
	return tap_finish();
}
