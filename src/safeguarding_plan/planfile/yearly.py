"""Reading what a plan file gives for its yearly reports: the lead safeguarding partners who
sign them off, and each reporting year's ``yearly_reports`` entry, its topics written in the
file's small Markdown with every problem located (see ``paper``)."""

from __future__ import annotations

from safeguarding_plan import dates
from safeguarding_plan.errors import shown
from safeguarding_plan.folding import fold
from safeguarding_plan.model.paper import Narrative, title_line
from safeguarding_plan.model.plan import Person
from safeguarding_plan.model.yearly import Topic, YearNarrative
from safeguarding_plan.planfile.composing import Node
from safeguarding_plan.planfile.paper import NarrativeReader
from safeguarding_plan.planfile.reader import NodeReader

_SIGN_OFF = "the yearly report's sign-off"


def lead_partners(reader: NodeReader, node: Node | None) -> tuple[Person, ...]:
    """The partnership's ``lead_partners``: each a ``role`` and a ``name``, a line of the
    sign-off each (``title_line``); the same partner given twice is refused at the second."""
    if node is None:
        return ()
    found = []
    first: dict[tuple[str, str], Person] = {}
    for item in reader.items(node, "'lead_partners'"):
        person = reader.fields(item, "a lead safeguarding partner", ("role", "name"))
        if person is None or not {"role", "name"} <= person.keys():
            continue
        role = _line(reader, person["role"], "a lead safeguarding partner's 'role'")
        name = _line(reader, person["name"], "a lead safeguarding partner's 'name'")
        if role is None or name is None:
            continue
        key = (fold(role), fold(name))
        if key in first:
            reader.problem(
                item,
                f"the lead safeguarding partner {shown(name)}, {shown(role)}, is given twice "
                f"(first as {shown(first[key].name)}, {shown(first[key].role)}); give each "
                "partner once",
            )
            continue
        first[key] = Person(role=role, name=name)
        found.append(first[key])
    return tuple(found)


def _line(reader: NodeReader, node: Node, what: str) -> str | None:
    text = reader.text(node, what)
    if text is not None and (problem := title_line(text, _SIGN_OFF)) is not None:
        reader.problem(node, f"{what} {problem}")
        return None
    return text


def yearly_reports(reader: NodeReader, node: Node | None) -> tuple[YearNarrative, ...]:
    """Each reporting year's entry of ``yearly_reports``; a year given twice is refused at
    its second place."""
    if node is None:
        return ()
    text = NarrativeReader(reader)
    found: list[YearNarrative] = []
    first: dict[tuple[object, object], str] = {}
    for item in reader.items(node, "'yearly_reports'"):
        # Topic's values, written out for the documentation's check of every key.
        fields = reader.fields(
            item,
            "a yearly report",
            ("year",),
            ("voice_of_children", "training", "scrutiny", "funding", "education"),
        )
        if fields is None or "year" not in fields:
            continue
        written = reader.text(fields["year"], "a yearly report's 'year'")
        span = reader.parsed(fields["year"], dates.resolve_year, written) if written else None
        topics: dict[Topic, Narrative] = {}
        for topic in Topic:
            if topic.value in fields:
                words = text.narrative(
                    fields[topic.value], f"{topic.value!r} of {shown(written or '')}"
                )
                if words is not None:
                    topics[topic] = words
        if written is None or span is None:
            continue
        if span in first:
            reader.problem(
                fields["year"],
                f"the yearly report of {shown(written)} is given twice (first as "
                f"{shown(first[span])}); give each year once",
            )
            continue
        first[span] = written
        found.append(YearNarrative(start=span[0], end=span[1], text=written, topics=topics))
    return tuple(found)
