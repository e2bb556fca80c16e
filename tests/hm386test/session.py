# SPDX-License-Identifier: MIT
"""One run of the runner: which jobs, in which order, and the summary.

Session.run() boots the catalogue first (when a self-test row or a death
test may run), builds the jobs of the selected rows, one death row per
death case of the catalogue and the host jobs, runs them all (jobs.py),
prints each verdict as it comes, then the table and the final line, writes
summary.txt and returns the exit status: 0 nothing failed, 1 something
failed, 2 `--only` selected nothing, 130 interrupted.
"""

import fnmatch
import os
import shutil
import sys
import time

from .boots import Images
from .host import HostTest, SelfTest
from .jobs import kill_live_processes, run_all
from .judge import Verdict
from .report import Reporter, final_line, summary_table, verdict_text
from .row import Context

QEMU = "qemu-system-i386"
QEMU_PACKAGE = "qemu-system-x86"


def matches_any(name, patterns):
    """True if `name` matches one of the globs."""
    return any(fnmatch.fnmatchcase(name, p) for p in patterns)


def is_older(path, than):
    """True if both files exist and `path` was modified before `than`."""
    try:
        return os.path.getmtime(path) < os.path.getmtime(than)
    except OSError:
        return False


class Session:
    """One run of the runner: which jobs to run, running them, the summary."""

    def __init__(self, args, rows, death_template, catalogue_row):
        self.args = args
        self.death_template = death_template
        self.catalogue_row = catalogue_row
        self.qemu = shutil.which(QEMU)
        self.ctx = Context(qemu=self.qemu or QEMU,
                           images=Images(args.kernel, args.test_iso,
                                         args.efi_img),
                           log_dir=args.log_dir, timeout=args.timeout,
                           ktest=args.ktest or "all")
        self.verdicts = []
        self.out = Reporter()
        self.rows = [r for r in rows if self.selected(r.name)]
        if args.ktest:
            # ISO and UEFI boots cannot take ktest=GLOB; expect rows run no
            # tests.
            self.rows = [r for r in self.rows if r.takes_ktest]
        hosts = [] if args.no_host else [SelfTest()] + [
            HostTest(path) for path in args.host_tests.split()]
        self.hosts = [h for h in hosts if self.selected(h.name)]
        # Death tests are named after the catalogue: boot it when a death
        # test may be selected or a self-test run needs it.
        self.maybe_death = not args.only or any(
            p.startswith(("death", "*", "?", "[")) for p in args.only)
        self.want_catalogue = self.maybe_death or any(
            r.runs_selftests for r in self.rows)
        self.width = max([len(r.name) for r in self.rows]
                         + [len(h.name) for h in self.hosts] + [24])

    def selected(self, name):
        return not self.args.only or matches_any(name, self.args.only)

    def on_start(self, job):
        if self.args.verbose:
            self.out.say("start " + job.name + ": " + " ".join(
                f"'{a}'" if " " in a or not a else a for a in job.argv))

    def on_done(self, job, verdict):
        self.verdicts.append(verdict)
        self.out.say(*verdict_text(verdict, self.width, self.args.verbose))

    def fail(self, name, problem):
        """Record a failure that belongs to no job."""
        self.on_done(None, Verdict(name, problems=[problem]).seal())

    def boot_catalogue(self):
        """Boot ktest=list; its judge keeps the Catalogue in self.ctx if the
        boot passed."""
        run_all([self.catalogue_row.job(self.ctx)], 1,
                self.args.mem_budget_mib, self.on_start, self.on_done)

    def plan(self):
        """Return the jobs to run, or None when --only selects nothing."""
        rows = self.rows
        ktest = self.ctx.ktest
        if (rows or self.maybe_death) and self.qemu is None:
            self.fail("qemu", f"{QEMU} not found: install the Debian package "
                      f"{QEMU_PACKAGE} (apt-get install {QEMU_PACKAGE})")
            rows = []
        elif self.want_catalogue:
            self.boot_catalogue()
        catalogue = self.ctx.catalogue
        deaths = []
        if catalogue is not None:
            deaths = [case for case in catalogue.deaths(ktest)
                      if self.selected(f"death-{case.id}")]
            if self.args.ktest and not catalogue.normal(ktest):
                if not catalogue.deaths(ktest):
                    self.fail("ktest", f"--ktest {self.args.ktest} selects "
                              "no case of the catalogue")
                rows = [r for r in rows if not r.runs_selftests]
        elif self.want_catalogue and self.qemu is not None:
            self.out.say("     (no catalogue: death tests not run, missing "
                         "tests not checked)")
        images = Images("", self.args.test_iso, self.args.efi_img)
        for image in sorted({r.image_path(images) for r in rows
                             if not r.boot_type.loads_elf}):
            if is_older(image, self.args.kernel):
                self.out.say(f"warning: {image} is older than "
                             f"{self.args.kernel} (run make iso "
                             "efi-test-img)")
        jobs = [r.job(self.ctx) for r in rows]
        jobs += [self.death_template.for_case(case).job(self.ctx)
                 for case in deaths]
        jobs += [h.job(self.ctx) for h in self.hosts]
        if self.args.only and not jobs and all(
                v.ok and v.name == "catalogue" for v in self.verdicts):
            return None
        self.width = max([self.width] + [len(j.name) for j in jobs])
        return jobs

    def summarize(self, jobs, started):
        """Print the table and the final line, write summary.txt; return the
        exit status."""
        order = {job.name: i for i, job in enumerate(jobs)}
        self.verdicts.sort(key=lambda v: (v.name != "catalogue",
                                          order.get(v.name, -1), v.name))
        self.out.say("", *summary_table(self.verdicts, self.width))
        failed = [v for v in self.verdicts if not v.ok]
        if failed:
            self.out.say("", "failed: " + " ".join(v.name for v in failed))
        self.out.say(f"serial logs: {self.args.log_dir}/",
                     f"total wall time {time.monotonic() - started:.1f} s",
                     final_line(self.verdicts))
        path = os.path.join(self.args.log_dir, "summary.txt")
        with open(path, "w") as f:
            f.write("\n".join(self.out.lines) + "\n")
        return 1 if failed or not self.verdicts else 0

    def run(self):
        """Run the session; return the runner's exit status."""
        started = time.monotonic()
        os.makedirs(self.args.log_dir, exist_ok=True)
        try:
            jobs = self.plan()
            if jobs is None:
                print(f"runner: --only {','.join(self.args.only)} selects "
                      "no config (see --list)", file=sys.stderr)
                return 2
            run_all(jobs, self.args.jobs, self.args.mem_budget_mib,
                    self.on_start, self.on_done)
        except KeyboardInterrupt:
            print("\nrunner: interrupted", file=sys.stderr)
            return 130
        finally:
            kill_live_processes()  # after an error, leave no guest behind
        return self.summarize(jobs, started)
