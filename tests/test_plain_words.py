"""Case reviews, statuses and the key in plain words, read back from every built-in document.

A case review is named by its title, never its id; its timing is a readable line for each
step, and one line for the steps that cannot be timed; the summary counts the reviews whose
timing cannot be judged instead of calling them on time; a missing status has one wording; the
practice themes listed are those a review records. A status says the progress and the rating
once each, and the key names each rating's RAG colour. The HTML plugin's page is read the same
way in the plugin's own tests.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import docx
import gfm
import openpyxl
import pytest
from conftest import BIRMINGHAM, without_paper
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st

import safeguarding_plan as sp
from safeguarding_plan.formats.palette import RAG_FILL
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.model.casereviews import NATIONAL_THEMES
from safeguarding_plan.reporting.sentences import (
    exception_status,
    learning_sentence,
    status_text,
)
from safeguarding_plan.reporting.wording import WORDS
from safeguarding_plan.scoring.learning import CaseReviewScore, LearningScore, StepScore
from safeguarding_plan.testing import learning_plan_path
from safeguarding_plan.words import plural

MANAGER = sp.get_plugin_manager(autoload=False)
PLANS: dict[str, Callable[[], sp.Plan]] = {
    "birmingham": lambda: sp.load(BIRMINGHAM),
    "anytown": lambda: sp.load(learning_plan_path()),
}
DOCUMENTS = ("docx", "xlsx", "md", "json")

OLD_TIMING = re.compile(r"not known|no [\w ]+ date recorded|\(within \d+")
"""The machine's wording of a step: "Notify the national panel: not known, no became aware
date recorded", "on time, in 4 working days (within 5 working days)"."""
OLD_STATUS = re.compile(r"\((?:not started|in progress|complete|deferred|cancelled)\)|; rated red")
"""The old status: "Good progress (in progress)", "Overdue; rated red. Red (in progress)"."""
UNJUDGED = "The timing of 2 reviews cannot be judged: dates are not recorded."


def export(plan: sp.Plan, name: str) -> bytes:
    out = io.BytesIO()
    sp.export(plan, name, out, plugin_manager=MANAGER)
    return out.getvalue()


# --- every text a reader meets ------------------------------------------------------------------


def _docx(data: bytes) -> Iterator[str]:
    """Each paragraph, table cells' own included."""
    body = docx.Document(io.BytesIO(data)).element.body
    for paragraph in body.iter(qn("w:p")):
        yield "".join(t.text or "" for t in paragraph.iter(qn("w:t")))


def _xlsx(data: bytes) -> Iterator[str]:
    """Each line of each cell of the sheets a reader sees."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        if sheet.sheet_state == "visible":
            for row in sheet.iter_rows(values_only=True):
                for value in row:
                    if isinstance(value, str):
                        yield from value.split("\n")


def _md(data: bytes) -> Iterator[str]:
    """Each line of each heading, paragraph and cell, as GitHub shows it."""
    for _, text in gfm.seen(data.decode()).blocks:
        yield from text.split("\n")


DATA = frozenset({"id", "score", "steps"})
"""What the JSON holds for programs, not words for people: ids, the score and each step's
timeliness as the score gives it (``not known``). These may keep ids and the score's words."""


