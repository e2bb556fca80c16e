# SPDX-License-Identifier: MIT
"""Serial text: the lines of a guest's serial log, as the judges read them.

serial_lines() turns raw bytes (GRUB's ANSI escapes, CRs, control bytes and
all) into clean lines; tail() quotes the end of a log in a problem report;
serial_matches() looks for a line in a log that is still being written.
Pure functions, no state.
"""

import re

TAIL_LINES = 15  # serial lines shown after a timeout or reboot

_ANSI_RE = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[@-_])")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NEWLINE_RE = re.compile(r"\r\n|\n|\r")


def serial_lines(data):
    """Return the lines of a serial log (bytes or str), without ANSI escape
    sequences (GRUB's), carriage returns or other control characters."""
    if isinstance(data, bytes):
        data = data.decode("utf-8", errors="replace")
    data = _ANSI_RE.sub("", data)
    lines = [_CONTROL_RE.sub("", line) for line in _NEWLINE_RE.split(data)]
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def tail(lines, count=TAIL_LINES):
    """Return the last `count` lines, marked `|` (or say the log is empty)."""
    if not lines:
        return "  (serial log is empty)"
    return "\n".join("  | " + line for line in lines[-count:])


def serial_matches(log_path, pattern):
    """True if a line of the serial log at log_path matches `pattern`."""
    try:
        with open(log_path, "rb") as f:
            data = f.read()
    except OSError:
        return False
    return any(re.search(pattern, line) for line in serial_lines(data))
