# SPDX-License-Identifier: GPL-2.0
#
# Shared helpers for kernel/scripts/*: where things live, the patch series,
# the build tree and its bookkeeping, the kernel config.  Sourced (bash), not
# run.  The caller sets PROG (its name, for messages) and "set -eu".
#
# Environment:
#   BUILD   build directory, relative to the top of the KML tree or absolute
#           (default build)
#   FORCE   1: discard local work in the build tree instead of refusing
#   V       1: show every kbuild step ("  CC  file.o") instead of a progress line
#   JOBS    parallel jobs (default: nproc)
#   KERNEL_LINE  the kernel line: 6.12 (default) or 7.x (below)

# KML_TOP, BUILD (absolute), die, note, warn: the tree's shared shell
# library.
. "$(dirname "${BASH_SOURCE[0]}")/../../selftests/lib/common.sh"
FORCE=${FORCE:-0}
V=${V:-0}
JOBS=${JOBS:-$(nproc)}

# The kernel lines KML has a series for.  Each line has its own source
# package, patch series and build directories; kernel/config is shared.
#   6.12  Debian's linux-source-6.12 (Debian 13; Debian 12 through
#         bookworm-security), installed with apt like any build dependency.
#         Trees: $BUILD/linux, $BUILD/linux-obj, ...
#   7.x   Debian's newest 7.x, linux-source-7.3 (trixie-backports), which a
#         Debian 12 or 13 host does not have in its apt sources: it is
#         downloaded with a private apt configuration in $BUILD/apt
#         (ksrc_fetch below), never installed.  Trees: $BUILD/linux-7.x,
#         $BUILD/linux-7.x-obj, ...
KERNEL_LINES="6.12 7.x"
KERNEL_LINE=${KERNEL_LINE:-6.12}
case "$KERNEL_LINE" in
6.12)
	KSRC_PKG=linux-source-6.12
	KSRC_FROM=host
	DCONFIG_PKG=linux-config-6.12
	LINE_SUFFIX=
	PATCHDIR=$KML_TOP/kernel/patches
	;;
7.x)
	KSRC_PKG=linux-source-7.3
	KSRC_FROM=apt
	DCONFIG_PKG=linux-config-7.3
	LINE_SUFFIX=-7.x
	PATCHDIR=$KML_TOP/kernel/7.x/patches
	;;
*)
	echo "${PROG:-kernel/scripts}: error: KERNEL_LINE=$KERNEL_LINE: the kernel lines are $KERNEL_LINES" >&2
	exit 2
	;;
esac
KSRC_TOPDIR=$KSRC_PKG
# Where the private apt configuration keeps its lists and downloads, and
# where the downloaded packages are unpacked (KSRC_FROM=apt).
APT_DIR=$BUILD/apt
KSRC_UNPACKED=$BUILD/ksrc
if [ "$KSRC_FROM" = host ]; then
	KSRC_TARBALL=/usr/src/$KSRC_PKG.tar.xz
else
	KSRC_TARBALL=$KSRC_UNPACKED/$KSRC_PKG/usr/src/$KSRC_PKG.tar.xz
fi

