"""``export``: a plan reported and rendered by an exporter into a file or a binary stream."""

from __future__ import annotations

import io
import os
import sys
import warnings
from collections.abc import Mapping
from datetime import date
from typing import IO, TYPE_CHECKING, Any

from safeguarding_plan.errors import ArgumentError
from safeguarding_plan.exporting.exporter import (
    Exporter,
    ExporterError,
    OptionError,
    option_problem,
)
from safeguarding_plan.exporting.guard import closed, described, plugin_code, tellable
from safeguarding_plan.exporting.manager import PluginManager, get_plugin_manager
from safeguarding_plan.exporting.options import checked
from safeguarding_plan.files import write_atomically
from safeguarding_plan.model.plan import Audience, Plan
from safeguarding_plan.reporting.build import report
from safeguarding_plan.reporting.contents import Report
from safeguarding_plan.reporting.redaction import withholding
from safeguarding_plan.scoring.progress import as_of_date

if TYPE_CHECKING:
    # Only for a yearly report: its modules (and its scoring) are imported when one is asked.
    from safeguarding_plan.reporting.yearly import Year


def export(
    plan: Plan,
    name: str,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    options: Mapping[str, Any] | None = None,
    review: str | None = None,
    as_of: date | str | None = None,
    audience: Audience | None = None,
    plugin_manager: PluginManager | None = None,
    replace: bool = True,
    year: Year | None = None,
    **keyword_options: Any,
) -> None:
    """Render ``plan`` at ``review`` with exporter ``name`` to a path or a binary stream; or,
    given a ``year`` (``2021/22``, or its first and last days), its yearly report
    (``yearly_report``), from the reviews dated in that year, in place of a review's.

    ``audience`` is ``board`` by default, and ``public`` for a yearly report, which is
    published. Only an exporter that renders a yearly report (``Exporter.yearly``: ``docx``,
    ``xlsx``, ``md``, ``json``) is given one; any other is an ExporterError naming those that are.

    ``options`` are the exporter's own, a mapping of option names to values
    (``{"meeting_date": "2022-03-10"}``; anything else is a TypeError), each checked and
    converted by the exporter's declaration before anything is written: text, as the command
    line gives it, or a Python value (``date(2022, 3, 10)``). For the ``public`` audience, a
    value (as converted: a list's items, a mapping's keys and values, an object's text) that
    holds a restricted name is refused too, a default as well. OptionError has a line for each
    problem. Passing options as keywords (``meeting_date=...``) is deprecated: it works, with
    a ``DeprecationWarning``, until the next release; an option given both ways is an
    OptionError.

    ``as_of`` is a ``date`` or text naming one day (``2022-03-31``, ``31/03/2022``), as for
    ``score``.

    A path is written atomically: to a temporary file beside it, renamed into place only when
    the exporter has finished, so a failure leaves any earlier file as it was. A symbolic link
    keeps leading where it did, to the new file; a FIFO or a character device (``/dev/null``)
    is written to directly, and an open file descriptor (``/dev/stdout``, ``/dev/fd/N``)
    through a copy of it, never truncated; a folder, a socket or a block device is refused
    (OSError). ``replace=False`` refuses to replace a file already at the path, or one that
    appears there while the exporter runs (FileExistsError; nothing is written). A writer that
    closes its stream has failed (ExporterError). Any other target
    (a text stream such as ``sys.stdout`` or ``io.StringIO()``, ``None``, a number) is refused
    with a TypeError before anything is done.
    """
    _check_target(target)
    if options is not None and not isinstance(options, Mapping):
        raise TypeError(
            "options must be a mapping of option names to values, such as "
            f"{{'meeting_date': '2022-03-10'}}, not {type(options).__name__}"
        )
    if not isinstance(replace, bool):  # an exporter's option of that name goes in options
        raise TypeError(f"replace must be True or False, not {type(replace).__name__}")
    as_of = as_of_date(as_of)
    if year is not None and (review is not None or as_of is not None):
        raise ArgumentError(
            "a yearly report is of the reviews in its year: give no review or as_of"
        )
    audience = audience or ("public" if year is not None else "board")
    given = dict(options or {})
    twice: list[str] = []
    if keyword_options:
        warnings.warn(
            "export(..., NAME=VALUE) is deprecated: pass the exporter's options as "
            "options={'NAME': VALUE}; the keyword form goes in the next release",
            DeprecationWarning,
            stacklevel=_callers_level(),
        )
        twice = [option for option in keyword_options if option in given]
        given.update(keyword_options)
    # Installed plugins are imported only as needed: the one providing the exporter, and
    # those that add timescales when the plan has case reviews to time by them.
    manager = plugin_manager or get_plugin_manager(lazy=True)
    exporter = manager.exporter(name)
    if year is not None:
        check_yearly(exporter, manager)
    problems = [
        option_problem(
            exporter.name, option, "is given twice, in options and as a keyword; give it once"
        )
        for option in twice
    ]
    # An option is the user's own words, not the plan's: for the public, one holding a
    # restricted name is refused, not shown as "[withheld]" (a withheld lead would pick
    # another lead's rows); every value write receives is looked at, as converted.
    withhold = withholding(plan) if audience == "public" else None
    try:
        values = checked(exporter, given, restricted=withhold.finds if withhold else None)
    except OptionError as err:
        problems += err.problems
    if problems:
        raise OptionError(*problems)
    timescales = manager.timescales if plan.case_reviews else ()
    if year is not None:
        from safeguarding_plan.reporting.yearly import yearly_report

        rendered = yearly_report(plan, year, audience=audience, timescales=timescales)
    else:
        rendered = report(
            plan, review=review, as_of=as_of, audience=audience, timescales=timescales
        )
    if isinstance(target, str | os.PathLike):
        write_atomically(
            target, lambda stream: _run(exporter, rendered, stream, values), replace=replace
        )
    else:
        _run(exporter, rendered, target, values)


