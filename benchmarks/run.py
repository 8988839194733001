"""Measure safeguarding_plan against the alternatives, in one run: ``python benchmarks/run.py``.

Install the alternatives first: ``pip install -e '.[bench]'``. Every number is the median of
``--repeat`` samples on this machine, now (see ``SAMPLE``); compare the numbers of one run with
each other, as the ratios do, never with another machine's. ``--markdown`` prints the tables
for docs/performance.md.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import io
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import venv
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import attrs
from alternatives import (
    IMPORT_FLOOR,
    PPTX_IMPORT_FLOOR,
    libyaml_load,
    pandas_to_excel,
    python_docx_tables,
)
from peers import paper_template, write
from plans import BIRMINGHAM, priorities_for, write_plan

import safeguarding_plan as sp

SIZES = (33, 1_000, 10_000)
LARGE = 10_000
LARGE_REPEAT = 3
"""Samples of a plan of ``LARGE`` actions or more, whose every stage takes a second or more: the
benchmark stays within three minutes on two cores."""
LARGE_ROUNDS = 2
"""Rounds of the commands and scripts of a plan of ``LARGE`` actions, each run taking seconds."""
PEERS = str(Path(__file__).with_name("peers.py"))
FLOOR = "import floor (a)"
NUMPY_THERE = ", numpy installed"
DOCX, DOCXTPL = "export -f docx", "docxtpl script (e)"
XLSX, XLSXWRITER, TABLIB = "export -f xlsx", "xlsxwriter script (f)", "tablib script (g)"
LIBYAML = "yaml.load, CSafeLoader (d)"
PPTX_FLOOR = "pptx plugin's import floor (a')"
PPTX_EXPORT = "export -f pptx"
MIB = 1024 * 1024


@attrs.frozen
class Target:
    """One promise, checked against this run's numbers."""

    what: str
    measured: float
    limit: float
    at_most: bool = True
    """True when the measured value must not exceed the limit, False when it must reach it."""
    unit: str = "x"

    @property
    def met(self) -> bool:
        return self.measured <= self.limit if self.at_most else self.measured >= self.limit

    def line(self) -> str:
        sign = "≤" if self.at_most else "≥"
        verdict = "met" if self.met else "MISSED"
        limit = f"{sign} {self.limit:g}{self.unit}"
        return f"{self.what:<58} {self.measured:8.2f}{self.unit}  (target {limit})  {verdict}"


SAMPLE = 0.2
"""The shortest timed sample, in seconds. Work quicker than that is run as many times as it
takes, the time of one run the sample's share (as ``timeit`` does): a 3 ms stage timed once
moves by a tenth when the shared machine takes a third of a millisecond elsewhere."""

LONG = 3.0
"""A run this long, in seconds, is timed once: the shared machine's noise is a small share of
it, and timing python-docx's 10,000 rows or 40 plans again would add half a minute."""


def median_time(
    work: Callable[[Any], object], repeat: int, given: Callable[[], Any] = lambda: None
) -> float:
    """The median time of one run of ``work`` over ``repeat`` samples, in seconds. Each run is
    given its own ``given()``, made before the clock starts: a fresh copy of a plan costs the
    benchmark, not the stage."""
    start = time.perf_counter()
    work(given())
    first = time.perf_counter() - start
    if first >= LONG:
        return first
    runs = 1 if first >= SAMPLE else math.ceil(SAMPLE / max(first, 1e-6))
    times = [first] if runs == 1 else []  # a quick first run only tells how many make a sample
    while len(times) < repeat:
        inputs = [given() for _ in range(runs)]
        start = time.perf_counter()
        for each in inputs:
            work(each)
        times.append((time.perf_counter() - start) / runs)
        del inputs
    return statistics.median(times)


# A child may write the bytecode of what it imports, as ``pip install`` does for a package: a
# module changed since its bytecode was written would otherwise be compiled on every start.
CHILD_ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_child(argv: Sequence[str]) -> tuple[float, str, str]:
    """Run a fresh process: its wall time in seconds, its output and its errors."""
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False, env=CHILD_ENVIRONMENT)
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    return seconds, done.stdout, done.stderr


