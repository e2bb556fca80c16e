# SPDX-License-Identifier: MIT
"""Kind "gdb": a GDB script run in batch mode against the guest.

QEMU starts stopped (-S) with its GDB stub on a Unix socket of the row's
own; run_gdb_session() runs GDB with the project's helpers
(tools/gdb/hm386.py) and the row's `gdb_script`, then ends QEMU. The row's
log is GDB's transcript, which the judge reads; the serial output goes to
NAME.serial.log beside it.
"""

import os
import shutil
import time
from dataclasses import dataclass

from .jobs import forget_process, run_process, start_process
from .judge import RunOutcome, Verdict, check_lines, stderr_tail
from .row import Row
from .serial import tail

GDB = "gdb"
GDB_PACKAGE = "gdb"
# GDB helpers for the subject, loaded by "gdb" rows and by tools/gdbinit.
GDB_HELPERS = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           os.pardir, os.pardir, "tools", "gdb", "hm386.py")
GDB_SOCKET_WAIT = 10.0  # seconds QEMU may take to open its GDB socket


def gdb_socket_path(log_path):
    """Return the GDB socket of the row whose log is log_path."""
    return log_path[:-4] + ".gdb.sock"


def gdb_command(gdb, socket_path, script, elf):
    """The argv of GDB in batch mode: the helpers, the connection to QEMU's
    socket, then the row's script, with the kernel's symbols."""
    return [gdb, "-batch", "-nx", "-ex", "set pagination off",
            "-ex", "set confirm off", "-ex", f"source {GDB_HELPERS}",
            "-ex", f"target remote {socket_path}", "-x", script, elf]


def run_gdb_session(qemu_argv, gdb_argv, timeout, socket_path):
    """Start QEMU waiting for GDB on socket_path, run gdb_argv against it,
    then end QEMU. Returns GDB's (RunOutcome, stdout)."""
    start = time.monotonic()
    if os.path.exists(socket_path):
        os.remove(socket_path)
    qemu, error = start_process(qemu_argv)
    if qemu is None:
        return RunOutcome(error=error), b""
    try:
        while not os.path.exists(socket_path):
            if qemu.poll() is not None or \
                    time.monotonic() - start > GDB_SOCKET_WAIT:
                qemu.kill()
                err = qemu.communicate()[1].decode("utf-8", errors="replace")
                return RunOutcome(error="QEMU opened no GDB socket:\n"
                                  + stderr_tail(err)), b""
            time.sleep(0.05)
        return run_process(gdb_argv, max(1.0, start + timeout
                                          - time.monotonic()))
    finally:
        qemu.kill()
        qemu.communicate()
        forget_process(qemu)
        if os.path.exists(socket_path):
            os.remove(socket_path)


@dataclass(frozen=True)
class GdbRow(Row):
    """Kind "gdb": a -kernel boot driven by `gdb_script`."""
    kind = "gdb"
    boots = ("kernel",)

    gdb_script: str = ""  # the GDB command file run in batch mode

    def check(self, where):
        super().check(where)
        if not self.gdb_script:
            raise ValueError(f"{where}: 'gdb_script' is required for kind "
                             "'gdb'")

    def serial_backend(self, log_path):
        return f"file:{log_path[:-4]}.serial.log"

    def debugger_args(self, log_path):
        # A Unix socket per row: no TCP port to clash with parallel runs.
        return ["-S", "-gdb",
                f"unix:{gdb_socket_path(log_path)},server=on,wait=off"]

    def job(self, ctx):
        """The Job runs QEMU and GDB together; its log is GDB's stdout."""
        job = super().job(ctx)
        job.serial = False
        socket_path = gdb_socket_path(job.log_path)
        gdb = shutil.which(GDB)
        gdb_argv = gdb_command(gdb or GDB, socket_path, self.gdb_script,
                               self.image_path(ctx.images))
        job.session = lambda j: run_gdb_session(j.argv, gdb_argv, j.timeout,
                                                socket_path)
        if not job.blocker and gdb is None:
            job.blocker = (f"{GDB} not found: install the Debian package "
                           f"{GDB_PACKAGE}")
        elif not job.blocker and not os.path.exists(self.gdb_script):
            job.blocker = f"{self.gdb_script} not found"
        return job

    def judge(self, lines, outcome):
        """Judge a GDB batch session from its transcript: GDB exited 0 and
        the `require`/`forbid` regexes hold. It counts as one case."""
        verdict = Verdict(self.name, elapsed=outcome.elapsed)
        if outcome.error:
            verdict.problems.append(outcome.error)
        elif outcome.timed_out:
            verdict.problems.append(f"TIMEOUT after {outcome.timeout:g} s; "
                                    "last lines of GDB:\n" + tail(lines))
        elif outcome.status != 0:
            verdict.problems.append(f"gdb exited with status "
                                    f"{outcome.status}:\n" + tail(lines))
        check_lines(verdict, lines, self.require, self.forbid)
        return verdict.single(self.name)

    def list_extras(self):
        return f"  gdb -x {self.gdb_script}"
