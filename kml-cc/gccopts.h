/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What kml-cc needs to know about the gcc driver's options to parse a
 * command line like gcc does.
 */
#ifndef KMLCC_GCCOPTS_H
#define KMLCC_GCCOPTS_H

/*
 * Non-zero when the argument is a gcc option whose value is the NEXT
 * argument (e.g. "-o", "-include", "--param"), so that argument is not
 * an input file.  Joined spellings ("-ofoo", "--output=foo") return 0.
 */
int gccopt_takes_next(const char *arg);

/*
 * Non-zero when the option makes gcc print something and stop without
 * compiling or linking anything ("--version", "-print-*", "--help"...).
 */
int gccopt_is_info(const char *arg);

/*
 * Non-zero when the option stops gcc before linking ("-c", "-S", "-E",
 * "-fsyntax-only", "-M", "-MM" and their long spellings).
 */
int gccopt_stops_before_link(const char *arg);

/*
 * Non-zero when a word handed to the linker (-Wl, piece or -Xlinker
 * value) makes it produce a shared object (1) or a relocatable (2).
 */
int gccopt_linker_output_kind(const char *ldarg);

#endif /* KMLCC_GCCOPTS_H */
