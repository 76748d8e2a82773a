// SPDX-License-Identifier: GPL-2.0
/*
 * What an instruction means when a KML program runs it at CPL0 with the
 * kernel's GS base live.  docs/check.md explains every rule.
 *
 * The decision uses what Zydis knows about the instruction: its ISA set
 * and category, the RFLAGS bits it sets or clears, its branch type, the
 * registers its operands (visible or hidden) read and write, the segment
 * of its memory operands, and Zydis's "privileged" attribute.  Mnemonics
 * are only used where no such property separates two cases.
 */
#include <string.h>
#include "internal.h"

/* ---- errors: the binary is refused ---- */

static const struct kc_rule r_gs_write = { "gs-write", KC_ERROR,
	"loads GS, which replaces the kernel's GS base that kernel mode keeps live" };
static const struct kc_rule r_cs_write = { "cs-write", KC_ERROR,
	"loads CS: kernel-mode code must stay on the kernel's code segment" };
static const struct kc_rule r_far = { "far-branch", KC_ERROR,
	"far transfer loads CS (a far return can drop to CPL3 with the kernel's GS base)" };
static const struct kc_rule r_iret = { "iret", KC_ERROR,
	"loads CS, SS and RFLAGS from memory: can drop to CPL3 with the kernel's GS base or clear IF" };
static const struct kc_rule r_sysret = { "sysret", KC_ERROR,
	"always switches to CPL3 with the kernel's GS base still loaded" };
static const struct kc_rule r_sysexit = { "sysexit", KC_ERROR,
	"switches to CPL3 with the kernel's GS base still loaded" };
static const struct kc_rule r_sysenter = { "sysenter", KC_ERROR,
	"enters the kernel's compat entry, whose SWAPGS swaps the live kernel GS base away" };
static const struct kc_rule r_swapgs = { "swapgs", KC_ERROR,
	"swaps the kernel's GS base for the user one: the kernel then runs on the wrong per-CPU base" };
static const struct kc_rule r_wrgsbase = { "wrgsbase", KC_ERROR,
	"overwrites the kernel's GS base (its per-CPU data pointer)" };
static const struct kc_rule r_gs_mem_write = { "gs-mem-write", KC_ERROR,
	"writes through GS, which addresses the kernel's per-CPU data in kernel mode" };
static const struct kc_rule r_cli = { "cli", KC_ERROR,
	"disables interrupts at CPL0: no timer, no preemption; a loop after it hangs the CPU" };
static const struct kc_rule r_port_io = { "port-io", KC_ERROR,
	"port I/O at CPL0 bypasses the I/O permission bitmap and touches devices the kernel drives" };
static const struct kc_rule r_desc_table = { "desc-table", KC_ERROR,
	"loads a descriptor-table register (GDTR, IDTR, LDTR or TR) the kernel owns" };
static const struct kc_rule r_control_reg = { "control-reg", KC_ERROR,
	"accesses a control register (paging, protection, FPU, task priority) the kernel owns" };
static const struct kc_rule r_clts = { "control-reg", KC_ERROR,
	"clts clears CR0.TS, which the kernel owns" };
static const struct kc_rule r_lmsw = { "control-reg", KC_ERROR,
	"lmsw writes CR0, which the kernel owns" };
static const struct kc_rule r_debug_reg = { "debug-reg", KC_ERROR,
	"accesses a debug register; the kernel owns DR0-DR7 (ptrace, perf breakpoints)" };
static const struct kc_rule r_msr = { "msr", KC_ERROR,
	"accesses a model-specific register (system call entry, GS base, power...) the kernel owns" };
static const struct kc_rule r_tlb = { "tlb", KC_ERROR,
	"invalidates TLB entries, which is the kernel's job (invpcid and invlpgb reach other address spaces)" };
static const struct kc_rule r_cache = { "cache-inval", KC_ERROR,
	"writes back or drops every cache of the CPU (invd loses dirty data of the whole system)" };
static const struct kc_rule r_vmx = { "vmx", KC_ERROR,
	"VMX instruction: virtualisation state belongs to the kernel's hypervisor" };
static const struct kc_rule r_svm = { "svm", KC_ERROR,
	"SVM instruction: virtualisation and global interrupt state belong to the kernel" };
static const struct kc_rule r_smm = { "smm", KC_ERROR,
	"rsm returns from system-management mode: firmware only, never valid in a program" };
