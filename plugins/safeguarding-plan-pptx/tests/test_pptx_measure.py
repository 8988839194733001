"""Text measured with the typeface's own widths: where a line breaks, the same on every
machine, never wider than its room, and the same whether measured afresh or kept from
before."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from safeguarding_plan_pptx import _measure, _metrics
from safeguarding_plan_pptx._flow import Para, fit, height

from safeguarding_plan.plugin import Span


def test_widths_are_liberation_sans_arials_own() -> None:
    # Arial's advance widths, in 2048ths of an em: 'H' 1479, 'e' 1139, 'l' 455, 'o' 1139,
    # the space 569; bold 'H' 1479, 'e' 1139, 'l' 569.
    assert _measure.width("Hello") * 2048 == 1479 + 1139 + 455 + 455 + 1139
    assert _measure.width(" ") * 2048 == 569
    assert _measure.width("Hel", bold=True) * 2048 == 1479 + 1139 + 569
    # A character the typeface lacks is set in another, and measured wide; a joiner not at all.
    assert _measure.width("😊") == 1.25
    assert _measure.width("\u200d") == 0


def test_lines_break_at_spaces_where_the_next_word_would_not_fit() -> None:
    text = "one two three four"
    one_two = _measure.width("one two") * 10 * _measure.WIDER
    assert _measure.breaks(text, 10, one_two) == [0, 8, 14]  # "one two", "three", "four"
    assert _measure.breaks(text, 10, one_two - 0.01) == [0, 4, 8, 14]
    assert _measure.breaks("line\nbreak", 10, 1000) == [0, 5]
    # A word wider than its line breaks between its characters.
    assert _measure.breaks("abcdef", 10, _measure.width("abc") * 10 * _measure.WIDER) == [0, 3]


TEXT = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\r"), max_size=300
) | st.lists(st.sampled_from(["word", "a", "longerword", "–", "😊", "\n", "  "])).map(" ".join)


@given(text=TEXT, size=st.sampled_from([10.0, 12.0, 20.0]), room=st.floats(20, 800))
def test_no_line_is_wider_than_its_room(text: str, size: float, room: float) -> None:
    starts = _measure.breaks(text, size, room)
    assert starts == sorted(set(starts))
    assert starts[0] == 0
    ends = [*starts[1:], len(text) + 1]
    for start, end in zip(starts, ends, strict=True):
        line = text[start:end].rstrip(" \n")
        # A line of one character may be wider than a room too narrow for any.
        wide = _measure.width(line.replace("\t", "")) * size * _measure.WIDER
        assert len(line) <= 1 or wide <= room + 1e-6


@given(
    texts=st.lists(TEXT.filter(lambda t: t.strip()), min_size=1, max_size=6),
    space=st.floats(20, 500),
)
def test_what_fits_and_what_is_left_are_the_text_itself(texts: list[str], space: float) -> None:
    paras = [Para((Span(t),), 12.0) for t in texts]
    taken, rest = fit(paras, 300.0, space)
    assert taken  # always some, so laying out ends
    assert height(taken, 300.0) <= space or len(taken) == 1
    # Nothing lost and nothing added: a paragraph cut in two is its text, but for the space
    # or line break where it was cut.
    assert len(taken) + len(rest) in (len(paras), len(paras) + 1)

    def letters(text: str) -> str:
        return text.replace(" ", "").replace("\n", "")

    assert letters("".join(p.text for p in [*taken, *rest])) == letters("".join(texts))


@given(
    text=TEXT,
    sizes=st.lists(st.sampled_from([10.0, 12.0, 14.0, 20.0]), min_size=2, max_size=2),
    rooms=st.lists(st.floats(5, 800), min_size=2, max_size=2),
)
def test_breaks_kept_are_the_breaks_measured_afresh(
    text: str, sizes: list[float], rooms: list[float]
) -> None:
    # The same text at other sizes, widths and faces: each kept apart from the others.
    for size in sizes:
        for room in rooms:
            for bold in (False, True):
                fresh = _measure._breaks(text, size, room, bold)
                assert _measure.starts(text, size, room, bold) == fresh
                assert _measure.breaks(text, size, room, bold) == list(fresh)
    # and the widths of its words, kept as they are measured, are their characters' sum
    for bold in (False, True):
        for word in text.replace("\t", "").split():
            assert _measure.width(word, bold) == sum(_measure._FACES[bold][c] for c in word)


def test_the_breaks_kept_are_let_go_past_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_measure, "_STARTS_HELD", 1_000)
    monkeypatch.setattr(_measure, "_STARTS", _measure._Kept())
    texts = [f"text {number} " * 10 for number in range(300)]
    for text in texts:
        assert _measure.starts(text, 12.0, 100.0) == _measure._breaks(text, 12.0, 100.0, False)
        assert _measure._STARTS.held == sum(len(key[0]) for key in _measure._STARTS) <= 1_000
    assert 0 < len(_measure._STARTS) < len(texts)
    assert (texts[-1], 12.0, 100.0, False) in _measure._STARTS


SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "make_metrics.py"


def test_the_widths_are_the_module_the_script_writes() -> None:
    # The script writes the module from the fonts (with fontTools); written again from the
    # widths it holds, it is the same text, so it was written by the script, not by hand.
    spec = importlib.util.spec_from_file_location("make_metrics", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert Path(script.OUT) == Path(_metrics.__file__)
    faces = {}
    for face in script.FACES:
        firsts = getattr(_metrics, f"{face.upper()}_FIRSTS")
        widths = getattr(_metrics, f"{face.upper()}_WIDTHS")
        # Runs of consecutive code points, in order, none touching the next.
        ends = [first + len(run) for first, run in zip(firsts, widths, strict=True)]
        assert all(end < first for end, first in zip(ends, firsts[1:], strict=False))
        assert all(run and all(w >= 0 for w in run) for run in widths)
        found = {
            first + offset: width
            for first, run in zip(firsts, widths, strict=True)
            for offset, width in enumerate(run)
        }
        assert len(found) > 2_000
        faces[face] = script.runs(found)
    written = script.render(_metrics.FONT, _metrics.UNITS_PER_EM, faces)
    assert written == Path(_metrics.__file__).read_text(encoding="utf-8")
    assert max(len(line) for line in written.splitlines()) <= 100


def _word_by_word(text: str, size: float, room: float, bold: bool) -> list[int]:
    """Where ``text`` breaks, every paragraph filled word by word (as `_measure` does for a
    paragraph that does not clearly fit one line)."""
    starts = [0]
    ems = room / size / _measure.WIDER
    tab = min(36.0 / size, ems)
    space = _measure.width(" ", bold)
    offset = 0
    for number, paragraph in enumerate(text.split("\n")):
        if number:
            starts.append(offset)
        used = 0.0
        for piece in paragraph.split(" "):
            wide = _measure.width(piece.replace("\t", ""), bold) + piece.count("\t") * tab
            if piece and used and used + wide > ems:
                starts.append(offset)
                used = 0.0
            if wide > ems:
                for index, character in enumerate(piece):
                    one = tab if character == "\t" else _measure._FACES[bold][character]
                    if used and used + one > ems:
                        starts.append(offset + index)
                        used = 0.0
                    used += one
            else:
                used += wide
            used += space
            offset += len(piece) + 1
    return starts


@given(
    text=TEXT,
    size=st.sampled_from([10.0, 12.0, 20.0]),
    # At, just under and just over the width of the text's first paragraph and of its space.
    scale=st.sampled_from([1.0, 1 - 1e-12, 1 + 1e-12, 1 - 1e-7, 1 + 1e-7, 0.5, 2.0]),
    bold=st.booleans(),
)
def test_a_paragraph_that_clearly_fits_breaks_as_measured_word_by_word(
    text: str, size: float, scale: float, bold: bool
) -> None:
    first = text.split("\n", maxsplit=1)[0]
    for ems in (_measure.width(first, bold), _measure.width(f"{first} ", bold)):
        room = max(ems * size * _measure.WIDER * scale, 1.0)
        assert list(_measure._breaks(text, size, room, bold)) == _word_by_word(
            text, size, room, bold
        )