# The peak is read by the process itself: the kernel's resource usage of a child counts the
# memory of the parent it was forked from, this benchmark's, before it became Python.
PEAK = """
import runpy, sys
sys.argv = ["safeguarding-plan", *sys.argv[1:]]
try:
    runpy.run_module("safeguarding_plan", run_name="__main__")
finally:
    with open("/proc/self/status") as status:
        peak = next(line for line in status if line.startswith("VmHWM:"))
    print(int(peak.split()[1]) * 1024, file=sys.stderr)
"""


def peak_memory(*args: str) -> float:
    """The peak resident memory of the command ``safeguarding-plan ARGS``, in MiB."""
    _, _, errors = run_child([sys.executable, "-c", PEAK, *args])
    return int(errors.split()[-1]) / MIB


NUMPY = ("numpy", "pandas")
"""What an environment without numpy leaves out: numpy, and pandas, which needs it."""


def plugin_free_python(folder: Path, numpy: bool = True) -> str:
    """A Python that runs as a fresh ``pip install safeguarding-plan`` would: this environment's
    packages but not its plugins (the example HTML plugin, say), and without numpy unless
    ``numpy`` (an analyst's machine usually has it, and openpyxl imports it whenever it is
    there). A virtual environment whose site-packages links to each of this one's entries
    except those, so each command looks for entry points, and imports what it imports, as it
    would there."""
    here = Path(sysconfig.get_path("purelib"))
    plugins = {ep.dist for ep in importlib.metadata.entry_points(group="safeguarding_plan")}
    theirs = {Path(file).parts[0] for dist in plugins if dist for file in dist.files or ()}
    if not numpy:
        theirs |= {e.name for e in here.iterdir() if e.name.lower().startswith(NUMPY)}
    venv.EnvBuilder(symlinks=True).create(folder)
    python = folder / "bin" / "python"
    done = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    there = Path(done.stdout.strip())
    for entry in here.iterdir():
        if entry.name not in theirs and not (there / entry.name).exists():
            (there / entry.name).symlink_to(entry)
    return str(python)


SCRIPT = Path(sysconfig.get_path("scripts")) / "safeguarding-plan"
"""The command as installed: the script ``pip install`` wrote, which imports ``cli.main``
(``python -m safeguarding_plan`` would also load ``runpy``)."""


def command(python: str, *args: str) -> list[str]:
    """``safeguarding-plan ARGS`` in a fresh process of ``python``, as a user runs it."""
    return [python, str(SCRIPT), *args]


def interleaved(runs: dict[str, list[str]], repeat: int, warm: bool = True) -> dict[str, float]:
    """The median wall time of each command, in fresh processes, interleaved, so that a slow
    spell of a shared machine falls on every command alike; each run once first, unless not
    ``warm``, to warm the file cache and write its bytecode (the larger plans' commands run
    after Birmingham's have written it, their plans just written)."""
    for argv in runs.values() if warm else ():
        run_child(argv)
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, argv in runs.items():
            times[name].append(run_child(argv)[0])
    return {name: statistics.median(t) for name, t in times.items()}


def installed_plugins() -> list[str]:
    """The plugins installed in this environment, by entry-point name."""
    return sorted(e.name for e in importlib.metadata.entry_points(group="safeguarding_plan"))


def imported_by(argv: Sequence[str]) -> set[str]:
    """The top-level packages a command imports, from Python's own import log."""
    _, _, log = run_child([argv[0], "-X", "importtime", *argv[1:]])
    return {
        line.rsplit("|", 1)[-1].strip().split(".")[0]
        for line in log.splitlines()
        if line.startswith("import time:")
    }