static const struct kc_rule r_xcr = { "xcr", KC_ERROR,
	"xsetbv changes XCR0, the CPU's enabled xsave features: the kernel's FPU buffers stop fitting" };
static const struct kc_rule r_xsaves = { "supervisor-xstate", KC_ERROR,
	"xsaves/xrstors handle supervisor state (CET, PASID, PT) that the kernel manages" };
static const struct kc_rule r_sgx = { "sgx", KC_ERROR,
	"encls/enclv: SGX enclave management belongs to the kernel's SGX driver" };
static const struct kc_rule r_mwait = { "mwait", KC_ERROR,
	"mwait at CPL0 can enter deep C-states behind the kernel's back (the local APIC timer may stop)" };
static const struct kc_rule r_int_n = { "int-n", KC_ERROR,
	"int N at CPL0 passes any IDT gate: a kernel exception or IRQ handler runs on a forged frame" };
static const struct kc_rule r_int1 = { "int-n", KC_ERROR,
	"int1 (icebp) raises #DB on its own stack at CPL0: the kernel sees a kernel-mode debug trap" };
static const struct kc_rule r_pconfig = { "pconfig", KC_ERROR,
	"pconfig programs memory-encryption keys for the whole platform" };
static const struct kc_rule r_privileged = { "privileged", KC_ERROR,
	"privileged (CPL0-only) instruction: its effect is the kernel's to control" };

/* ---- warnings: the binary is accepted, but have a look ---- */

static const struct kc_rule r_hlt = { "hlt", KC_WARNING,
	"at CPL0 hlt does not fault: it waits for the next interrupt and continues (glibc uses it as a crash trap)" };
static const struct kc_rule r_sti = { "sti", KC_WARNING,
	"interrupts are always on in a kernel-mode program: sti does nothing here" };
static const struct kc_rule r_popf = { "popf", KC_WARNING,
	"at CPL0 popf applies IF and IOPL from the stack: a value with IF clear disables interrupts" };
static const struct kc_rule r_seg_load = { "seg-load", KC_WARNING,
	"loads DS, ES, FS or SS: at CPL0 SS must stay the kernel's, and FS loses the TLS base" };
static const struct kc_rule r_rdgsbase = { "rdgsbase", KC_WARNING,
	"reads the kernel's GS base, not the program's" };
static const struct kc_rule r_gs_mem_read = { "gs-mem-read", KC_WARNING,
	"reads through GS, which addresses the kernel's per-CPU data in kernel mode" };
static const struct kc_rule r_int80 = { "int80", KC_WARNING,
	"int $0x80 is the 32-bit system call ABI (pointers cut to 32 bits); use syscall" };
static const struct kc_rule r_rdpmc = { "rdpmc", KC_WARNING,
	"at CPL0 rdpmc ignores CR4.PCE: it reads counters perf may have given to other tasks" };
static const struct kc_rule r_desc_read = { "desc-read", KC_WARNING,
	"at CPL0 UMIP does not apply: this returns real kernel addresses or values" };
static const struct kc_rule r_smap = { "smap", KC_WARNING,
	"clac/stac toggle EFLAGS.AC, which at CPL0 means SMAP, not alignment checking" };
static const struct kc_rule r_enclu = { "sgx-user", KC_WARNING,
	"enclu is #UD at CPL0: SGX enclaves cannot be entered in kernel mode" };
static const struct kc_rule r_monitor = { "monitor", KC_WARNING,
	"arms address monitoring for mwait; harmless alone" };

/* ---- known to be fine ---- */

static const struct kc_rule r_ok = { "ok", KC_OK, "" };

const struct kc_rule kc_rule_missing = { "missing-lib", KC_ERROR,
	"the loader maps it into the kernel-mode process, so it must be checked too" };

static const struct kc_rule *const all_rules[] = {
	&r_gs_write, &r_cs_write, &r_far, &r_iret, &r_sysret, &r_sysexit,
	&r_sysenter, &r_swapgs, &r_wrgsbase, &r_gs_mem_write, &r_cli,
	&r_port_io, &r_desc_table, &r_control_reg, &r_debug_reg, &r_msr,
	&r_tlb, &r_cache, &r_vmx, &r_svm, &r_smm, &r_xcr, &r_xsaves, &r_sgx,
	&r_mwait, &r_int_n, &r_pconfig, &r_privileged, &r_hlt, &r_sti,
	&r_popf, &r_seg_load, &r_rdgsbase, &r_gs_mem_read, &r_int80,
	&r_rdpmc, &r_desc_read, &r_smap, &r_enclu, &r_monitor,
	&kc_rule_missing,
};