def check_yearly(exporter: Exporter, manager: PluginManager) -> None:
    """ExporterError unless ``exporter`` renders a yearly report (``Exporter.yearly``), naming
    the installed exporters that do: any other would write an ordinary document, titled as a
    yearly report but without its sections."""
    if exporter.yearly:
        return
    able = [found.name for found in manager.exporters.values() if found.yearly]
    raise ExporterError(
        f"exporter {exporter.name!r} cannot write a yearly report; those that can: "
        f"{', '.join(able) or 'none is installed'}"
    )


def _check_target(target: object) -> None:
    """Refuse a target that is neither a path nor a binary stream, saying what is accepted,
    rather than let the exporter fail on it."""
    if isinstance(target, str | os.PathLike):
        return
    accepted = (
        "export() writes to a path (str or os.PathLike) or a binary stream (a file opened "
        "with 'wb', io.BytesIO(), sys.stdout.buffer)"
    )
    if isinstance(target, io.TextIOBase):
        raise TypeError(
            f"{accepted}, not a text stream ({type(target).__name__}); give its binary buffer "
            "(sys.stdout.buffer) or open the file with 'wb'"
        )
    if not callable(getattr(target, "write", None)):
        raise TypeError(f"{accepted}, not {type(target).__name__}")


def _callers_level() -> int:
    """The ``stacklevel`` that puts a warning at the first caller outside this package (the
    public ``export`` is a wrapper of this one; the test fixture ``run_exporter`` is another),
    where the deprecated call is that the caller has to change."""
    level, frame = 1, sys._getframe(1)
    while frame.f_back is not None and _ours(frame):
        level, frame = level + 1, frame.f_back
    return level


def _ours(frame: Any) -> bool:
    module = str(frame.f_globals.get("__name__", ""))
    return module == "safeguarding_plan" or module.startswith("safeguarding_plan.")


def _run(
    exporter: Exporter, rendered: Report, stream: IO[bytes], options: Mapping[str, Any]
) -> None:
    failed = f"exporter {exporter.name!r} ({exporter.origin}) failed"
    try:
        with plugin_code():
            exporter.write(rendered, stream, options)
    except KeyboardInterrupt:
        raise
    except BaseException as err:  # sys.exit() in a writer is a failed export, not a success
        if closed(stream):
            raise ExporterError(f"{failed}: {_CLOSED}") from err
        # A writer's own ExporterError (an OptionError of a check that needs the report) is
        # told as it is, unless its message cannot be shown.
        if isinstance(err, ExporterError) and tellable(err):
            raise
        raise ExporterError(f"{failed}: {described(err)}") from err
    # What was written before the stream was closed may be the whole document, or not: a
    # writer that closes its stream is faulty, and its document is not trusted.
    if closed(stream):
        raise ExporterError(f"{failed}: {_CLOSED}")


_CLOSED = (
    "it closed the stream it was given (closing a wrapper such as io.TextIOWrapper, or letting "
    "it be garbage-collected, closes the stream too; call the wrapper's detach() instead)"
)