@attrs.define
class Run:
    repeat: int
    folder: Path
    stages: dict[int, dict[str, float]] = attrs.Factory(dict)
    alternatives: dict[int, dict[str, float]] = attrs.Factory(dict)
    command_line: dict[str, float] = attrs.Factory(dict)
    peak_mib: dict[str, float] = attrs.Factory(dict)
    heavy_imports: dict[str, set[str]] = attrs.Factory(dict)
    many: dict[int, float] = attrs.Factory(dict)
    """Seconds to score this many 1,000-action plans with ``score_many``."""
    end_to_end: dict[int, dict[str, float]] = attrs.Factory(dict)
    """The documents of each larger plan, command and scripts, in fresh processes."""
    template: Path | None = None
    """The Word template of the docxtpl script."""
    honest: str | None = None
    """The Python of a fresh install without numpy."""

    def measure_command_line(self) -> None:
        """Only the Birmingham commands and scripts, in fresh processes."""
        self._command_line()

    def measure(self, sizes: Sequence[int]) -> None:
        self._command_line()
        for size in sizes:
            path = write_plan(size, self.folder)
            print(f"  {size:,} actions ({path.stat().st_size / 1e6:.1f} MB of YAML)...", flush=True)
            # Each stage of each size in a fresh process, as a command runs it: what one stage
            # leaves in memory (ten loads of a large plan) cannot slow the next.
            repeat = min(self.repeat, LARGE_REPEAT) if size >= LARGE else self.repeat
            base = [sys.executable, __file__, "--measure", str(path), "--repeat", str(repeat)]
            self.stages[size] = {
                stage: json.loads(run_child([*base, "--stage", stage])[1])
                for stage in STAGES + tuple(sp.get_plugin_manager().exporters)
            }
            peers = [*base, "--template", str(self.template)]
            self.alternatives[size] = json.loads(run_child(peers)[1])
            if size > len(sp.load(BIRMINGHAM).actions):
                self._end_to_end(size, path)
        self._many()
        largest = max(sizes)
        plan = self.folder / f"plan-{largest}.yaml"
        for name in ("docx", "xlsx"):
            out = self.folder / f"out.{name}"
            peak = peak_memory("export", str(plan), "-f", name, "-o", str(out))
            self.peak_mib[f"{name}, {largest:,} actions"] = peak

    def _command_line(self) -> None:
        print("  the command line, in fresh processes...", flush=True)
        honest = plugin_free_python(self.folder / "no-plugins", numpy=False)
        analyst = plugin_free_python(self.folder / "no-plugins-numpy")
        self.honest = honest
        self.template = paper_template(self.folder / "template.docx")
        runs = {"validate": command(honest, "validate", str(BIRMINGHAM))}
        runs["score"] = command(honest, "score", str(BIRMINGHAM))
        for python, where in ((honest, ""), (analyst, NUMPY_THERE)):
            runs[FLOOR + where] = [python, "-c", IMPORT_FLOOR]
            runs.update(self._documents(python, BIRMINGHAM, where))
        # Birmingham has a case review, so scoring it loads the installed plugins for the
        # timescales they add: shown as it is here, with no target, since what a plugin costs
        # to import is its own.
        if plugins := installed_plugins():
            with_plugins = command(sys.executable, "score", str(BIRMINGHAM))
            runs[f"score, plugins installed ({', '.join(plugins)})"] = with_plugins
        # The slides are a plugin's, measured where it is installed against its own floor:
        # python-pptx's import, where the board paper's is python-docx's and openpyxl's.
        if "pptx" in plugins:
            deck = self.folder / "birmingham.pptx"
            runs[PPTX_FLOOR] = [sys.executable, "-c", PPTX_IMPORT_FLOOR]
            runs[PPTX_EXPORT] = command(
                sys.executable, "export", str(BIRMINGHAM), "-f", "pptx", "-o", str(deck)
            )
        self.command_line = interleaved(runs, max(self.repeat, 5))
        for name in ("validate", "score"):
            self.heavy_imports[name] = imported_by(runs[name]) & {"docx", "openpyxl", "pluggy"}

    def _documents(self, python: str, plan: Path, where: str = "") -> dict[str, list[str]]:
        """The board paper and the tracker of ``plan`` from the command line and from each
        peer's script, run by ``python``."""
        out = self.folder / "out"
        return {
            DOCX + where: command(python, "export", str(plan), "-f", "docx", "-o", f"{out}.docx"),
            DOCXTPL + where: [python, PEERS, "docxtpl", str(plan), f"{out}.tpl.docx",
                              str(self.template)],
            XLSX + where: command(python, "export", str(plan), "-f", "xlsx", "-o", f"{out}.xlsx"),
            XLSXWRITER + where: [python, PEERS, "xlsxwriter", str(plan), f"{out}.w.xlsx"],
            TABLIB + where: [python, PEERS, "tablib", str(plan), f"{out}.t.xlsx"],
        }  # fmt: skip

    def _end_to_end(self, size: int, path: Path) -> None:
        """The documents of a larger plan, command against script, as an analyst runs them."""
        assert self.honest is not None
        rounds = LARGE_REPEAT if size < LARGE else LARGE_ROUNDS
        self.end_to_end[size] = interleaved(self._documents(self.honest, path), rounds, False)

    def _many(self) -> None:
        print("  a regional network: score_many of 4 and 40 plans...", flush=True)
        # One plan of 1,000 actions (the one measured above, if it was), copied: writing each
        # took a second, 40 seconds of the run.
        plan = self.folder / "plan-1000.yaml"
        if not plan.exists():
            write_plan(1_000, self.folder)
        paths = []
        for n in range(40):
            folder = self.folder / f"partnership-{n}"
            folder.mkdir()
            paths.append(Path(shutil.copyfile(plan, folder / plan.name)))
        for count in (4, 40):
            argv = [sys.executable, __file__, "--many", *map(str, paths[:count])]
            argv += ["--repeat", str(self.repeat)]
            self.many[count] = json.loads(run_child(argv)[1])

    def targets(self) -> list[Target]:
        found = self._command_line_targets()
        if self.stages:
            found += self._stage_targets()
        return found

    def _command_line_targets(self) -> list[Target]:
        cli = self.command_line
        honest, inflated = cli[FLOOR], cli[FLOOR + NUMPY_THERE]
        return [
            # Against the floor an analyst's machine has (openpyxl imports numpy there), as
            # first promised...
            Target("CLI board paper of Birmingham / import floor (a), numpy installed",
                   cli[DOCX + NUMPY_THERE] / inflated, 1.5),
            Target("CLI validate / import floor (a), numpy installed", cli["validate"] / inflated,
                   0.5),
            Target("CLI score / import floor (a), numpy installed", cli["score"] / inflated, 0.5),
            # ... and against the honest floor and the scripts an analyst would write.
            Target("CLI validate / import floor (a)", cli["validate"] / honest, 0.5),
            Target("CLI score / import floor (a)", cli["score"] / honest, 0.5),
            *(Target(f"CLI {ours} of Birmingham / {peer}{where}",
                     cli[ours + where] / cli[peer + where], 1.0)
              for ours, peer in ((DOCX, DOCXTPL), (XLSX, XLSXWRITER))
              for where in ("", NUMPY_THERE)),
            *(Target(f"CLI {ours} / {peer}, {size:,} actions", times[ours] / times[peer], 1.0)
              for size, times in self.end_to_end.items()
              for ours, peer in ((DOCX, DOCXTPL), (XLSX, XLSXWRITER))),
            *([Target("CLI slides of Birmingham (pptx plugin) / its import floor (a')",
                      self.command_line[PPTX_EXPORT] / self.command_line[PPTX_FLOOR], 1.5)]
              if PPTX_EXPORT in self.command_line else []),
        ]  # fmt: skip

    def _stage_targets(self) -> list[Target]:
        largest, small = max(self.stages), sorted(self.stages)[-2] if len(self.stages) > 1 else 0
        big, alt = self.stages[largest], self.alternatives[largest]
        found = [
            Target(f"python-docx (b) / our docx, {largest:,} actions",
                   alt["python-docx add_row().cells (b)"] / big["docx"], 5, at_most=False),
            Target(f"our xlsx / pandas (c), {largest:,} actions",
                   big["xlsx"] / alt["pandas to_excel (c)"], 1.0),
            *(Target(f"our load / {LIBYAML}, {size:,} actions",
                     self.stages[size]["load"] / self.alternatives[size][LIBYAML], 1.0)
              for size in sorted(self.stages)),
        ]  # fmt: skip
        if small:
            for stage in big:
                found.append(
                    Target(f"{stage}: t({largest:,}) / t({small:,})",
                           big[stage] / self.stages[small][stage], largest / small * 1.1)
                )  # fmt: skip
        if self.many:
            few, most = min(self.many), max(self.many)
            found.append(
                Target(f"score_many: t({most} plans) / t({few} plans)",
                       self.many[most] / self.many[few], most / few * 1.1)
            )  # fmt: skip
        for what, peak in self.peak_mib.items():
            found.append(Target(f"peak memory, export {what}", peak, 250, unit=" MiB"))
        return found


