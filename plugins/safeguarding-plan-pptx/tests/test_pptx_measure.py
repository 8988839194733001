"""Text measured with the typeface's own widths: where a line breaks, the same on every
machine, and never wider than its room."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from safeguarding_plan_pptx import _measure
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