bool kc_rule_id_known(const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(all_rules) / sizeof(all_rules[0]); i++)
		if (strlen(all_rules[i]->id) == len &&
		    !memcmp(all_rules[i]->id, id, len))
			return true;
	return false;
}

/* Vectors whose IDT gate has DPL 3: int N behaves as in user mode. */
static const struct kc_rule *classify_int(uint64_t vector)
{
	switch (vector) {
	case 3:		/* #BP, like int3 */
	case 4:		/* #OF */
		return &r_ok;
	case 0x80:
		return &r_int80;
	default:
		return &r_int_n;
	}
}

/* Rules that follow from the instruction alone (no operand decoding). */
static const struct kc_rule *classify_insn(const ZydisDecodedInstruction *in)
{
	const ZydisAccessedFlags *fl = in->cpu_flags;

	switch (in->mnemonic) {
	case ZYDIS_MNEMONIC_SYSCALL:	/* KML switches LSTAR */
	case ZYDIS_MNEMONIC_INT3:	/* #BP gate is DPL 3 anyway */
	case ZYDIS_MNEMONIC_UD2:	/* #UD is delivered as in user mode */
	case ZYDIS_MNEMONIC_UD0:
	case ZYDIS_MNEMONIC_UD1:
		return &r_ok;
	case ZYDIS_MNEMONIC_INT:
		return classify_int(in->raw.imm[0].value.u);
	case ZYDIS_MNEMONIC_INT1:
		return &r_int1;
	case ZYDIS_MNEMONIC_IRET:
	case ZYDIS_MNEMONIC_IRETD:
	case ZYDIS_MNEMONIC_IRETQ:
		return &r_iret;
	case ZYDIS_MNEMONIC_SYSRET:
		return &r_sysret;
	case ZYDIS_MNEMONIC_SYSEXIT:
		return &r_sysexit;
	case ZYDIS_MNEMONIC_SYSENTER:
		return &r_sysenter;
	case ZYDIS_MNEMONIC_SWAPGS:
		return &r_swapgs;
	case ZYDIS_MNEMONIC_WRGSBASE:
		return &r_wrgsbase;
	case ZYDIS_MNEMONIC_RDGSBASE:
		return &r_rdgsbase;
	case ZYDIS_MNEMONIC_WRFSBASE:	/* FS base is per task */
	case ZYDIS_MNEMONIC_RDFSBASE:
		return &r_ok;
	case ZYDIS_MNEMONIC_HLT:
		return &r_hlt;
	case ZYDIS_MNEMONIC_RDMSR:
	case ZYDIS_MNEMONIC_WRMSR:
		return &r_msr;
	case ZYDIS_MNEMONIC_INVLPG:
	case ZYDIS_MNEMONIC_INVPCID:
	case ZYDIS_MNEMONIC_INVLPGB:
	case ZYDIS_MNEMONIC_TLBSYNC:
		return &r_tlb;
	case ZYDIS_MNEMONIC_WBINVD:	/* also WBNOINVD (F3 prefix) */
	case ZYDIS_MNEMONIC_INVD:
		return &r_cache;
	case ZYDIS_MNEMONIC_CLTS:
		return &r_clts;
	case ZYDIS_MNEMONIC_LMSW:
		return &r_lmsw;
	case ZYDIS_MNEMONIC_RSM:
		return &r_smm;
	case ZYDIS_MNEMONIC_XSETBV:
		return &r_xcr;
	case ZYDIS_MNEMONIC_XSAVES:
	case ZYDIS_MNEMONIC_XSAVES64:
	case ZYDIS_MNEMONIC_XRSTORS:
	case ZYDIS_MNEMONIC_XRSTORS64:
		return &r_xsaves;
	case ZYDIS_MNEMONIC_ENCLS:
	case ZYDIS_MNEMONIC_ENCLV:
		return &r_sgx;
	case ZYDIS_MNEMONIC_ENCLU:
		return &r_enclu;
	case ZYDIS_MNEMONIC_MONITOR:
		return &r_monitor;
	case ZYDIS_MNEMONIC_MWAIT:
		return &r_mwait;
	case ZYDIS_MNEMONIC_PCONFIG:
		return &r_pconfig;
	case ZYDIS_MNEMONIC_RDPMC:
		return &r_rdpmc;
	case ZYDIS_MNEMONIC_SGDT:
	case ZYDIS_MNEMONIC_SIDT:
	case ZYDIS_MNEMONIC_SLDT:
	case ZYDIS_MNEMONIC_STR:
	case ZYDIS_MNEMONIC_SMSW:
		return &r_desc_read;
	default:
		break;
	}

	switch (in->meta.isa_set) {
	case ZYDIS_ISA_SET_VTX:
	case ZYDIS_ISA_SET_VMFUNC:
		return &r_vmx;
	case ZYDIS_ISA_SET_SVM:
		return &r_svm;
	default:
		break;
	}

	switch (in->meta.category) {
	case ZYDIS_CATEGORY_IO:
	case ZYDIS_CATEGORY_IOSTRINGOP:
		return &r_port_io;
	case ZYDIS_CATEGORY_SMAP:
		return &r_smap;
	case ZYDIS_CATEGORY_VTX:
		return &r_vmx;
	default:
		break;
	}

	if (in->meta.branch_type == ZYDIS_BRANCH_TYPE_FAR)
		return &r_far;

	/*
	 * What else changes IF: cli, sti, popf.  Zydis describes cli and
	 * sti alike (IF or VIF "modified"), so the mnemonic tells which.
	 */
	if (fl && ((fl->modified | fl->set_0 | fl->set_1) & ZYDIS_CPUFLAG_IF)) {
		if (in->mnemonic == ZYDIS_MNEMONIC_CLI)
			return &r_cli;
		if (in->mnemonic == ZYDIS_MNEMONIC_STI)
			return &r_sti;
		return &r_popf;
	}
	return NULL;
}

