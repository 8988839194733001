"""A length of time as a plan file writes it: ``10 working days``, ``28 days``, ``6 months``;
a timescale's ``within`` and the plan's ``review_every`` are written so."""

from __future__ import annotations

import re

from safeguarding_plan.model.timescales import Interval, Unit

# Each unit's own noun, with or without an 's': "1 month", "3 months".
_UNITS = {unit.noun: unit for unit in Unit}
_LENGTH = re.compile(rf"(?P<length>\d{{1,4}}) +(?P<unit>{'|'.join(f'{n}s?' for n in _UNITS)})\Z")


def length_of_time(text: str) -> Interval | None:
    """The length of time ``text`` writes; None when it is not written as one."""
    matched = _LENGTH.match(text)
    if matched is None:
        return None
    return Interval(int(matched["length"]), _UNITS[matched["unit"].removesuffix("s")])
