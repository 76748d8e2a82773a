# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2154
#
# The minimal Debian root that selftests/deb/test-deb installs the
# packages into, selftests/e2e/mkroot makes a bootable system of and
# scripts/build-deb-release builds the packages in: debootstrap
# --variant=minbase from the mirror of the host's APT sources (or
# $KML_DEB_MIRROR), cached as DEBDIR/root-cache/root.tar.gz so that a
# rerun needs no network.  Sourced (bash), not run.
#
# The caller sets "set -eu" and: debdir (build/deb), suite, include
# (packages besides minbase), me (its name, for messages).  It gets:
# cache, mirror, key, umount_all, make_root, have_cached_root.

cache=$debdir/root-cache

# Unmount what is mounted under DEBDIR (debootstrap's /proc and /sys when
# it was interrupted), deepest first.
umount_all() {
	local m
	awk -v d="$debdir/" 'index($2 "/", d) == 1 { print $2 }' /proc/self/mounts |
		sort -r | while read -r m; do
			umount -l "$m" || echo "# $me: cannot unmount $m" >&2
		done
}

# host_mirror SUITE: the URI of the first APT source of SUITE itself
# (not -updates, -security), from the one-line and the deb822 source
# files.
host_mirror() {
	local f s=$1
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		awk -v s="$s" '
			$1 == "deb" {
				i = 2
				if ($i ~ /^\[/) while ($i !~ /\]$/) i++
				if ($i ~ /^\[/ || $i ~ /\]$/) i++
				if ($(i + 1) == s) { print $i; exit }
			}' "$f"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk -v s="$s" '
			function flush() {
				if (types ~ /(^| )deb( |$)/ && enabled != "no" &&
				    (" " suites " ") ~ (" " s " ") && uris != "") {
					split(uris, u, " ")
					print u[1]
					exit
				}
				types = suites = uris = enabled = ""
			}
			/^#/ { next }
			/^[ \t]*$/ { flush(); next }
			tolower($1) == "types:" { $1 = ""; types = $0 }
			tolower($1) == "suites:" { $1 = ""; suites = $0 }
			tolower($1) == "uris:" { $1 = ""; sub(/^ +/, ""); uris = $0 }
			tolower($1) == "enabled:" { enabled = tolower($2) }
			END { flush() }' "$f"
	done
}

mirror=${KML_DEB_MIRROR:-$(host_mirror "$suite" | head -n 1)}
# Another release than the host's (KML_DEB_SUITE, make deb-release): the
# mirror of the host's own release serves it too.
if [ -z "$mirror" ]; then
	mirror=$(host_mirror "$(. /etc/os-release && echo "${VERSION_CODENAME:-}")" | head -n 1)
fi
key="suite=$suite variant=minbase include=$include mirror=$mirror"

# Is the cached root there, made for this key?
have_cached_root() {
	[ -f "$cache/root.tar.gz" ] && [ "$(cat "$cache/key" 2>/dev/null)" = "$key" ]
}

# Make the cached root: debootstrap, then the package lists for apt.
make_root() {
	local new=$cache/new-root
	rm -rf "$new"
	mkdir -p "$cache"
	local script=()
	# A release newer than this debootstrap: the scripts of sid do.
	[ -e "/usr/share/debootstrap/scripts/$suite" ] ||
		script=(/usr/share/debootstrap/scripts/sid)
	echo "debootstrap --variant=minbase --include=$include $suite $new $mirror ${script[*]}"
	debootstrap --variant=minbase --include="$include" "$suite" "$new" "$mirror" "${script[@]}" ||
		{ echo "debootstrap failed (its log: $new/debootstrap/debootstrap.log)"; return 1; }
	umount_all
	# A mirror's testing suite can be older than its Valid-Until.
	chroot "$new" apt-get -o Acquire::Check-Valid-Until=false update ||
		{ echo "apt-get update in $new failed"; return 1; }
	chroot "$new" apt-get clean
	tar -C "$new" -I "gzip -1" -cf "$cache/root.tar.gz.new" . || return 1
	mv "$cache/root.tar.gz.new" "$cache/root.tar.gz"
	echo "$key" > "$cache/key"
	rm -rf "$new"
}