/* Rules that need the operands: which registers and memory they write. */
static const struct kc_rule *classify_reg(const ZydisDecodedOperand *op)
{
	bool w = op->actions & ZYDIS_OPERAND_ACTION_MASK_WRITE;
	ZydisRegister reg = op->reg.value;

	switch (ZydisRegisterGetClass(reg)) {
	case ZYDIS_REGCLASS_SEGMENT:
		if (!w)
			return NULL;
		if (reg == ZYDIS_REGISTER_GS)
			return &r_gs_write;
		if (reg == ZYDIS_REGISTER_CS)
			return &r_cs_write;
		return &r_seg_load;
	case ZYDIS_REGCLASS_CONTROL:
		return &r_control_reg;
	case ZYDIS_REGCLASS_DEBUG:
	case ZYDIS_REGCLASS_TEST:
		return &r_debug_reg;
	case ZYDIS_REGCLASS_TABLE:
		return w ? &r_desc_table : &r_desc_read;
	default:
		if (reg == ZYDIS_REGISTER_XCR0 && w)
			return &r_xcr;
		return NULL;
	}
}

static const struct kc_rule *classify_mem(const ZydisDecodedInstruction *in,
					  const ZydisDecodedOperand *op)
{
	if (op->mem.type != ZYDIS_MEMOP_TYPE_MEM ||
	    op->mem.segment != ZYDIS_REGISTER_GS)
		return NULL;
	/* Hint nops (0f 18..1f) carry an operand they never access. */
	if (in->meta.category == ZYDIS_CATEGORY_NOP ||
	    in->meta.category == ZYDIS_CATEGORY_WIDENOP)
		return NULL;
	if (op->actions & ZYDIS_OPERAND_ACTION_MASK_WRITE)
		return &r_gs_mem_write;
	if (op->actions & ZYDIS_OPERAND_ACTION_MASK_READ)
		return &r_gs_mem_read;
	return NULL;
}

/*
 * Whether a move or pop can write a segment register: only the "mov
 * Sreg, r/m" (8e) and "pop fs/gs" (0f a1, 0f a9) encodings can.  Moves
 * and pops are a third of all code; decoding their operands only when
 * they can matter keeps the sweep close to Zydis's own speed.
 */
static bool loads_segment(const ZydisDecodedInstruction *in)
{
	if (in->opcode_map == ZYDIS_OPCODE_MAP_DEFAULT)
		return in->opcode == 0x8e;
	return in->opcode_map == ZYDIS_OPCODE_MAP_0F &&
	       (in->opcode == 0xa1 || in->opcode == 0xa9);
}

/*
 * How many operands the operand rules must see: none for most
 * instructions, the destination of segment loads, all of them for the
 * privileged, GS-prefixed and system instructions.
 */
