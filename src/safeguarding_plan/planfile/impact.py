"""Reading what shows a plan makes a difference (see ``model.impact``): the plan's measures, a
review's values of them, an update's evidence and assurance.

Numbers are read from the text as written, never as YAML 1.1 would guess: ``1.10`` is the
number 1.10, and ``1,200``, ``1e3`` or ``75%`` of a count of days is a problem with the number
to write. ``decimal`` is imported on the first number read, so a plan without measures never
loads it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from safeguarding_plan.errors import did_you_mean, shown
from safeguarding_plan.model import impact as model
from safeguarding_plan.model.impact import MeasureUnit
from safeguarding_plan.planfile.composing import MappingNode, Node, ScalarNode, SequenceNode
from safeguarding_plan.planfile.reader import (
    EMPTY,
    NodeReader,
    is_null,
    kind_of,
    named,
    scalar,
    unquoted,
)

if TYPE_CHECKING:
    from decimal import Decimal

# Up to nine digits before the point and four after: any count, share, rate or sum of money a
# partnership tracks, and the difference of two of them is still exact as a JSON number.
_NUMBER = re.compile(r"[-+]?[0-9]{1,9}(?:\.[0-9]{1,4})?")
_NUMBER_LIKE = re.compile(r"[-+]?(?:[0-9][0-9,_ ]*)?(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?")
_THOUSANDS = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")
"""Commas that group thousands (``1,200``, ``12,345.5``): dropped in a suggestion."""
_DECIMAL_COMMA = re.compile(r"[-+]?[0-9]+,[0-9]+")
"""A comma where the point goes (``20,5``), as much of Europe writes a decimal: a point in a
suggestion, never dropped (``205`` would be ten times out)."""
_NO_VALUE = frozenset(
    {"n/a", "na", "-", "–", "tbc", "tba", "unknown", "not known", "not available", "none", "nil"}
)
_GIVE = "give a value or a note, or remove the line"
_ADDRESS = re.compile(r"(?:https?://|mailto:)\S+", re.IGNORECASE)
_MEASURE = ("unit", "baseline", "target", "better", "priorities", "actions", "source", "restricted")


def number(reader: NodeReader, node: Node, what: str, unit: MeasureUnit | None) -> Decimal | None:
    """A number as written (``75``, ``-3``, ``1.10``; ``75%`` for a percentage), or None and
    a problem saying what to write."""
    text = reader.text(node, what)
    if text is None:
        return None
    found = written_number(text, unit)
    if found is None:
        reader.problem(node, not_a_number(text, what, unit))
    return found


def written_number(text: str, unit: MeasureUnit | None) -> Decimal | None:
    """The number ``text`` writes as a plan file holds one (``75``, ``1.10``, ``75%`` for a
    percentage), with space around it or not; None when it writes none."""
    written = text.strip()
    if unit in (MeasureUnit.PERCENT, None) and written.endswith("%"):
        written = written[:-1].rstrip()
    if not _NUMBER.fullmatch(written):
        return None
    from decimal import Decimal

    return Decimal(written)


def not_a_number(text: str, what: str, unit: MeasureUnit | None, note: str = "a 'note'") -> str:
    """Why ``text`` is refused as ``what``, a number of a measure counted in ``unit``, with
    what was likely meant; ``note`` names where words about the figure go."""
    bare = text.strip()
    if unit in (MeasureUnit.PERCENT, None):
        bare = bare.removesuffix("%").strip()
    if re.fullmatch(r"[-+]?[0-9]+(?:\.[0-9]+)?", bare):  # a number, only too long to keep?
        from decimal import Decimal

        if not fits(number := Decimal(bare)):
            return too_many_digits(number, what)
    return (
        f"{what} must be a number, such as 75 or 7.5, not {shown(text)}"
        f"{_hint(text.strip(), unit, note)}"
    )


def too_many_digits(number: Decimal, what: str) -> str:
    """Why ``number`` is refused: more digits than a plan file keeps, and the figure rounded to
    four places when that would fit and still be the figure (never 0 for 0.00001)."""
    from decimal import ROUND_HALF_UP, Decimal

    hint = ""
    if number.adjusted() < 9:  # nine digits or fewer before the point: only the places are many
        rounded = number.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP).normalize()
        if fits(rounded) and (rounded or not number):
            hint = f" (did you mean '{format(rounded, 'f')}'?)"
    written = str(number)
    if len(written) > 20:  # 1E+300 typed: as Excel shows it, not three hundred digits
        written = f"{float(number):.6g}"
    return (
        f"{what} is {written}, more digits than a plan file keeps: at most nine before the "
        f"point and four after{hint}"
    )


def fits(value: Decimal) -> bool:
    """Whether a plan file can hold ``value`` as written: at most nine digits before the point
    and four after."""
    return _NUMBER.fullmatch(format(value, "f")) is not None


def _hint(text: str, unit: MeasureUnit | None, note: str) -> str:
    """What a number written another way was meant to be, if that can be known."""
    if text.casefold() in _NO_VALUE:
        return f"; leave a value out when it is not known, and say why in {note}"
    bare = text.removesuffix("%").strip()
    if text.endswith("%") and unit is not None and _NUMBER.fullmatch(bare):
        return f"; the measure's unit is {unit.value!r}, not 'percent' (did you mean {bare!r}?)"
    if _NUMBER_LIKE.fullmatch(bare) and any(c.isdigit() for c in bare):
        from decimal import Decimal, InvalidOperation

        if _DECIMAL_COMMA.fullmatch(bare) and not _THOUSANDS.fullmatch(bare):
            bare = bare.replace(",", ".")
        elif "," in bare and not _THOUSANDS.fullmatch(bare):
            return ""  # commas that are neither: no guess
        try:
            meant = format(Decimal(re.sub(r"[,_ ]", "", bare)), "f")
        except InvalidOperation:
            return ""
        if _NUMBER.fullmatch(meant):
            return f" (did you mean {meant!r}?)"
    if _NUMBER_LIKE.fullmatch(bare):
        return ""
    return f"; write the figure alone, and any words in {note}"


def units(node: Node | None) -> tuple[dict[str, MeasureUnit | None], bool]:
    """Each measure id written under ``measures``, with its unit (None when it cannot be
    read), and whether every measure has an id. Read from the nodes, so that a measure with a
    problem of its own still has its values read, as its unit has them."""
    if node is None or is_null(node):
        return {}, True
    if not isinstance(node, SequenceNode):
        return {}, False
    found: dict[str, MeasureUnit | None] = {}
    for item in node.value:
        ident, unit = scalar(item, "id"), scalar(item, "unit")
        if ident is not None:
            found[unquoted(ident)] = MeasureUnit.read(unit.value) if unit else MeasureUnit.NUMBER
    return found, len(found) == len(node.value)


def measures(
    reader: NodeReader,
    node: Node | None,
    priority_ids: Sequence[str] | None,
    action_ids: Sequence[str] | None,
) -> tuple[model.Measure, ...]:
    """The plan's measures; ``priority_ids`` and ``action_ids`` are what a measure may belong
    to, None when they could not all be read (then what it names is not checked)."""
    if node is None:
        return ()
    items = reader.items(node, "'measures'")
    ids = (i for n in items if (i := scalar(n, "id")) is not None)
    reader.unique(ids, "measure id", as_read=True)
    # In order for messages, each found at once: a plan has thousands of actions.
    priorities = dict.fromkeys(priority_ids) if priority_ids is not None else None
    actions = dict.fromkeys(action_ids) if action_ids is not None else None
    made = (_measure(reader, item, priorities, actions) for item in items)
    return tuple(m for m in made if m is not None)


def _measure(
    reader: NodeReader,
    node: Node,
    priority_ids: Collection[str] | None,
    action_ids: Collection[str] | None,
) -> model.Measure | None:
    what = named(node, "measure", "a measure")
    found = reader.fields(node, what, ("id", "title"), _MEASURE)
    if found is None:
        return None
    ident = reader.ident(found["id"], "a measure's id") if "id" in found else None
    title = reader.text(found["title"], f"'title' of {what}") if "title" in found else None
    unit = (
        reader.choice(
            found["unit"],
            MeasureUnit,
            f"'unit' of {what}",
            "unit",
            model.UNIT_WORDS,
            read=MeasureUnit.read,
        )
        if "unit" in found
        else MeasureUnit.NUMBER
    )
    baseline, target = (
        number(reader, found[key], f"'{key}' of {what}", unit) if key in found else None
        for key in ("baseline", "target")
    )
    better = (
        reader.choice(
            found["better"],
            model.Better,
            f"'better' of {what}",
            "direction",
            model.BETTER_WORDS,
            read=model.Better.read,
        )
        if "better" in found
        else None
    )
    if "target" in found and "better" not in found:
        reader.problem(found["target"], _no_direction(what, baseline, target))
    belongs = [
        _names(reader, found.get(key, EMPTY), what, key, known)
        for key, known in (("priorities", priority_ids), ("actions", action_ids))
    ]
    source = reader.optional_text(found, "source", f"'source' of {what}")
    restricted = (
        reader.flag(found["restricted"], f"'restricted' of {what}")
        if "restricted" in found
        else False
    )
    if ident is None or title is None or unit is None or None in belongs:
        return None
    if ("unit" in found and unit is None) or ("better" in found and better is None):
        return None
    if ("baseline" in found and baseline is None) or ("target" in found and target is None):
        return None
    if "target" in found and "better" not in found:
        return None
    priorities, actions = belongs
    return model.Measure(
        id=ident,
        title=title,
        unit=unit,
        baseline=baseline,
        target=target,
        better=better,
        priorities=tuple(priorities or ()),
        actions=tuple(actions or ()),
        source=source,
        restricted=restricted,
    )


def _no_direction(what: str, baseline: Decimal | None, target: Decimal | None) -> str:
    message = f"{what} has a 'target' but no 'better': say which way is better"
    if baseline is not None and target is not None and baseline != target:
        meant = "higher" if target > baseline else "lower"
        return (
            f"{message} (did you mean 'better: {meant}'? the target is {meant} than the baseline)"
        )
    return f"{message}, 'better: higher' or 'better: lower'"


def _names(
    reader: NodeReader, node: Node, what: str, key: str, known: Collection[str] | None
) -> list[str] | None:
    """The ids of priorities or actions a measure belongs to; None if one has a problem."""
    kind = key.removesuffix("s") if key == "actions" else "priority"
    names: list[str] = []
    good = True
    for item in reader.items(node, f"'{key}' of {what}"):
        name = reader.ident(item, f"a {kind} of {what}")
        if name is None:
            good = False
        elif known is not None and name not in known:
            meant = did_you_mean(name, known)
            if not meant and kind == "priority":
                meant = f"; the plan's priorities are {', '.join(known) or 'none'}"
            reader.problem(item, f"{what} belongs to unknown {kind} {shown(name)}{meant}")
            good = False
        else:
            names.append(name)
    return names if good else None


def values(
    reader: NodeReader,
    node: Node,
    what: str,
    units: Mapping[str, MeasureUnit | None],
    complete: bool,
) -> dict[str, model.MeasureValue]:
    """A review's values by measure id; ``units`` has every measure id written, with its unit
    (None when it cannot be read), and an id not in it is unknown when ``complete``."""
    made: dict[str, model.MeasureValue] = {}
    for measure_id, key_node, value_node in reader.pairs(
        node, f"'measures' of {what}", "measure id: value", "value for measure", "a measure id"
    ):
        if measure_id not in units:
            if complete:
                reader.problem(
                    key_node,
                    f"value for unknown measure {shown(measure_id)} in {what}"
                    + (
                        did_you_mean(measure_id, units)
                        if units
                        else "; list it under 'measures' first"
                    ),
                )
            continue
        measure = f"measure {shown(measure_id)} in {what}"
        if is_null(value_node):
            reader.problem(key_node, f"the value of {measure} is empty; {_GIVE}")
            continue
        value = _value(reader, value_node, measure, units[measure_id])
        if value is not None:
            made[measure_id] = value
    return made


def _value(
    reader: NodeReader, node: Node, measure: str, unit: MeasureUnit | None
) -> model.MeasureValue | None:
    """The value of ``measure`` ("measure 'x' in review 'y'"): a number, or a value and a
    note."""
    if isinstance(node, ScalarNode):  # `rr-on-time: 75`
        written = number(reader, node, f"the value of {measure}", unit)
        return model.MeasureValue(value=written) if written is not None else None
    found = reader.fields(node, f"the value of {measure}", (), ("value", "note"))
    if found is None:
        return None
    given = "value" in found and not is_null(found["value"])
    value = number(reader, found["value"], f"'value' of {measure}", unit) if given else None
    note = reader.optional_text(found, "note", f"'note' of {measure}")
    if value is None and note is None and not given:
        reader.problem(node, f"the value of {measure} is empty; {_GIVE}")
    if value is None and (given or note is None):
        return None
    return model.MeasureValue(value=value, note=note)


def evidence(reader: NodeReader, node: Node, what: str) -> tuple[model.Evidence, ...]:
    """An update's evidence: each item a short description, or ``{text, link, document}``."""
    made = []
    for item in reader.items(node, f"'evidence' of {what}"):
        if isinstance(item, ScalarNode):
            text = reader.text(item, f"evidence of {what}")
            if text is not None:
                made.append(model.Evidence(text))
            continue
        found = reader.fields(item, f"evidence of {what}", ("text",), ("link", "document"))
        if found is None or "text" not in found:
            continue
        text = reader.text(found["text"], f"the 'text' of evidence of {what}")
        link = reader.optional_text(found, "link", f"the 'link' of evidence of {what}")
        if link is not None and not _ADDRESS.fullmatch(link):
            reader.problem(found["link"], _not_an_address(link))
            continue
        document = reader.optional_text(found, "document", f"the 'document' of evidence of {what}")
        if text is not None:
            made.append(model.Evidence(text, link, document))
    return tuple(made)


