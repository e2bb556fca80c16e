# SPDX-License-Identifier: MIT
"""Row: one configuration of the matrix, the base of every row kind.

A row of tests/matrix.py is a dict; its `kind` picks a subclass of Row
(selftests.py, expect.py, monitor.py, gdb.py; loader.py keeps the table).
The class owns everything that depends on the kind:

  from_row()/check()  which keys the kind takes and what values are valid:
                      a key that is not a field of the class is refused
  qemu_command()      the QEMU command line (with the boot type, boots.py)
  job()               the Job that runs it (jobs.py), with its judge
  judge()             the verdict on the serial lines and how QEMU ended
  list_row()          its line in `--list`

What is here is what all kinds share: the guest (memory, CPU, boot), the
`require`/`forbid` regexes and how the serial port is wired.
"""

import os
import re
from dataclasses import dataclass, fields
from typing import ClassVar

from .boots import BOOT_TYPES, BOOTS
from .jobs import Job, parse_size_mib

_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
REQUIRED_KEYS = ("name", "boot", "mem", "cpu")


@dataclass
class Context:
    """What building a job needs from the run: where QEMU and the images
    are, the logs, --timeout, --ktest, and the catalogue once it is read."""
    qemu: str
    images: object  # boots.Images
    log_dir: str
    timeout: float
    ktest: str = "all"
    catalogue: object = None  # catalogue.Catalogue, set by the catalogue row

    def log_path(self, name):
        """Return the log file of the job `name`."""
        safe = re.sub(r"[^A-Za-z0-9._-]", "-", name)
        return os.path.join(self.log_dir, safe + ".log")


