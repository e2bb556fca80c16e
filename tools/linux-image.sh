#!/bin/sh
# tools/linux-image.sh DIR: Debian's i386 PAE kernel (the package
# linux-image-686-pae, and the versioned linux-image-*-686-pae it depends
# on) as DIR/vmlinuz, its package name and version in DIR/vmlinuz.version.
# The reference run of user space boots it (docs/processes.md, "User
# space"). apt works on a private state in DIR/apt/ with the i386
# architecture, so the host's apt configuration is left alone and root is
# not needed. Says what failed and exits 1 when the kernel cannot be had.
set -u
dir=${1:?usage: linux-image.sh DIR}
meta=linux-image-686-pae
mkdir -p "$dir/apt/lists/partial" "$dir/apt/cache/archives/partial" || exit 1
apt="-q -o Dir::State::Lists=$dir/apt/lists -o Dir::Cache=$dir/apt/cache
	-o APT::Architecture=i386 -o APT::Architectures::=i386
	-o Debug::NoLocking=1"
fail() {
	echo "linux-image: $*" >&2
	echo "linux-image: cannot get Debian's $meta (i386): the Linux reference run needs it" >&2
	exit 1
}
command -v apt-get >/dev/null 2>&1 || fail "no apt-get on this host"
# An index that fails (a mirror in sync) is not fatal when the package is
# still found below.
apt-get $apt update >"$dir/apt/update.log" 2>&1 ||
	echo "linux-image: apt-get update reported errors (see $dir/apt/update.log); going on" >&2
pkg=$(apt-cache $apt depends "$meta" 2>/dev/null |
	sed -n 's/^ *Depends: \(linux-image-[^ ]*-686-pae\)$/\1/p' | head -1)
[ -n "$pkg" ] || fail "apt knows no $meta for i386 (see $dir/apt/update.log)"
(cd "$dir/apt" && rm -f ./*.deb && apt-get $apt download "$pkg" >download.log 2>&1) ||
	fail "apt-get download $pkg failed (see $dir/apt/download.log)"
deb=$(ls "$dir"/apt/"$pkg"_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no .deb of $pkg in $dir/apt"
rm -rf "$dir/extract" && mkdir -p "$dir/extract" &&
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dir/extract" --wildcards './boot/vmlinuz-*' ||
	fail "no boot/vmlinuz-* in $deb"
mv "$dir"/extract/boot/vmlinuz-* "$dir/vmlinuz" && touch "$dir/vmlinuz" &&
	rm -rf "$dir/extract" "$deb" || exit 1
echo "$(basename "$deb" .deb)" > "$dir/vmlinuz.version"
echo "linux-image: $dir/vmlinuz from $(cat "$dir/vmlinuz.version")"