static unsigned operands_needed(const ZydisDecodedInstruction *in)
{
	if (in->attributes & (ZYDIS_ATTRIB_IS_PRIVILEGED |
			      ZYDIS_ATTRIB_HAS_SEGMENT_GS))
		return in->operand_count;
	switch (in->meta.category) {
	case ZYDIS_CATEGORY_SEGOP:
	case ZYDIS_CATEGORY_SYSTEM:
	case ZYDIS_CATEGORY_XSAVE:
		return in->operand_count;
	case ZYDIS_CATEGORY_DATAXFER:
	case ZYDIS_CATEGORY_POP:
		return in->operand_count && loads_segment(in) ? 1 : 0;
	default:
		return 0;
	}
}

const struct kc_rule *kc_classify(const ZydisDecoder *dec,
				  const ZydisDecoderContext *ctx,
				  const ZydisDecodedInstruction *in)
{
	ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
	const struct kc_rule *rule = classify_insn(in);
	const struct kc_rule *mem = NULL;
	unsigned i, n;

	if (rule)
		return rule->sev == KC_OK ? NULL : rule;

	n = operands_needed(in);
	if (n && !ZYAN_SUCCESS(ZydisDecoderDecodeOperands(dec, ctx, in, ops, n)))
		n = 0;
	for (i = 0; i < n; i++) {
		if (ops[i].type != ZYDIS_OPERAND_TYPE_REGISTER)
			continue;
		rule = classify_reg(&ops[i]);
		if (rule)
			return rule;
	}
	if (in->attributes & ZYDIS_ATTRIB_IS_PRIVILEGED)
		return &r_privileged;
	/* The worse of the GS accesses (a write beats a read). */
	for (i = 0; i < n; i++) {
		if (ops[i].type != ZYDIS_OPERAND_TYPE_MEMORY)
			continue;
		rule = classify_mem(in, &ops[i]);
		if (rule && (!mem || rule->sev > mem->sev))
			mem = rule;
	}
	return mem;
}

/*
 * Encodings newer than Zydis 4.0.  Without this, the sweep would skip
 * the first byte and decode the rest as something harmless (0f 01 c6
 * becomes "add %eax, %esi"; f3 0f 01 ca becomes "clac").  kc_step()
 * tries them before Zydis, which from 4.1 on decodes some of them.
 */
const struct kc_rule *kc_classify_raw(const ZydisDecoder *dec,
				      const uint8_t *p, size_t n,
				      size_t *len, const char **name)
{
	ZydisDecodedInstruction in;
	uint8_t buf[ZYDIS_MAX_INSTRUCTION_LENGTH];
	size_t i = 0, m;
	uint8_t rep = 0;

	while (i < n && i < 4 &&
	       (p[i] == 0x66 || p[i] == 0xf2 || p[i] == 0xf3)) {
		if (p[i] != 0x66)
			rep = p[i];
		i++;
	}
	if (i < n && (p[i] & 0xf0) == 0x40)	/* REX */
		i++;
	if (i + 3 > n || p[i] != 0x0f)
		return NULL;

	if (p[i + 1] == 0x01 && p[i + 2] == 0xc6) {
		*name = rep == 0xf2 ? "rdmsrlist" :
			rep == 0xf3 ? "wrmsrlist" : "wrmsrns";
		*len = i + 3;
		return &r_msr;
	}
	if (p[i + 1] == 0x01 && p[i + 2] == 0xca && rep) {
		*name = rep == 0xf3 ? "eretu" : "erets";
		*len = i + 3;
		return &r_iret;
	}
	if (p[i + 1] == 0x00 && rep == 0xf2 && ((p[i + 2] >> 3) & 7) == 6) {
		/*
		 * LKGS r/m16 (loads GS and its base).  LLDT r/m16 (0f 00 /2)
		 * has the same operand form: let Zydis measure that.
		 */
		m = n - i < sizeof(buf) ? n - i : sizeof(buf);
		memcpy(buf, p + i, m);
		buf[2] = (uint8_t)((buf[2] & ~0x38) | (2 << 3));
		if (!ZYAN_SUCCESS(ZydisDecoderDecodeInstruction(dec, NULL, buf,
								m, &in)))
			return NULL;
		*name = "lkgs";
		*len = i + in.length;
		return &r_gs_write;
	}
	return NULL;
}
