#!/bin/sh
# Check that the tools hm386 builds, boots and tests with are here. As root on
# Debian, install what is missing with apt-get; otherwise print the exact
# command to run, and fail.
#
# Each line: a command or a file that proves the package is installed, and
# the Debian package that provides it.
set -u
need='
qemu-system-i386		qemu-system-x86
nasm				nasm
gcc				gcc
clang				clang
make				make
python3				python3
gdb				gdb
grub-mkrescue			grub-common
/usr/lib/grub/i386-pc		grub-pc-bin
/usr/lib/grub/i386-efi		grub-efi-ia32-bin
xorriso				xorriso
mformat				mtools
/usr/share/OVMF/OVMF32_CODE_4M.secboot.fd	ovmf-ia32
/usr/lib32/libgnuefi.a		gnu-efi
cpio				cpio
fakeroot			fakeroot
dpkg-deb			dpkg
sparse				sparse
spatch				coccinelle
/usr/sbin/debugfs		e2fsprogs
'
missing=
for_each() {
	echo "$need" | while read -r what pkg; do
		[ -n "$what" ] || continue
		case "$what" in
		/*) [ -e "$what" ] || echo "$pkg" ;;
		*) command -v "$what" >/dev/null 2>&1 || echo "$pkg" ;;
		esac
	done
}
missing=$(for_each | sort -u | tr '\n' ' ')
[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends $missing"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing $missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
		{ echo "deps: '$cmd' failed" >&2; exit 1; }
	exit 0
fi
echo "deps: missing Debian packages: $missing" >&2
echo "deps: install them with:  sudo apt-get update && sudo $cmd" >&2
exit 1