def _json(data: bytes) -> Iterator[str]:
    """Every text value but those under ``DATA``'s keys."""

    def values(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in DATA:
                    yield from values(item)
        elif isinstance(value, list):
            for item in value:
                yield from values(item)

    yield from values(json.loads(data))


TEXTS: dict[str, Callable[[bytes], Iterator[str]]] = {
    "docx": _docx,
    "xlsx": _xlsx,
    "md": _md,
    "json": _json,
}


def texts(plan: sp.Plan, name: str) -> list[str]:
    return list(TEXTS[name](export(plan, name)))


@pytest.fixture(scope="module", params=sorted(PLANS))
def plan(request: pytest.FixtureRequest) -> sp.Plan:
    return PLANS[request.param]()


# --- case reviews -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DOCUMENTS)
def test_a_review_is_named_by_its_title_never_its_id(plan: sp.Plan, name: str) -> None:
    found = texts(plan, name)
    for review in plan.case_reviews:
        named = re.compile(rf"(?<![\w-]){re.escape(review.id)}(?![\w-])")
        assert not [t for t in found if named.search(t)], review.id
        assert any(review.title in t for t in found), review.title
    if name == "json":  # the ids stay, as data
        reviews = json.loads(export(plan, name))["learning"]["reviews"]
        assert [r["id"] for r in reviews] == [r.id for r in plan.case_reviews]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_timing_is_a_readable_line_for_each_step(plan: sp.Plan, name: str) -> None:
    found = texts(plan, name)
    assert not [t for t in found if OLD_TIMING.search(t)]
    learning = sp.report(plan).learning
    assert learning is not None
    for review in learning.reviews:
        for line in review.timeliness:
            assert line in found, line


def test_birminghams_reviews_are_timed_as_their_dates_allow() -> None:
    learning = sp.report(PLANS["birmingham"]()).learning
    assert learning is not None
    assert {r.title[:20]: r.timeliness for r in learning.reviews if r.timeliness} == {
        # A published local review that records only when it was published.
        "'Reachable Moments':": (
            "3 steps cannot be timed, as the plan does not record when the partnership became "
            "aware, when the national panel was notified or when the review was initiated.",
        ),
        # One that records no date at all says so once, not once for each step.
        "Support for vulnerab": ("No dates are recorded, so its timescales cannot be checked.",),
    }


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_summary_counts_reviews_it_cannot_time(name: str) -> None:
    found = texts(PLANS["birmingham"](), name)
    summary = f"5 case reviews. 2 of 4 recommendations implemented (50%). {UNJUDGED}"
    assert any(t.startswith(summary) for t in found)  # the tracker adds where they are listed
    assert not [t for t in found if "No review is late" in t]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_late_reviews_are_counted_and_none_is_said_on_time_unseen(name: str) -> None:
    found = texts(PLANS["anytown"](), name)
    summary = "3 case reviews. 1 of 2 recommendations implemented (50%). 2 reviews are late."
    assert any(t.startswith(summary) for t in found)
    assert not [t for t in found if "No review is late" in t]


def _score(*timings: tuple[str, ...]) -> LearningScore:
    """A learning score whose reviews' steps have these timings."""

    def step(timeliness: str) -> StepScore:
        known = timeliness != "not known"
        late = 1 if timeliness in ("late", "overdue") else 0
        return StepScore(
            "notified",
            "Notify the national panel",
            timeliness,
            date(2022, 1, 4) if known else None,
            3 if known else None,
            late if known else None,
            "working-days",
        )

    reviews = tuple(
        CaseReviewScore(f"r{n}", "lcspr", None, tuple(step(t) for t in steps), (), 0)
        for n, steps in enumerate(timings)
    )
    late = tuple(r.id for r in reviews if {s.timeliness for s in r.steps} & {"late", "overdue"})
    return LearningScore(reviews, 0, 0, None, (), late)


@pytest.mark.parametrize(
    ("timings", "said"),
    [
        ((("on time",), ()), "No review is late."),
        ((("on time",), ("not known",)), "No review with its dates recorded is late. "
         "The timing of 1 review cannot be judged: dates are not recorded."),
        ((("not known", "on time"),), "The timing of 1 review cannot be judged: dates are not "
         "recorded."),
        ((("late", "not known"), ("not known",)), "1 review is late. The timing of 1 review "
         "cannot be judged: dates are not recorded."),
        (((), ()), ""),  # no timescale applies: nothing to say of timing
    ],
)  # fmt: skip
def test_what_the_summary_says_of_timing(timings: tuple[tuple[str, ...], ...], said: str) -> None:
    sentence = learning_sentence(_score(*timings))
    start = f"{plural(len(timings), 'case review')}. No recommendations recorded yet."
    assert sentence == f"{start} {said}".strip()


def test_a_missing_status_has_one_wording_in_every_document() -> None:
    plan = PLANS["birmingham"]()
    (unstated,) = [r for r in plan.case_reviews if r.status is None]
    paper = docx.Document(io.BytesIO(export(plan, "docx")))
    reviews = next(t for t in paper.tables if t.rows[0].cells[0].text == WORDS.review)
    statuses = {row.cells[0].paragraphs[0].text: row.cells[2].text for row in reviews.rows[1:]}
    assert statuses[unstated.title] == WORDS.not_recorded

    markdown = dict(gfm.seen(export(plan, "md").decode()).tables)
    rows = markdown[WORDS.case_reviews]
    status = rows[0].index(WORDS.status)
    assert {row[0]: row[status] for row in rows[1:]}[unstated.title] == WORDS.not_recorded

    book = openpyxl.load_workbook(io.BytesIO(export(plan, "xlsx")))
    sheet = list(book[tracker.REVIEWS].iter_rows(values_only=True))
    status = sheet[0].index(WORDS.status)
    assert {row[0]: row[status] for row in sheet[1:6]}[unstated.title] == WORDS.not_recorded

    learning = json.loads(export(plan, "json"))["learning"]
    (shown,) = [r for r in learning["reviews"] if r["id"] == unstated.id]
    assert (shown["status"], shown["status_label"]) == (None, WORDS.not_recorded)


@pytest.mark.parametrize("name", ["docx", "md", "json"])
def test_practice_themes_no_review_records_are_one_sentence(name: str) -> None:
    # Without the paper, whose narrative quotes the presentation's six themes.
    plan = sp.loads(without_paper(BIRMINGHAM.read_text(encoding="utf-8")))
    found = texts(plan, name)
    national = {t.label for t in NATIONAL_THEMES}
    assert not [t for t in found if t in national]
    if name == "json":
        assert json.loads(export(plan, name))["learning"]["themes"] == []
    else:
        assert WORDS.no_practice_themes in found


@pytest.mark.parametrize("name", DOCUMENTS)
def test_only_the_practice_themes_a_review_records_are_listed(name: str) -> None:
    plan = PLANS["anytown"]()
    found = texts(plan, name)
    raised = {t for r in plan.case_reviews for t in r.themes}
    for theme in (*NATIONAL_THEMES, *plan.practice_themes):
        assert (theme.label in found) is (theme.id in raised), theme.label


# --- statuses -----------------------------------------------------------------------------------


def repeated(text: str, *parts: str) -> list[str]:
    """The words said more than once in ``text``, but for a word that ``parts`` (the progress and
    the rating, as written) share: "In progress – 😊 good progress" says each of them once."""
    words = re.findall(r"\w+", text.lower())
    shared = set.intersection(*(set(re.findall(r"\w+", p.lower())) for p in parts))
    return sorted({w for w in words if words.count(w) > 1 and w not in shared})


def _said(text: str, words: str) -> int:
    """How many times ``text`` says ``words``, as whole words in any case."""
    return len(re.findall(rf"(?<!\w){re.escape(words.lower())}(?!\w)", text.lower()))


SCALES = st.sampled_from(list(sp.RATING_SCALES.values()))


@given(scale=SCALES, data=st.data())
def test_a_status_says_the_progress_and_the_rating_once_each(
    scale: sp.RatingScale, data: st.DataObject
) -> None:
    progress = data.draw(st.sampled_from(sp.Progress))
    rating = data.draw(st.none() | st.sampled_from(scale.ratings))
    overdue = data.draw(st.booleans())
    status = status_text(progress, rating)
    rated = rating.label if rating else WORDS.not_yet_rated
    assert repeated(status, progress.label, rated) == []
    assert _said(status, progress.label) == 1
    assert _said(status, rated) == 1
    assert "(" not in status
    if rating is not None and rating.symbol:
        assert status.count(rating.symbol) == 1
    why = exception_status(overdue, progress, rating)
    assert why.endswith(status[1:])  # the same status, after why it is listed
    assert repeated(why, progress.label, rated) == []
    red = rating is not None and rating.rag is sp.Rag.RED
    assert _said(why, "red") == red
    assert _said(why, "overdue") == overdue


@pytest.mark.parametrize("name", ["docx", "md", "json"])
def test_every_document_shows_the_new_status(plan: sp.Plan, name: str) -> None:
    found = texts(plan, name)
    assert not [t for t in found if OLD_STATUS.search(t)]
    report = sp.report(plan)
    for row in report.rows:
        assert row.status in found
        assert (
            repeated(row.status, row.progress.label, row.rating.label if row.rating else "") == []
        )
    if name != "json":  # the data lists the exceptions by id
        for row in report.exceptions:
            assert row.exception_status in found


def test_the_old_and_the_new_birmingham_statuses() -> None:
    report = sp.report(PLANS["birmingham"]())
    rows = {row.id: row for row in report.rows}
    assert rows["1.1"].status == "Complete – 😊 good progress"
    assert rows["4.1"].status == "In progress – ☹️ limited progress"
    assert rows["4.1"].exception_status == "Overdue and red: in progress – ☹️ limited progress"
    assert rows["2.9"].exception_status == "Overdue: deferred – 😐 some progress"


def test_a_rating_that_names_its_colour_says_it_once() -> None:
    red = sp.RATING_SCALES["rag"]["red"]
    assert status_text(sp.Progress.IN_PROGRESS, red) == "In progress – red"
    assert exception_status(True, sp.Progress.IN_PROGRESS, red) == "Overdue: in progress – red"
    assert exception_status(False, sp.Progress.IN_PROGRESS, red) == "In progress – red"


# --- the key ------------------------------------------------------------------------------------


KEY = [
    ["😊", "Good progress", "Green", "Achieved, or on track to be achieved on time"],
    ["😐", "Some progress", "Amber", "Under way but behind plan, or partly achieved"],
    ["☹️", "Limited progress", "Red", "Delayed or deferred; needs the Board's attention"],
    ["😞", "No progress", "Red", "Not started or stalled; needs the Board's action"],
]


def test_the_markdown_key_names_each_colour() -> None:
    tables = dict(gfm.seen(export(PLANS["birmingham"](), "md").decode()).tables)
    assert tables[WORDS.key] == [["Symbol", "Rating", "RAG", "Meaning"], *KEY]


def test_the_tracker_key_names_and_shades_each_colour() -> None:
    book = openpyxl.load_workbook(io.BytesIO(export(PLANS["birmingham"](), "xlsx")))
    sheet = book[tracker.KEY]
    rows = [list(row[:4]) for row in sheet.iter_rows(max_row=5, values_only=True)]
    assert rows == [["Symbol", "Rating", "RAG", "Meaning"], *KEY]
    fills = [
        [sheet.cell(row, column).fill.fgColor.rgb[-6:] for column in (2, 3)] for row in range(2, 6)
    ]
    assert fills == [[RAG_FILL[sp.Rag[colour.upper()]]] * 2 for _, _, colour, _ in KEY]


def test_the_json_key_gives_each_colour() -> None:
    key = json.loads(export(PLANS["birmingham"](), "json"))["key"]
    assert [(k["label"], k["rag"]) for k in key] == [(k[1], k[2].lower()) for k in KEY]
