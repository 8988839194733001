"""The board paper's title block and page marking from a paper made in code, read back with
python-docx: any text reaches the document, through the one sanitiser (``text.clean``), and
a value is isolated from the words of the paper's own beside it (``Report of: …``)."""

from __future__ import annotations

import io
from datetime import date

import attrs
import docx
import pytest
from conftest import two_reviews
from docx.document import Document
from docx.text.paragraph import Paragraph
from hypothesis import example, given
from hypothesis import strategies as st
from strategies import NASTY_SNIPPETS, texts

import safeguarding_plan as sp
from safeguarding_plan.markup import Paragraph as Block
from safeguarding_plan.markup import Span
from safeguarding_plan.model.paper import Narrative, NarrativeSection, Place
from safeguarding_plan.text import clean

FSI, PDI, PDF = "\u2068", "\u2069", "\u202c"
ISOLATES = frozenset("\u2066\u2067\u2068")
"""Left-to-right, right-to-left and first strong isolate."""
EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")
"""Left-to-right and right-to-left embedding and override."""
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
"""The characters that set the direction of text, or mark it."""

APART = "; "
"""Between presenters."""

LABELS = {
    "meeting": "Report to",
    "report_of": "Report of",
    "presented_by": "Presented by",
    "marking": "Protective marking",
}

ANYTHING = st.one_of(
    texts(),
    st.text(
        st.one_of(
            st.characters(),  # control characters too
            st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),  # lone surrogates
            st.sampled_from(BIDI_CONTROLS),
        ),
        min_size=1,
        max_size=40,
    ),
    st.lists(st.sampled_from((*NASTY_SNIPPETS, *BIDI_CONTROLS)), min_size=1, max_size=6).map(
        "".join
    ),
)
"""Any characters at all: what no plan file holds (control characters, lone surrogates,
U+FFFE) as well as the hostile text a plan file may."""

DIRECTED = st.text(
    st.one_of(st.sampled_from(BIDI_CONTROLS), st.sampled_from("ab 1:;-שלוםمرحبا١٢")),
    min_size=1,
    max_size=24,
)
"""Text thick with directional controls, right-to-left letters and numbers."""


def _document(paper: sp.Paper) -> Document:
    plan = attrs.evolve(two_reviews(), paper=paper)
    out = io.BytesIO()
    sp.export(plan, "docx", out, plugin_manager=sp.get_plugin_manager(autoload=False))
    return docx.Document(io.BytesIO(out.getvalue()))


def _line(document: Document, label: str) -> Paragraph:
    """The title block's line of ``label``: the first paragraph to start with it."""
    return next(p for p in document.paragraphs if p.text.startswith(f"{label}: "))


def _holds(shown: str, *values: str) -> bool:
    """Whether ``shown`` is ``values`` as a document carries each (``clean``: a character no
    document can carry as U+FFFD), apart as presenters are, with nothing around each but
    isolation: first strong isolates before it, pops of isolates and of directional formatting
    after it."""
    if not values:
        return shown == ""
    carried, rest = clean(values[0]), values[1:]
    before = len(shown) - len(shown.lstrip(FSI))
    for start in range(before + 1):
        if shown[start : start + len(carried)] != carried:
            continue
        after = shown[start + len(carried) :]
        closed = len(after) - len(after.lstrip(PDF + PDI))
        for end in range(closed + 1):
            left = after[end:]
            if (not rest and not left) or (
                rest and left.startswith(APART) and _holds(left[len(APART) :], *rest)
            ):
                return True
    return False


def _isolated(shown: str) -> bool:
    """Whether ``shown`` is one isolate, as the bidirectional algorithm reads it (UAX #9, X5a
    to X6a): it opens with an isolate whose pop is its last character and nothing before, so
    nothing in it reaches outside; and a reader that knows embeddings but not isolates finds
    none left open at its end."""
    if not shown or shown[0] not in ISOLATES:
        return False
    opened: list[str] = []
    embeddings = 0  # as a reader that ignores isolates counts them
    for number, character in enumerate(shown):
        if character in ISOLATES:
            opened.append("isolate")
        elif character in EMBEDDINGS:
            opened.append("embedding")
            embeddings += 1
        elif character == PDF:
            embeddings = max(embeddings - 1, 0)
            if opened and opened[-1] == "embedding":
                opened.pop()
        elif character == PDI and "isolate" in opened:
            while opened.pop() != "isolate":
                pass
        if not opened and number < len(shown) - 1:
            return False  # the first isolate is closed before the end: the rest is outside
    return not opened and embeddings == 0


