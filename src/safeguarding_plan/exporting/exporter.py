"""``Exporter``, what a plugin registers for an output format; ``Option``, each option it
declares; and the errors and warnings of exporting."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import IO, Any

import attrs

# ExporterError lives in errors, below the option kinds that raise it too; it is still this
# module's, re-exported (`as` says so to a type checker).
from safeguarding_plan.errors import ExporterError as ExporterError  # noqa: PLC0414
from safeguarding_plan.errors import capped, cut, did_you_mean, shown
from safeguarding_plan.exporting.kinds import AsGiven, Kind, Text, kind
from safeguarding_plan.reporting.contents import Report
from safeguarding_plan.values import Value

ORIGIN_BUILT_IN = "built-in"


Writer = Callable[[Report, IO[bytes], Mapping[str, Any]], None]


_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")


# A file name ending made of one to three parts like ".csv" or ".tar.gz": the default output
# name is made from it, so it must not be able to name a folder or leave the current one.
_SUFFIX = re.compile(r"(?:\.[A-Za-z0-9]{1,16}){1,3}\Z")


class ExportNote(UserWarning):
    """Something an export did that its user should know, though it succeeded: what was
    dropped from a house template, say. The command line prints each as a note."""


# A message that says what the value must be, is or holds has the option for its subject.
_FOLLOWS_NAME = re.compile(r"(?:must|is|needs|may|holds)\b")


def option_problem(exporter: str, option: str, message: str) -> str:
    """The one line saying what is wrong with option ``option`` of exporter ``exporter``.

    A ``message`` saying what the value must be, is or holds follows the option's name (``option
    'marking' of exporter 'docx' must be one line``); any other follows a colon (``option
    'meeting_date' of exporter 'docx': cannot read the date …``)."""
    message = message.strip() or "is not a value it takes"
    joined = " " if _FOLLOWS_NAME.match(message) else ": "
    return f"option {option!r} of exporter {exporter!r}{joined}{message}"


class OptionError(ExporterError):
    """Options refused before anything was written: ``problems`` holds one line for each (an
    option the exporter does not take, a value of the wrong kind, the exporter's own checks,
    a value holding a restricted name in a public export). Its message tells the first 100,
    each of at most 1,000 characters, and how many more there are (``told``)."""

    def __init__(self, *problems: str) -> None:
        self.problems: tuple[str, ...] = problems
        super().__init__(*problems)

    def told(self, shown: Callable[[str], str] = str) -> list[str]:
        """The lines that tell the problems: the first 100, each as ``shown`` gives it (the
        command line withholds restricted names) and shortened to 1,000 characters with
        ``…``, then ``… and N more problems``; as plan problems are told."""
        return capped(self.problems, shown)

    def __str__(self) -> str:
        return "\n".join(self.told())


def text_option(
    exporter: str, name: str, value: Any, *, most: int | None = None, because: str = ""
) -> str | None:
    """An option that must be one line of text, cleaned and trimmed (None when not given), of
    at most ``most`` characters if given; OptionError naming the exporter and option
    otherwise, and saying ``because`` why there is a most (never repeating the value).

    Declaring the option as ``Option(name, Text(most=...))`` does the same before ``write``
    runs; this is for a check of a writer's own."""
    if value is None:
        return None
    try:
        return Text(most=most, because=because)(value)
    except ValueError as err:
        raise OptionError(option_problem(exporter, name, str(err))) from None


_OPTION_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")


def _check_option_name(_option: Option, _attribute: object, name: str) -> None:
    # What users type after -O (which reads '-' as '_'), and a Python identifier as well.
    if not isinstance(name, str) or not _OPTION_NAME.match(name):
        raise ExporterError(
            f"option name {name!r} must be lower-case letters, digits or '_', starting with "
            "a letter"
        )


def _choices(given: Iterable[Any]) -> tuple[Any, ...]:
    # A function of ours, not ``tuple``: attrs reads a converter's signature as the class is
    # made, and a builtin's is parsed from text by tokenize, whose pattern took milliseconds
    # of every export to compile.
    return tuple(given)


def _kind(declared: object) -> Kind:
    try:
        return kind(declared)
    except TypeError as err:
        raise ExporterError(str(err)) from None


