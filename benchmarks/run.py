"""Measure safeguarding_plan against the alternatives, in one run: ``python benchmarks/run.py``.

Install the alternatives first: ``pip install -e '.[bench]'``. Every number is the fastest of
``--repeat`` samples on this machine, now, taken in rounds (see ``SAMPLE`` and ``fastest``);
compare the numbers of one run with each other, as the ratios do, never with another machine's.
``--markdown`` prints the tables for docs/performance.md.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import inspect
import io
import itertools
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
import venv
from collections.abc import Callable, Iterable, Sequence
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
MANY = 20
"""The plans of 1,000 actions ``score_many`` scores, against a tenth of them ten times: a
regional network's."""
"""Rounds of the commands and scripts of a plan of ``LARGE`` actions, each run taking seconds."""
PEERS_SCRIPT = str(Path(__file__).with_name("peers.py"))
FLOOR = "import floor (a)"
NUMPY_THERE = ", numpy installed"
DOCX, DOCXTPL = "export -f docx", "docxtpl script (e)"
XLSX, XLSXWRITER, TABLIB = "export -f xlsx", "xlsxwriter script (f)", "tablib script (g)"
LIBYAML = "yaml.load, CSafeLoader (d)"
PYTHON_DOCX, PANDAS = "python-docx add_row().cells (b)", "pandas to_excel (c)"
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
it, and timing python-docx's 10,000 rows again would add half a minute."""

SLOW = 1.0
"""A growth's measurements whose first sample took this long, in seconds, give ``LARGE_REPEAT``
samples, not ``--repeat``: the slides of 10,000 actions against ten times those of 1,000 took
a minute and a half of the run in five rounds."""


@attrs.define
class Sampler:
    """One piece of work, timed in this process a sample at a time. Each run is given its own
    ``given()``, made before the clock starts: a fresh copy of a plan costs the benchmark, not
    the stage."""

    work: Callable[[Any], object]
    given: Callable[[], Any] = lambda: None
    runs: int = 0
    """Runs in a sample, found from the first: as many as take ``SAMPLE`` seconds."""

    def sample(self) -> float:
        """The time of one run of the work, in seconds, from a sample of ``runs`` runs."""
        if not self.runs:  # none given: as many as take SAMPLE seconds
            first = self._timed([self.given()])
            self.runs = 1 if first >= SAMPLE else math.ceil(SAMPLE / max(first, 1e-6))
            if self.runs == 1:
                return first
            # a quick first run only tells how many make a sample
        return self._timed([self.given() for _ in range(self.runs)]) / self.runs

    def _timed(self, inputs: list[Any]) -> float:
        start = time.perf_counter()
        for each in inputs:
            self.work(each)
        return time.perf_counter() - start


def serve(samplers: dict[str, Sampler]) -> None:
    """Say ready, then time a sample of the sampler each line read names (an empty line, the
    first), until the input ends."""
    print("ready", flush=True)
    for line in sys.stdin:
        print(json.dumps(samplers[line.strip()].sample()), flush=True)


# A child may write the bytecode of what it imports, as ``pip install`` does for a package: a
# module changed since its bytecode was written would otherwise be compiled on every start.
CHILD_ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


STARTED = time.perf_counter()


def progress(doing: str) -> None:
    """Say what the benchmark does next, and when into the run."""
    print(f"  {time.perf_counter() - STARTED:5.0f} s  {doing}...", flush=True)


def run_child(argv: Sequence[str]) -> tuple[float, str, str]:
    """Run a fresh process: its wall time in seconds, its output and its errors."""
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False, env=CHILD_ENVIRONMENT)
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr}")
    return seconds, done.stdout, done.stderr


Samples = dict[Any, list[float]]
"""Each measurement's samples, in seconds, one a round, in the order taken."""


def in_order(keys: Sequence[Any], round_: int) -> Sequence[Any]:
    """The order of a round: as given, and reversed every other round, so that what drifts
    within a round falls first on one of two measurements taken one after the other, then on
    the other."""
    return keys if round_ % 2 == 0 else keys[::-1]


Measurement = tuple[tuple[str, ...], str]
"""A worker's command line, and the line that asks it for a sample (see ``serve``)."""