@dataclass(frozen=True)
class Row:
    """A guest to boot and the rules its run is judged by."""
    kind: ClassVar[str] = ""
    boots: ClassVar[tuple] = BOOTS       # the boot types this kind can use
    runs_selftests: ClassVar[bool] = False  # judged against the catalogue

    name: str
    boot: str
    mem: str
    cpu: str
    smp: int = 1
    cmdline: str = ""
    qemu_extra: tuple = ()
    timeout_factor: float = 1.0
    require: tuple = ()
    forbid: tuple = ()
    note: str = ""
    elf: str = ""    # kernel boots: another kernel ELF than --kernel
    image: str = ""  # iso and efi-* boots: another ISO or disk image

    # ------------------------------------------------------------ the row

    @classmethod
    def keys(cls):
        """Return the matrix keys this kind takes (`kind` aside)."""
        return {f.name for f in fields(cls) if f.metadata.get("key", True)}

    @classmethod
    def from_row(cls, row, where):
        """Return the row of this kind described by the dict `row`; raise
        ValueError saying what is wrong, `where` first."""
        unknown = set(row) - cls.keys() - {"kind"}
        if unknown:
            raise ValueError(f"{where}: unknown keys {sorted(unknown)} "
                             f"for kind '{cls.kind}'")
        for key in REQUIRED_KEYS:
            if key not in row:
                raise ValueError(f"{where}: missing key '{key}'")
        values = {k: v for k, v in row.items() if k != "kind"}
        for f in fields(cls):
            if isinstance(f.default, tuple) and f.name in values:
                if isinstance(values[f.name], str):
                    raise ValueError(f"{where}: '{f.name}' must be a list")
                values[f.name] = tuple(values[f.name])
        result = cls(**values)
        result.check(where)
        return result

    def check(self, where):
        """Raise ValueError if a value of the row is invalid. A kind with
        keys of its own extends this."""
        if not isinstance(self.name, str) or not _NAME_RE.match(self.name):
            raise ValueError(f"{where}: bad name {self.name!r}")
        if self.boot not in BOOTS:
            raise ValueError(f"{where}: boot must be one of "
                             f"{', '.join(BOOTS)}")
        if self.boot not in self.boots:
            raise ValueError(f"{where}: kind '{self.kind}' boots only "
                             f"{', '.join(self.boots)}")
        if not self.boot_type.loads_elf and self.cmdline:
            raise ValueError(f"{where}: an {self.boot} boot cannot take a "
                             "cmdline")
        if self.boot_type.loads_elf and self.image:
            raise ValueError(f"{where}: 'image' is for iso and efi boots; "
                             "a kernel boot takes 'elf'")
        if not isinstance(self.smp, int) or self.smp < 1:
            raise ValueError(f"{where}: smp must be a positive integer")
        if not self.timeout_factor > 0:
            raise ValueError(f"{where}: timeout_factor must be positive")
        self.mem_mib  # raises on a bad size
        for pattern in self.patterns():
            try:
                re.compile(pattern)
            except re.error as e:
                raise ValueError(f"{where}: bad regex {pattern!r}: {e}")

    def patterns(self):
        """Return every regex of the row, to be checked once at load."""
        return self.require + self.forbid

    @property
    def boot_type(self):
        return BOOT_TYPES[self.boot]

    @property
    def mem_mib(self):
        return parse_size_mib(self.mem)

    @property
    def takes_ktest(self):
        """True if --ktest GLOB applies to the row."""
        return False

    # ----------------------------------------------------------- the boot

    def kernel_cmdline(self, ktest="all"):
        """Return the command line of a kernel boot, given --ktest."""
        return self.cmdline

    def image_path(self, images):
        """Return the file the boot starts from: the row's own, or the
        runner's for its boot type."""
        own = self.elf if self.boot_type.loads_elf else self.image
        return own or self.boot_type.default_image(images)

    def serial_backend(self, log_path):
        """Return QEMU's -serial: by default the log file."""
        return f"file:{log_path}"

    def debugger_args(self, log_path):
        """Return the QEMU arguments that attach a debugger (none)."""
        return []

    def qemu_command(self, qemu, log_path, images, ktest="all",
                     vars_path=""):
        """Return the argv that boots the row with its serial port in
        log_path. UEFI boots need `vars_path`, the boot's own copy of the
        firmware's variable store."""
        boot = self.boot_type
        argv = [qemu, "-m", self.mem,
                "-object", f"memory-backend-memfd,id=ram,size={self.mem}",
                "-machine", boot.machine, "-cpu", self.cpu,
                "-smp", str(self.smp), "-no-reboot", "-display", "none",
                "-serial", self.serial_backend(log_path),
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
        argv += self.debugger_args(log_path)
        argv += boot.firmware_args(vars_path)
        argv += boot.media_args(self.image_path(images),
                                self.kernel_cmdline(ktest))
        return argv + list(self.qemu_extra)

    # ------------------------------------------------------ run and judge

    def judge(self, lines, outcome):
        """Return the Verdict on a run of the row."""
        raise NotImplementedError

    def judge_for(self, ctx):
        """Return the judge(lines, outcome) of a job run in `ctx`."""
        return self.judge

    def job(self, ctx):
        """Return the Job that boots the row in the run `ctx`; its blocker
        says why it cannot run, if a file it needs is missing."""
        path = ctx.log_path(self.name)
        boot = self.boot_type
        vars_path = path[:-4] + ".vars.fd" if boot.uefi else ""
        job = Job(name=self.name, mem_mib=self.mem_mib,
                  timeout=ctx.timeout * self.timeout_factor, log_path=path,
                  argv=self.qemu_command(ctx.qemu, path, ctx.images,
                                         ctx.ktest, vars_path),
                  judge=self.judge_for(ctx))
        image = self.image_path(ctx.images)
        if not os.path.exists(image):
            job.blocker = f"{image} not found" + boot.missing_hint
        elif vars_path:
            job.blocker = boot.prepare_firmware(vars_path)
        return job

    # ------------------------------------------------------------ --list

    def image_label(self):
        """Return what --list says after the image's name (for the kinds
        whose image runs the self-tests, ": ktest=all")."""
        return ""

    def list_expectations(self):
        """Return the --list text of what the judge requires."""
        return ("".join(f"  require /{p}/" for p in self.require)
                + "".join(f"  forbid /{p}/" for p in self.forbid))

    def list_extras(self):
        """Return the --list text of the kind's own keys."""
        return ""

    def list_row(self, timeout, images, cmdline, extra=""):
        """Return the --list columns of the row, `cmdline` shown for kernel
        boots and the image's name for the others."""
        what = (cmdline if self.boot_type.loads_elf else
                f"({os.path.basename(self.image_path(images))}"
                f"{self.image_label()})")
        what += self.list_expectations() + self.list_extras()
        if self.qemu_extra:
            what += "  qemu: " + " ".join(self.qemu_extra)
        if self.note or extra:
            what += f"  [{self.note or extra}]"
        return (self.name, self.kind, self.boot, self.mem, self.cpu,
                str(self.smp), f"{timeout * self.timeout_factor:g} s", what)
