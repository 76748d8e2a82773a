# SPDX-License-Identifier: GPL-2.0
#
# gdb script for selftests/bench/trace-syscall: attach to the QEMU gdb stub
# of a bench VM, catch system calls of syscall-bench's timed loops per
# entry (the ordinary SYSCALL entry, the KML SYSCALL entry, the KML call
# entry) and operation, and single-step each from entry to entry, one full
# loop iteration.  Every instruction executed goes to OUT/<path>-<op>.txt,
# one per line.
#
# Environment: KML_TRACE_PORT (gdb stub port), KML_TRACE_OUT (directory),
# KML_TRACE_PATHS (which entries, in the order the guest runs them:
# "label=symbol,..."; default the three), KML_TRACE_OPS (which operations,
# in the order syscall-bench runs them: "name=number,..."; default
# getppid=110), KML_TRACE_SKIP (calls to let pass first, default 20).
import os

import gdb

DEFAULT_PATHS = ("normal=entry_SYSCALL_64,km-syscall=entry_SYSCALL_64_kml,"
                 "km-call=entry_kml_call")
MAX_STEPS = 4000


def pairs(text, what):
    out = []
    for item in text.split(","):
        name, sep, value = item.strip().partition("=")
        if not sep or not name or not value:
            raise gdb.GdbError("trace-syscall: %s: '%s' is not name=value" % (what, item))
        out.append((name, value))
    return out


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
    paths = pairs(os.environ.get("KML_TRACE_PATHS") or DEFAULT_PATHS, "KML_TRACE_PATHS")
    ops = pairs(os.environ.get("KML_TRACE_OPS") or "getppid=110", "KML_TRACE_OPS")
    skip = int(os.environ.get("KML_TRACE_SKIP", "20"))
    for label, entry in paths:
        for op, nr in ops:
            trace(label + "-" + op, entry, int(nr), skip, os.environ["KML_TRACE_OUT"])
    gdb.execute("kill")


main()