def in_rounds(
    asked: dict[Any, Measurement], rounds: dict[Any, int], whole: frozenset[Any] = frozenset()
) -> Samples:
    """The samples of each measurement, from workers, fresh processes serving samples
    (``serve``), in rounds: each measurement gives one sample a round, in turn (see
    ``in_order``), so that a slow spell of a shared machine falls on every stage and size
    alike. Every worker is started, and has loaded its plans, before the first sample; a
    measurement whose first sample took ``LONG`` or more gives no other, unless it is one of
    ``whole``, whose rounds are needed (each of the two measurements of a growth), and those
    give ``LARGE_REPEAT`` when their first took ``SLOW`` or more."""
    workers = {
        argv: subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, env=CHILD_ENVIRONMENT,
        )
        for argv, _ in asked.values()
    }  # fmt: skip
    samples: Samples = {key: [] for key in asked}
    try:
        for argv, worker in workers.items():
            _answer(worker, argv)
        for round_ in range(max(rounds.values())):
            for key in in_order(list(asked), round_):
                done = round_ >= rounds[key]
                first = samples[key][0] if samples[key] else 0.0
                if key in whole and first >= SLOW:
                    done = round_ >= min(rounds[key], LARGE_REPEAT)
                if done or (key not in whole and first >= LONG):
                    continue
                argv, line = asked[key]
                worker = workers[argv]
                assert worker.stdin is not None
                worker.stdin.write(f"{line}\n")
                worker.stdin.flush()
                samples[key].append(float(_answer(worker, argv)))
    finally:
        for worker in workers.values():
            if worker.stdin is not None:
                worker.stdin.close()
            worker.wait()
    return samples


def fastest(samples: Samples) -> dict[Any, float]:
    """Each measurement's fastest sample: noise on a shared machine only ever adds time (as
    ``timeit`` says), so the fastest is the nearest to the work's own cost."""
    return {key: min(times) for key, times in samples.items()}


def _answer(worker: subprocess.Popen[str], argv: Sequence[str]) -> str:
    """A worker's next line; its errors, if it ended instead."""
    assert worker.stdout is not None
    assert worker.stderr is not None
    line = worker.stdout.readline()
    if not line:
        raise SystemExit(f"{' '.join(argv)} failed:\n{worker.stderr.read()}")
    return line.strip()


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


USER_INSTALLS = ("safeguarding-plan", "docxtpl", "xlsxwriter", "tablib", "pip", "setuptools")
"""What an analyst's environment holds: the library, the peers their scripts use, and what a
fresh virtual environment of Python 3.11 starts with (pip, setuptools); each with what it
requires, and nothing else."""


def installed_with_requirements(names: Iterable[str]) -> list[importlib.metadata.Distribution]:
    """The distributions of this environment named, and those they require, all the way down
    (the requirements of extras left out), each once."""
    from packaging.requirements import Requirement

    found: dict[str, importlib.metadata.Distribution] = {}
    waiting = list(names)
    while waiting:
        try:
            dist = importlib.metadata.distribution(waiting.pop())
        except importlib.metadata.PackageNotFoundError:
            continue
        name = dist.metadata["Name"].lower().replace("_", "-")
        if name in found:
            continue
        found[name] = dist
        for line in dist.requires or ():
            required = Requirement(line)
            if required.marker is None or required.marker.evaluate({"extra": ""}):
                waiting.append(required.name)
    return list(found.values())


def plugin_free_python(folder: Path, numpy: bool = True) -> str:
    """A Python that runs as on an analyst's machine after ``pip install safeguarding-plan``
    and the peers: a virtual environment whose site-packages links to this one's files of
    ``USER_INSTALLS`` and their requirements, and of numpy if ``numpy`` (an analyst's machine
    usually has it, and openpyxl imports it whenever it is there); not the installed plugins
    nor the tools of development, so each command looks for entry points among as many
    distributions, and imports what it imports, as it would there."""
    here = Path(sysconfig.get_path("purelib"))
    wanted = installed_with_requirements([*USER_INSTALLS, *(["numpy"] if numpy else [])])
    entries = {Path(str(file)).parts[0] for dist in wanted for file in dist.files or ()}
    venv.EnvBuilder(symlinks=True).create(folder)
    python = folder / "bin" / "python"
    done = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    there = Path(done.stdout.strip())
    for name in sorted(entries):
        if (
            name not in ("..", "__pycache__")
            and (here / name).exists()
            and not (there / name).exists()
        ):
            (there / name).symlink_to(here / name)
    return str(python)


