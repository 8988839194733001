"""Shared test set-up: hypothesis profiles and the example plan."""

from __future__ import annotations

import importlib.metadata
import os
import re
import types
import zipfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, settings

import safeguarding_plan as sp
from safeguarding_plan.exporting.discovery import (
    DISABLE_AUTOLOAD,
    EXPORTERS_GROUP,
    TIMESCALES_GROUP,
)
from safeguarding_plan.exporting.exporter import Exporter
from safeguarding_plan.exporting.hookspecs import hookimpl

# CI must be reproducible: the same examples every run, no deadline on shared machines.
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parent.parent
BIRMINGHAM = ROOT / "examples" / "birmingham-2021-23" / "plan.yaml"


@pytest.fixture(scope="session")
def birmingham() -> sp.Plan:
    """The Birmingham 2021/23 plan with its February 2022 review."""
    return sp.load(BIRMINGHAM)


def without_paper(text: str) -> str:
    """A plan file's ``text`` without its ``paper`` (at the top and in each review) and its
    ``restricted_words``: Birmingham's tables alone, for a test that gives them its own."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert isinstance(root, yaml.MappingNode)
    nodes = [(k, v) for k, v in root.value if k.value in ("paper", "restricted_words")]
    for key, reviews in root.value:
        if key.value == "reviews":
            nodes += [
                (k, v) for review in reviews.value for k, v in review.value if k.value == "paper"
            ]
    cut = {n for key, value in nodes for n in range(key.start_mark.line, value.end_mark.line)}
    return "".join(line for n, line in enumerate(text.splitlines(True)) if n not in cut)


def rewrite_cell(
    path: Path, address: str, text: str, part: str = "xl/worksheets/sheet2.xml"
) -> None:
    """Put ``text`` in the text cell ``address`` (``I2``) of a tracker the exporter wrote, in
    the XML of its sheet ``part`` (Birmingham's Actions sheet by default): as any program may,
    though openpyxl cuts what it writes at 32,767 characters."""
    cell = re.compile(rf'(<c r="{address}"[^>]*t="inlineStr"><is><t[^>]*>)[^<]*(</t>)')
    with zipfile.ZipFile(path) as archive:
        parts = [(item, archive.read(item)) for item in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for item, data in parts:
            if item.filename != part:
                archive.writestr(item, data)
                continue
            xml, found = cell.subn(lambda m: m[1] + escape(text) + m[2], data.decode())
            assert found == 1, address
            archive.writestr(item, xml.encode())


def fill_in(path: Path, edits: dict[tuple[str, str], object]) -> Path:
    """What a lead types into a tracker the exporter wrote, saved as a spreadsheet program
    would: ``{(action id, column heading): value}`` on its Actions sheet."""
    import openpyxl  # only the tests of trackers need it

    from safeguarding_plan.formats.xlsx import layout as tracker

    book = openpyxl.load_workbook(path)
    sheet = book[tracker.ACTIONS]
    header = [c.value for c in sheet[1]]
    rows = {row[header.index(tracker.ACTION_ID)].value: row for row in sheet.iter_rows(min_row=2)}
    for (action_id, column), value in edits.items():
        rows[action_id][header.index(column)].value = value
    book.save(path)
    return path


def answer_every_row(path: Path, note: str = "No change since the last review.") -> Path:
    """A lead's form returned with an update written on each row that has none: a row left as
    the form was sent is no return."""
    import openpyxl

    from safeguarding_plan.formats.xlsx import layout as tracker

    book = openpyxl.load_workbook(path)
    sheet = book[tracker.ACTIONS]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if (
            row[header.index(tracker.ACTION_ID)].value
            and row[header.index(tracker.UPDATE)].value is None
        ):
            row[header.index(tracker.UPDATE)].value = note
    book.save(path)
    return path


def two_reviews() -> sp.Plan:
    """A two-action plan with two reviews: 1.1 newly complete and better, 1.2 worse."""
    return sp.loads(
        """\
format: safeguarding-plan/1
partnership: {name: Anytown Safeguarding Children Partnership}
plan: {title: Business Improvement Plan, period: 2021/23}
ratings: faces
priorities:
  - id: "1"
    title: Leadership
    actions:
      - {id: "1.1", text: Publish the annual report, lead: Business Unit, due: by July 2021}
      - {id: "1.2", text: Run the assembly, lead: Independent Chair, due: by March 2022}
reviews:
  - id: 2021-11
    title: November 2021 – Update
    as_of: 2021-10-31
    updates:
      "1.1": {progress: in-progress, rating: neutral, note: Drafting}
      "1.2": {progress: in-progress, rating: happy, note: Booked}
  - id: 2022-02
    title: February 2022 – Update
    as_of: 2022-01-31
    updates:
      "1.1": {progress: complete, rating: happy, note: Published}
      "1.2": {progress: in-progress, rating: frown, note: Postponed}
"""
    )


def larger_plan(per_priority: int, scale: str) -> sp.Plan:
    """Five priorities of ``per_priority`` actions each, on a built-in scale, not reviewed."""
    priorities = tuple(
        sp.Priority(
            id=str(p),
            title=f"Priority title {p}",
            actions=tuple(
                sp.Action(id=f"{p}.{a}", text=f"Action {p}.{a} text", lead=f"Lead {a % 7}")
                for a in range(1, per_priority + 1)
            ),
        )
        for p in range(1, 6)
    )
    return sp.Plan(
        partnership=sp.Partnership(name="Anytown"),
        title="Plan",
        ratings=sp.RATING_SCALES[scale],
        priorities=priorities,
    )


def with_case_reviews() -> sp.Plan:
    """``two_reviews()`` with three case reviews: a rapid review that notified the national
    panel late, a local review still to publish (its subject restricted), and a national
    review; two recommendations, one implemented (1.1 is complete), one not (1.2 is not)."""
    plan = two_reviews()

    def on(text: str, when: date) -> sp.Due:
        return sp.Due(text, when)

    day_of = date

    reviews = (
        sp.CaseReview(
            id="RR-2021-03",
            kind=sp.CaseReviewKind.RAPID_REVIEW,
            title="Rapid review of a serious incident",
            subject="Child K",
            dates={
                "incident": on("2021-11-29", day_of(2021, 11, 29)),
                "became_aware": on("2021-12-01", day_of(2021, 12, 1)),
                "notified": on("2021-12-10", day_of(2021, 12, 10)),
                "rapid_review_completed": on("2021-12-23", day_of(2021, 12, 23)),
            },
            status=sp.CaseReviewStatus.COMPLETED,
            themes=("daily-life", "information-sharing"),
            recommendations=(sp.Recommendation("R1", "Publish what the review found", ("1.1",)),),
        ),
        sp.CaseReview(
            id="LCSPR-1",
            kind=sp.CaseReviewKind.LCSPR,
            title="Local review: support for families with newborn babies",
            subject="Baby L",
            dates={"initiated": on("2021-06-01", day_of(2021, 6, 1))},
            status=sp.CaseReviewStatus.IN_PROGRESS,
            themes=("critical-thinking", "safe-sleep"),
            recommendations=(
                sp.Recommendation("R1", "Run the safeguarding assembly on safe sleep", ("1.2",)),
            ),
        ),
        sp.CaseReview(
            id="NR-2022",
            kind=sp.CaseReviewKind.NATIONAL_REVIEW,
            title="'Out of Routine'",
            dates={"published": on("September 2020", day_of(2020, 9, 30))},
            status=sp.CaseReviewStatus.PUBLISHED,
            themes=("reluctant-engagement",),
        ),
    )
    return attrs.evolve(
        plan,
        case_reviews=reviews,
        practice_themes=(sp.PracticeTheme("safe-sleep", "Safe sleeping for babies"),),
    )


def acme_plugin(write: Callable[..., None], **declared: object) -> types.ModuleType:
    """A plugin module whose hook registers the exporter ``acme`` (``.txt``, plain text) with
    ``write`` and what else it ``declared`` (its options, whether it is ``yearly``)."""
    plugin = types.ModuleType("acme_plugin")

    @hookimpl
    def register_exporters(register: Callable[[Exporter], None]) -> None:
        register(
            Exporter(
                name="acme", title="Acme", suffix=".txt", media_type="text/plain", write=write,
                **declared,  # type: ignore[arg-type]
            )
        )  # fmt: skip

    plugin.register_exporters = register_exporters  # type: ignore[attr-defined]
    return plugin


class EntryPoint:
    """Stands in for an installed distribution's entry point, and for what the distribution
    declares the plugin provides: the names of ``exporters`` and timescale ``steps``."""

    def __init__(
        self,
        name: str,
        load: Callable[[], object],
        dist: str = "acme-exporters",
        *,
        exporters: Sequence[str] = (),
        steps: Sequence[str] = (),
    ) -> None:
        self.name = name
        self.value = f"{dist.replace('-', '_')}.{name}"
        self._load = load
        declared = [(EXPORTERS_GROUP, each) for each in exporters]
        declared += [(TIMESCALES_GROUP, each) for each in steps]
        points = [types.SimpleNamespace(group=g, name=n, value=self.value) for g, n in declared]
        self.dist = types.SimpleNamespace(name=dist, version="1.2.3", entry_points=points)

    def load(self) -> object:
        return self._load()


@pytest.fixture
def entry_points(monkeypatch: pytest.MonkeyPatch) -> list[EntryPoint]:
    """Fake installed plugins: append entry points to the list this returns."""
    installed: list[EntryPoint] = []

    def fake(*, group: str) -> list[EntryPoint]:
        return installed if group == "safeguarding_plan" else []

    monkeypatch.setattr(importlib.metadata, "entry_points", fake)
    monkeypatch.delenv(DISABLE_AUTOLOAD, raising=False)
    return installed
