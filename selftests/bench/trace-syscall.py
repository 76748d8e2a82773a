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
# getppid=110), KML_TRACE_SKIP (calls to let pass first, default 20),
# KML_TRACE_TIF_KML (TIF_KML's bit: also trace one call of
# __switch_to_xtra() from a normal to a kernel-mode task, and one back,
# from its first instruction to its return, as switch-to-km and
# switch-to-normal: what a switch between the two adds to any other).
#
# Outside gdb it is the classifier of those traces (docs/bench.md, "Where
# the instructions go", says what each column counts):
#
#   python3 trace-syscall.py classify TRACE.txt...  > summary.csv
#       one CSV row per trace: its name (the file's, without .txt) and
#       the counts of CSV_FIELDS
#   python3 trace-syscall.py table SUMMARY.csv
#       the same as a text table
#   python3 trace-syscall.py left TRACE.txt...
#       per trace, the expensive instructions left in it, each with the
#       function that executes it, against the target of the lean paths:
#       none that the trust model does not require (docs/bench.md)
import csv
import os
import re
import sys

try:
    import gdb
except ImportError:     # the classifier, run by python3
    gdb = None

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


def record(label, out, stop):
    """Single-step from here, one "x/i" line per instruction, until
    stop(i, pc) says so; the lines go to OUT/LABEL.txt."""
    lines = []
    for i in range(MAX_STEPS):
        pc = int(gdb.parse_and_eval("$pc"))
        if stop(i, pc):
            break
        try:
            text = gdb.execute("x/i $pc", to_string=True).strip()
        except gdb.error:
            text = "0x%x:\t(unreadable)" % pc
        lines.append(text.replace("=> ", "", 1))
        gdb.execute("stepi", to_string=True)
    else:
        raise gdb.GdbError("%s: not done within %d steps" % (label, MAX_STEPS))
    with open(os.path.join(out, label + ".txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("trace-syscall: %s: %d instructions" % (label, len(lines)))


def trace(label, entry, nr, skip, out):
    """One loop iteration: from the entry with RAX = NR to the next time
    the same entry runs."""
    bp = gdb.Breakpoint("*" + entry, internal=True)
    bp.condition = "$rax == %d" % nr
    bp.ignore_count = skip
    gdb.execute("continue")
    bp.delete()
    start = int(gdb.parse_and_eval("$pc"))
    record(label, out, lambda i, pc: i > 0 and pc == start)


def trace_switch(label, tif_kml, to_km, skip, out):
    """One call of __switch_to_xtra(prev, next) whose next task is in
    kernel mode and prev not (to_km), or the other way round: TIF_KML in
    the flags of thread_info, the first word of task_struct; from its first
    instruction to its return."""
    flag = "((*(unsigned long *)$%s >> %d) & 1)"
    bp = gdb.Breakpoint("__switch_to_xtra", internal=True)
    bp.condition = "%s == %d && %s == %d" % (flag % ("rsi", tif_kml), int(to_km),
                                             flag % ("rdi", tif_kml), int(not to_km))
    bp.ignore_count = skip
    gdb.execute("continue")
    bp.delete()
    ret = int(gdb.parse_and_eval("*(unsigned long *)$sp"))
    record(label, out, lambda i, pc: pc == ret)


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
    tif_kml = os.environ.get("KML_TRACE_TIF_KML")
    if tif_kml:
        for label, to_km in (("switch-to-km", True), ("switch-to-normal", False)):
            trace_switch(label, int(tif_kml), to_km, 2, os.environ["KML_TRACE_OUT"])
    gdb.execute("kill")


# ---- the classifier ----

# The CSV columns after "path", and the text table's headers for them.
CSV_FIELDS = ["total", "caller", "entry_exit", "body", "sys_iret", "swapgs",
              "verw", "wrmsr", "mov_cr", "fence", "rsb", "bhb", "retp",
              "rthunk"]
HEADERS = ["total", "caller", "entry+exit", "body", "sys/iret", "swapgs",
           "verw", "wrmsr", "mov-cr", "fence", "rsb", "bhb", "retp", "rthunk"]

THUNKISH = re.compile(r"^(__x86_|srso_|retbleed_|its_|entry_untrain_ret)")
RETPOLINE = re.compile(r"^<__x86_indirect_(its_)?(thunk|call_thunk)")
RTHUNK = re.compile(r"^<(retbleed|srso|srso_alias|its)_(return_thunk|safe_ret|untrain_ret)[+>]"
                    r"|^<entry_(untrain_ret|ibpb)[+>]")
PREFIXES = {"rep", "repz", "repnz", "lock", "notrack", "bnd", "cs", "ds"}


def lo32(addr):
    """The low 32 bits of an address "0x...:"."""
    h = addr.rstrip(":")
    if h.startswith("0x"):
        h = h[2:]
    h = h.lower()[-8:]
    try:
        return int(h, 16)
    except ValueError:
        return 0


def classify(lines, left=None):
    """Counts of CSV_FIELDS for one trace, gdb's "x/i" lines.  With a list
    LEFT, also appends (field, what, function) for each expensive
    instruction counted (the fields from sys_iret on)."""
    c = dict.fromkeys(CSV_FIELDS, 0)
    inbody = False
    before = set()
    pcall = None
    inthunk = False
    prevfn = ""

    def count(field, what, where):
        c[field] += 1
        if left is not None:
            left.append((field, what, where or "user code"))

    for raw in lines:
        words = raw.split()
        if not words:
            words = [""]
        addr = words[0]
        sym = words[1] if len(words) > 1 else ""
        c["total"] += 1
        user = not addr.startswith("0xffffffff")
        fn = re.sub(r"[+>].*", "", sym[1:] if sym.startswith("<") else sym)
        # The body: from the __x64_sys_* function until user code or a
        # function of the entry that led to it runs again (counting calls
        # and returns is unreliable: a tail call has no return, SRSO's safe
        # RET pops two frames).  Thunks belong to neither.
        thunkish = bool(THUNKISH.match(fn))
        if not inbody and fn.startswith("__x64_sys_"):
            inbody = True
        elif inbody and (user or fn in before):
            inbody = False
        if not inbody:
            if user:
                before = set()
            elif not thunkish:
                before.add(fn)
        if inbody:
            c["body"] += 1
        elif user:
            c["caller"] += 1
        else:
            c["entry_exit"] += 1
        # The mnemonic: the first word after the tab (after a prefix).
        line = raw.split("\t", 1)[1] if "\t" in raw else raw
        w = re.split(r"[ \t]+", line)
        m = w[0] if w else ""
        if m in PREFIXES:
            m = w[1] if len(w) > 1 else ""
        where = "" if user else fn
        if re.match(r"^(syscall|sysret[lq]?|iret[lq]?)$", m):
            count("sys_iret", m, where)
        elif m == "swapgs":
            count("swapgs", m, where)
        elif m == "verw":
            count("verw", m, where)
        elif m == "wrmsr":
            count("wrmsr", m, where)
        elif m.startswith("mov") and re.search(r",%cr[0-9]", line):
            count("mov_cr", "mov to " + re.search(r"%cr[0-9]+", line).group(0), where)
        elif m in ("lfence", "mfence", "sfence", "cpuid", "serialize",
                   "lidt", "lgdt", "lldt", "ltr"):
            count("fence", m, where)
        # the return stack buffer filling loop: calls over an int3 (the
        # retpoline thunks call over 6 bytes too: counted apart)
        if pcall is not None and lo32(addr) == pcall + 6:
            count("rsb", "RSB filling call", prevfn)
        thunk = bool(RETPOLINE.match(sym))
        pcall = (lo32(addr) if m.startswith("call") and re.search(r"call +0x", line)
                 and not thunk else None)
        # an indirect branch through a retpoline: a thunk entered from
        # outside (the thunks of all registers sit in one array)
        if thunk and not inthunk:
            count("retp", "indirect branch through " + fn, prevfn)
        inthunk = thunk
        # the return thunks and untraining sequences against Retbleed,
        # SRSO and ITS (the plain __x86_return_thunk is a RET)
        if RTHUNK.match(sym):
            count("rthunk", "a return thunk", fn)
        if sym.startswith("<clear_bhb_loop"):
            count("bhb", "the BHB clearing loop", fn)
        prevfn = where
    return c


# What "left" calls each kind, in CSV_FIELDS' order.
LEFT_KINDS = [("sys_iret", "sys/iret"), ("swapgs", "swapgs"), ("verw", "verw"),
              ("wrmsr", "wrmsr"), ("mov_cr", "mov-cr"), ("fence", "fence"),
              ("rsb", "rsb"), ("bhb", "bhb"), ("retp", "retp"), ("rthunk", "rthunk")]


def left_text(name, lines):
    """The expensive instructions left in one trace: a heading line with
    the counts (the table's columns), then one item per kind of
    instruction and function, in the order they first ran."""
    items = []
    counts = classify(lines, items)
    kinds = ["%s %d" % (h, counts[k]) for k, h in LEFT_KINDS if counts[k]]
    out = ["%s: %s" % (name, ", ".join(kinds) if kinds else "none")]
    seen = {}
    order = []
    for field, what, where in items:
        key = (field, what, where)
        if key not in seen:
            seen[key] = 0
            order.append(key)
        seen[key] += 1
    for field, what, where in order:
        n = seen[(field, what, where)]
        tag = dict(LEFT_KINDS)[field]
        if field in ("rthunk", "bhb"):
            what = "%d instruction%s of %s" % (n, "" if n == 1 else "s", what)
        elif n > 1:
            what = "%d x %s" % (n, what)
        out.append("  - %s in %s%s" % (what, where, "" if tag == what else " (%s)" % tag))
    return out


def cli(argv):
    if len(argv) >= 2 and argv[0] == "classify":
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(["path"] + CSV_FIELDS)
        for path in argv[1:]:
            with open(path) as f:
                counts = classify(f.read().splitlines())
            name = os.path.basename(path)
            if name.endswith(".txt"):
                name = name[:-4]
            out.writerow([name] + [counts[k] for k in CSV_FIELDS])
        return 0
    if len(argv) == 2 and argv[0] == "table":
        with open(argv[1]) as f:
            rows = list(csv.DictReader(f))
        print("%-20s %6s %7s %7s %5s | %7s %6s %4s %5s %6s %5s %4s %4s %5s %6s"
              % tuple(["path"] + HEADERS))
        for r in rows:
            print("%-20s %6d %7d %10d %5d | %7d %6d %4d %5d %6d %5d %4d %4d %5d %6d"
                  % tuple([r["path"]] + [int(r[k]) for k in CSV_FIELDS]))
        return 0
    if len(argv) >= 2 and argv[0] == "left":
        print("Expensive instructions left, per path (target: none that the trust model")
        print("does not require; docs/bench.md, \"The target of the lean paths\"):")
        for path in argv[1:]:
            with open(path) as f:
                lines = f.read().splitlines()
            name = os.path.basename(path)
            if name.endswith(".txt"):
                name = name[:-4]
            print("\n" + "\n".join(left_text(name, lines)))
        return 0
    print("usage: trace-syscall.py classify TRACE.txt... | table SUMMARY.csv"
          " | left TRACE.txt...", file=sys.stderr)
    return 2


if gdb is not None:
    main()
else:
    sys.exit(cli(sys.argv[1:]))