def _not_an_address(link: str) -> str:
    message = (
        f"a 'link' is a web or e-mail address (https://…, http://… or mailto:…), not {shown(link)}"
    )
    bare = link.strip()
    if bare.casefold().startswith("www.") and " " not in bare:
        return f"{message} (did you mean {'https://' + bare!r}?)"
    if "@" in bare and " " not in bare and ":" not in bare:
        return f"{message} (did you mean {'mailto:' + bare!r}?)"
    return f"{message}; name a document with 'document' instead"


def assurance(reader: NodeReader, node: Node, what: str) -> model.Assurance | None:
    """Who assured an action, and when: ``{by: Business Unit, date: 2022-01-20}``."""
    example = "e.g. '{by: Business Unit, date: 2022-01-20}'"
    if isinstance(node, ScalarNode) and not is_null(node):
        reader.problem(
            node,
            f"'assured' of {what} says who saw the evidence and when, {example}, "
            f"not {kind_of(node)}",
        )
        return None
    if isinstance(node, MappingNode):
        for key, _ in node.value:
            if isinstance(key, ScalarNode) and unquoted(key).casefold() == "on":
                # YAML 1.1 reads a key 'on' as true: other tools would lose the day.
                reader.problem(
                    key,
                    f"write the day of 'assured' of {what} as 'date', not 'on', which some YAML "
                    "tools read as yes (did you mean 'date'?)",
                )
                return None
    found = reader.fields(node, f"'assured' of {what}", ("by", "date"))
    if found is None or len(found) < 2:
        return None
    by = reader.text(found["by"], f"'by' of 'assured' of {what}")
    day = reader.date(found["date"], f"'date' of 'assured' of {what}")
    return model.Assurance(by, day) if by is not None and day is not None else None
