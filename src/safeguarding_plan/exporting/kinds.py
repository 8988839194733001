"""The kinds of value an exporter option takes: each converts what it is given, text from the
command line (``-O meeting_date=2022-03-10``) or a Python value (``date(2022, 3, 10)``), into
the one type the exporter's ``write`` receives, or raises ``ValueError`` saying what is wrong.

A message that says what the value must be (``must be one line``) follows the option's name
(``option 'marking' of exporter 'docx' must be one line``); see ``exporter.option_problem``.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Protocol

import attrs

from safeguarding_plan.dates import MAX_YEAR, MIN_YEAR, DateError, parse_day
from safeguarding_plan.errors import ExporterError
from safeguarding_plan.text import UNCARRIABLE, clean
from safeguarding_plan.values import Value


class Kind(Protocol):
    """What an option's ``type`` is made into: a converter with a name for listings."""

    @property
    def label(self) -> str:
        """The kind of value, as ``safeguarding-plan exporters`` lists it: ``one line of text``."""
        ...

    def __call__(self, value: Any, /) -> Any:
        """``value`` converted, or ValueError saying what is wrong with it."""
        ...


def _positive(_kind: object, _attribute: object, most: int | None) -> None:
    if most is not None and (not isinstance(most, int) or isinstance(most, bool) or most < 1):
        raise ExporterError(f"Text(most=...) must be a whole number of at least 1, not {most!r}")


def _because(_kind: object, _attribute: object, because: object) -> None:
    if not isinstance(because, str):
        raise ExporterError(f"Text(because=...) must be text, not {because!r}")


def _yes_or_no(_kind: object, _attribute: object, exact: object) -> None:
    if not isinstance(exact, bool):
        raise ExporterError(f"Text(exact=...) must be True or False, not {exact!r}")


# Every character that ends a line, as str.splitlines reads them: a line feed, a carriage
# return, a vertical tab, a form feed, the file, group and record separators, NEL (U+0085),
# and the line and paragraph separators (U+2028, U+2029). clean() would show most of them as
# U+FFFD, which a document shows as one line: one given is a line break, not a character.
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


@attrs.frozen(repr=False, eq=False)
class Text(Value):
    """One line of text: trimmed and cleaned (``clean``), never empty, with no line break of
    any kind inside it, of at most ``most`` characters if given, refused over that (never
    cut), saying ``because`` why there is a most; or, ``exact``, any non-empty text exactly as
    given (a name matched against the plan's), of at most ``most`` characters if given."""

    most: int | None = attrs.field(default=None, kw_only=True, validator=_positive)
    because: str = attrs.field(default="", kw_only=True, validator=_because)
    exact: bool = attrs.field(default=False, kw_only=True, validator=_yes_or_no)

    @property
    def label(self) -> str:
        most = "" if self.most is None else f", at most {self.most:,} characters"
        if self.exact:
            return f"text, exactly as given{most}"
        return f"one line of text{most}"

    def __call__(self, value: Any, /) -> str:
        given = value if isinstance(value, str) else ""
        if self.exact:
            text = given
        else:
            given = given.strip()
            text = clean(given).strip()
        if not text:
            raise ValueError("must be non-empty text")
        if not self.exact and _LINE_BREAK.search(given):
            raise ValueError("must be one line")
        if not self.exact and (uncarriable := UNCARRIABLE.search(given)):
            # Refused, not shown as U+FFFD: what was typed would not be what the document says.
            code = f"U+{ord(uncarriable.group()):04X}"
            raise ValueError(f"holds a character no document can carry ({code}); delete it")
        if self.most is not None and len(text) > self.most:
            # Its length, never the text: it may be a page long.
            raise ValueError(
                f"is {len(text):,} characters; it may be at most {self.most:,}"
                + (f", {self.because}" if self.because else "")
            )
        return text


MOST_DIGITS = 18
"""The most digits a whole number option has, given as text or as a Python ``int`` alike:
up to 999,999,999,999,999,999 either way, which fits the 64-bit integer of any format."""

_WHOLE = re.compile(rf"([+-]?)0*([0-9]{{1,{MOST_DIGITS}}})\Z")


@attrs.frozen(repr=False, eq=False)
class Integer(Value):
    """A whole number of at most ``MOST_DIGITS`` digits: an ``int`` (not ``True`` or
    ``False``), or its digits as text; ``write`` receives a plain ``int``."""

    label = "whole number"

    def __call__(self, value: Any, /) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            if abs(int(value)) >= 10**MOST_DIGITS:
                raise ValueError(_TOO_LONG)
            return int(value)
        if isinstance(value, str):
            text = value.strip()
            whole = _WHOLE.match(text)
            if whole:
                return int(whole[1] + whole[2])
            if re.fullmatch(r"[+-]?[0-9]+", text):  # digits, too many of them
                raise ValueError(_TOO_LONG)
        raise ValueError("must be a whole number")