# --- a paper made in code: any text reaches the document ----------------------------------------


@given(
    meeting=ANYTHING,
    report_of=ANYTHING,
    presenters=st.lists(ANYTHING, min_size=1, max_size=3),
    marking=ANYTHING,
    title=ANYTHING,
    words=ANYTHING,
)
@example(
    meeting="Executive Board",
    report_of="Jo Bloggs",
    presenters=["Jo Bloggs"],
    marking="OFFICIAL\x07",
    title="Thanks",
    words="A word",
)
def test_any_text_of_a_paper_made_in_code_reads_back_from_the_paper(
    *, meeting: str, report_of: str, presenters: list[str], marking: str, title: str, words: str
) -> None:
    narrative = Narrative(words, (Block((Span(words),)),))
    paper = sp.Paper(
        meeting=meeting,
        date=date(2022, 3, 10),
        report_of=report_of,
        presented_by=presenters,
        marking=marking,
        purpose=narrative,
        recommendations=[narrative],
        sections=[NarrativeSection(title, narrative, Place.BEFORE)],
    )
    document = _document(paper)
    values = {
        "meeting": [meeting],
        "report_of": [report_of],
        "presented_by": presenters,
        "marking": [marking],
    }
    for field, value in values.items():
        label = f"{LABELS[field]}: "
        line = _line(document, LABELS[field])
        assert line.runs[0].text == label
        assert _holds(line.text.removeprefix(label), *value), field
    section = document.sections[0]
    [header] = [p.text for p in section.header.paragraphs]
    shown, numbers = [p.text for p in section.footer.paragraphs]
    assert _holds(header, marking)
    assert _holds(shown, marking)
    assert numbers == "Page  of "  # the fields sit in the gaps
    paragraphs = [p.text for p in document.paragraphs]
    assert clean(title) in paragraphs
    # The purpose, the recommendation and the section's text.
    assert paragraphs.count(clean(words)) >= 3


# --- a value is isolated from the words beside it -----------------------------------------------


@given(field=st.sampled_from(sorted(LABELS)), value=DIRECTED)
@example(field="report_of", value="\u202eevil")
@example(field="report_of", value="\u2069\u202eevil")  # a pop that would close our isolate
@example(field="meeting", value="\u2067\u202bopen")  # an isolate and an embedding left open
@example(field="marking", value="\u200fOFFICIAL")
@example(field="presented_by", value="שלום 12")
def test_a_title_block_value_is_isolated_from_its_label(field: str, value: str) -> None:
    given = {field: (value,) if field == "presented_by" else value}
    document = _document(sp.Paper(**given))  # type: ignore[arg-type]
    label = f"{LABELS[field]}: "
    line = _line(document, LABELS[field])
    # The label first, whole and in bold, in a run of its own.
    assert (line.runs[0].text, line.runs[0].bold) == (label, True)
    shown = line.text.removeprefix(label)
    assert _holds(shown, value)  # every character of the value, in order
    if set(value) & set(BIDI_CONTROLS):
        assert _isolated(shown), ascii(shown)
    if field == "marking":  # on every page too, in bold in any script
        section = document.sections[0]
        for paragraph in (section.header.paragraphs[0], section.footer.paragraphs[0]):
            shown = paragraph.text
            assert _holds(shown, value)
            assert not set(value) & set(BIDI_CONTROLS) or _isolated(shown), ascii(shown)
            [run] = paragraph.runs
            assert (run.bold, run.font.cs_bold) == (True, True)


def test_a_value_that_moves_nothing_is_written_as_it_is() -> None:
    document = _document(sp.Paper(meeting="Groß – Executive Board", marking="OFFICIAL"))
    assert _line(document, "Report to").text == "Report to: Groß – Executive Board"
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL"


@pytest.mark.parametrize(
    ("first", "isolated"),
    [
        ("שלום כהן", f"{FSI}שלום כהן{PDI}"),  # right to left, in its place in the list
        ("\u202eevil", f"{FSI}\u202eevil{PDF}{PDI}"),  # reverses itself, not the next name
    ],
)
def test_each_presenter_is_isolated_from_the_others(first: str, isolated: str) -> None:
    document = _document(sp.Paper(presented_by=(first, "Jo Bloggs")))
    shown = _line(document, "Presented by").text.removeprefix("Presented by: ")
    assert shown == f"{isolated}; Jo Bloggs"
    assert _isolated(isolated)