TREE=$BUILD/linux$LINE_SUFFIX
OBJ=$BUILD/linux$LINE_SUFFIX-obj
STOCK_TREE=$BUILD/linux$LINE_SUFFIX-stock
STOCK_OBJ=$BUILD/linux$LINE_SUFFIX-stock-obj
E2E_OBJ=$BUILD/linux$LINE_SUFFIX-e2e-obj
EACH_TREE=$BUILD/linux$LINE_SUFFIX-each
EACH_OBJ=$BUILD/linux$LINE_SUFFIX-each-obj
# make kernel-distro-check's objects in Debian's config: one directory per
# line, as for the others (objtool and the config of one line must not
# meet the source of the other).
DISTRO_OBJ=$BUILD/linux$LINE_SUFFIX-distro-obj
CONFIGDIR=$KML_TOP/kernel/config
# The line's own config fragment, on top of kernel/config/base.config
# (none for 6.12).
LINE_CONFIG=$KML_TOP/kernel/$KERNEL_LINE/line.config
[ -f "$LINE_CONFIG" ] || LINE_CONFIG=
# The series' directory as the messages name it (kernel/patches, ...).
PATCHDIR_REL=${PATCHDIR#"$KML_TOP"/}

# Fixed identity and options for the commits and patches the scripts make,
# so that the same source and the same patches give the same commit ids and
# the same patch files on every machine, whatever the user's git config.
KML_GIT_NAME="KML build"
KML_GIT_EMAIL="kml-build@localhost"
KML_FORMAT_PATCH_CONFIG=(-c core.abbrev=12 -c diff.noprefix=false
	-c diff.mnemonicPrefix=false -c diff.algorithm=myers
	-c diff.renames=true -c format.numbered=false -c format.signOff=false
	-c format.coverLetter=false -c format.headers=)
KML_FORMAT_PATCH_OPTS=(--no-signature --zero-commit --no-numbered
	--no-cover-letter --no-thread --no-notes --stat=80 --no-renames)

# Make and kbuild read these; the outer make's jobserver must not leak in.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES GNUMAKEFLAGS

# Print a duration in seconds as M:SS.
mmss() {
	printf '%d:%02d' $(($1 / 60)) $(($1 % 60))
}

tree_git() {
	git -C "$TREE" "$@"
}

# The linux-source package version in use, e.g. 6.12.117-1~deb12u1: the
# installed one (6.12), or the one ksrc_fetch downloaded (7.x).
ksrc_pkg_version() {
	if [ "$KSRC_FROM" = host ]; then
		dpkg-query -W -f='${Version}' "$KSRC_PKG" 2>/dev/null ||
			die "$KSRC_PKG is not installed (run scripts/install-deps kernel)"
	else
		cat "$KSRC_UNPACKED/$KSRC_PKG/.version" 2>/dev/null ||
			die "$KSRC_PKG has not been downloaded (run make kernel KERNEL_LINE=$KERNEL_LINE)"
	fi
}

# apt-get/apt-cache with the private configuration of $APT_DIR: its own
# sources.list, lists and package cache; the host's dpkg status is only
# read.  /etc/apt is neither read for sources nor changed.
kml_apt() {
	local cmd=$1
	shift
	"$cmd" -q -o Dir::Etc::sourcelist="$APT_DIR/sources.list" \
		-o Dir::Etc::sourceparts=- -o Dir::State="$APT_DIR/state" \
		-o Dir::Cache="$APT_DIR/cache" \
		-o Dir::State::status=/var/lib/dpkg/status \
		-o APT::Sandbox::User="$(id -un)" -o Debug::NoLocking=1 "$@"
}

# The suites of Debian's archive that carry the 7.x packages: Debian 13's
# backports, testing and unstable.  Signed with keys that
# debian-archive-keyring (Debian 12 and 13) holds.
KML_APT_SUITES="trixie-backports forky sid"
KML_APT_MIRROR=${KML_APT_MIRROR:-http://deb.debian.org/debian}

# kml_apt_update: the private apt's package lists, fetched when they are
# missing or older than a day (KML_APT_REFRESH=1: always).
kml_apt_update() {
	local s stamp=$APT_DIR/state/lists/.kml-updated
	mkdir -p "$APT_DIR/state/lists/partial" "$APT_DIR/cache/archives/partial"
	: > "$APT_DIR/sources.list.new"
	for s in $KML_APT_SUITES; do
		echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $KML_APT_MIRROR $s main" \
			>> "$APT_DIR/sources.list.new"
	done
	if ! cmp -s "$APT_DIR/sources.list.new" "$APT_DIR/sources.list"; then
		mv "$APT_DIR/sources.list.new" "$APT_DIR/sources.list"
		rm -f "$stamp"
	else
		rm -f "$APT_DIR/sources.list.new"
	fi
	if [ "${KML_APT_REFRESH:-0}" = 1 ] || [ ! -f "$stamp" ] ||
	   [ -n "$(find "$stamp" -mmin +1440)" ]; then
		note "private apt ($APT_DIR): updating the lists of $KML_APT_SUITES"
		kml_apt apt-get update >"$APT_DIR/update.log" 2>&1 ||
			die "apt-get update with the private configuration failed (see $APT_DIR/update.log)"
		touch "$stamp"
	fi
}

# kml_apt_fetch PKG: download the newest PKG the private apt knows and
# unpack it into $KSRC_UNPACKED/PKG (dpkg-deb -x: nothing is installed);
# its version goes to $KSRC_UNPACKED/PKG/.version.  Does nothing when that
# version is unpacked already.
kml_apt_fetch() {
	local pkg=$1 ver deb dir=$KSRC_UNPACKED/$1 suite
	ver=$(kml_apt apt-cache policy "$pkg" 2>/dev/null | sed -n 's/^  Candidate: //p')
	if [ -z "$ver" ] || [ "$ver" = "(none)" ]; then
		die "the private apt ($KML_APT_SUITES) has no $pkg; see $APT_DIR/sources.list"
	fi
	if [ "$(cat "$dir/.version" 2>/dev/null)" = "$ver" ]; then
		return 0
	fi
	suite=$(kml_apt apt-cache madison "$pkg" | awk -F' [|] ' -v v="$ver" '$2 == v { print $3; exit }' | awk '{ sub("/.*", "", $2); print $2 }')
	note "downloading $pkg $ver (${suite:-?}) with the private apt"
	mkdir -p "$APT_DIR/debs"
	rm -f "$APT_DIR/debs/${pkg}_"*.deb
	(cd "$APT_DIR/debs" && kml_apt apt-get download "$pkg=$ver") >"$APT_DIR/download.log" 2>&1 ||
		die "apt-get download $pkg=$ver failed (see $APT_DIR/download.log)"
	for deb in "$APT_DIR/debs/${pkg}_"*.deb; do break; done
	[ -e "$deb" ] || die "apt-get download $pkg=$ver left no ${pkg}_*.deb in $APT_DIR/debs"
	rm -rf "$dir" "$dir.tmp"
	mkdir -p "$dir.tmp"
	dpkg-deb -x "$deb" "$dir.tmp" || die "cannot unpack $deb"
	echo "$ver" > "$dir.tmp/.version"
	echo "${suite:-unknown}" > "$dir.tmp/.suite"
	mv "$dir.tmp" "$dir"
}

# ksrc_fetch: make the source of this kernel line available.  6.12: the
# installed package (scripts/install-deps kernel).  7.x: the private apt
# downloads the newest $KSRC_PKG; a newer 7.x line in the archive is
# pointed out, since the series is made for $KSRC_PKG.
ksrc_fetch() {
	local newer
	[ "$KSRC_FROM" = apt ] || return 0
	kml_apt_update
	kml_apt_fetch "$KSRC_PKG"
	newer=$(kml_apt apt-cache pkgnames linux-source-7. 2>/dev/null | LC_ALL=C sort -V | tail -1)
	if [ -n "$newer" ] && [ "$newer" != "$KSRC_PKG" ] &&
	   [ "$(printf '%s\n%s\n' "$newer" "$KSRC_PKG" | sort -V | tail -1)" = "$newer" ]; then
		warn "the archive has $newer, newer than $KSRC_PKG; the $KERNEL_LINE series is made for $KSRC_PKG"
	fi
}

# kernel_deps [GROUP...]: the Debian packages building this line needs
# (scripts/install-deps: "kernel" holds linux-source-6.12, "kbuild" only
# the tools), and the source itself (ksrc_fetch); then print the version
# of the source package in use.
kernel_deps() {
	local group=kernel
	[ "$KSRC_FROM" = host ] || group=kbuild
	"$KML_TOP/scripts/install-deps" "$group" "$@" ||
		die "scripts/install-deps $group $* failed"
	ksrc_fetch
	note "Debian $KSRC_PKG $(ksrc_pkg_version) ($(ksrc_origin); $KSRC_TARBALL), kernel line $KERNEL_LINE"
}

# Where the source package came from, for messages.
ksrc_origin() {
	if [ "$KSRC_FROM" = host ]; then
		echo "installed"
	else
		echo "$(cat "$KSRC_UNPACKED/$KSRC_PKG/.suite" 2>/dev/null || echo '?'), private apt"
	fi
}

# Patch files of the series in order, one absolute path per line: the
# names in kernel/patches/series (blank lines and # comments ignored), or
# every kernel/patches/*.patch sorted by name when there is no series file.
series_list() {
	local line name
	if [ -f "$PATCHDIR/series" ]; then
		while IFS= read -r line || [ -n "$line" ]; do
			name=${line%%#*}
			name=$(echo "$name" | tr -d '[:space:]')
			[ -n "$name" ] || continue
			[ -f "$PATCHDIR/$name" ] ||
				die "$PATCHDIR_REL/series names '$name', but $PATCHDIR_REL/$name does not exist"
			echo "$PATCHDIR/$name"
		done < "$PATCHDIR/series"
	elif [ -d "$PATCHDIR" ]; then
		find "$PATCHDIR" -maxdepth 1 -type f -name '*.patch' |
			LC_ALL=C sort
	fi
}

# A hash of the series: the names and contents of its patches, in order.
series_hash() {
	local p
	{
		echo "kml-series-v1"
		series_list | while IFS= read -r p; do
			echo "${p##*/} $(sha256sum < "$p" | cut -d' ' -f1)"
		done
	} | sha256sum | cut -d' ' -f1
}

# State of the tree: "<series hash> <HEAD after applying it>", kept in the
# tree's .git so it goes away with the tree.
state_file() {
	echo "$TREE/.git/kml-series-state"
}

record_state() {
	echo "$(series_hash) $(tree_git rev-parse HEAD)" > "$(state_file)"
}

# Unpack the Debian tarball into $TREE as a git repository whose first
# commit (tagged kml-pristine) is the untouched source.
create_tree() {
	local ver tmp date
	ksrc_fetch
	ver=$(ksrc_pkg_version)
	[ -r "$KSRC_TARBALL" ] ||
		die "$KSRC_TARBALL is missing or unreadable, although $KSRC_PKG $ver is there ($(ksrc_origin))"
	mkdir -p "$BUILD"
	tmp=$(mktemp -d "$BUILD/linux.unpack.XXXXXX")
	note "unpacking $KSRC_TARBALL into $TREE (about a minute)"
	tar -xf "$KSRC_TARBALL" -C "$tmp" ||
		die "cannot unpack $KSRC_TARBALL into $tmp"
	[ -f "$tmp/$KSRC_TOPDIR/Makefile" ] ||
		die "$KSRC_TARBALL has no $KSRC_TOPDIR/Makefile"
	(
		cd "$tmp/$KSRC_TOPDIR"
		strip_debian_gitignore .gitignore
		git init -q -b kml
		git config gc.auto 0
		git config core.autocrlf false
		git add -A -f .
		# Date the commit by the source itself, so it is reproducible.
		date="@$(stat -c %Y Makefile) +0000"
		GIT_AUTHOR_NAME=$KML_GIT_NAME GIT_AUTHOR_EMAIL=$KML_GIT_EMAIL \
		GIT_COMMITTER_NAME=$KML_GIT_NAME GIT_COMMITTER_EMAIL=$KML_GIT_EMAIL \
		GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date \
			git commit -q --no-verify \
			-m "Linux $(make -s kernelversion) from Debian $KSRC_PKG $ver" \
			-m "Pristine source of $KSRC_TARBALL (Debian package $KSRC_PKG, version $ver), unpacked by kernel/scripts." \
			-m "One change: the block that Debian's packaging appends to the top-level .gitignore (\"/*\", \"!/debian/\": ignore everything at the top level) is left out, so that new files show up in git status. It has no effect on the build."
		git tag kml-pristine
		echo "$ver" > .git/kml-debian-version
	) || die "cannot make a git repository of the source in $tmp"
	mv "$tmp/$KSRC_TOPDIR" "$TREE"
	rm -rf "$tmp"
	note "$TREE: pristine source committed and tagged kml-pristine"
}

# Debian's linux-source appends to the top-level .gitignore a block that
# ignores every top-level path except debian/ (for its packaging repo).
# In a development tree that hides new files from git status and git add;
# drop the block (comment lines, "/*", "!/debian/") when it is there.
strip_debian_gitignore() {
	python3 - "$1" <<'PY' || die "cannot edit $1"
import re, sys
path = sys.argv[1]
text = open(path).read()
new = re.sub(r'(?:#[^\n]*\n)*/\*\n!/debian/\n?\Z', '', text)
if new != text:
    open(path, 'w').write(new)
PY
}

# Make sure $TREE exists and is a tree these scripts made.
ensure_tree() {
	local want have
	if [ ! -e "$TREE" ]; then
		create_tree
	fi
	[ -d "$TREE/.git" ] && tree_git rev-parse -q --verify refs/tags/kml-pristine >/dev/null ||
		die "$TREE exists but is not a KML build tree (no git repository with a kml-pristine tag); move it away or delete it"
	want=$(ksrc_pkg_version)
	have=$(cat "$TREE/.git/kml-debian-version" 2>/dev/null || echo unknown)
	if [ "$want" != "$have" ]; then
		warn "$TREE was unpacked from $KSRC_PKG $have, but $want is the one in use now ($(ksrc_origin));"
		warn "to move to the new source, run kernel/scripts/export-patches, delete $TREE and run make kernel again"
	fi
}

# Is a git am/rebase stopped half-way in $TREE?
tree_operation_in_progress() {
	local gd
	gd=$(tree_git rev-parse --absolute-git-dir)
	[ -d "$gd/rebase-apply" ] || [ -d "$gd/rebase-merge" ] ||
		[ -f "$gd/MERGE_HEAD" ] || [ -f "$gd/CHERRY_PICK_HEAD" ]
}

# Write kml-pristine..HEAD of $TREE as patches into directory $1, with a
# series file; prints nothing.
format_series_into() {
	local dir=$1 f
	tree_git "${KML_FORMAT_PATCH_CONFIG[@]}" format-patch -q \
		"${KML_FORMAT_PATCH_OPTS[@]}" -o "$dir" kml-pristine..HEAD >/dev/null
	: > "$dir/series"
	for f in "$dir"/*.patch; do
		[ -e "$f" ] || continue
		echo "${f##*/}" >> "$dir/series"
	done
}

# Does kml-pristine..HEAD of $TREE give exactly the patch files of the
# series (as export-patches would write them)?
tree_matches_series() {
	local tmp p ok=0
	tmp=$(mktemp -d)
	format_series_into "$tmp"
	mapfile -t want < <(series_list)
	mapfile -t have < <(sed 's|^|'"$tmp"'/|' "$tmp/series")
	if [ "${#want[@]}" -eq "${#have[@]}" ]; then
		ok=1
		for i in "${!want[@]}"; do
			if [ "${want[$i]##*/}" != "${have[$i]##*/}" ] ||
			   ! cmp -s "${want[$i]}" "${have[$i]}"; then
				ok=0
				break
			fi
		done
	fi
	rm -rf "$tmp"
	[ "$ok" = 1 ]
}

# Bring $TREE to kml-pristine + the series of kernel/patches, unless it is
# there already.  Local work (commits or changes not in kernel/patches)
# is never thrown away without FORCE=1.
prepare_tree() {
	local hash stored_hash="" stored_head="" head pristine dirty n
	local -a patches
	ensure_tree
	if tree_operation_in_progress; then
		die "a git am, rebase, merge or cherry-pick is in progress in $TREE; finish it (e.g. git -C $TREE am --continue) or abort it (git -C $TREE am --abort) first"
	fi
	mapfile -t patches < <(series_list)
	n=${#patches[@]}
	hash=$(series_hash)
	head=$(tree_git rev-parse HEAD)
	pristine=$(tree_git rev-parse kml-pristine^{commit})
	if [ -f "$(state_file)" ]; then
		read -r stored_hash stored_head < "$(state_file)" || true
	fi
	dirty=$(tree_git status --porcelain --untracked-files=normal | head -20)

	if [ "$hash" = "$stored_hash" ]; then
		# The series has not changed since it was applied: build the tree
		# as it is, with whatever the developer did on top.
		if [ "$head" = "$stored_head" ] && [ -z "$dirty" ]; then
			note "series unchanged ($n patches), tree up to date"
		else
			note "series unchanged ($n patches); building local work in $TREE:"
			[ "$head" != "$stored_head" ] &&
				note "  commits: $(tree_git rev-list --count kml-pristine..HEAD) on kml-pristine (the series has $n)"
			[ -n "$dirty" ] && note "  uncommitted changes in: $(echo "$dirty" | cut -c4- | tr '\n' ' ')"
			note "  (commit and run kernel/scripts/export-patches to keep them in $PATCHDIR_REL)"
		fi
		return 0
	fi

	if [ -z "$dirty" ] && [ "$head" != "$pristine" ] && tree_matches_series; then
		note "tree already holds the series of $PATCHDIR_REL ($n patches)"
		record_state
		return 0
	fi

	# The series changed: the tree goes back to kml-pristine.  Refuse if
	# that would lose anything that is not in the series.
	local lost=""
	if [ -n "$dirty" ]; then
		lost="uncommitted changes ($(echo "$dirty" | cut -c4- | head -5 | tr '\n' ' '))"
	fi
	if [ "$head" != "$pristine" ] && [ "$head" != "$stored_head" ]; then
		lost="${lost:+$lost and }commits kml-pristine..HEAD that are not the series last applied"
	fi
	if [ -n "$lost" ]; then
		if [ "$FORCE" != 1 ]; then
			echo "$PROG: error: $PATCHDIR_REL changed, so $TREE must be reset to kml-pristine," >&2
			echo "$PROG: error: but it holds $lost." >&2
			echo "$PROG: error: Save them first: commit them in $TREE and run kernel/scripts/export-patches" >&2
			echo "$PROG: error: (then make kernel again), or discard them with FORCE=1." >&2
			exit 1
		fi
		warn "FORCE=1: discarding $lost"
	fi

	note "applying $n patches of $PATCHDIR_REL on kml-pristine"
	tree_git reset -q --hard kml-pristine
	tree_git clean -q -f -d -x
	if [ "$n" -gt 0 ]; then
		if ! GIT_COMMITTER_NAME=$KML_GIT_NAME GIT_COMMITTER_EMAIL=$KML_GIT_EMAIL \
			tree_git am -q --committer-date-is-author-date "${patches[@]}"; then
			tree_git am --abort >/dev/null 2>&1 || true
			tree_git reset -q --hard kml-pristine
			rm -f "$(state_file)"
			die "$PATCHDIR_REL do not apply on kml-pristine (see the git am message above); $TREE was left at kml-pristine"
		fi
	fi
	record_state
	note "applied: $(tree_git log --oneline -1 HEAD)"
}

# Make sure $STOCK_TREE is a clean worktree of kml-pristine.
prepare_stock_tree() {
	ensure_tree
	tree_git worktree prune
	if [ -e "$STOCK_TREE" ] && ! git -C "$STOCK_TREE" rev-parse -q --verify HEAD >/dev/null 2>&1; then
		die "$STOCK_TREE exists but is not a worktree of $TREE; delete it"
	fi
	if [ ! -e "$STOCK_TREE" ]; then
		note "creating $STOCK_TREE: worktree of kml-pristine"
		tree_git worktree add -q --detach "$STOCK_TREE" kml-pristine
	fi
	if [ "$(git -C "$STOCK_TREE" rev-parse HEAD)" != "$(tree_git rev-parse kml-pristine^{commit})" ] ||
	   [ -n "$(git -C "$STOCK_TREE" status --porcelain | head -1)" ]; then
		if [ "$FORCE" != 1 ]; then
			die "$STOCK_TREE is not a clean checkout of kml-pristine; delete it or pass FORCE=1"
		fi
		git -C "$STOCK_TREE" checkout -q -f --detach kml-pristine
		git -C "$STOCK_TREE" clean -q -f -d -x
	fi
}

# Is CONFIG_$1 defined by some Kconfig file of source tree $2?
kconfig_defines() {
	grep -rqsE --include='Kconfig*' "^[[:space:]]*(menu)?config[[:space:]]+$1[[:space:]]*$" "$2"
}

# make_config SRC OBJ REQUIRED_FRAGMENTS... [-- OPTIONAL_FRAGMENTS...]
# tinyconfig + fragments (merge_config.sh -m) + olddefconfig in OBJ, then
# check every line of every fragment.  Options of the optional fragments
# that the source does not define yet only warn (CONFIG_KML before the KML
# patches exist); everything else that did not come out as asked fails.
# .config keeps its old time stamp when its content did not change, so an
# unchanged config costs no rebuild.
make_config() {
	local src=$1 obj=$2 f line sym val bad=0 optional=0
	shift 2
	local -a frags=() opt=()
	for f in "$@"; do
		if [ "$f" = "--" ]; then optional=1; continue; fi
		[ -f "$f" ] || die "config fragment $f does not exist"
		if [ "$optional" = 1 ]; then opt+=("$f"); else frags+=("$f"); fi
	done
	mkdir -p "$obj"
	[ -f "$obj/.config" ] && cp -p "$obj/.config" "$obj/.config.kml-old"
	make -s -C "$src" O="$obj" tinyconfig >/dev/null ||
		die "make tinyconfig failed in $obj"
	( cd "$src" && scripts/kconfig/merge_config.sh -m -O "$obj" "$obj/.config" "${frags[@]}" "${opt[@]}" ) \
		> "$obj/merge_config.log" 2>&1 ||
		die "merge_config.sh failed; see $obj/merge_config.log"
	make -s -C "$src" O="$obj" olddefconfig >/dev/null ||
		die "make olddefconfig failed in $obj"

	local -a all=("${frags[@]}" "${opt[@]}")
	local i j later
	for i in "${!all[@]}"; do
		f=${all[$i]}
		optional=0
		for o in "${opt[@]}"; do [ "$o" = "$f" ] && optional=1; done
		while IFS= read -r line || [ -n "$line" ]; do
			case "$line" in
			CONFIG_*=*)
				sym=${line%%=*}; val=${line#*=}
				;;
			"# CONFIG_"*" is not set")
				sym=${line#\# }; sym=${sym%% *}; val=n
				;;
			*) continue ;;
			esac
			# A later fragment that names the symbol decides it
			# (kernel/7.x/line.config over base.config).
			later=0
			for ((j = i + 1; j < ${#all[@]}; j++)); do
				grep -qE "^$sym=|^# $sym is not set" "${all[$j]}" && later=1
			done
			[ "$later" = 1 ] && continue
			if [ "$val" = n ]; then
				grep -q "^$sym=" "$obj/.config" || continue
			else
				grep -qxF "$line" "$obj/.config" && continue
			fi
			if [ "$optional" = 1 ] && ! kconfig_defines "${sym#CONFIG_}" "$src"; then
				warn "$sym is not defined by $src (no KML patch adds it yet?); ${f#"$KML_TOP"/} asks $sym=$val"
				continue
			fi
			echo "$PROG: error: ${f#"$KML_TOP"/} asks $sym=$val, but .config has: $(grep -E "^$sym=|^# $sym is not set" "$obj/.config" || echo "(no line; a dependency is missing)")" >&2
			bad=1
		done < "$f"
	done
	[ "$bad" = 0 ] || die "the kernel config in $obj/.config is not what kernel/config asks (see above)"

	if [ -f "$obj/.config.kml-old" ] && cmp -s "$obj/.config" "$obj/.config.kml-old"; then
		touch -r "$obj/.config.kml-old" "$obj/.config"
	fi
	rm -f "$obj/.config.kml-old" "$obj/.config.old"
}

# kbuild SRC OBJ LABEL TARGET...: run kbuild, showing a progress line every
# few hundred steps (V=1: every step); full output in OBJ/build.log.
kbuild() {
	local src=$1 obj=$2 label=$3 start rc n=0 line last=0
	shift 3
	start=$SECONDS
	set +e
	make -C "$src" O="$obj" -j"$JOBS" "$@" 2>&1 | tee "$obj/build.log" | {
		while IFS= read -r line; do
			case "$line" in
			"  "[A-Z]*)
				n=$((n + 1))
				if [ "$V" = 1 ]; then
					echo "$line"
				elif [ $((n % 500)) = 0 ] || [ $((SECONDS - last)) -ge 30 ]; then
					echo "$label: $n build steps, $(mmss $((SECONDS - start))) so far (last: ${line#"${line%%[! ]*}"})"
					last=$SECONDS
				fi
				;;
			make*"Entering directory"*|make*"Leaving directory"*) ;;
			*) echo "$line" ;;
			esac
		done
		echo "$label: $n build steps in $(mmss $((SECONDS - start)))"
	}
	rc=${PIPESTATUS[0]}
	set -e
	if [ "$rc" != 0 ]; then
		echo "$PROG: error: kernel build failed (status $rc); errors:" >&2
		grep -E 'error:|Error [0-9]|undefined reference|\*\*\*' "$obj/build.log" | head -40 >&2 || true
		die "full log: $obj/build.log"
	fi
}

# Debian's own amd64 config of the line (package linux-config-6.12 or
# linux-config-7.3, the linux-image-amd64 flavour): installed for 6.12,
# downloaded by the private apt for 7.x (dconfig_fetch).
if [ "$KSRC_FROM" = host ]; then
	DCONFIG=/usr/src/$DCONFIG_PKG/config.amd64_none_amd64.xz
else
	DCONFIG=$KSRC_UNPACKED/$DCONFIG_PKG/usr/src/$DCONFIG_PKG/config.amd64_none_amd64.xz
fi

dconfig_fetch() {
	[ "$KSRC_FROM" = apt ] || return 0
	kml_apt_update
	kml_apt_fetch "$DCONFIG_PKG"
}

# The linux-config package version in use.
dconfig_pkg_version() {
	if [ "$KSRC_FROM" = host ]; then
		dpkg-query -W -f='${Version}' "$DCONFIG_PKG"
	else
		cat "$KSRC_UNPACKED/$DCONFIG_PKG/.version"
	fi
}

# debian_config OBJ: Debian's config in OBJ/.config (a copy of it in
# OBJ/.config.debian) with CONFIG_KML=y and, besides that, only what
# linux-source cannot build or a check does not need: Debian's signing
# certificates (not in linux-source) and debug info (it changes no warning
# and doubles the compile time).  .config keeps its time stamp when its
# content did not change.
debian_config() {
	local obj=$1
	[ -r "$DCONFIG" ] || die "$DCONFIG is missing (scripts/install-deps distro)"
	mkdir -p "$obj"
	[ -f "$obj/.config" ] && cp -p "$obj/.config" "$obj/.config.kml-old"
	xzcat "$DCONFIG" > "$obj/.config.debian" || die "cannot read $DCONFIG"
	cp "$obj/.config.debian" "$obj/.config"
	"$TREE/scripts/config" --file "$obj/.config" --enable KML --disable KML_DEBUG \
		--set-str SYSTEM_TRUSTED_KEYS "" --set-str SYSTEM_REVOCATION_KEYS "" \
		--disable DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT --disable DEBUG_INFO_DWARF4 \
		--disable DEBUG_INFO_DWARF5 --enable DEBUG_INFO_NONE ||
		die "scripts/config failed on $obj/.config"
	make -s -C "$TREE" O="$obj" olddefconfig > "$obj/olddefconfig.log" 2>&1 ||
		die "make olddefconfig failed in $obj (see $obj/olddefconfig.log)"
	if [ -f "$obj/.config.kml-old" ] && cmp -s "$obj/.config" "$obj/.config.kml-old"; then
		touch -r "$obj/.config.kml-old" "$obj/.config"
	fi
	rm -f "$obj/.config.kml-old" "$obj/.config.old"
	grep -qxF CONFIG_KML=y "$obj/.config" ||
		die "CONFIG_KML=y got lost in $obj/.config (olddefconfig; a dependency of KML is off)"
}
