# SPDX-License-Identifier: MIT
"""How Debian's 686-pae Linux runs a program of build/initramfs.cpio as PID 1,
shared by the reference run of user space (tools/linux_ref.py) and the
benchmark beside hm386 (tools/bench_linux.py).

Linux unpacks concatenated archives: build/linux/console.cpio first, which
holds /dev/console (PID 1's fds 0-2 need it; hm386's archive holds no device
node), then user space. PID 1 is `rdinit=PATH`, the words after `--` are its
arguments, and it ends the machine through QEMU's isa-debug-exit
(user/include/end_vm.h): 33 when it passed, 35 otherwise. hm386 runs the same
program with `init=PATH -- ARGS` and leaves QEMU with the same statuses.
"""

import os

KERNEL = "build/linux/vmlinuz"
CONSOLE_CPIO = "build/linux/console.cpio"
INITRAMFS = "build/initramfs.cpio"

# What PID 1's exit status becomes at QEMU's exit, on both kernels.
EXIT_PASSED = 33
EXIT_FAILED = 35


def make_initrd(out, console_cpio=CONSOLE_CPIO, initramfs=INITRAMFS):
    """Write Linux's initrd to @out: @console_cpio, then @initramfs."""
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    with open(out, "wb") as dst:
        for part in (console_cpio, initramfs):
            with open(part, "rb") as src:
                dst.write(src.read())
    return out


def linux_append(program, args=(), options=()):
    """Linux's command line that runs @program as PID 1 with @args, its
    console on the serial port, quiet, with the kernel @options too."""
    append = " ".join([f"console=ttyS0 rdinit={program} loglevel=1 panic=-1",
                       *options])
    return append + (" -- " + " ".join(args) if args else "")


def hm386_append(program, args=()):
    """hm386's command line that runs @program as PID 1 with @args."""
    append = f"init={program}"
    return append + (" -- " + " ".join(args) if args else "")


def missing(paths=((KERNEL, "make linux-image"), (INITRAMFS, "make user"),
                   (CONSOLE_CPIO, "make linux-image"))):
    """The (path, how to build it) of @paths that do not exist."""
    return [(p, how) for p, how in paths if not os.path.exists(p)]