SCRIPT = Path(sysconfig.get_path("scripts")) / "safeguarding-plan"
"""The command as installed: the script ``pip install`` wrote, which imports ``cli.main``
(``python -m safeguarding_plan`` would also load ``runpy``)."""


def command(python: str, *args: str) -> list[str]:
    """``safeguarding-plan ARGS`` in a fresh process of ``python``, as a user runs it."""
    return [python, str(SCRIPT), *args]


def interleaved(runs: dict[Any, list[str]], repeat: int, warm: bool = True) -> Samples:
    """The wall times of each command, in fresh processes, in rounds (see ``in_order``), so
    that a slow spell of a shared machine falls on every command alike; each run once first,
    unless not ``warm``, to warm the file cache and write its bytecode (the larger plans'
    commands run after Birmingham's have written it, their plans just written)."""
    for argv in runs.values() if warm else ():
        run_child(argv)
    samples: Samples = {key: [] for key in runs}
    for round_ in range(repeat):
        for key in in_order(list(runs), round_):
            samples[key].append(run_child(runs[key])[0])
    return samples


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
    sampled: Samples = attrs.Factory(dict)
    """Every measurement's samples, for the ratios: each stage's and alternative's by
    ``(size, name)``, each command's by its name, each larger plan's document by
    ``(size, name)`` with ``end_to_end`` (the command line), and ``score_many``'s by
    ``("many", count)``."""
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
        progress("writing the plans")
        paths = {size: write_plan(size, self.folder) for size in sizes}
        progress(f"every stage and alternative of {', '.join(f'{s:,}' for s in sizes)} actions,"
                 " in rounds")  # fmt: skip
        # Each stage of each size in a fresh process of its own, as a command runs it: what
        # one stage leaves in memory (ten loads of a large plan) cannot slow the next. Ours is
        # sampled beside the alternative it is measured against, and a stage's sizes one after
        # the other; its growth in one worker that holds both plans: one run of the largest
        # against as many runs of the size below as the sizes differ, so that both samples do
        # the same work, as long, in the same process (the fastest of a short sample, caught in
        # a quick spell of the shared machine, would otherwise be set against that of a long
        # one, which lasts through slow spells too).
        largest, small = max(sizes), sorted(sizes)[-2] if len(sizes) > 1 else 0
        exporters = tuple(sp.get_plugin_manager().exporters)
        beside = {"load": LIBYAML, "docx": PYTHON_DOCX, "xlsx": PANDAS}
        groups = [(stage, beside.get(stage)) for stage in (*STAGES, *exporters)]
        groups += [(name, None) for name in ALTERNATIVES if name not in beside.values()]
        asked: dict[Any, Measurement] = {}
        rounds, growth = {}, set()
        for size, path in paths.items():
            base = (
                sys.executable,
                __file__,
                "--serve",
                str(path),
                "--template",
                str(self.template),
            )
            for ours, theirs in groups:
                for stage in filter(None, (ours, theirs)):
                    asked[size, stage] = ((*base, "--stage", stage), "")
                    rounds[size, stage] = (
                        min(self.repeat, LARGE_REPEAT) if size >= LARGE else self.repeat
                    )
                if small and ours in (*STAGES, *exporters) and size in (small, largest):
                    runs = ("--runs", str(largest // small), "--larger", str(paths[largest]))
                    grows = ((*base, "--stage", ours, *runs), "")
                    asked[size, ours] = (
                        grows if size == small else (asked[small, ours][0], "larger")
                    )
                    rounds[size, ours] = self.repeat
                    growth.add((size, ours))
        # A group's sizes one after the other.
        order = [(size, stage) for group in groups for size in paths for stage in group if stage]
        self.sampled |= in_rounds({k: asked[k] for k in order}, rounds, frozenset(growth))
        for (size, stage), seconds in fastest(self._samples(asked)).items():
            mine = stage in STAGES or stage in exporters
            (self.stages if mine else self.alternatives).setdefault(size, {})[stage] = seconds
        progress("the larger plans' documents, end to end")
        for size, path in paths.items():
            if size > len(sp.load(BIRMINGHAM).actions):
                self._end_to_end(size, path)
        self._many()
        largest = max(sizes)
        progress("peak memory")
        for name in ("docx", "xlsx"):
            out = self.folder / f"out.{name}"
            plan = paths[largest]
            peak = peak_memory(*size_limit(plan), "export", str(plan), "-f", name, "-o", str(out))
            self.peak_mib[f"{name}, {largest:,} actions"] = peak

    def _command_line(self) -> None:
        progress("the command line, in fresh processes")
        honest = plugin_free_python(self.folder / "no-plugins", numpy=False)
        analyst = plugin_free_python(self.folder / "no-plugins-numpy")
        self.honest = honest
        self.template = paper_template(self.folder / "template.docx")
        # Each command beside what it is measured against.
        runs = {"validate": command(honest, "validate", str(BIRMINGHAM))}
        runs[FLOOR] = [honest, "-c", IMPORT_FLOOR]
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
        self.sampled |= interleaved(runs, max(self.repeat, 5))
        self.command_line = fastest(self._samples(runs))
        for name in ("validate", "score"):
            self.heavy_imports[name] = imported_by(runs[name]) & {"docx", "openpyxl", "pluggy"}

    def _documents(self, python: str, plan: Path, where: str = "") -> dict[str, list[str]]:
        """The board paper and the tracker of ``plan`` from the command line and from each
        peer's script, run by ``python``."""
        out = self.folder / "out"
        export = (*size_limit(plan), "export", str(plan))
        return {
            DOCX + where: command(python, *export, "-f", "docx", "-o", f"{out}.docx"),
            DOCXTPL + where: [python, PEERS_SCRIPT, "docxtpl", str(plan), f"{out}.tpl.docx",
                              str(self.template)],
            XLSX + where: command(python, *export, "-f", "xlsx", "-o", f"{out}.xlsx"),
            XLSXWRITER + where: [python, PEERS_SCRIPT, "xlsxwriter", str(plan), f"{out}.w.xlsx"],
            TABLIB + where: [python, PEERS_SCRIPT, "tablib", str(plan), f"{out}.t.xlsx"],
        }  # fmt: skip

    def _end_to_end(self, size: int, path: Path) -> None:
        """The documents of a larger plan, command against script, as an analyst runs them."""
        assert self.honest is not None
        rounds = LARGE_REPEAT if size < LARGE else LARGE_ROUNDS
        runs = {(size, n): argv for n, argv in self._documents(self.honest, path).items()}
        self.sampled |= interleaved(runs, rounds, False)
        self.end_to_end[size] = {n: t for (_, n), t in fastest(self._samples(runs)).items()}

    def _many(self) -> None:
        progress(f"a regional network: score_many of {MANY // 10} and {MANY} plans")
        # One plan of 1,000 actions (the one measured above, if it was), copied: writing each
        # would take a second of the run.
        plan = self.folder / "plan-1000.yaml"
        if not plan.exists():
            write_plan(1_000, self.folder)
        paths = []
        for n in range(MANY):
            folder = self.folder / f"partnership-{n}"
            folder.mkdir()
            paths.append(Path(shutil.copyfile(plan, folder / plan.name)))
        # Both in one worker, the few plans scored as many times as the many are more, so both
        # samples do the same work, as long (see ``measure``).
        argv = (sys.executable, __file__, "--many", *map(str, paths))
        asked = {("many", MANY // 10): (argv, "few"), ("many", MANY): (argv, "")}
        rounds = dict.fromkeys(asked, min(self.repeat, LARGE_REPEAT))
        self.sampled |= in_rounds(asked, rounds, frozenset(asked))
        self.many = {count: t for (_, count), t in fastest(self._samples(asked)).items()}

    def targets(self) -> list[Target]:
        found = self._command_line_targets()
        if self.stages:
            found += self._stage_targets()
        return found

    def _samples(self, keys: Iterable[Any]) -> Samples:
        """The samples of these measurements."""
        return {key: self.sampled[key] for key in keys}

    def ratio(self, top: Any, bottom: Any) -> float:
        """The ratio of two measurements of this run, each its fastest sample."""
        fast = fastest(self._samples((top, bottom)))
        return fast[top] / fast[bottom]

    def _command_line_targets(self) -> list[Target]:
        honest, inflated = FLOOR, FLOOR + NUMPY_THERE
        ratio = self.ratio
        return [
            # Against the floor an analyst's machine has (openpyxl imports numpy there), as
            # first promised...
            Target("CLI board paper of Birmingham / import floor (a), numpy installed",
                   ratio(DOCX + NUMPY_THERE, inflated), 1.5),
            Target("CLI validate / import floor (a), numpy installed", ratio("validate", inflated),
                   0.5),
            Target("CLI score / import floor (a), numpy installed", ratio("score", inflated), 0.5),
            # ... and against the honest floor and the scripts an analyst would write.
            Target("CLI validate / import floor (a)", ratio("validate", honest), 0.5),
            Target("CLI score / import floor (a)", ratio("score", honest), 0.5),
            *(Target(f"CLI {ours} of Birmingham / {peer}{where}",
                     ratio(ours + where, peer + where), 1.0)
              for ours, peer in ((DOCX, DOCXTPL), (XLSX, XLSXWRITER))
              for where in ("", NUMPY_THERE)),
            *(Target(f"CLI {ours} / {peer}, {size:,} actions", ratio((size, ours), (size, peer)),
                     1.0)
              for size in self.end_to_end
              for ours, peer in ((DOCX, DOCXTPL), (XLSX, XLSXWRITER))),
            *([Target("CLI slides of Birmingham (pptx plugin) / its import floor (a')",
                      ratio(PPTX_EXPORT, PPTX_FLOOR), 1.5)]
              if PPTX_EXPORT in self.command_line else []),
        ]  # fmt: skip

    def _stage_targets(self) -> list[Target]:
        largest, small = max(self.stages), sorted(self.stages)[-2] if len(self.stages) > 1 else 0
        ratio = self.ratio
        found = [
            Target(f"python-docx (b) / our docx, {largest:,} actions",
                   ratio((largest, PYTHON_DOCX), (largest, "docx")), 5,
                   at_most=False),
            Target(f"our xlsx / pandas (c), {largest:,} actions",
                   ratio((largest, "xlsx"), (largest, PANDAS)), 1.0),
            *(Target(f"our load / {LIBYAML}, {size:,} actions",
                     ratio((size, "load"), (size, LIBYAML)), 1.0)
              for size in sorted(self.stages)),
        ]  # fmt: skip
        if small:
            for stage in self.stages[largest]:
                found.append(
                    Target(f"{stage}: t({largest:,}) / t({small:,})",
                           ratio((largest, stage), (small, stage)), largest / small * 1.1)
                )  # fmt: skip
        if self.many:
            few, most = min(self.many), max(self.many)
            found.append(
                Target(f"score_many: t({most} plans) / t({few} plans)",
                       ratio(("many", most), ("many", few)), most / few * 1.1)
            )  # fmt: skip
        for what, peak in self.peak_mib.items():
            found.append(Target(f"peak memory, export {what}", peak, 250, unit=" MiB"))
        return found


STAGES = ("load", "score", "report")
"""The stages before the exporters, each of which is a stage too."""

ALTERNATIVES = {
    "docxtpl (e)": lambda copy, template: write("docxtpl", copy, io.BytesIO(), template),
    "xlsxwriter (f)": lambda copy, template: write("xlsxwriter", copy, io.BytesIO()),
    "tablib (g)": lambda copy, template: write("tablib", copy, io.BytesIO()),
    PYTHON_DOCX: lambda copy, template: python_docx_tables(copy),
    PANDAS: lambda copy, template: pandas_to_excel(copy),
}
"""The alternatives doing the same with the same plan: each peer's rendering from a fresh copy
of the loaded plan, as our exporters are; and PyYAML reading the file (``LIBYAML``)."""


MAX_BYTES: int = inspect.signature(sp.load).parameters["max_bytes"].default
"""The largest plan file ``sp.load`` and the commands read unless told otherwise."""


def allowed(path: Path) -> int:
    """The largest plan file to read: the default limit, or the size of a larger plan (of
    100,000 actions, 85 MB), read as a user reads one, with a larger limit."""
    return max(MAX_BYTES, path.stat().st_size)


def size_limit(path: Path) -> tuple[str, ...]:
    """The command line's option for a plan larger than the default limit, as a user gives
    it: ``--max-plan-size`` in megabytes."""
    size = allowed(path)
    return () if size <= MAX_BYTES else ("--max-plan-size", str(-(-size // MIB)))


def stage_sampler(path: Path, stage: str, template: Path | None, runs: int = 0) -> Sampler:
    """One stage (``load``, ``score``, ``report`` or an exporter's name) of the plan at
    ``path``, or one of the alternatives (``ALTERNATIVES``, ``LIBYAML``), ready to time, with
    ``runs`` runs in a sample if given. Each run of a sample works on a plan loaded on its
    own, as a command's one run does, never on one that the run before has just been through:
    ten runs over one plan of 1,000 actions, which the CPU's caches hold, would be quicker than
    the stage of a command, and than one run over a plan ten times the size."""
    if stage == "load":
        return Sampler(lambda _: sp.load(path, max_bytes=allowed(path)), runs=runs)
    if stage == LIBYAML:
        return Sampler(lambda _: libyaml_load(path), runs=runs)
    plans = itertools.cycle([sp.load(path, max_bytes=allowed(path)) for _ in range(max(runs, 1))])
    manager = sp.get_plugin_manager()
    work: dict[str, Callable[[sp.Plan], object]] = {"score": sp.score, "report": sp.report}

    def exporting(copy: sp.Plan) -> None:
        sp.export(copy, stage, io.BytesIO(), plugin_manager=manager)

    def fresh() -> sp.Plan:
        """A fresh copy of a plan for each run: nothing computed by one run helps the next."""
        return attrs.evolve(next(plans))

    def alternative(copy: sp.Plan) -> None:
        ALTERNATIVES[stage](copy, template)

    chosen = alternative if stage in ALTERNATIVES else work.get(stage, exporting)
    # A first run imports what the stage needs (python-docx), not timed: of Birmingham, which
    # does that as well as a plan of 10,000 actions would, in a fraction of the time.
    chosen(attrs.evolve(sp.load(BIRMINGHAM)))
    return Sampler(chosen, fresh, runs)


def _samplers(args: argparse.Namespace) -> dict[str, Sampler]:
    """What a worker times (see ``serve``): ``score_many`` of all the plans given and of the
    first tenth of them ten times a sample, or a stage of a plan, and of a larger plan."""
    if args.many:
        every, few = args.many, args.many[: len(args.many) // 10]
        return {"": Sampler(lambda _: list(sp.score_many(every)), runs=1),
                "few": Sampler(lambda _: list(sp.score_many(few)), runs=10)}  # fmt: skip
    samplers = {"": stage_sampler(args.serve, args.stage, args.template, args.runs)}
    if args.larger:
        samplers["larger"] = stage_sampler(args.larger, args.stage, args.template, 1)
    return samplers


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def tables(run: Run) -> str:
    sizes = sorted(run.stages)
    lines = [
        f"Measured {date.today():%-d %B %Y} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}; "
        f"fastest of {run.repeat} samples of at least {SAMPLE:g} s, in rounds.",
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
        "--samples", type=Path, help="write every sample of every measurement to this JSON file"
    )
    parser.add_argument(
        "--command-line",
        action="store_true",
        help="only the Birmingham commands and scripts in fresh processes (about a minute)",
    )
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)  # a plan, its samples
    parser.add_argument("--stage", help=argparse.SUPPRESS)  # what of it to time
    parser.add_argument("--many", type=Path, nargs="+", help=argparse.SUPPRESS)  # score_many
    parser.add_argument("--template", type=Path, help=argparse.SUPPRESS)  # docxtpl's
    parser.add_argument("--runs", type=int, default=0, help=argparse.SUPPRESS)  # in a sample
    parser.add_argument("--larger", type=Path, help=argparse.SUPPRESS)  # for a growth
    args = parser.parse_args(argv)  # fmt: skip
    if args.many or args.serve:
        serve(_samplers(args))
        return 0
    sizes = sorted(int(size) for size in args.sizes.split(","))
    with tempfile.TemporaryDirectory() as folder:
        run = Run(repeat=args.repeat, folder=Path(folder))
        print(f"Measuring, fastest of {args.repeat} samples:", flush=True)
        if args.command_line:
            run.measure_command_line()
        else:
            run.measure(sizes)
    progress("done")
    if args.samples:
        samples = {" / ".join(map(str, k)) if isinstance(k, tuple) else str(k): v
                   for k, v in run.sampled.items()}  # fmt: skip
        args.samples.write_text(json.dumps(samples, indent=1), encoding="utf-8")
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