STAGES = ("load", "score", "report")
"""The stages before the exporters, each of which is a stage too."""


def time_stage(path: Path, stage: str, repeat: int) -> float:
    """One stage (``load``, ``score``, ``report`` or an exporter's name) of the plan at
    ``path``, timed."""
    plan = sp.load(path)  # also the first use of the loader, not timed
    if stage == "load":
        return median_time(lambda _: sp.load(path), repeat)
    manager = sp.get_plugin_manager()
    work: dict[str, Callable[[sp.Plan], object]] = {"score": sp.score, "report": sp.report}

    def exporting(copy: sp.Plan) -> None:
        sp.export(copy, stage, io.BytesIO(), plugin_manager=manager)

    def fresh() -> sp.Plan:
        """A fresh copy of the plan for each run: nothing computed by one run helps the next."""
        return attrs.evolve(plan)

    chosen = work.get(stage, exporting)
    # A first run imports what the stage needs (python-docx), not timed: of Birmingham, which
    # does that as well as a plan of 10,000 actions would, in a fraction of the time.
    chosen(attrs.evolve(sp.load(BIRMINGHAM)))
    return median_time(chosen, repeat, fresh)


def time_alternatives(path: Path, repeat: int, template: Path) -> dict[str, float]:
    """The alternatives doing the same with the same plan, timed: each peer's rendering from a
    fresh copy of the loaded plan, as our exporters are."""
    plan = sp.load(path)

    def fresh() -> sp.Plan:
        return attrs.evolve(plan)

    peers: dict[str, Callable[[sp.Plan], object]] = {
        "docxtpl (e)": lambda copy: write("docxtpl", copy, io.BytesIO(), template),
        "xlsxwriter (f)": lambda copy: write("xlsxwriter", copy, io.BytesIO()),
        "tablib (g)": lambda copy: write("tablib", copy, io.BytesIO()),
        "python-docx add_row().cells (b)": python_docx_tables,
        "pandas to_excel (c)": pandas_to_excel,
    }
    timed = {}
    small = sp.load(BIRMINGHAM)
    for name, work in peers.items():
        work(attrs.evolve(small))  # a library's own first-use imports are not the rows' cost
        timed[name] = median_time(work, repeat, fresh)
    timed[LIBYAML] = median_time(lambda _: libyaml_load(path), repeat)
    return timed


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def tables(run: Run) -> str:
    sizes = sorted(run.stages)
    lines = [
        f"Measured {date.today():%-d %B %Y} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}; "
        f"median of {run.repeat} samples of at least {SAMPLE:g} s.",
        "",
        "| Birmingham, fresh process | Time | / import floor (a) |",
        "|---|---:|---:|",
    ]
    floor = run.command_line[FLOOR]
    for name, seconds in run.command_line.items():
        lines.append(f"| `{name}` | {_seconds(seconds)} | {seconds / floor:.2f}x |")
    larger = sorted(run.end_to_end)
    if larger:
        lines += [
            "",
            "| End to end, fresh process | " + " | ".join(f"{s:,} actions" for s in larger) + " |",
            "|---" + "|---:" * len(larger) + "|",
        ]
        for name in run.end_to_end[larger[0]]:
            lines.append(f"| `{name}` | " + " | ".join(
                _seconds(run.end_to_end[s][name]) for s in larger) + " |")  # fmt: skip
    lines += [
        "",
        "| Stage | "
        + " | ".join(f"{s:,} actions ({priorities_for(s)} priorities)" for s in sizes)
        + " |",
        "|---" + "|---:" * len(sizes) + "|",
    ]
    for stage in run.stages[sizes[0]]:
        lines.append(
            f"| {stage} | " + " | ".join(_seconds(run.stages[s][stage]) for s in sizes) + " |"
        )
    for name in run.alternatives[sizes[0]]:
        lines.append(
            f"| {name} | " + " | ".join(_seconds(run.alternatives[s][name]) for s in sizes) + " |"
        )
    if run.many:
        lines += ["", "| A regional network | Time |", "|---|---:|"]
        for count, seconds in run.many.items():
            lines.append(
                f"| `score_many` of {count} plans of 1,000 actions | {_seconds(seconds)} |"
            )
    lines += ["", "| Target | Measured | Limit | |", "|---|---:|---:|---|"]
    for target in run.targets():
        sign = "≤" if target.at_most else "≥"
        lines.append(
            f"| {target.what} | {target.measured:.2f}{target.unit} | {sign} {target.limit:g}"
            f"{target.unit} | {'met' if target.met else '**missed**'} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, SIZES)),
        help="plan sizes in actions, comma-separated (default: %(default)s)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument(
        "--command-line",
        action="store_true",
        help="only the Birmingham commands and scripts in fresh processes (about a minute)",
    )
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # one size, as JSON
    parser.add_argument("--stage", help=argparse.SUPPRESS)  # of that size
    parser.add_argument("--many", type=Path, nargs="+", help=argparse.SUPPRESS)  # score_many
    parser.add_argument("--template", type=Path, help=argparse.SUPPRESS)  # docxtpl's
    args = parser.parse_args(argv)  # fmt: skip
    if args.many:
        print(json.dumps(median_time(lambda _: list(sp.score_many(args.many)), args.repeat)))
        return 0
    if args.measure and args.stage:
        print(json.dumps(time_stage(args.measure, args.stage, args.repeat)))
        return 0
    if args.measure:
        print(json.dumps(time_alternatives(args.measure, args.repeat, args.template)))
        return 0
    sizes = sorted(int(size) for size in args.sizes.split(","))
    with tempfile.TemporaryDirectory() as folder:
        run = Run(repeat=args.repeat, folder=Path(folder))
        print(f"Measuring, median of {args.repeat} samples:", flush=True)
        if args.command_line:
            run.measure_command_line()
        else:
            run.measure(sizes)
    print()
    if args.markdown and run.stages:
        print(tables(run))
    else:
        floor = run.command_line[FLOOR]
        for name, seconds in run.command_line.items():
            print(f"{name:<40} {_seconds(seconds):>9}  {seconds / floor:5.2f}x the import floor")
        for size, times in run.end_to_end.items():
            for name, seconds in times.items():
                print(f"{name + f', {size:,} actions':<40} {_seconds(seconds):>9}")
        for command_name, heavy in run.heavy_imports.items():
            which = ", ".join(sorted(heavy)) or "none of docx, openpyxl, pluggy"
            print(f"{command_name} imports {which}")
        if run.stages:
            print()
            print(f"{'stage':<34}" + "".join(f"{s:>12,}" for s in sizes))
            for stage in run.stages[sizes[0]]:
                times = (_seconds(run.stages[s][stage]) for s in sizes)
                print(f"{stage:<34}" + "".join(f"{t:>12}" for t in times))
            for name in run.alternatives[sizes[0]]:
                times = (_seconds(run.alternatives[s][name]) for s in sizes)
                print(f"{name:<34}" + "".join(f"{t:>12}" for t in times))
        for count, seconds in run.many.items():
            print(f"{f'score_many of {count} plans':<34}{_seconds(seconds):>12}")
        print()
        for target in run.targets():
            print(target.line())
    missed = [t for t in run.targets() if not t.met]
    too_heavy = any(run.heavy_imports.values())
    return 1 if missed or too_heavy else 0


if __name__ == "__main__":
    sys.exit(main())
