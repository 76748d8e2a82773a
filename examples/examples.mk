# SPDX-License-Identifier: GPL-2.0
#
# The examples and the demo.
#
#   make examples   build examples/*.c with $(BUILD)/bin/kml-cc into
#                   $(BUILD)/examples/ (static: the demo VM has no C
#                   library), plus plain gcc builds of the programs the demo
#                   compares or refuses in $(BUILD)/examples/plain/
#   make demo       build everything and show KML at work in a QEMU VM;
#                   ends by itself, non-zero status if a step fails
#   make shell      the same VM with a shell, examples in PATH (needs a
#                   terminal)
#
# DEMO_TIMEOUT (seconds, default 300) limits the VM run of "make demo".

EXAMPLES_DIR	:= $(BUILD)/examples
# Built with kml-cc: kernel-mode programs.
EXAMPLES	:= hello null-write endless-loop fast-syscall threads fork-exec
# Built with plain gcc: fast-syscall in user mode for the comparison, and
# cli-loop, which the check must refuse to mark (never built with kml-cc).
EXAMPLES_PLAIN	:= fast-syscall cli-loop
EXAMPLES_BIN	:= $(addprefix $(EXAMPLES_DIR)/,$(EXAMPLES))
EXAMPLES_PLAIN_BIN := $(addprefix $(EXAMPLES_DIR)/plain/,$(EXAMPLES_PLAIN))
EXAMPLES_CFLAGS	:= -std=c11 -D_GNU_SOURCE -O2 -static -pthread \
		   -Wall -Wextra -Werror
DEMO_TIMEOUT	?= 300
DEMO_ENV	 = BUILD=$(BUILD) KMLCC=$(KMLCC) KMLMARK=$(KMLMARK) \
		   KERNEL=$(KERNEL_OBJ)/arch/x86/boot/bzImage \
		   DEMO_TIMEOUT=$(DEMO_TIMEOUT)

.PHONY: examples demo shell demo-deps demo-kernel-note demo-tty
examples: $(EXAMPLES_BIN) $(EXAMPLES_PLAIN_BIN)

demo-deps:
	@scripts/install-deps tools kernel vm

# kml-cc prints the check's errors in full and counts its warnings (in a
# glibc program: the hlt of glibc's crash traps, docs/check.md) in one line.
$(EXAMPLES_BIN): $(EXAMPLES_DIR)/%: examples/%.c $(KMLCC) $(KMLCC_HEADERS) \
		 | demo-deps
	@mkdir -p $(dir $@)
	@echo "  KML-CC  $@"
	@$(KMLCC) $(EXAMPLES_CFLAGS) -o $@ $< || \
		{ echo "examples.mk: kml-cc failed to build $@ from $<" >&2; exit 1; }

$(EXAMPLES_PLAIN_BIN): $(EXAMPLES_DIR)/plain/%: examples/%.c $(KMLCC_HEADERS) \
		       | demo-deps
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@gcc $(EXAMPLES_CFLAGS) -I$(BUILD)/include -o $@ $< || \
		{ echo "examples.mk: gcc failed to build $@ from $<" >&2; exit 1; }

demo-kernel-note:
	@echo "==> Building the KML kernel (Linux $(KERNEL_LINE) + its KML series) in $(KERNEL_OBJ)."
	@echo "    The first build takes a few minutes; later runs reuse it."

demo: demo-deps tools examples demo-kernel-note kernel
	@$(DEMO_ENV) examples/demo/run-demo

# Ask for the terminal first, before building anything.
demo-tty:
	@[ -t 0 ] && [ -t 1 ] || { \
		echo "make shell: needs a terminal (standard input and output are not one)."; \
		echo "make shell: for a run without a terminal use: make demo"; \
		exit 1; }

shell: demo-tty demo-deps tools examples demo-kernel-note kernel
	@$(DEMO_ENV) examples/demo/run-demo --shell

# The README's commands exist, and "make demo" succeeds without a terminal.
# selftests/vm/test-boot-retry runs run-demo on a copy of the examples.
CHECK_DEPS	+= examples
CHECK_SUITES	+= "BUILD=$(BUILD) selftests/test-readme"
