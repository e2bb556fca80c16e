# SPDX-License-Identifier: MIT
"""Jobs: processes to run, run under a timeout and a memory budget.

A Job is one process (a QEMU boot, a host test program) with the function
that judges its output; a row kind or a host test builds it. execute() runs
one job and returns its Verdict, never raising; run_all() runs many on
threads, at most --jobs at once and guests whose memory together stays
within --mem-budget. Every process started here is registered, so that
kill_live_processes() leaves no guest behind after an error or ^C.
"""

import os
import queue
import re
import subprocess
import threading
import time
from dataclasses import dataclass

from .judge import EXIT_STOPPED, RunOutcome, Verdict
from .serial import serial_lines, serial_matches


def parse_size_mib(text):
    """Return a QEMU-style size ("128M", "4G", "512") in MiB, or raise
    ValueError."""
    m = re.fullmatch(r"\s*(\d+)\s*([KMGT]?)i?B?\s*", str(text), re.IGNORECASE)
    if not m:
        raise ValueError(f"bad size {text!r} (expected e.g. 128M or 4G)")
    scale = {"K": 1 / 1024, "": 1, "M": 1, "G": 1024, "T": 1024 * 1024}
    return int(int(m.group(1)) * scale[m.group(2).upper()])


@dataclass(eq=False)
class Job:
    """One process to run and the function that judges it."""
    name: str
    mem_mib: int
    timeout: float
    log_path: str
    argv: list
    judge: object  # judge(lines, outcome) -> Verdict
    serial: bool = True  # the log is QEMU's serial file, not stdout
    cwd: "str | None" = None
    blocker: str = ""  # set when it cannot run: the reason
    stop_at: str = ""  # regex: end the run once a serial line matches it
    session: object = None  # session(job) -> (RunOutcome, bytes) instead
    # of running argv alone: the monitor and GDB rows


_live = set()
_live_lock = threading.Lock()


STOP_POLL = 0.25  # seconds between looks at the serial log for stop_at


def run_process(argv, timeout, cwd=None, stop=None):
    """Run argv; return (RunOutcome, stdout bytes). Kills it on timeout, or
    as soon as stop() returns true (status EXIT_STOPPED)."""
    start = time.monotonic()
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, cwd=cwd)
    except OSError as e:
        return RunOutcome(error=f"cannot run {argv[0]}: {e}"), b""
    with _live_lock:
        _live.add(proc)
    outcome = RunOutcome(timeout=timeout)
    stopped = False
    try:
        while True:
            left = start + timeout - time.monotonic()
            try:
                out, err = proc.communicate(
                    timeout=max(0, min(left, STOP_POLL) if stop else left))
                break
            except subprocess.TimeoutExpired:
                stopped = stop is not None and stop()
                if stopped or time.monotonic() >= start + timeout:
                    proc.kill()
                    out, err = proc.communicate()
                    outcome.timed_out = not stopped
                    break
    finally:
        with _live_lock:
            _live.discard(proc)
    outcome.status = (EXIT_STOPPED if stopped else
                      None if outcome.timed_out else proc.returncode)
    outcome.elapsed = time.monotonic() - start
    outcome.stderr = err.decode("utf-8", errors="replace")
    return outcome, out


def start_process(argv, stdin=subprocess.DEVNULL):
    """Popen argv with its output piped, registered for kill_live_processes();
    None (and the reason) when it cannot start."""
    try:
        proc = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
    except OSError as e:
        return None, f"cannot run {argv[0]}: {e}"
    with _live_lock:
        _live.add(proc)
    return proc, ""


def forget_process(proc):
    """Unregister a process started by start_process() that has ended."""
    with _live_lock:
        _live.discard(proc)


def kill_live_processes():
    """Kill every process still running that this module started."""
    with _live_lock:
        for proc in list(_live):
            proc.kill()


def execute(job):
    """Run a job and return its Verdict. Never raises."""
    try:
        if job.blocker:
            verdict = Verdict(job.name, problems=[job.blocker])
            return verdict.seal()
        if os.path.exists(job.log_path):
            os.remove(job.log_path)
        stop = None
        if job.stop_at:
            def stop():
                return serial_matches(job.log_path, job.stop_at)
        if job.session:
            outcome, out = job.session(job)
        else:
            outcome, out = run_process(job.argv, job.timeout, job.cwd, stop)
        if job.serial:
            try:
                with open(job.log_path, "rb") as f:
                    data = f.read()
            except OSError:
                data = b""
        else:
            data = out
            with open(job.log_path, "wb") as f:
                f.write(out)
                if outcome.stderr:
                    f.write(b"\n----- stderr -----\n"
                            + outcome.stderr.encode())
        return job.judge(serial_lines(data), outcome)
    except Exception as e:  # a runner bug must not hang the run
        import traceback
        return Verdict(job.name, problems=[
            f"runner error: {e!r}\n" + traceback.format_exc()]).seal()


def run_all(jobs, max_jobs, mem_budget_mib, on_start, on_done):
    """Run jobs on threads: at most max_jobs at once, and guests whose memory
    together stays within mem_budget_mib (a bigger one runs alone). Calls
    on_start(job) and on_done(job, verdict) on this thread."""
    pending = sorted(jobs, key=lambda j: -j.mem_mib)
    done = queue.Queue()
    running, used = 0, 0

    def work(job):
        done.put((job, execute(job)))

    while pending or running:
        for job in list(pending):
            if running >= max_jobs:
                break
            if running and used + job.mem_mib > mem_budget_mib:
                continue
            pending.remove(job)
            running += 1
            used += job.mem_mib
            on_start(job)
            threading.Thread(target=work, args=(job,), daemon=True).start()
        job, verdict = done.get()
        running -= 1
        used -= job.mem_mib
        on_done(job, verdict)
