"""The one place an exporter's options are checked against its declarations, for ``export``
and the command line alike, before anything is written."""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta
from types import MappingProxyType
from typing import Any

from safeguarding_plan.errors import did_you_mean, shown
from safeguarding_plan.exporting.exporter import Exporter, Option, OptionError, option_problem
from safeguarding_plan.exporting.guard import described, message, plugin_code
from safeguarding_plan.exporting.kinds import File


def checked(
    exporter: Exporter,
    given: Mapping[str, Any],
    *,
    restricted: Callable[[str], bool] | None = None,
) -> Mapping[str, Any]:
    """The options ``exporter``'s ``write`` receives, read-only: each one ``given`` converted
    and checked by its declaration (text from the command line or a Python value alike), and
    each one not given that has a default. ``None`` is the same as not giving the option.

    ``restricted``, for a public export, says whether a text holds a restricted name
    (``withholding(plan).finds``): each value ``write`` would receive, converted, is refused
    when any text it holds does (see ``texts``), a default as well as a value given; a
    ``File()`` option's path or file is read, never shown, and is not looked at.

    OptionError with one line for each problem: every option the exporter does not take, then
    every value it refuses, in the order it declares them."""
    declared = {option.name: option for option in exporter.options}
    problems = [_unknown(exporter, name) for name in given if name not in declared]
    values: dict[str, Any] = {}
    # A plugin's converter is the plugin's code: what it prints must not reach a document
    # written to standard output, and a failure in it is one line, like any other. So is an
    # object's __str__, which looking for a restricted name calls.
    with plugin_code():
        for option in exporter.options:
            value = given.get(option.name)
            if value is None:
                if option.default is not None:
                    values[option.name] = option.default
                    problems += _withheld(
                        exporter, option, option.default, restricted, default=True
                    )
                continue
            try:
                values[option.name] = option.convert(value)
            except (ValueError, TypeError) as err:
                problems.append(option_problem(exporter.name, option.name, message(err)))
            except KeyboardInterrupt:
                raise
            except BaseException as err:  # sys.exit() in a converter refuses, not ends, it
                problems.append(
                    option_problem(
                        exporter.name, option.name, f"could not be checked: {described(err)}"
                    )
                )
            else:
                problems += _withheld(
                    exporter, option, values[option.name], restricted, default=False
                )
    if problems:
        raise OptionError(*problems)
    return MappingProxyType(values)


_RESTRICTED = "which a public document may not show"


def _withheld(
    exporter: Exporter,
    option: Option,
    value: object,
    restricted: Callable[[str], bool] | None,
    *,
    default: bool,
) -> list[str]:
    """The problem of a value holding a restricted name, in a list (empty when it holds none,
    or when no name is restricted)."""
    if restricted is None or isinstance(option.type, File):
        return []
    try:
        found = holds(value, restricted)
    except KeyboardInterrupt:
        raise
    except BaseException as err:  # what cannot be looked at may hold a name: refused too
        why = f"could not be checked for restricted names: {described(err)}"
    else:
        if not found:
            return []
        if default:
            why = (
                f"its default holds a restricted name, {_RESTRICTED}; give the option another "
                "value, or export for the board"
            )
        else:
            why = f"holds a restricted name, {_RESTRICTED}; leave it out, or export for the board"
    return [option_problem(exporter.name, option.name, why)]


def holds(value: object, restricted: Callable[[str], bool]) -> bool:
    """Whether ``restricted`` finds a name in any text ``value`` holds (see ``texts``), or in
    all of them together, one after another (a writer may join a list's items)."""
    found = list(texts(value))
    return any(map(restricted, found)) or (
        len(found) > 1 and (restricted(" ".join(found)) or restricted("".join(found)))
    )


MOST_ITEMS = 1_000_000
"""The most values ``texts`` looks through in one option's value: far more than any option
needs, and an end to a collection that never ends (``range(10**12)``)."""

# Types whose text is digits and punctuation, never a name; Decimal and Fraction by name, as
# importing decimal and fractions for this would cost every export milliseconds (a value of
# one has its module imported already).
_PLAIN: frozenset[type] = frozenset(
    {type(None), bool, int, float, complex, date, datetime, time, timedelta, range}
)
_PLAIN_NUMBERS = frozenset({("decimal", "Decimal"), ("fractions", "Fraction")})
# Types whose text is only their items': each item is looked at instead.
_CONTAINERS: frozenset[type] = frozenset({list, tuple, dict, set, frozenset})


def texts(value: object) -> Iterator[str]:
    """Each text ``value`` holds, as a ``write`` given it could show it, in order, however
    deep: a string; bytes read as UTF-8; each item of a list, tuple, set or other collection;
    each key and value of a mapping; an enum's value; and the ``str()`` of anything else (an
    object of a plugin's own, a string or a number of a subclass with its own ``__str__``).
    Each object is looked at once, so a value that holds itself ends; one holding more than
    ``MOST_ITEMS`` values raises ValueError, as soon as it is known. Anything an object
    raises as it is looked at propagates."""
    stack = [value]
    left = MOST_ITEMS
    seen: dict[int, object] = {}  # by id, each held so that no id is used again meanwhile
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind in _PLAIN or (kind.__module__, kind.__qualname__) in _PLAIN_NUMBERS:
            continue
        if kind is str and isinstance(item, str):
            yield item
            continue
        if id(item) in seen:
            continue
        seen[id(item)] = item
        if kind not in _CONTAINERS:
            yield str.__str__(str(item))  # a plain copy of whatever str() gives
        parts: Iterable[object] = ()
        if isinstance(item, str):
            yield str.__str__(item)  # a subclass's own text, whatever its __str__ says
        elif isinstance(item, bytes | bytearray | memoryview):
            yield bytes(item).decode("utf-8", "replace")
        elif isinstance(item, enum.Enum):
            parts = (item.value,)
        elif isinstance(item, Mapping):
            parts = (part for pair in item.items() for part in pair)
        elif isinstance(item, Collection):
            parts = item
        taken = list(itertools.islice(parts, left + 1))  # never more than can be looked at
        left -= len(taken)
        if left < 0:
            raise ValueError(f"it holds more than {MOST_ITEMS:,} values")
        stack.extend(reversed(taken))


def _unknown(exporter: Exporter, name: object) -> str:
    names = [option.name for option in exporter.options]
    close = did_you_mean(name, names) if isinstance(name, str) else ""
    listed = close or f" (options: {', '.join(names) or 'none'})"
    named = shown(name) if isinstance(name, str) else repr(name)
    return f"exporter {exporter.name!r} takes no option {named}{listed}"