_TOO_LONG = f"must be a whole number of at most {MOST_DIGITS} digits"

_YES = frozenset({"yes", "true", "on", "1"})
_NO = frozenset({"no", "false", "off", "0"})


@attrs.frozen(repr=False, eq=False)
class Flag(Value):
    """Yes or no: ``True`` or ``False``, ``1`` or ``0``, or as text ``yes``/``no``,
    ``true``/``false``, ``on``/``off`` or ``1``/``0`` in any case."""

    label = "yes or no"

    def __call__(self, value: Any, /) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):  # as the text "1" and "0" are
            return bool(value)
        word = value.strip().lower() if isinstance(value, str) else None
        if word in _YES:
            return True
        if word in _NO:
            return False
        raise ValueError("must be yes or no")


@attrs.frozen(repr=False, eq=False)
class Day(Value):
    """A date from 1900 to 2200: a ``date``, or text naming one day as a plan file does
    (``2022-03-10``, ``10/03/2022``); not a ``datetime``, as text with a time is not a date
    either. ``write`` receives a plain ``date``."""

    label = "date (YYYY-MM-DD or DD/MM/YYYY)"

    def __call__(self, value: Any, /) -> date:
        if isinstance(value, datetime):
            raise ValueError("must be a date, not a date and time")
        if isinstance(value, date):
            if not MIN_YEAR <= value.year <= MAX_YEAR:
                raise ValueError(
                    f"{value.isoformat()!r} needs a year from {MIN_YEAR} to {MAX_YEAR}"
                )
            return date(value.year, value.month, value.day)
        if not isinstance(value, str):
            raise ValueError("must be a date")
        try:
            return parse_day(value)
        except DateError as err:  # says what it could not read, and how to write it
            raise ValueError(str(err)) from None


@attrs.frozen(repr=False, eq=False)
class File(Value):
    """A file to read: a path (text or ``os.PathLike``, given as a ``Path``) or an open binary
    file (anything with ``read``), given as it is. A path is the user's file, never text a
    document shows."""

    label = "path or file"

    def __call__(self, value: Any, /) -> Path | IO[bytes]:
        if isinstance(value, Path):
            return value
        if isinstance(value, str | os.PathLike) and os.fspath(value):
            return Path(value)
        if isinstance(value, io.TextIOBase):  # it would fail at its first read, less clearly
            raise ValueError("must be a path or a file opened to read bytes ('rb'), not text")
        if not isinstance(value, str | bytes | os.PathLike) and callable(
            getattr(value, "read", None)
        ):
            return value  # type: ignore[no-any-return]
        raise ValueError("must be a path or a file")


@attrs.frozen(repr=False, eq=False)
class Converted(Value):
    """A converter of the plugin's own: any callable taking the value given (text or a Python
    value) and returning it converted, or raising ``ValueError`` or ``TypeError``. The listing
    names it after the callable: ``one_character`` is ``one character``."""

    convert: Callable[[Any], Any]

    @property
    def label(self) -> str:
        name = getattr(self.convert, "__name__", "")
        return name.replace("_", " ").strip() if name.isidentifier() else "value"

    def __call__(self, value: Any, /) -> Any:
        return self.convert(value)


@attrs.frozen(repr=False, eq=False)
class AsGiven(Value):
    """Any value, as given: the options of an exporter declared by name only, before options
    had types."""

    label = "any value"

    def __call__(self, value: Any, /) -> Any:
        return value


_BY_TYPE: dict[object, Kind] = {str: Text(), int: Integer(), bool: Flag(), date: Day()}


def kind(declared: object) -> Kind:
    """The kind an option's ``type`` declares: ``str`` (one line of text), ``int``, ``bool``,
    ``date``, a kind of this module (``Text(most=255)``, ``File()``), or any other callable,
    used as the converter."""
    if declared in _BY_TYPE:
        return _BY_TYPE[declared]
    if isinstance(declared, Text | Integer | Flag | Day | File | Converted | AsGiven):
        return declared
    if callable(declared):
        return Converted(declared)
    raise TypeError(
        f"an option's type must be str, int, bool, date, a kind such as Text(...) or File(), "
        f"or a converter function, not {declared!r}"
    )
