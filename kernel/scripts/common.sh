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

# KML_TOP, BUILD (absolute), die, note, warn: the tree's shared shell
# library.
. "$(dirname "${BASH_SOURCE[0]}")/../../selftests/lib/common.sh"
FORCE=${FORCE:-0}
V=${V:-0}
JOBS=${JOBS:-$(nproc)}

KSRC_PKG=linux-source-6.12
KSRC_TARBALL=/usr/src/linux-source-6.12.tar.xz
KSRC_TOPDIR=linux-source-6.12

TREE=$BUILD/linux
OBJ=$BUILD/linux-obj
STOCK_TREE=$BUILD/linux-stock
STOCK_OBJ=$BUILD/linux-stock-obj
E2E_OBJ=$BUILD/linux-e2e-obj
EACH_TREE=$BUILD/linux-each
EACH_OBJ=$BUILD/linux-each-obj
PATCHDIR=$KML_TOP/kernel/patches
CONFIGDIR=$KML_TOP/kernel/config

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

# The installed linux-source package version, e.g. 6.12.117-1~deb12u1.
ksrc_pkg_version() {
	dpkg-query -W -f='${Version}' "$KSRC_PKG" 2>/dev/null ||
		die "$KSRC_PKG is not installed (run scripts/install-deps kernel)"
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
				die "kernel/patches/series names '$name', but kernel/patches/$name does not exist"
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
	ver=$(ksrc_pkg_version)
	[ -r "$KSRC_TARBALL" ] ||
		die "$KSRC_TARBALL is missing or unreadable, although $KSRC_PKG $ver is installed"
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
		warn "$TREE was unpacked from $KSRC_PKG $have, but $want is installed now;"
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
			note "  (commit and run kernel/scripts/export-patches to keep them in kernel/patches)"
		fi
		return 0
	fi

	if [ -z "$dirty" ] && [ "$head" != "$pristine" ] && tree_matches_series; then
		note "tree already holds the series of kernel/patches ($n patches)"
		record_state
		return 0
	fi

	# The series changed: the tree goes back to kml-pristine.  Refuse if
	# that would lose anything that is not in kernel/patches.
	local lost=""
	if [ -n "$dirty" ]; then
		lost="uncommitted changes ($(echo "$dirty" | cut -c4- | head -5 | tr '\n' ' '))"
	fi
	if [ "$head" != "$pristine" ] && [ "$head" != "$stored_head" ]; then
		lost="${lost:+$lost and }commits kml-pristine..HEAD that are not the series last applied"
	fi
	if [ -n "$lost" ]; then
		if [ "$FORCE" != 1 ]; then
			echo "$PROG: error: kernel/patches changed, so $TREE must be reset to kml-pristine," >&2
			echo "$PROG: error: but it holds $lost." >&2
			echo "$PROG: error: Save them first: commit them in $TREE and run kernel/scripts/export-patches" >&2
			echo "$PROG: error: (then make kernel again), or discard them with FORCE=1." >&2
			exit 1
		fi
		warn "FORCE=1: discarding $lost"
	fi

	note "applying $n patches of kernel/patches on kml-pristine"
	tree_git reset -q --hard kml-pristine
	tree_git clean -q -f -d -x
	if [ "$n" -gt 0 ]; then
		if ! GIT_COMMITTER_NAME=$KML_GIT_NAME GIT_COMMITTER_EMAIL=$KML_GIT_EMAIL \
			tree_git am -q --committer-date-is-author-date "${patches[@]}"; then
			tree_git am --abort >/dev/null 2>&1 || true
			tree_git reset -q --hard kml-pristine
			rm -f "$(state_file)"
			die "kernel/patches do not apply on kml-pristine (see the git am message above); $TREE was left at kml-pristine"
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

	for f in "${frags[@]}" "${opt[@]}"; do
		optional=0
		for o in "${opt[@]}"; do [ "$o" = "$f" ] && optional=1; done
		while IFS= read -r line || [ -n "$line" ]; do
			case "$line" in
			CONFIG_*=*)
				sym=${line%%=*}; val=${line#*=}
				grep -qxF "$line" "$obj/.config" && continue
				;;
			"# CONFIG_"*" is not set")
				sym=${line#\# }; sym=${sym%% *}; val=n
				grep -q "^$sym=" "$obj/.config" || continue
				;;
			*) continue ;;
			esac
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

# Debian's own 6.12 amd64 config (package linux-config-6.12, the
# linux-image-amd64 flavour).
DCONFIG_PKG=linux-config-6.12
DCONFIG=/usr/src/linux-config-6.12/config.amd64_none_amd64.xz

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