def _text(_option: Option, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise ExporterError(f"an option's {attribute.name} must be text, not {value!r}")


def _function(option: Option, _attribute: object, check: Callable[[Any], object] | None) -> None:
    # Found as the plugin registers, not when a user first exports with the option.
    if check is not None and not callable(check):
        raise ExporterError(
            f"option {option.name!r}: its check must be a function that raises ValueError to "
            f"refuse a value, not {_given(check)}"
        )


def _given(value: object) -> str:
    """A value of a declaration, as a message shows it: quoted, and shortened when long."""
    return shown(value) if isinstance(value, str) else cut(repr(value), 60)


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    return str(getattr(value, "isoformat", lambda: value)())


@attrs.frozen(repr=False, eq=False)
class Option(Value):
    """One option an exporter takes, declared with its type, default and help:
    ``Option("meeting_date", date, help="the date of the meeting")``.

    Its value reaches ``write`` converted and checked, whether it was given as text on the
    command line (``-O meeting_date=2022-03-10``) or as a Python value
    (``options={"meeting_date": date(2022, 3, 10)}``)."""

    name: str = attrs.field(validator=_check_option_name)
    """What users type: lower-case letters, digits and ``_``, starting with a letter."""
    type: Kind = attrs.field(default=Text(), converter=_kind)
    """What it takes: ``str`` (one line of text, cleaned and trimmed), ``int``, ``bool`` (yes or
    no), ``date`` (a ``date``, or a day as text: ``2022-03-10``, ``10/03/2022``),
    ``Text(most=255)``, ``File()`` (a path or an open binary file), or a function of the
    plugin's own that converts the value given (text or a Python value) or raises
    ``ValueError`` saying what is wrong."""
    default: Any = attrs.field(default=None, kw_only=True)
    """What ``write`` receives when the option is not given, converted as a value given is (an
    ``Exporter`` taking an option whose type refuses its default or one of its choices is
    refused as it is made); ``None``: nothing (the option is left out of ``write``'s
    mapping)."""
    help: str = attrs.field(default="", kw_only=True, validator=_text)
    """One line saying what it does, for ``safeguarding-plan exporters``."""
    choices: tuple[Any, ...] = attrs.field(default=(), converter=_choices, kw_only=True)
    """The only values it takes, if it is so limited (each converted as a value given is)."""
    check: Callable[[Any], object] | None = attrs.field(
        default=None, kw_only=True, validator=_function
    )
    """A rule of the plugin's own, a function called with the converted value: raise
    ``ValueError`` to refuse it (``must be one character``)."""
    default_text: str | None = attrs.field(default=None, kw_only=True, validator=_text)
    """What the listing says the default is when ``default`` cannot say it: ``the
    partnership``, for a default ``write`` works out."""

    _refused: str | None = attrs.field(default=None, init=False, eq=False, repr=False)
    """What is wrong with ``choices`` or ``default`` (each converted by ``type`` as a value
    given is), or None: the ``Exporter`` taking the option refuses it, naming itself and the
    option as a refused value is named."""

    def __attrs_post_init__(self) -> None:
        # A slip in a declaration is the plugin's, found as it registers, not a user's
        # mistake found when they export; told by the Exporter, which knows its own name.
        choices = []
        for choice in self.choices:
            try:
                choices.append(self.type(choice))
            except (ValueError, TypeError) as err:
                refused = f"its choice {_given(choice)} is refused: {err}"
                object.__setattr__(self, "_refused", refused)
                return
        object.__setattr__(self, "choices", tuple(choices))
        if self.default is not None:
            try:
                object.__setattr__(self, "default", self.convert(self.default))
            except (ValueError, TypeError) as err:
                refused = f"its default {_given(self.default)} is refused: {err}"
                object.__setattr__(self, "_refused", refused)

    def convert(self, value: Any) -> Any:
        """``value`` (text from the command line, or a Python value) as ``write`` receives it;
        ``ValueError`` or ``TypeError`` saying what is wrong with it."""
        converted = self.type(value)
        if self.choices and converted not in self.choices:
            listed = ", ".join(map(_shown, self.choices))
            close = did_you_mean(_shown(converted), map(_shown, self.choices))
            raise ValueError(f"must be one of {listed}{close}")
        if self.check is not None:
            self.check(converted)
        return converted

    @property
    def type_text(self) -> str:
        """The kind of value it takes, as the listing says it: ``one line of text``."""
        if self.choices:
            return "one of " + ", ".join(map(_shown, self.choices))
        return self.type.label

    @property
    def default_shown(self) -> str:
        """Its default, as the listing says it: ``OFFICIAL``, ``the partnership``, ``none``."""
        if self.default_text is not None:
            return self.default_text
        return "none" if self.default is None else _shown(self.default)


def _options(declared: Iterable[Option | str]) -> tuple[Option, ...]:
    if isinstance(declared, str | Option):
        declared = (declared,)
    if not isinstance(declared, Iterable):
        return declared  # refused by _check_options, which names the exporter
    options: list[Any] = []
    named = []
    for item in declared:
        if isinstance(item, str):
            named.append(item)
            options.append(Option(item, AsGiven()))
        else:
            options.append(item)  # anything but an Option is refused by _check_options
    if named:
        warnings.warn(
            "an exporter's options are declared as Option(name, type, default=..., help=...) "
            f"now; options named only ({', '.join(map(repr, named))}) take any value, as given, "
            "until the next release",
            DeprecationWarning,
            stacklevel=3,
        )
    return tuple(options)


def _check_options(exporter: Exporter, _attribute: object, options: object) -> None:
    if not isinstance(options, tuple):
        raise ExporterError(
            f"exporter {exporter.name!r}: its options are a tuple of Option(...), not "
            f"{_given(options)}"
        )
    seen: set[str] = set()
    for option in options:
        if not isinstance(option, Option):
            raise ExporterError(
                f"exporter {exporter.name!r}: its options are Option(...), not {_given(option)}"
            )
        if option.name in seen:
            raise ExporterError(
                f"exporter {exporter.name!r}: option {option.name!r} is declared twice"
            )
        seen.add(option.name)
        if option._refused is not None:
            raise ExporterError(option_problem(exporter.name, option.name, option._refused))


def _check_name(_exporter: Exporter, _attribute: object, name: str) -> None:
    if not isinstance(name, str) or not _NAME.match(name):
        raise ExporterError(
            f"exporter name {name!r} must be lower-case letters, digits, '-' or '_'"
        )


def _check_suffix(exporter: Exporter, _attribute: object, suffix: str) -> None:
    if not isinstance(suffix, str) or not _SUFFIX.match(suffix):
        raise ExporterError(
            f"exporter {exporter.name!r}: suffix {suffix!r} must be a file name ending such as "
            "'.csv' or '.tar.gz': a dot and 1 to 16 letters or digits, at most three times"
        )


def _check_yearly(exporter: Exporter, _attribute: object, yearly: object) -> None:
    if not isinstance(yearly, bool):
        raise ExporterError(
            f"exporter {exporter.name!r}: yearly must be True or False, not {_given(yearly)}"
        )


def _check_write(exporter: Exporter, _attribute: object, write: Writer) -> None:
    # Found as the plugin registers, not when a user first exports with it.
    if not callable(write):
        raise ExporterError(
            f"exporter {exporter.name!r}: write must be a function write(report, stream, "
            f"options), not {_given(write)}"
        )


@attrs.frozen(repr=False, eq=False)
class Exporter(Value):
    """An output format: what a plugin registers. Each of its declarations is checked as it is
    made (its name, suffix, ``write`` and options, each option's default and choices), so a
    slip is the plugin's, found as it registers (ExporterError naming the exporter)."""

    name: str = attrs.field(validator=_check_name)
    """What users type: ``--format md``."""
    title: str
    """One line saying what it produces, for ``safeguarding-plan exporters``."""
    suffix: str = attrs.field(validator=_check_suffix)
    """The file name ending, with its dot: ``.md``; up to three parts (``.tar.gz``), each a dot
    and 1 to 16 letters or digits."""
    media_type: str
    """The IANA media type of what it writes, e.g. ``text/markdown``."""
    write: Writer = attrs.field(validator=_check_write)
    """``write(report, stream, options)``: render the report to a binary stream. ``options``
    is a read-only mapping of each option given, converted and checked, and each one not given
    that has a default."""
    options: tuple[Option, ...] = attrs.field(
        default=(), converter=_options, validator=_check_options
    )
    """The options it takes, each an ``Option``; any other is refused, and each value given is
    converted and checked, before ``write`` runs."""
    origin: str = ORIGIN_BUILT_IN
    """Where it comes from: ``built-in`` or ``distribution version``; set by the registry."""
    yearly: bool = attrs.field(default=False, kw_only=True, validator=_check_yearly)
    """Whether it renders a yearly report (``report.year``, and the sections only a yearly
    report has: ``YEAR_PROGRESS``, ``LITTLE_PROGRESS``, ``TO_BE_WRITTEN``, ``SIGN_OFF``). Only
    an exporter that says so is given one: ``export(..., year=...)`` and ``yearly-report -f``
    refuse any other, naming those that do."""
