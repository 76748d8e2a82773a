# SPDX-License-Identifier: GPL-2.0
#
# gdb script for selftests/bench/trace-syscall: attach to the QEMU gdb stub
# of a bench VM, catch one system call of syscall-bench's timed loop per
# entry (the ordinary SYSCALL entry, the KML SYSCALL entry, the KML call
# entry) and single-step it from entry to entry, one full loop iteration.
# Every instruction executed goes to OUT/<path>.txt, one per line.
#
# Environment: KML_TRACE_PORT (gdb stub port), KML_TRACE_OUT (directory),
# KML_TRACE_NR (system call number, default 110: getppid),
# KML_TRACE_SKIP (calls to let pass first, default 20).
import os

import gdb

PATHS = (
    ("normal", "entry_SYSCALL_64"),
    ("km-syscall", "entry_SYSCALL_64_kml"),
    ("km-call", "entry_kml_call"),
)
MAX_STEPS = 2000


def trace(label, entry, nr, skip, out):
    bp = gdb.Breakpoint("*" + entry, internal=True)
    bp.condition = "$rax == %d" % nr
    bp.ignore_count = skip
    gdb.execute("continue")
    bp.delete()
    start = int(gdb.parse_and_eval("$pc"))
    lines = []
    for i in range(MAX_STEPS):
        pc = int(gdb.parse_and_eval("$pc"))
        if i > 0 and pc == start:
            break
        try:
            text = gdb.execute("x/i $pc", to_string=True).strip()
        except gdb.error:
            text = "0x%x:\t(unreadable)" % pc
        lines.append(text.replace("=> ", "", 1))
        gdb.execute("stepi", to_string=True)
    else:
        raise gdb.GdbError("%s: no second entry within %d steps" % (label, MAX_STEPS))
    with open(os.path.join(out, label + ".txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("trace-syscall: %s: %d instructions" % (label, len(lines)))


def main():
    gdb.execute("set pagination off")
    gdb.execute("set confirm off")
    gdb.execute("target remote 127.0.0.1:%s" % os.environ["KML_TRACE_PORT"])
    nr = int(os.environ.get("KML_TRACE_NR", "110"))
    skip = int(os.environ.get("KML_TRACE_SKIP", "20"))
    for label, entry in PATHS:
        trace(label, entry, nr, skip, os.environ["KML_TRACE_OUT"])
    gdb.execute("kill")


main()
