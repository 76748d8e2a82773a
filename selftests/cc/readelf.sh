# SPDX-License-Identifier: GPL-2.0
#
# What readelf says of a program, for the kml-cc test suites (sourced,
# not run; TAP comes from selftests/lib/tap.sh).

# kml_notes FILE: print "version flags" (decimal) of each KML note that
# readelf finds, one line per note.
kml_notes() {
	local b
	LC_ALL=C readelf -nW "$1" 2>/dev/null | awk '
		$1 == "KML" { want = 1 }
		want && /description data:/ {
			sub(/.*description data: */, "")
			print
			want = 0
		}' | while read -r -a b; do
		echo "$((16#${b[3]}${b[2]}${b[1]}${b[0]})) $((16#${b[7]}${b[6]}${b[5]}${b[4]}))"
	done
}

# note_in_pt_note FILE: succeed when the .note.kml section lies in a
# PT_NOTE segment (per readelf's section to segment mapping).
note_in_pt_note() {
	LC_ALL=C readelf -lW "$1" 2>/dev/null | awk '
		/^Program Headers:/ { ph = 1; idx = 0; next }
		ph && /^ *[A-Z_]+ +0x/ { type[idx++] = $1; next }
		ph && /^$/ { ph = 0 }
		/Section to Segment mapping/ { map = 1; next }
		map && /^ *[0-9]+ / {
			i = $1 + 0
			if (type[i] == "NOTE" && $0 ~ / \.note\.kml( |$)/)
				found = 1
		}
		END { exit !found }'
}

# elf_type FILE: EXEC or DYN.
elf_type() {
	LC_ALL=C readelf -hW "$1" 2>/dev/null | awk '$1 == "Type:" { print $2 }'
}

# has_interp FILE: succeed when the file has a PT_INTERP.
has_interp() {
	LC_ALL=C readelf -lW "$1" 2>/dev/null | grep -q '^ *INTERP '
}
