"""``Exporter``, what a plugin registers for an output format, and the errors and warnings of
exporting."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import IO, Any

import attrs

from safeguarding_plan.errors import SafeguardingPlanError
from safeguarding_plan.reporting.contents import Report
from safeguarding_plan.text import clean

ORIGIN_BUILT_IN = "built-in"


Writer = Callable[[Report, IO[bytes], Mapping[str, Any]], None]


_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")


# A file name ending made of one to three parts like ".csv" or ".tar.gz": the default output
# name is made from it, so it must not be able to name a folder or leave the current one.
_SUFFIX = re.compile(r"(?:\.[A-Za-z0-9]{1,16}){1,3}\Z")


class ExporterError(SafeguardingPlanError):
    """An exporter could not be registered, found or run; the message says which and why."""


class PluginWarning(UserWarning):
    """A plugin could not be loaded or could not register; the others still work."""


class ExportNote(UserWarning):
    """Something an export did that its user should know, though it succeeded: what was
    dropped from a house template, say. The command line prints each as a note."""


def text_option(
    exporter: str, name: str, value: Any, *, most: int | None = None, because: str = ""
) -> str | None:
    """An option that must be one line of text, cleaned and trimmed (None when not given), of
    at most ``most`` characters if given; ExporterError naming the exporter and option
    otherwise, and saying ``because`` why there is a most (never repeating the value)."""
    if value is None:
        return None
    text = clean(value).strip() if isinstance(value, str) else ""
    if not text:
        raise ExporterError(f"option {name!r} of exporter {exporter!r} must be non-empty text")
    if "\n" in text:
        raise ExporterError(f"option {name!r} of exporter {exporter!r} must be one line")
    if most is not None and len(text) > most:
        raise ExporterError(
            f"option {name!r} of exporter {exporter!r} is {len(text):,} characters; it may be "
            f"at most {most:,}" + (f", {because}" if because else "")
        )
    return text


def _check_name(_exporter: Exporter, _attribute: object, name: str) -> None:
    if not _NAME.match(name):
        raise ExporterError(
            f"exporter name {name!r} must be lower-case letters, digits, '-' or '_'"
        )


def _check_suffix(exporter: Exporter, _attribute: object, suffix: str) -> None:
    if not isinstance(suffix, str) or not _SUFFIX.match(suffix):
        raise ExporterError(
            f"exporter {exporter.name!r}: suffix {suffix!r} must be a file name ending such as "
            "'.csv' or '.tar.gz': a dot and 1 to 16 letters or digits, at most three times"
        )


@attrs.frozen
class Exporter:
    """An output format: what a plugin registers."""

    name: str = attrs.field(validator=_check_name)
    """What users type: ``--format md``."""
    title: str
    """One line saying what it produces, for ``safeguarding-plan exporters``."""
    suffix: str = attrs.field(validator=_check_suffix)
    """The file name ending, with its dot: ``.md``; up to three parts (``.tar.gz``), each a dot
    and 1 to 16 letters or digits."""
    media_type: str
    """The IANA media type of what it writes, e.g. ``text/markdown``."""
    write: Writer
    """``write(report, stream, options)``: render the report to a binary stream."""
    options: tuple[str, ...] = ()
    """Names of the options it accepts; anything else is refused before it runs."""
    origin: str = ORIGIN_BUILT_IN
    """Where it comes from: ``built-in`` or ``distribution version``; set by the registry."""
