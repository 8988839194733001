"""Reading what a plan file gives for its yearly reports: the lead safeguarding partners who
sign them off, and each reporting year's ``yearly_reports`` entry, its topics written in the
file's small Markdown with every problem located (see ``paper``)."""

from __future__ import annotations

from safeguarding_plan import dates
from safeguarding_plan.errors import shown
from safeguarding_plan.model.paper import Narrative
from safeguarding_plan.model.plan import Person
from safeguarding_plan.model.yearly import Topic, YearNarrative
from safeguarding_plan.planfile.composing import Node
from safeguarding_plan.planfile.paper import NarrativeReader
from safeguarding_plan.planfile.reader import NodeReader


def lead_partners(reader: NodeReader, node: Node | None) -> tuple[Person, ...]:
    """The partnership's ``lead_partners``: each a ``role`` and a ``name``."""
    if node is None:
        return ()
    found = []
    for item in reader.items(node, "'lead_partners'"):
        person = reader.fields(item, "a lead safeguarding partner", ("role", "name"))
        if person is None or not {"role", "name"} <= person.keys():
            continue
        role = reader.text(person["role"], "a lead safeguarding partner's 'role'")
        name = reader.text(person["name"], "a lead safeguarding partner's 'name'")
        if role is not None and name is not None:
            found.append(Person(role=role, name=name))
    return tuple(found)


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
