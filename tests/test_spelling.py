"""One rule for how a rating, a progress value and a RAG colour may be written, wherever they
are written: the plan file, a tracker's cells, the command line. Any case and surrounding
space is the same word, a rating may be given by its key, its words or its symbol, a progress
by its value or its words; and what is written back is always the one spelling."""

from __future__ import annotations

import functools
import io
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.formats.xlsx import layout as tracker

MAY = date(2022, 4, 30)


def _respelt(forms: list[str]) -> st.SearchStrategy[str]:
    """One of ``forms`` in any case, with any space around it."""
    space = st.sampled_from(["", " ", "  ", "\t"])
    case = st.sampled_from([str, str.lower, str.upper, str.title])
    return st.tuples(space, case, st.sampled_from(forms), space).map(
        lambda drawn: drawn[0] + drawn[1](drawn[2]) + drawn[3]
    )


def _progress_spellings(progress: sp.Progress) -> st.SearchStrategy[str]:
    return _respelt([progress.value, progress.label])


def _rating_spellings(rating: sp.Rating) -> st.SearchStrategy[str]:
    forms = [rating.key, rating.label]
    if rating.symbol:
        forms += [
            rating.symbol,
            rating.symbol.replace("\ufe0f", ""),
            f"{rating.symbol} {rating.label}",
        ]
    return _respelt(forms)


_PLAN = """\
format: safeguarding-plan/1
partnership: {{name: Anytown Safeguarding Children Partnership}}
plan: {{title: Business Improvement Plan, period: 2021/23}}
ratings: {scale}
priorities:
  - id: "1"
    title: Leadership
    actions:
      - {{id: "1.1", text: Publish the annual report, lead: Business Unit}}
      - {{id: "1.2", text: Run the assembly, lead: Independent Chair}}
reviews:
  - id: 2022-02
    title: February 2022 – Update
    as_of: 2022-01-31
    updates:
      "1.1": {{progress: {progress_1}, rating: {rating_1}}}
      "1.2": {{progress: {progress_2}, rating: {rating_2}}}
"""
_INLINE = """
  - {{key: on-track, label: On track, rag: {rag_1}}}
  - {{key: at-risk, label: At risk, rag: {rag_2}, symbol: "⚠️"}}"""


@functools.cache
def _canonical(inline: bool) -> sp.Plan:
    """The plan written in the one spelling."""
    scale = _INLINE.format(rag_1="green", rag_2="amber") if inline else "faces"
    keys = ("on-track", "at-risk") if inline else ("happy", "frown")
    return sp.loads(
        _PLAN.format(
            scale=scale,
            progress_1="complete",
            rating_1=keys[0],
            progress_2="in-progress",
            rating_2=keys[1],
        )
    )


@settings(max_examples=60)
@given(inline=st.booleans(), data=st.data())
def test_a_plan_file_reads_any_spelling_as_the_one_and_writes_that(
    inline: bool, data: st.DataObject
) -> None:
    plan = _canonical(inline)
    ratings = [plan.ratings[u.rating or ""] for u in plan.reviews[0].updates.values()]
    quoted = {
        "progress_1": data.draw(_progress_spellings(sp.Progress.COMPLETE)),
        "progress_2": data.draw(_progress_spellings(sp.Progress.IN_PROGRESS)),
        "rating_1": data.draw(_rating_spellings(ratings[0])),
        "rating_2": data.draw(_rating_spellings(ratings[1])),
        "rag_1": data.draw(_respelt(["green"])),
        "rag_2": data.draw(_respelt(["amber"])),
        "scale": data.draw(_respelt(["faces"])),
    }
    fields = {name: json.dumps(text, ensure_ascii=False) for name, text in quoted.items()}
    if inline:
        fields["scale"] = _INLINE.format(**fields)
    written = sp.loads(_PLAN.format(**fields))
    assert written == plan
    assert sp.dumps(written) == sp.dumps(plan)


@functools.cache
def _tracker(inline: bool) -> bytes:
    out = io.BytesIO()
    sp.export(_canonical(inline), "xlsx", out, plugin_manager=sp.get_plugin_manager(autoload=False))
    return out.getvalue()


@settings(max_examples=25)
@given(data=st.data())
def test_a_tracker_reads_the_same_spellings_as_the_plan_file(data: st.DataObject) -> None:
    inline = data.draw(st.booleans(), label="inline scale")
    plan = _canonical(inline)
    progress = data.draw(st.sampled_from(list(sp.Progress)))
    rating = data.draw(st.sampled_from(list(plan.ratings)))
    book = openpyxl.load_workbook(io.BytesIO(_tracker(inline)))
    row = book[tracker.ACTIONS][2]
    row[tracker.COLUMNS.index(tracker.PROGRESS)].value = data.draw(_progress_spellings(progress))
    row[tracker.COLUMNS.index(tracker.RATING)].value = data.draw(_rating_spellings(rating))
    edited = io.BytesIO()
    book.save(edited)
    edited.seek(0)
    update = sp.import_xlsx(plan, edited, "2022-05", MAY).reviews[-1].updates["1.1"]
    assert (update.progress, update.rating) == (progress, rating.key)


def test_a_scale_whose_words_read_alike_is_refused() -> None:
    clash = _PLAN.format(
        scale=_INLINE.format(rag_1="green", rag_2="amber").replace(
            "label: At risk", "label: ON-TRACK"
        ),
        progress_1="complete",
        rating_1="on-track",
        progress_2="complete",
        rating_2="on-track",
    )
    with pytest.raises(sp.PlanError) as caught:
        sp.loads(clash, "plan.yaml")
    assert str(caught.value) == (
        "plan.yaml:6:27: rating label 'ON-TRACK' is already used on line 5; each rating needs "
        "its own words"
    )


def test_the_command_line_takes_a_scale_in_any_case(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    assert main(["init", str(target), "--partnership", "Anytown", "--ratings", " RAG"]) == 0
    assert sp.load(target).ratings.name == "rag"
