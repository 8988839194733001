"""Every exporter, fuzzed with hostile text in every text field of a plan.

The exporters are whatever the plugin manager provides, so a new built-in is fuzzed as soon as it
is registered, and the suite fails until it has a reader here. Each document is read back as its
readers would read it and checked for four things:

1. it was written: the only failure allowed is the tracker's refusal of a text longer than an
   Excel cell (32,767 UTF-16 units after cleaning), and exactly then;
2. no formula: no cell of the workbook is a formula and its own drop-down and colour rules are
   the only formulas in it; the board paper has no field but the footer's page numbers;
3. no markup: the Markdown parses to headings, tables and text with ``<br>`` (and the empty
   ``<wbr>`` that keeps an address from becoming a link) as the only HTML, no link, image or
   code, rendered as GitHub renders it (cmark-gfm, autolinks on) and by markdown-it with
   linkify, which links bare domains too; the board paper has no hyperlink and only the
   elements it is built of; every JSON string is plain;
4. nothing silently lost: each text shows as ``clean(text)`` where it belongs (in Markdown, as
   both renderers show it, each line trimmed as a table cell trims it).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from html import unescape as html_unescape
from typing import Any
from urllib.parse import unquote

import attrs
import docx
import gfm
import openpyxl
import pytest
from conftest import two_reviews
from defusedxml.ElementTree import fromstring
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it.token import Token
from strategies import NASTY_SNIPPETS, ids, long_texts, plans, texts

import safeguarding_plan as sp
from safeguarding_plan import markup
from safeguarding_plan.errors import shown
from safeguarding_plan.formats.xlsx import layout as tracker
from safeguarding_plan.markup import Span
from safeguarding_plan.model.paper import Place, title_line
from safeguarding_plan.model.plan import Audience
from safeguarding_plan.reporting.contents import ActionRow, LearningSection, Report
from safeguarding_plan.text import clean

MANAGER = sp.get_plugin_manager(autoload=False)

NAMED = (
    "\x00\x01\x08\x0b\x0c\x0e\x1b[31m\x1f\x7f",  # C0 controls and DEL
    "\ufffe\uffff",
    "lone \ud800 high",
    "lone \udfff low",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.org/x","click")',
    "+1",
    "@SUM(1)",
    "-2+3",
    "<script>alert(1)</script>",
    "](javascript:alert(1))",
    "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "a | b || c |",
    "`tick` ``two`` ```",
    "{{ template }}",
    "%s %d %(name)s",
    "right-to-left שלום עולם مرحبا",
    "\u202eoverride\u202c and \u200f",
    "e\u0301\u0308 \u0301 leading mark",
    "👩🏽‍⚕️ 🏳️‍🌈 👨‍👩‍👧‍👦",
    "carriage\r\nreturn\rline",
    "heading ends #",
    "_x0041_ and _x005F_",
    "\u00a0 \t",  # only space
    "see https://example.org, www.example.org or jo@example.org; @jo #12 GH-3",
)
"""Strings known to break document writers, each distinct once cleaned."""

EVERY = " ".join(NAMED)

# --- hostile text and plans -------------------------------------------------------------------

_ANY_CHARACTER = st.characters(exclude_categories=())  # lone surrogates included
_PIECES = st.one_of(
    st.sampled_from(NAMED),
    st.sampled_from(NASTY_SNIPPETS),
    st.text(_ANY_CHARACTER, min_size=1, max_size=6),
)
HOSTILE = st.one_of(
    st.sampled_from(NAMED),
    st.lists(_PIECES, min_size=1, max_size=5).map("".join),
    texts(long=False),
)
"""Non-empty hostile text of up to a few dozen characters."""
HOSTILE_LONG = st.one_of(HOSTILE, long_texts(200, 1500))
"""Hostile text, sometimes a paragraph (for action text and updates)."""
HOSTILE_IDS = st.one_of(ids(), HOSTILE)
_DAYS = st.dates(date(2021, 1, 1), date(2023, 6, 30))


def _distinct(count: int, strategy: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """``count`` texts that stay distinct once cleaned: every document shows two ids that differ
    only in characters it cannot carry as the same id."""
    return st.lists(strategy, min_size=count, max_size=count, unique_by=clean)


@st.composite
def _scales(draw: st.DrawFn) -> sp.RatingScale:
    """A built-in scale, or one written in the plan with hostile keys, words and symbols."""
    if draw(st.booleans()):
        return draw(st.sampled_from(list(sp.RATING_SCALES.values())))
    count = draw(st.integers(1, 4))
    keys = draw(_distinct(count, HOSTILE_IDS))
    return sp.RatingScale(
        ratings=tuple(
            sp.Rating(
                key,
                draw(HOSTILE),
                draw(st.sampled_from(sp.Rag)),
                order,
                symbol=draw(st.none() | HOSTILE),
                meaning=draw(st.none() | HOSTILE),
            )
            for order, key in enumerate(keys)
        )
    )


_DUE = st.builds(sp.Due, HOSTILE, _DAYS)


@st.composite
def hostile_plans(draw: st.DrawFn) -> sp.Plan:
    """A plan with hostile text in every text field (the paper's title block too), and reviews
    that rate, revise due dates and note, so that exceptions and changes show hostile text
    too."""
    scale = draw(_scales())
    sizes = draw(st.lists(st.integers(0, 3), min_size=1, max_size=3))
    action_ids = iter(draw(_distinct(sum(sizes), HOSTILE_IDS)))
    priorities = tuple(
        sp.Priority(
            id=priority_id,
            title=draw(HOSTILE_LONG),
            actions=tuple(
                sp.Action(
                    next(action_ids),
                    draw(HOSTILE_LONG),
                    lead=draw(st.none() | HOSTILE),
                    due=draw(st.none() | _DUE),
                    themes=tuple(draw(st.lists(HOSTILE, max_size=2))),
                    restricted=draw(st.booleans()),
                )
                for _ in range(size)
            ),
        )
        for priority_id, size in zip(draw(_distinct(len(sizes), HOSTILE_IDS)), sizes, strict=True)
    )
    every_action = [a.id for p in priorities for a in p.actions]
    update = st.builds(
        sp.ActionUpdate,
        progress=st.none() | st.sampled_from(sp.Progress),
        rating=st.none() | st.sampled_from(scale.keys),
        note=st.none() | HOSTILE_LONG,
        due=st.none() | _DUE,
    )
    days = sorted(draw(st.lists(_DAYS, max_size=3, unique=True)))
    review_ids = draw(_distinct(len(days), HOSTILE_IDS))
    reviews = tuple(
        sp.Review(
            id=review_id,
            title=draw(HOSTILE),
            as_of=as_of,
            updates={
                a: draw(update)
                for a in (draw(st.lists(st.sampled_from(every_action), unique=True)))
            }
            if every_action
            else {},
        )
        for review_id, as_of in zip(review_ids, days, strict=True)
    )
    start = draw(st.dates(date(2020, 1, 1), date(2022, 12, 31)))
    # The title block of the board's paper, each line the report's default or hostile text
    # a title block holds (one line, not too long: a Paper refuses anything else).
    one = texts(long=False).filter(lambda text: title_line(text) is None)
    line = st.none() | one
    paper = sp.Paper(
        meeting=draw(line),
        date=draw(st.none() | _DAYS),
        report_of=draw(line),
        presented_by=tuple(draw(st.lists(one, max_size=2))),
        marking=draw(line),
    )
    return sp.Plan(
        partnership=sp.Partnership(
            name=draw(HOSTILE),
            short_name=draw(st.none() | HOSTILE),
            people=(sp.Person(draw(HOSTILE), draw(HOSTILE)),),
        ),
        title=draw(HOSTILE),
        ratings=scale,
        priorities=priorities,
        reviews=reviews,
        period=draw(st.none() | st.just(sp.Period(start, date(2023, 3, 31), draw(HOSTILE)))),
        paper=paper,
    )


def _ids_stay_distinct(plan: sp.Plan) -> bool:
    """Whether the ids documents key things by stay distinct once cleaned (see _distinct)."""
    return all(
        len({clean(i) for i in group}) == len(group)
        for group in (
            [p.id for p in plan.priorities],
            [a.id for a in plan.actions],
            list(plan.ratings.keys),
        )
    )


ANY_PLAN = st.one_of(
    hostile_plans(),
    plans(max_priorities=3, max_actions=3, max_reviews=3).filter(_ids_stay_distinct),
)

# --- what every document shows ----------------------------------------------------------------


def _units(text: str) -> int:
    """Characters as Excel counts them: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _tracker_texts(report: Report) -> Iterator[str]:
    """Every text of the report the tracker writes to a cell."""
    yield from (report.title, report.partnership, report.plan_title, report.ratings)
    yield from (report.period or "", report.review_id or "", report.review_title or "")
    for section in report.priorities:
        yield from (section.id, section.title, section.ratings)
    for row in report.rows:
        yield from (row.priority_id, row.id, row.text, row.lead or "", row.due or "")
        yield row.note or ""
    for rating in report.key:
        yield from (rating.label, rating.symbol or "", rating.meaning or "")


def _too_long_for_a_cell(report: Report) -> bool:
    return any(_units(clean(text)) > tracker.CELL_LIMIT for text in _tracker_texts(report))


TOO_LONG = re.compile(r"is [\d,]+ characters; an Excel cell holds at most 32,767\Z")

# --- json -------------------------------------------------------------------------------------


def _strings(value: Any) -> Iterator[str]:
    """Every string of a JSON document, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    assert len(keys) == len(set(keys)), keys
    return dict(pairs)


def _or_none(text: str | None) -> str | None:
    return None if text is None else clean(text)


def read_json(report: Report, data: bytes) -> None:
    document = json.loads(
        data.decode("utf-8", errors="strict"),
        object_pairs_hook=_no_duplicate_keys,
        parse_constant=lambda constant: pytest.fail(f"{constant} is not JSON"),
    )
    for text in _strings(document):
        assert clean(text) == text, f"not plain: {text!r}"

    assert document["partnership"] == clean(report.partnership)
    assert document["short_name"] == _or_none(report.short_name)
    assert document["plan"] == clean(report.plan_title)
    assert document["period"] == _or_none(report.period)
    assert document["review"] == _or_none(report.review_id)
    assert document["review_title"] == _or_none(report.review_title)
    assert [(p["id"], p["title"], p["heading"]) for p in document["priorities"]] == [
        (clean(s.id), clean(s.title), clean(s.heading)) for s in report.priorities
    ]
    found = [a for p in document["priorities"] for a in p["actions"]]
    assert len(found) == len(report.rows)
    for shown_row, row in zip(found, report.rows, strict=True):
        rating = row.rating
        assert shown_row == shown_row | {
            "priority": clean(row.priority_id),
            "id": clean(row.id),
            "text": clean(row.text),
            "lead": _or_none(row.lead),
            "due": _or_none(row.due),
            "note": _or_none(row.note),
            "rating": _or_none(rating.key if rating else None),
            "rating_label": _or_none(rating.label if rating else None),
            "rating_symbol": _or_none(rating.symbol if rating else None),
            "status": clean(row.status),
            "withheld": row.withheld,
        }
    assert [(k["key"], k["label"], k["symbol"], k["meaning"]) for k in document["key"]] == [
        (clean(r.key), clean(r.label), _or_none(r.symbol), _or_none(r.meaning)) for r in report.key
    ]
    assert document["exceptions"] == [clean(r.id) for r in report.exceptions]
    learning = report.learning
    if learning is None:
        assert document["learning"] is None
    else:
        shown_learning = document["learning"]
        assert shown_learning["summary"] == clean(learning.summary)
        assert [(r["id"], r["title"], r["subject"]) for r in shown_learning["reviews"]] == [
            (clean(r.id), clean(r.title), _or_none(r.subject)) for r in learning.reviews
        ]
        assert [[c["text"] for c in r["recommendations"]] for r in shown_learning["reviews"]] == [
            [clean(c.text) for c in r.recommendations] for r in learning.reviews
        ]
    score = document["score"]
    assert list(score["by_priority"]) == [clean(s.id) for s in report.priorities]
    assert list(score["by_rating"]) == [clean(r.key) for r in report.key]
    changes = report.changes
    if changes is None:
        assert document["changes"] is None
    else:
        assert document["changes"] == {
            "previous": clean(changes.previous_id),
            "previous_title": clean(changes.previous_title),
            "rows": [
                {
                    "kind": c.kind,
                    "action": clean(c.action_id),
                    "before": clean(c.before),
                    "after": clean(c.after),
                }
                for c in changes.rows
            ],
        }


# --- xlsx -------------------------------------------------------------------------------------

SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
# The tracker's own formulas: drop-down lists and colour rules that point at the Key sheet, and
# the chart's ranges on the Summary. Plan text is never part of one.
OWN_FORMULAS = re.compile(
    r"'Key'!\$[BF]\$2:\$[BF]\$\d+"
    r"|EXACT\(\$[A-J]2,'Key'!\$B\$\d+\)"
    r"|'Summary'!\$?[AE]\$?\d+(:\$[AE]\$\d+)?"
    r"|'(?:Actions|Measures)'!\$1:\$1"
)
FORMULA_START = ("=", "+", "-", "@")


def _cells_are_never_formulas(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        assert not [n for n in names if "externalLink" in n or "vbaProject" in n], names
        for name in names:
            if not name.endswith((".xml", ".rels")):
                continue
            root = fromstring(package.read(name))
            for element in root.iter():
                assert not element.tag.endswith("}hyperlink"), name
                assert element.get("TargetMode") != "External", name
            if name.startswith("xl/worksheets/sheet"):
                for cell in root.iter(f"{SHEET}c"):
                    assert cell.find(f"{SHEET}f") is None, f"a formula in {name}"
                    assert cell.get("t", "n") in ("inlineStr", "s", "n"), cell.get("t")
            for tag in (f"{SHEET}formula", f"{SHEET}formula1", f"{SHEET}definedName", f"{CHART}f"):
                for formula in root.iter(tag):
                    assert OWN_FORMULAS.fullmatch(formula.text or ""), (name, formula.text)
            for formula in root.iter(f"{SHEET}formula2"):
                pytest.fail(f"an unexpected second formula in {name}: {formula.text!r}")


def _in_cell(text: str | None) -> str | None:
    """What a cell holding ``text`` reads back as: empty text is no value."""
    return clean(text) if text else None


def _tracker_row(row: ActionRow) -> tuple[Any, ...]:
    def label(rating: sp.Rating | None) -> str | None:
        return clean(rating.label) if rating else None

    return (
        clean(row.priority_id),
        clean(row.id),
        clean(row.text),
        _in_cell(row.lead),
        _in_cell(row.due),
        datetime.combine(row.due_date, time()) if row.due_date else None,
        row.progress.label,
        label(row.rating),
        _in_cell(row.note),
        label(row.previous_rating),
    )


def read_xlsx(report: Report, data: bytes) -> None:
    _cells_are_never_formulas(data)
    book = openpyxl.load_workbook(io.BytesIO(data))
    reviews = [tracker.REVIEWS] if report.learning is not None else []
    shown = report.impact.measures if report.impact else ()
    measured = [tracker.MEASURES] if shown else []
    assert book.sheetnames == [
        tracker.SUMMARY,
        tracker.ACTIONS,
        *measured,
        tracker.KEY,
        *reviews,
        tracker.DATA,
    ]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate)
                    assert clean(cell.value) == cell.value, (sheet.title, cell.coordinate)
                    if cell.value.startswith(FORMULA_START):  # Excel keeps it text when edited
                        assert cell.quotePrefix, (sheet.title, cell.coordinate)

    if shown:  # each measure the report shows, its numbers the numbers the plan writes
        measures = list(book[tracker.MEASURES].iter_rows(values_only=True))
        assert measures[0] == tracker.MEASURE_COLUMNS
        assert [row[:5] for row in measures[1:]] == [
            (
                clean(m.id),
                clean(m.title),
                m.unit,
                None if m.baseline_number is None else float(m.baseline_number),
                None if m.target_number is None else float(m.target_number),
            )
            for m in shown
        ]
    actions = list(book[tracker.ACTIONS].iter_rows(values_only=True))
    assert actions[0] == tracker.COLUMNS
    expected = [_tracker_row(row) for row in report.rows] or [(None,) * len(tracker.COLUMNS)]
    assert actions[1:] == expected

    summary = list(book[tracker.SUMMARY].iter_rows(values_only=True))
    assert summary[0][0] == clean(report.title)
    assert summary[1][0] == clean(report.partnership)
    if report.as_of_text is not None:
        assert summary[2][0] == f"Progress as at {report.as_of_text}"
    header = ("Priority", "Title", "Actions", "Complete", "% complete", "Ratings")
    start = [row[:6] for row in summary].index(header) + 1
    sections = report.priorities
    assert [(r[0], r[1], r[2], r[3], r[5]) for r in summary[start : start + len(sections)]] == [
        (clean(s.id), clean(s.title), s.counts.actions, s.counts.complete, _in_cell(s.ratings))
        for s in sections
    ]
    total = summary[start + len(sections)]
    assert (total[0], total[5]) == ("All priorities", _in_cell(report.ratings))
    key_start = start + len(sections) + 2
    assert summary[key_start][:3] == ("Symbol", "Rating", "Actions")
    assert [r[:2] for r in summary[key_start + 1 : key_start + 1 + len(report.key)]] == [
        (_in_cell(r.symbol), clean(r.label)) for r in report.key
    ]

    key = list(book[tracker.KEY].iter_rows(values_only=True))
    assert [row[:4] for row in key[1 : 1 + len(report.key)]] == [
        (_in_cell(r.symbol), clean(r.label), r.rag.label, _in_cell(r.meaning)) for r in report.key
    ]
    if report.learning is not None:
        _read_reviews_sheet(
            report.learning, list(book[tracker.REVIEWS].iter_rows(values_only=True))
        )
    meta = dict(book[tracker.DATA].iter_rows(values_only=True))
    assert meta[tracker.META_PARTNERSHIP] == clean(report.partnership)
    assert meta[tracker.META_PLAN] == clean(report.plan_title)
    assert meta[tracker.META_PERIOD] == _in_cell(report.period)
    assert meta[tracker.META_REVIEW] == _in_cell(report.review_id)


def _read_reviews_sheet(learning: LearningSection, rows: list[tuple[Any, ...]]) -> None:
    def joined(texts: list[str]) -> str | None:
        return _in_cell("\n".join(texts))

    expected = [
        (
            clean(r.title),
            clean(r.kind),
            _in_cell(r.subject),
            clean(r.status),
            joined([f"{what}: {when}" for what, when in r.dates]),
            joined(list(r.timeliness)),
            joined(list(r.themes)),
            joined([f"{c.id}: {c.text} – {c.progress}" for c in r.recommendations]),
        )
        for r in learning.reviews
    ]
    assert rows[1 : 1 + len(expected)] == expected
    recommendations = [
        (
            clean(r.title),
            clean(c.id),
            clean(c.text),
            joined([f"{a} {progress}" for a, progress in c.actions]),
            clean(c.progress),
        )
        for r in learning.reviews
        for c in r.recommendations
    ]
    assert [row[:5] for row in rows[3 + len(expected) :]] == recommendations


# --- docx -------------------------------------------------------------------------------------

WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SECTION = ("document", "body", "sectPr", "pgSz", "pgMar", "cols", "docGrid")
_MARGINS = ("headerReference", "footerReference")
_TEXT = ("p", "pPr", "pStyle", "keepNext", "bidi", "spacing", "jc", "r", "rPr", "b", "i")
_RUN = ("color", "t", "br", "tab")
_TABLE = ("tbl", "tblPr", "tblW", "tblLayout", "tblCellMar", "tblLook", "tblGrid", "gridCol")
_BORDERS = ("tblBorders", "top", "left", "bottom", "right", "insideH", "insideV")
_ROWS = ("tblCaption", "tblDescription", "tr", "trPr", "cantSplit", "tblHeader")
_CELLS = ("tc", "tcPr", "tcW", "shd")
_LINK = ("hyperlink", "u")
_LISTS = ("numPr", "ilvl", "numId")  # a numbered list's own numbering, from 1
_DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_CHART = (
    f"{WORD}drawing",
    *(f"{_DRAWING}{n}" for n in ("inline", "extent", "effectExtent", "docPr", "cNvGraphicFramePr")),
    "{http://schemas.openxmlformats.org/drawingml/2006/main}graphic",
    "{http://schemas.openxmlformats.org/drawingml/2006/main}graphicData",
    f"{CHART}chart",
)
PAPER_ELEMENTS = frozenset(
    f"{WORD}{name}"
    for group in (_SECTION, _MARGINS, _TEXT, _RUN, _TABLE, _BORDERS, _ROWS, _CELLS, _LINK, _LISTS)
    for name in group
) | frozenset(_CHART)
"""Every element the body of the board paper is built of: text can never add another (a link
only where the partnership's own text writes one, a drawing only for the report's charts)."""


def narrative_spans(report: Report) -> list[Span]:
    """Every styled span of the partnership's own text the report holds."""
    return [
        *(span for run in markup.runs(report.purpose) for span in run),
        *(span for spans in report.recommendations for span in spans),
        *(span for n in report.narrative for run in markup.runs(n.blocks) for span in run),
    ]


def narrative_links(report: Report) -> set[str]:
    """The addresses the partnership's own text and its evidence link to: the only links a
    document has."""
    pieces = (
        [s for p in report.impact.awaiting for piece in p.pieces for s in piece]
        if (report.impact)
        else []
    )
    return {clean(s.link) for s in (*narrative_spans(report), *pieces) if s.link is not None}


MARGIN_ELEMENTS = frozenset(
    f"{WORD}{name}"
    for name in (
        "hdr",
        "ftr",
        "p",
        "pPr",
        "pStyle",
        "spacing",
        "jc",
        "r",
        "rPr",
        "b",
        "bCs",
        "t",
        "tab",
        "br",
    )
) | {f"{WORD}fldSimple"}
"""Every element of its header and footer: the marking (a tab in it too, bold in any script)
and the page numbers."""


def _no_fields_links_or_strange_elements(data: bytes, links: set[str]) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            root = fromstring(package.read(name))
            for element in root.iter():
                assert element.tag != f"{WORD}instrText", name
                assert element.tag != f"{WORD}fldChar", name
                if element.get("Type", "").endswith("/hyperlink"):
                    assert name == "word/_rels/document.xml.rels", name
                    assert element.get("Target") in links, element.get("Target")
                else:
                    assert element.get("TargetMode") != "External", name
            fields = [f.get(f"{WORD}instr", "").split() for f in root.iter(f"{WORD}fldSimple")]
            if name.startswith("word/footer"):
                assert [f[0] for f in fields] == ["PAGE", "NUMPAGES"], fields
            else:
                assert not fields, (name, fields)
            if name == "word/document.xml":
                allowed = PAPER_ELEMENTS
            elif name.startswith(("word/header", "word/footer")):
                allowed = MARGIN_ELEMENTS
            else:
                continue
            unexpected = {element.tag for element in root.iter()} - allowed
            assert not unexpected, (name, unexpected)


def _limit(text: str) -> str:
    """A document property: one line of at most 255 characters."""
    line = clean(text).replace("\n", " ")
    return line if len(line) <= 255 else line[:254] + "…"


def _action_cell(row: ActionRow) -> str:
    first = f"{clean(row.id)} {clean(row.text)}"
    return f"{first}\n{clean(row.details)}" if row.details else first


def _paper_tables(report: Report) -> list[tuple[str, list[list[str]]]]:
    """Each table of the board paper: its caption and its rows of cell text."""
    score = report.score
    summary = [
        ["Priority", "Actions", "Complete", "% complete", "Ratings"],
        *(
            [
                clean(s.heading),
                str(s.counts.actions),
                str(s.counts.complete),
                f"{s.counts.percent_rounded}%",
                clean(s.ratings),
            ]
            for s in report.priorities
        ),
        [
            "All priorities",
            str(score.actions),
            str(score.complete),
            f"{score.percent_rounded}%",
            clean(report.ratings),
        ],
    ]
    tables = [("Progress by priority", summary), *_impact_tables(report, clean, paper=True)]
    if report.exceptions:
        rows = [
            [
                clean(r.id),
                "\n".join([clean(r.exception_status)] + ([clean(r.details)] if r.details else [])),
                clean(r.update),
            ]
            for r in report.exceptions
        ]
        tables.append(("Exceptions", [["No.", "What is wrong", "Update"], *rows]))
    changes = report.changes
    if changes is not None and changes.rows:
        tables.append(
            (
                clean(changes.heading),
                [
                    ["Change", "Action", "Before", "After"],
                    *(
                        [c.kind, clean(c.action_id), clean(c.before), clean(c.after)]
                        for c in changes.rows
                    ),
                ],
            )
        )
    for section in report.priorities:
        header = [clean(report.action_heading), clean(report.update_heading), "Status"]
        rows = [[_action_cell(r), clean(r.update), clean(r.status)] for r in section.rows]
        tables.append((clean(section.heading), [header, *rows]))
    tables += _paper_learning(report)
    key = [
        [clean(r.symbol or ""), clean(r.label), r.rag.label, clean(r.meaning or "")]
        for r in report.key
    ]
    tables.append(("Key to ratings", [["Symbol", "Rating", "RAG", "Meaning"], *key]))
    return tables


def _impact_tables(
    report: Report, seen: Callable[[str], str], *, paper: bool
) -> list[tuple[str, list[list[str]]]]:
    """The tables of the impact section: the board paper's captioned, the Markdown's under
    their headings (the same words); both leave out a column of baselines none has."""
    impact = report.impact
    if impact is None:
        return []
    tables = []
    if impact.measures:
        baselines = any(m.baseline is not None for m in impact.measures)
        header = ["Measure", *(["Baseline"] if baselines else []), "Target", "At each review"]
        rows = [
            [
                seen(m.title) + (f"\n{seen(f'Source: {m.source}')}" if m.source else ""),
                *([seen(m.baseline or "Not given")] if baselines else []),
                seen(m.target or "Not given"),
                "\n".join(seen(line) for line in m.reading_lines) or "Not given",
                "\n".join(seen(line) for line in m.standing) or "Not given",
            ]
            for m in impact.measures
        ]
        tables.append(("Measures", [[*header, "Where it stands"], *rows]))
    if not impact.proof:
        return tables
    proven = [
        [
            seen(r.heading),
            *map(str, (r.counts.complete, r.counts.assured, r.counts.with_outcome)),
            str(r.counts.evidenced),
        ]
        for r in report.summary_rows
    ]
    tables.append(
        (
            "Done and proven",
            [["Priority", "Complete", "Assured", "With outcome", "Evidenced"], *proven],
        )
    )
    if impact.awaiting:
        awaiting = [
            [
                f"{seen(p.action.id)} {seen(p.action.text)}"
                + (f"\n{seen(p.action.details)}" if paper and p.action.details else ""),
                *([] if paper else [seen(p.action.lead or "")]),
                "\n".join(seen("".join(s.text for s in piece)) for piece in p.pieces)
                or "No evidence given yet.",
            ]
            for p in impact.awaiting
        ]
        header = ["Action", *([] if paper else ["Lead"]), "Evidence"]
        tables.append(("Complete, not yet assured", [header, *awaiting]))
    return tables


def _paper_learning(report: Report) -> list[tuple[str, list[list[str]]]]:
    """The board paper's tables of the Learning from reviews section."""
    learning = report.learning
    if learning is None:
        return []
    reviews = []
    # Each run is cleaned on its own ("\r" then a paragraph is two breaks, not one).
    for r in learning.reviews:
        about = f" Subject: {clean(r.subject)}." if r.subject is not None else ""
        lines = [clean(f"{what}: {when}") for what, when in r.dates]
        lines += [clean(sentence) for sentence in r.timeliness]
        if not r.timeliness:  # the dates, if any, and that no timescale applies
            lines = [*(lines or ["None recorded"]), "No timescale applies"]
        reviews.append(
            [f"{clean(r.title)}\n{clean(r.kind)}.{about}", "\n".join(lines), clean(r.status)]
        )
    tables = [("Case reviews", [["Review", "Dates and timeliness", "Status"], *reviews])]
    recommendations = [
        [
            clean(review.title),
            f"{clean(rec.id)} {clean(rec.text)}",
            "\n".join(f"{clean(a)} {clean(progress)}" for a, progress in rec.actions) or "None yet",
            clean(rec.progress),
        ]
        for review in learning.reviews
        for rec in review.recommendations
    ]
    if recommendations:
        header = ["Review", "Recommendation", "Plan actions", "Progress"]
        tables.append(("Recommendations of case reviews", [header, *recommendations]))
    if learning.themes:
        themes = [[clean(theme), str(count)] for theme, count in learning.themes]
        tables.append(("Practice themes", [["Practice theme", "Reviews raising it"], *themes]))
    return tables


def _headings(report: Report) -> list[str]:
    """The headings of every document, in order, as the board paper writes them."""
    changes = [] if report.changes is None else [report.changes.heading]
    return [
        *(["Purpose of the report"] if report.purpose else []),
        *(["Recommendations"] if report.recommendations else []),
        *(["Executive summary"] if report.executive_summary else []),
        *(clean(n.title) for n in report.narrative if n.place is Place.BEFORE),
        "Summary",
        *(["Impact"] if report.impact is not None else []),
        "Exceptions",
        *(clean(c) for c in changes),
        *(clean(s.heading) for s in report.priorities),
        *(["Learning from reviews"] if report.learning is not None else []),
        *(clean(n.title) for n in report.narrative if n.place is Place.AFTER),
        "Key to ratings",
    ]


def read_docx(report: Report, data: bytes) -> None:
    _no_fields_links_or_strange_elements(data, narrative_links(report))
    document = docx.Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    assert paragraphs[0].text == clean(report.title)
    assert paragraphs[1].text == clean(report.partnership)
    headings = [p.text for p in paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == _headings(report)
    shown = "\n".join(p.text for p in paragraphs)
    for span in narrative_spans(report):
        assert clean(span.text) in shown
    found = []
    for table in document.tables:
        caption = table._tbl.tblPr.find(f"{WORD}tblCaption").get(f"{WORD}val")
        found.append((caption, [[cell.text for cell in row.cells] for row in table.rows]))
    assert found == _paper_tables(report)
    properties = document.core_properties
    assert properties.title == _limit(report.title)
    meeting = report.meeting
    assert properties.author == _limit(meeting.report_of if meeting else report.partnership)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        company = fromstring(package.read("docProps/app.xml")).find(
            "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Company"
        )
    assert company is not None
    assert company.text == clean(report.partnership)


# --- md ---------------------------------------------------------------------------------------

PARSER = gfm.LINKIFY
OWN_HTML = ("<br>", "<wbr>", "<strong>", "</strong>", "<em>", "</em>")
"""The only HTML the exporter writes: a line break in a cell, the empty element that keeps an
address from becoming a link, and bold and italic where stars would not show them."""
ELEMENTS = frozenset(
    {"h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td", "strong", "em"}
    | {"br", "wbr", "ul", "ol", "li", "a"}
)
"""The elements of the Markdown as GitHub renders it: no image, code or quote; lists and links
only where the report has them (the executive summary, the partnership's own text)."""
BLOCKS = frozenset(
    f"{name}_{edge}"
    for name in (
        *("heading", "paragraph", "table", "thead", "tbody", "tr", "th", "td"),
        *("bullet_list", "ordered_list", "list_item"),
    )
    for edge in ("open", "close")
) | {"inline"}
INLINES = frozenset(
    {"text", "html_inline", "strong_open", "strong_close", "em_open", "em_close"}
    | {"link_open", "link_close", "hardbreak"}
)
_HREF = re.compile(r'<a href="([^"]*)"')


def _seen(text: str) -> str:
    """How Markdown shows text: cleaned, each line trimmed as a table cell trims it."""
    return "\n".join(line.strip() for line in clean(text).strip().split("\n"))


def _rendered(children: list[Token]) -> str:
    """What a reader sees: the text, with ``<br>`` and a hard line break as a line break."""
    return "".join(
        child.content
        if child.type == "text"
        else "\n"
        if child.type == "hardbreak" or (child.type, child.content) == ("html_inline", "<br>")
        else ""
        for child in children
    )


def _spans(children: list[Token], kind: str) -> list[str]:
    """The text inside each ``kind`` (``strong``, ``em``) of a line, in stars or in HTML."""
    spans: list[str] = []
    inside: list[Token] | None = None
    for child in children:
        html = child.content if child.type == "html_inline" else None
        if child.type == f"{kind}_open" or html == f"<{kind}>":
            assert inside is None, f"{kind} inside {kind}"
            inside = []
        elif child.type == f"{kind}_close" or html == f"</{kind}>":
            assert inside is not None
            spans.append(_rendered(inside))
            inside = None
        elif inside is not None:
            inside.append(child)
    assert inside is None
    return spans


def _markdown_tables(report: Report) -> list[tuple[str, list[list[str]]]]:
    """Each table of the Markdown: the heading above it and its rows of cell text."""

    def action(row: ActionRow, details: bool) -> str:
        first = f"{_seen(row.id)} {_seen(row.text)}"
        return f"{first}\n{_seen(row.details)}" if details and row.details else first

    tables = [
        (
            "Summary",
            [
                ["Priority", "Actions", "Complete", "% complete", "Ratings"],
                *(
                    [
                        _seen(s.heading),
                        str(s.counts.actions),
                        str(s.counts.complete),
                        f"{s.counts.percent_rounded}%",
                        _seen(s.ratings),
                    ]
                    for s in report.priorities
                ),
                [
                    "All priorities",
                    str(report.score.actions),
                    str(report.score.complete),
                    f"{report.score.percent_rounded}%",
                    _seen(report.ratings),
                ],
            ],
        )
    ]
    tables += _impact_tables(report, _seen, paper=False)
    if report.exceptions:
        header = ["Action", "Lead", "Due", "Status", "Update"]
        rows = [
            [
                action(r, details=False),
                _seen(r.lead or ""),
                _seen(r.due or ""),
                _seen(r.exception_status),
                _seen(r.update),
            ]
            for r in report.exceptions
        ]
        tables.append(("Exceptions", [header, *rows]))
    changes = report.changes
    if changes is not None and changes.rows:
        tables.append(
            (
                _seen(changes.heading),
                [
                    ["Change", "Action", "Before", "After"],
                    *(
                        [c.kind, _seen(c.action_id), _seen(c.before), _seen(c.after)]
                        for c in changes.rows
                    ),
                ],
            )
        )
    for section in report.priorities:
        header = [_seen(report.action_heading), _seen(report.update_heading), "Status"]
        rows = [[action(r, details=True), _seen(r.update), _seen(r.status)] for r in section.rows]
        tables.append((_seen(section.heading), [header, *rows]))
    tables += _markdown_learning(report)
    key = [
        [_seen(r.symbol or ""), _seen(r.label), r.rag.label, _seen(r.meaning or "")]
        for r in report.key
    ]
    tables.append(("Key to ratings", [["Symbol", "Rating", "RAG", "Meaning"], *key]))
    return tables


def _markdown_learning(report: Report) -> list[tuple[str, list[list[str]]]]:
    """The tables of the Learning from reviews section, as a reader sees them."""
    learning = report.learning
    if learning is None:
        return []

    def lines(texts: list[str], none: str) -> str:
        return "\n".join(_seen(t) for t in texts) or none

    subjects = any(r.subject is not None for r in learning.reviews)
    reviews = [
        [
            _seen(r.title),
            _seen(r.kind),
            *([_seen(r.subject or "Not given")] if subjects else []),
            _seen(r.status),
            lines([f"{what}: {when}" for what, when in r.dates], "None recorded"),
            lines(list(r.timeliness), "No timescale applies"),
        ]
        for r in learning.reviews
    ]
    header = ["Review", "Kind", *(["Subject"] if subjects else []), "Status", "Dates"]
    tables = [("Case reviews", [[*header, "Timeliness"], *reviews])]
    recommendations = [
        [
            _seen(review.title),
            f"{_seen(rec.id)} {_seen(rec.text)}",
            lines([f"{a} ({progress})" for a, progress in rec.actions], "None yet"),
            _seen(rec.progress),
        ]
        for review in learning.reviews
        for rec in review.recommendations
    ]
    if recommendations:
        header = ["Review", "Recommendation", "Plan actions", "Progress"]
        tables.append(("Recommendations", [header, *recommendations]))
    if learning.themes:
        themes = [[_seen(theme), str(count)] for theme, count in learning.themes]
        tables.append(("Practice themes", [["Practice theme", "Reviews raising it"], *themes]))
    return tables


def _learning_headings(report: Report) -> list[str]:
    learning = report.learning
    if learning is None:
        return []
    recommended = any(r.recommendations for r in learning.reviews)
    return [
        "Learning from reviews",
        "Case reviews",
        *(["Recommendations"] if recommended else []),
        "Practice themes",
    ]


def _trimmed(text: str) -> str:
    """Text compared line by line, each line trimmed as Markdown trims cells and headings."""
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def _markdown_expected(
    report: Report,
) -> tuple[list[str], list[tuple[str, list[list[str]]]]]:
    """The headings of the Markdown, and each table with the heading above it."""
    paper = _headings(report)
    impact = report.impact
    if impact is not None:  # the board paper's one heading is up to four in Markdown
        at = paper.index("Impact")
        paper[at : at + 1] = [
            "Impact",
            *(["Measures"] if impact.measures else []),
            *(["Done and proven", "Complete, not yet assured"] if impact.proof else []),
        ]
    learning = paper.index("Learning from reviews") if report.learning else None
    if learning is not None:  # the board paper's one heading is four in Markdown
        paper[learning : learning + 1] = _learning_headings(report)
    wanted = [_trimmed(_seen(report.title)), *(_trimmed(_seen(h)) for h in paper)]
    charts = [
        (
            "Executive summary",
            [
                [_seen(c.category), *(_seen(s.name) for s in c.series)],
                *(
                    [_seen(category), *(f"{s.values[n]:g}%" for s in c.series)]
                    for n, category in enumerate(c.categories)
                ),
            ],
        )
        for c in report.charts
    ]
    expected = [
        (_trimmed(heading), [[_trimmed(cell) for cell in row] for row in rows])
        for heading, rows in [*charts, *_markdown_tables(report)]
    ]
    return wanted, expected


def _under_the_title(report: Report) -> list[str]:
    """The paragraphs under the title as a reader sees them: the partnership, then a paper's
    title block, a line each, or for the public the date of progress."""
    partnership = _seen(report.partnership)
    lines = [f"{label}: {_seen(text)}".strip() for label, text in report.title_block]
    if not lines and report.as_of_text:
        lines = [_seen(f"{report.words.progress_as_at} {report.as_of_text}")]
    return [*([partnership] if partnership else []), *(["\n".join(lines)] if lines else [])]


def _impact_bold(report: Report) -> set[str]:
    """What the impact section sets in bold: each measure's title, the whole plan's done and
    proven."""
    if report.impact is None:
        return set()
    total = report.score
    numbers = {str(getattr(total, n)) for n in ("assured", "with_outcome", "evidenced")}
    return {_seen(m.title) for m in report.impact.measures} | numbers


def _impact_italic(report: Report) -> set[str]:
    """Each measure's source, in italic under its title."""
    measures = report.impact.measures if report.impact else ()
    return {_seen(f"Source: {m.source}") for m in measures if m.source}


def read_md(report: Report, data: bytes) -> None:
    markdown = data.decode("utf-8", errors="strict")
    tokens = PARSER.parse(markdown)
    bold = {_seen(row.id) for row in report.rows} | {_seen(report.partnership)}
    total = report.score  # the summary's last row, the whole plan's
    bold |= {"All priorities", str(total.actions), str(total.complete)}
    bold |= {f"{total.percent_rounded}%"}
    if report.learning is not None:
        reviews = report.learning.reviews
        bold |= {_seen(rec.id) for r in reviews for rec in r.recommendations}
    italic = {_seen(row.details) for row in report.rows if row.details}
    spans = narrative_spans(report)
    bold |= {_seen(s.text) for s in spans if s.bold} | {_seen(c.title) for c in report.charts}
    italic |= {_seen(s.text) for s in spans if s.italic}
    bold |= {f"{label}:" for label, _ in report.title_block}
    bold, italic = bold | _impact_bold(report), italic | _impact_italic(report)
    links = {unquote(link) for link in narrative_links(report)}
    for token in tokens:
        assert token.type in BLOCKS, token.type  # no html_block, quote, code or rule
        children = token.children or []
        for child in children:
            assert child.type in INLINES, (child.type, child.content)  # no image or code
            if child.type == "html_inline":
                assert child.content in OWN_HTML, child.content
            if child.type == "link_open":
                assert unquote(str(child.attrGet("href"))) in links, child.attrGet("href")
        assert set(_spans(children, "strong")) <= bold  # the ids, the partnership, the total
        assert set(_spans(children, "em")) <= italic  # only an action's lead and due date

    headings: list[str] = []
    found: list[tuple[str, list[list[str]]]] = []
    for index, token in enumerate(tokens):
        inline = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.type == "heading_open" and inline is not None:
            headings.append(_trimmed(_rendered(inline.children or [])))
        elif token.type == "table_open":
            found.append((headings[-1], []))
        elif token.type == "tr_open":
            found[-1][1].append([])
        elif token.type in ("th_open", "td_open") and inline is not None:
            found[-1][1][-1].append(_trimmed(_rendered(inline.children or [])))

    wanted, expected = _markdown_expected(report)
    assert headings == wanted
    assert found == expected

    # As GitHub shows it: the same headings and tables, and no link but the report's own.
    html = gfm.render(markdown)
    assert {unquote(html_unescape(h)) for h in _HREF.findall(html)} <= links
    page = gfm.read(html)
    assert page.tags <= ELEMENTS, page.tags - ELEMENTS
    assert [_trimmed(heading) for heading in page.headings] == wanted
    at = [tag for tag, _ in page.blocks].index("h1") + 1
    under = _under_the_title(report)
    assert page.blocks[at : at + len(under)] == [("p", text) for text in under]
    tables = [
        (_trimmed(heading), [[_trimmed(cell) for cell in row] for row in rows])
        for heading, rows in page.tables
    ]
    assert tables == expected


# --- every exporter ---------------------------------------------------------------------------

READERS: dict[str, Callable[[Report, bytes], None]] = {
    "docx": read_docx,
    "xlsx": read_xlsx,
    "md": read_md,
    "json": read_json,
}
"""How each exporter's document is read back and checked; every exporter needs one."""
CELL_LIMITED = frozenset({"xlsx"})
"""Exporters that refuse a text longer than an Excel cell holds, as their only failure."""


def _reader(name: str) -> Callable[[Report, bytes], None]:
    if name not in READERS:
        pytest.fail(f"exporter {name!r} is registered but this fuzz test has no reader for it")
    return READERS[name]


def export_and_read(name: str, plan: sp.Plan, audience: Audience = "board") -> str | None:
    """Export ``plan`` with exporter ``name``, read the document back and check it; the
    message of the one refusal allowed, or None when the document was written."""
    report = sp.report(plan, audience=audience)
    reader = _reader(name)
    out = io.BytesIO()
    if name in CELL_LIMITED and _too_long_for_a_cell(report):
        with pytest.raises(sp.ExporterError) as caught:
            sp.export(plan, name, out, audience=audience, plugin_manager=MANAGER)
        message = str(caught.value)
        assert TOO_LONG.search(message), message
        return message
    sp.export(plan, name, out, audience=audience, plugin_manager=MANAGER)
    reader(report, out.getvalue())
    return None


def test_every_exporter_has_a_reader() -> None:
    names = list(MANAGER.exporters)
    assert names, "no exporter is registered"
    missing = [name for name in names if name not in READERS]
    assert not missing, f"exporters without a reader in this fuzz test: {missing}"
    assert set(READERS) <= set(names), "a reader for an exporter that is no longer registered"


def test_the_named_strings_stay_distinct_once_cleaned() -> None:
    assert len({clean(text) for text in NAMED}) == len(NAMED)
    assert any("\ud800" <= c <= "\udfff" for c in EVERY)  # a Python str holds lone surrogates


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(plan=ANY_PLAN, audience=st.sampled_from(("board", "public")))
# A narrative whose '**' flank a dash: GitHub reads it all bold (one strong in another), which
# was read as two bold dashes around plain text, and written back as Markdown GitHub nests.
@example(
    plan=attrs.evolve(two_reviews(), paper=sp.Paper(purpose=sp.Narrative.of("**–**bold**–**"))),
    audience="board",
)
def test_hostile_plans_through_every_exporter(plan: sp.Plan, audience: Audience) -> None:
    for name in MANAGER.exporters:
        assert export_and_read(name, plan, audience) is None, name  # nothing here is too long


# --- deterministic plans ----------------------------------------------------------------------

PLAIN = {
    "partnership": "Anytown Safeguarding Children Partnership",
    "short_name": "ASCP",
    "person": "Independent Chair",
    "title": "Business Improvement Plan",
    "period": "2021/23",
    "priority_id": "1",
    "priority_title": "Leadership",
    "action_id": "1.1",
    "text": "Publish the annual report",
    "lead": "Business Unit",
    "due": "by December 2021",
    "theme": "Learning",
    "revised_due": "by mid-January 2022",
    "restricted_text": "Audit of a named school",
    "previous_id": "2021-11",
    "previous_title": "November 2021 – Update",
    "review_id": "2022-02",
    "review_title": "February 2022 – Update",
    "earlier_note": "Drafting",
    "note": "Postponed",
    "key": "frown",
    "label": "Limited progress",
    "symbol": "☹️",
    "meaning": "Delayed; needs the Board's attention",
}


def _plan_of(**given_text: str) -> sp.Plan:
    """A plan with ``given_text`` in the fields named and plain text elsewhere. Action 1.1 is
    rated worse and its due date moved at the second review, so its text is in the exceptions
    and the changes as well as in its priority's table; action 1.2 is restricted."""
    f = {**PLAIN, **given_text}
    scale = sp.RatingScale(
        ratings=(
            sp.Rating("happy", "Good progress", sp.Rag.GREEN, 0, symbol="😊", meaning="On track"),
            sp.Rating(
                f["key"], f["label"], sp.Rag.RED, 1, symbol=f["symbol"], meaning=f["meaning"]
            ),
        )
    )
    action = sp.Action(
        f["action_id"], f["text"], f["lead"], sp.Due(f["due"], date(2021, 12, 31)), (f["theme"],)
    )
    restricted = sp.Action("1.2", f["restricted_text"], f["lead"], restricted=True)
    good = sp.ActionUpdate(sp.Progress.IN_PROGRESS, "happy", f["earlier_note"])
    worse = sp.ActionUpdate(
        sp.Progress.IN_PROGRESS, f["key"], f["note"], sp.Due(f["revised_due"], date(2022, 1, 15))
    )
    return sp.Plan(
        partnership=sp.Partnership(
            f["partnership"], f["short_name"], (sp.Person(f["person"], f["person"]),)
        ),
        title=f["title"],
        ratings=scale,
        priorities=(sp.Priority(f["priority_id"], f["priority_title"], (action, restricted)),),
        reviews=(
            sp.Review(
                f["previous_id"],
                f["previous_title"],
                date(2021, 10, 31),
                {f["action_id"]: good, "1.2": good},
            ),
            sp.Review(
                f["review_id"],
                f["review_title"],
                date(2022, 1, 31),
                {f["action_id"]: worse, "1.2": worse},
            ),
        ),
        period=sp.Period(date(2021, 4, 1), date(2023, 3, 31), f["period"]),
    )


def _every_named_string() -> sp.Plan:
    """Every named string in every field at once, and a priority of its own for each."""
    plan = _plan_of(**{field: f"{field} {EVERY}" for field in PLAIN})
    own = tuple(
        sp.Priority(
            text,
            text,
            (sp.Action(text, text, text, sp.Due(text, date(2021, 6, 30))),),
        )
        for text in NAMED
    )
    return attrs.evolve(plan, priorities=(*plan.priorities, *own))


def test_the_plain_plan_shows_every_field_through_every_exporter() -> None:
    report = sp.report(_plan_of())
    assert report.exceptions
    assert report.changes is not None
    assert len(report.changes.rows) >= 2
    for name in MANAGER.exporters:
        assert export_and_read(name, _plan_of()) is None, name


@pytest.mark.parametrize("audience", ["board", "public"])
def test_every_named_string_at_once_through_every_exporter(audience: Audience) -> None:
    plan = _every_named_string()
    report = sp.report(plan, audience=audience)
    assert len(report.exceptions) > len(NAMED)  # every own action is overdue at the review
    for name in MANAGER.exporters:
        assert export_and_read(name, plan, audience) is None, name


LONG = (EVERY.replace("\r", "") * 200)[:40_000]
"""40,000 characters of hostile text: longer than an Excel cell holds, even once cleaned."""


def _refusal(where: str, text: str = LONG) -> str:
    return f"{where} is {_units(clean(text)):,} characters; an Excel cell holds at most 32,767"


LONG_FIELDS: dict[str, str | None] = {
    "partnership": _refusal("the partnership's name"),
    "short_name": None,  # shown in no cell of the tracker
    "person": None,
    "title": _refusal("the plan's title"),
    "period": _refusal("the plan's period"),
    "priority_id": _refusal("action '1.1': its priority"),
    "priority_title": _refusal("priority '1': its title"),
    "action_id": _refusal(f"action {shown(clean(LONG))}: its id"),
    "text": _refusal("action '1.1': its text"),
    "lead": _refusal("action '1.1': its lead"),
    "due": None,  # revised at the review the tracker shows
    "theme": None,
    "revised_due": _refusal("action '1.1': its due date"),
    "restricted_text": _refusal("action '1.2': its text"),
    "previous_id": None,
    "previous_title": None,
    "review_id": _refusal("the review's id"),
    "review_title": _refusal("the review's title"),
    "earlier_note": None,  # an update of an earlier review
    "note": _refusal("action '1.1': its update"),
    "key": None,
    "label": _refusal("rating 'frown': its label"),
    "symbol": _refusal("rating 'frown': its symbol"),
    "meaning": _refusal("rating 'frown': its meaning"),
}
"""What the tracker says when a field holds :data:`LONG` (None: it is written)."""


def test_every_field_has_a_long_case() -> None:
    assert set(LONG_FIELDS) == set(PLAIN)


@pytest.mark.parametrize("field", list(LONG_FIELDS))
def test_forty_thousand_characters_in_one_field(field: str) -> None:
    """Written whole by every exporter; refused by the tracker, naming where, exactly when a
    cell would have to hold it."""
    plan = _plan_of(**{field: LONG})
    for name in MANAGER.exporters:
        message = export_and_read(name, plan)
        assert message == (LONG_FIELDS[field] if name in CELL_LIMITED else None), name


def test_a_long_restricted_action_is_withheld_so_the_public_tracker_is_written() -> None:
    plan = _plan_of(restricted_text=LONG)
    for name in MANAGER.exporters:
        assert export_and_read(name, plan, "public") is None, name


@pytest.mark.parametrize(
    ("note", "refused"),
    [
        ("x" * 32_767, False),
        ("x" * 32_768, True),
        ("\r\n" * 20_000, False),  # 40,000 characters, 20,000 line breaks once cleaned
        ("\ud800" * 32_768, True),  # each shown as U+FFFD, one character each
        ("😊" * 16_383 + "x", False),  # 32,767 UTF-16 units, as Excel counts
        ("😊" * 16_384, True),
        ("=" + "1+" * 16_383, False),  # a formula of a cell's full length stays text
    ],
)
def test_the_tracker_refuses_exactly_what_a_cell_cannot_hold(note: str, refused: bool) -> None:
    plan = _plan_of(note=note)
    for name in MANAGER.exporters:
        message = export_and_read(name, plan)
        if name in CELL_LIMITED and refused:
            assert message is not None
            assert message.startswith("action '1.1': its update is 32,768 characters;")
        else:
            assert message is None, name
