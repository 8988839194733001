"""``Value``: equality, hashing and ``repr`` for the frozen attrs classes every command
imports, written once here rather than generated and compiled by attrs for each class as it is
defined, which took a third of the package's import time.

A class takes them with ``@attrs.frozen(repr=False, eq=False)`` and ``Value`` as its base. They
behave as attrs' own: equal when of the same class with equal fields (those not declared
``eq=False``), hashed by the same fields but those declared ``hash=False``, and shown as
``Name(field=value, ...)`` without the fields declared ``repr=False``.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

import attrs

_COMPARED: dict[type, tuple[attrgetter[Any], attrgetter[Any], tuple[str, ...]]] = {}
"""For each class, once: its compared fields' getter, its hashed fields' getter and the names
its ``repr`` shows."""


def _fields(cls: type) -> tuple[attrgetter[Any], attrgetter[Any], tuple[str, ...]]:
    found = _COMPARED.get(cls)
    if found is None:
        fields = attrs.fields(cls)
        # The class first: a getter of more than one name gives a tuple, and two classes with
        # the same fields hash apart.
        compared = attrgetter("__class__", *(f.name for f in fields if f.eq))
        hashed = attrgetter(
            "__class__", *(f.name for f in fields if f.hash or (f.hash is None and f.eq))
        )
        found = _COMPARED[cls] = (compared, hashed, tuple(f.name for f in fields if f.repr))
    return found


class Value:
    """The base of a frozen attrs class whose equality, hash and ``repr`` are its fields'."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        compared = _fields(self.__class__)[0]
        return bool(compared(self) == compared(other))

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(_fields(self.__class__)[1](self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _fields(self.__class__)[2])
        # As attrs names a class defined in a function: without the function's name.
        return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}({shown})"
