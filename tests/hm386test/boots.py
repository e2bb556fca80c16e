# SPDX-License-Identifier: MIT
"""Boot types: how a guest gets from firmware to the kernel.

A row's `boot` names one of four ways (docs/testing.md, docs/boot.md):
`kernel` (QEMU loads the ELF itself, multiboot v1, and takes a command
line), `iso` (GRUB from the test ISO on SeaBIOS), `efi-iso` (the same ISO
on 32-bit OVMF) and `efi-direct` (hm386.efi from a FAT disk image on OVMF).
Each BootType says which machine QEMU emulates, which firmware it loads,
which file the boot starts from (Images: the runner's defaults, unless the
row names its own) and which QEMU arguments present that file. Row kinds
(row.py) combine a boot type with their own serial port and judge.
"""

import os
import shutil
from dataclasses import dataclass

# 32-bit UEFI firmware (docs/boot.md): the code is shared read-only, each
# boot gets a fresh copy of the variable store beside its log.
OVMF_CODE = "/usr/share/OVMF/OVMF32_CODE_4M.secboot.fd"
OVMF_VARS = "/usr/share/OVMF/OVMF32_VARS_4M.fd"
OVMF_PACKAGE = "ovmf-ia32"


def cdrom_args(image):
    """The QEMU arguments that boot from `image` as a CD-ROM."""
    return ["-cdrom", image, "-boot", "d"]


@dataclass(frozen=True)
class Images:
    """The files boots start from unless a row names another."""
    kernel: str         # the kernel ELF (kernel boots)
    test_iso: str = ""  # the ISO whose default entry runs ktest=all
    efi_img: str = ""   # the UEFI disk image whose loader runs ktest=all


class BootType:
    """One way to boot; the base is what every boot type shares."""
    name = ""
    loads_elf = False  # QEMU loads the kernel ELF and passes a cmdline
    uefi = False       # runs on OVMF, needs its own variable store
    missing_hint = ""  # said after "IMAGE not found"

    @property
    def machine(self):
        """QEMU's -machine value. Guest RAM comes from a memfd: the host
        then spends memory only on the 4 KiB pages the guest touches.
        QEMU's default RAM is madvised for huge pages, and a test that
        writes one page in every 2 MiB of a 16 GiB guest would make the
        host allocate (and zero) all 16 GiB."""
        return "memory-backend=ram"

    def default_image(self, images):
        """Return the runner's file for this boot type."""
        raise NotImplementedError

    def firmware_args(self, vars_path):
        """Return the QEMU arguments that load the firmware (none: SeaBIOS,
        QEMU's default)."""
        return []

    def prepare_firmware(self, vars_path):
        """Make the boot's firmware files ready; return "" or the reason
        the boot cannot run."""
        return ""

    def media_args(self, image, cmdline):
        """Return the QEMU arguments that present `image` to the guest."""
        raise NotImplementedError


class KernelBoot(BootType):
    name = "kernel"
    loads_elf = True

    def default_image(self, images):
        return images.kernel

    def media_args(self, image, cmdline):
        return ["-kernel", image, "-append", cmdline]


class IsoBoot(BootType):
    name = "iso"
    missing_hint = " (make builds it: docs/testing.md, 'The test ISO')"

    def default_image(self, images):
        return images.test_iso

    def media_args(self, image, cmdline):
        return cdrom_args(image)


class UefiBoot(BootType):
    """What the two OVMF boots share: q35 with SMM (the secure-boot build of
    OVMF needs it), the firmware in flash, its own variable store."""
    uefi = True

    @property
    def machine(self):
        return "q35,smm=on," + super().machine

    def firmware_args(self, vars_path):
        return ["-global", "driver=cfi.pflash01,property=secure,value=on",
                "-drive", "if=pflash,format=raw,unit=0,readonly=on,"
                f"file={OVMF_CODE}",
                "-drive", f"if=pflash,format=raw,unit=1,file={vars_path}",
                "-nic", "none"]

    def prepare_firmware(self, vars_path):
        try:
            shutil.copyfile(OVMF_VARS, vars_path)
            if not os.path.exists(OVMF_CODE):
                raise OSError(f"{OVMF_CODE} not found")
        except OSError as e:
            return (f"no 32-bit UEFI firmware ({e}): install the Debian "
                    f"package {OVMF_PACKAGE}")
        return ""


class EfiIsoBoot(UefiBoot):
    name = "efi-iso"

    def default_image(self, images):
        return images.test_iso

    def media_args(self, image, cmdline):
        return cdrom_args(image)


class EfiDirectBoot(UefiBoot):
    name = "efi-direct"
    missing_hint = " (make efi-test-img builds it: docs/boot.md)"

    def default_image(self, images):
        return images.efi_img

    def media_args(self, image, cmdline):
        # snapshot: boots running at once share the image, none writes it.
        return ["-drive", f"format=raw,file={image},snapshot=on"]


BOOT_TYPES = {boot.name: boot for boot in (KernelBoot(), IsoBoot(),
                                           EfiIsoBoot(), EfiDirectBoot())}
BOOTS = tuple(BOOT_TYPES)
