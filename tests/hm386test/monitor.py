# SPDX-License-Identifier: MIT
"""Kind "monitor": a scripted session at the kernel monitor's prompt, or at
the user shell's and the monitor's (key `prompts`).

The serial port is QEMU's stdio; run_monitor_session() writes what the guest
prints to the row's log and types the row's next `input` line (then CR)
each time a prompt appears. The judge is ExitRow's (expect.py), after
checking that every input line was taken at a prompt.
"""

import os
import select
import subprocess
import threading
import time
from dataclasses import dataclass

from .expect import ExitRow
from .jobs import forget_process, start_process
from .judge import RunOutcome

# The kernel monitor's prompt (include/kernel/monitor.h): the next input
# line is sent each time it appears.
MONITOR_PROMPT = b"hm386> "


def monitor_inputs_due(data, sent, inputs, prompts=(MONITOR_PROMPT,)):
    """The input lines to send now in a monitor session: one per prompt (any
    of `prompts`) in the serial output `data` (bytes) that has not had its
    line yet."""
    seen = sum(data.count(p) for p in prompts)
    return inputs[sent:max(sent, min(len(inputs), seen))]


def run_monitor_session(argv, timeout, log_path, inputs,
                        prompts=(MONITOR_PROMPT,)):
    """Boot argv (serial on stdio), write its output to log_path, and type
    each line of `inputs` (then CR) when the next prompt appears. Returns
    (RunOutcome, b"")."""
    start = time.monotonic()
    proc, error = start_process(argv, stdin=subprocess.PIPE)
    if proc is None:
        return RunOutcome(error=error), b""
    stderr = []
    reader = threading.Thread(target=lambda: stderr.append(proc.stderr.read()))
    reader.start()
    outcome, data = RunOutcome(timeout=timeout), b""
    fd = proc.stdout.fileno()
    try:
        with open(log_path, "wb") as log:
            while True:
                left = start + timeout - time.monotonic()
                if left <= 0:
                    outcome.timed_out = True
                    proc.kill()
                    break
                ready, _, _ = select.select([fd], [], [], min(left, 0.5))
                if not ready:
                    continue
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                data += chunk
                log.write(chunk)
                log.flush()
                for line in monitor_inputs_due(data, outcome.inputs_sent,
                                               inputs, prompts):
                    try:
                        proc.stdin.write(line.encode("latin-1") + b"\r")
                        proc.stdin.flush()
                    except BrokenPipeError:
                        break
                    outcome.inputs_sent += 1
        proc.wait()
    finally:
        proc.kill()
        reader.join()
        forget_process(proc)
    outcome.status = None if outcome.timed_out else proc.returncode
    outcome.elapsed = time.monotonic() - start
    outcome.stderr = b"".join(stderr).decode("utf-8", errors="replace")
    return outcome, b""


@dataclass(frozen=True)
class MonitorRow(ExitRow):
    """Kind "monitor": `input` typed at the prompts of a -kernel boot."""
    kind = "monitor"
    boots = ("kernel",)

    input: tuple = ()  # the lines typed, one per prompt
    prompts: tuple = ()  # what a prompt looks like (default: the monitor's)

    def check(self, where):
        super().check(where)
        if not self.input:
            raise ValueError(f"{where}: 'input' is required for kind "
                             "'monitor'")
        if not all(isinstance(line, str) and "\n" not in line
                   and "\r" not in line for line in self.input):
            raise ValueError(f"{where}: 'input' must be a list of one-line "
                             "strings")
        if not all(isinstance(p, str) and p for p in self.prompts):
            raise ValueError(f"{where}: 'prompts' must be a list of "
                             "non-empty strings")

    @property
    def prompt_bytes(self):
        """The prompts the session answers, as the serial port shows them."""
        return (tuple(p.encode("latin-1") for p in self.prompts)
                or (MONITOR_PROMPT,))

    def serial_backend(self, log_path):
        # The runner types at the prompt and writes the log itself.
        return "stdio"

    def job(self, ctx):
        job = super().job(ctx)
        job.session = lambda j: run_monitor_session(
            j.argv, j.timeout, j.log_path, self.input, self.prompt_bytes)
        return job

    def session_problems(self, outcome):
        if outcome.inputs_sent >= len(self.input):
            return []
        return [f"the session took {outcome.inputs_sent} of "
                f"{len(self.input)} input lines: no prompt came for "
                f"{self.input[outcome.inputs_sent]!r}"]

    def list_extras(self):
        return f"  types {len(self.input)} lines"
