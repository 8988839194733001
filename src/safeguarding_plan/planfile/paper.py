"""Reading the ``paper`` of a plan file, and of each review: the meeting, purpose,
recommendations and sections of narrative (see ``model.paper``).

Narrative is read as the file's small Markdown (``markup``); what it does not have is a
problem located at its line and column in the file (``places``), whatever the text's YAML
style: a ``|`` or ``>`` block, plain, or quoted with escapes and over several lines.
"""

from __future__ import annotations

from safeguarding_plan import markup
from safeguarding_plan.errors import Problem, shown
from safeguarding_plan.markup import Paragraph
from safeguarding_plan.model.paper import Narrative, NarrativeSection, Paper, Place, title_line
from safeguarding_plan.planfile.composing import Node, ScalarNode, locate
from safeguarding_plan.planfile.reader import NodeReader, is_null

_NO_PAPER = Paper()
"""The paper of a plan or review that gives none (most): made once, as it never changes."""


def paper(reader: NodeReader, node: Node | None, what: str) -> Paper:
    """The ``paper`` mapping at ``node`` (of ``what``: "the plan", "review '2022-02'"); an
    empty paper when there is none or it has problems."""
    if node is None:
        return _NO_PAPER
    found = reader.fields(
        node,
        f"'paper' of {what}",
        (),
        (
            "meeting",
            "date",
            "report_of",
            "presented_by",
            "marking",
            "purpose",
            "recommendations",
            "sections",
        ),
    )
    if found is None:
        return _NO_PAPER
    text = NarrativeReader(reader)
    presented = [
        name
        for item in (
            reader.items(found["presented_by"], "'presented_by'") if "presented_by" in found else []
        )
        if (name := _line(reader, item, "a name in 'presented_by'")) is not None
    ]
    recommendations = [
        made
        for item in (
            reader.items(found["recommendations"], "'recommendations'")
            if "recommendations" in found
            else []
        )
        if (made := _one_paragraph(reader, item, text.narrative(item, "a recommendation")))
        is not None
    ]
    return Paper(
        meeting=_line(reader, found.get("meeting"), "'meeting'"),
        date=reader.date(found["date"], "the meeting's 'date'") if "date" in found else None,
        report_of=_line(reader, found.get("report_of"), "'report_of'"),
        presented_by=tuple(presented),
        marking=_line(reader, found.get("marking"), "'marking'"),
        purpose=text.narrative(found["purpose"], "'purpose'") if "purpose" in found else None,
        recommendations=tuple(recommendations),
        sections=_sections(reader, text, found.get("sections")),
    )


def _one_paragraph(reader: NodeReader, node: Node, found: Narrative | None) -> Narrative | None:
    """A recommendation: one paragraph, as one item of "The Board is asked to: …" reads."""
    if found is not None and not (
        len(found.blocks) == 1 and isinstance(found.blocks[0], Paragraph)
    ):
        reader.problem(
            node,
            "a recommendation is one paragraph, without a list; give each recommendation its "
            "own item in 'recommendations'",
        )
        return None
    return found


def _line(reader: NodeReader, node: Node | None, what: str) -> str | None:
    """A line of the title block, as the model takes one (``title_line``)."""
    if node is None or is_null(node):
        return None
    text = reader.text(node, what)
    if text is not None and (problem := title_line(text)) is not None:
        reader.problem(node, f"{what} {problem}")
        return None
    return text


def _sections(
    reader: NodeReader, text: NarrativeReader, node: Node | None
) -> tuple[NarrativeSection, ...]:
    if node is None:
        return ()
    sections = []
    for item in reader.items(node, "'sections'"):
        found = reader.fields(item, "a section", ("title", "text"), ("place", "restricted"))
        if found is None:
            continue
        title = reader.text(found["title"], "a section's 'title'") if "title" in found else None
        words = (
            text.narrative(found["text"], f"the text of section {shown(title or '')}")
            if "text" in found
            else None
        )
        place = (
            reader.choice(found["place"], Place, "a section's 'place'", "place")
            if "place" in found
            else Place.AFTER
        )
        restricted = (
            reader.flag(found["restricted"], "a section's 'restricted'")
            if "restricted" in found
            else False
        )
        if title is not None and words is not None and place is not None:
            sections.append(NarrativeSection(title, words, place, restricted))
    return tuple(sections)


class NarrativeReader:
    """Narrative read from nodes, each problem of its Markdown located in the file."""

    def __init__(self, reader: NodeReader) -> None:
        self.reader = reader

    def narrative(self, node: Node, what: str) -> Narrative | None:
        written = self.reader.text(node, what)
        if written is None:
            return None
        blocks, problems = markup.parse(written)
        for problem in problems:
            self.reader.problems.append(self.located(node, written, problem, what))
        return Narrative(written, blocks) if not problems else None

    def located(
        self, node: Node, written: str, problem: markup.MarkupProblem, what: str
    ) -> Problem:
        """``problem`` at the character of the file it is about, however the text is
        written (quoted, escaped, folded over several lines); at the text's start if the
        place cannot be known."""
        message = f"{what}: {problem.message}"
        assert isinstance(node, ScalarNode)  # reader.text has refused anything else
        lines = written.splitlines(keepends=True)  # as markup numbers them
        offset = sum(len(line) for line in lines[: problem.line - 1]) + problem.column - 1
        place = self.reader.places.of(node, offset)
        if place is None:
            return locate(self.reader.file, node, message)
        return Problem(self.reader.file, place[0] + 1, place[1] + 1, message)
