"""``export``: a plan reported and rendered by an exporter into a file or a binary stream."""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import IO, Any

from safeguarding_plan.exporting.exporter import Exporter, ExporterError
from safeguarding_plan.exporting.guard import closed, described, plugin_code, tellable
from safeguarding_plan.exporting.manager import PluginManager, get_plugin_manager
from safeguarding_plan.exporting.options import checked
from safeguarding_plan.files import write_atomically
from safeguarding_plan.model.plan import Audience, Plan
from safeguarding_plan.reporting.build import report
from safeguarding_plan.reporting.contents import Report
from safeguarding_plan.reporting.redaction import withholding


def export(
    plan: Plan,
    name: str,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    options: Mapping[str, Any] | None = None,
    review: str | None = None,
    as_of: date | None = None,
    audience: Audience = "board",
    plugin_manager: PluginManager | None = None,
    **keyword_options: Any,
) -> None:
    """Render ``plan`` at ``review`` with exporter ``name`` to a path or a binary stream.

    ``options`` are the exporter's own (``{"meeting_date": "2022-03-10"}``), each checked and
    converted by the exporter's declaration before anything is written: text, as the command
    line gives it, or a Python value (``date(2022, 3, 10)``); OptionError has a line for each
    problem. Passing them as keywords (``meeting_date=...``) is deprecated: it works, with a
    ``DeprecationWarning``, until the next release.

    A path is written atomically: to a temporary file beside it, renamed into place only when
    the exporter has finished, so a failure leaves any earlier file as it was. A symbolic link
    keeps leading where it did, to the new file; a FIFO or a character device (``/dev/null``)
    is written to directly, and an open file descriptor (``/dev/stdout``, ``/dev/fd/N``)
    through a copy of it, never truncated; a folder, a socket or a block device is refused
    (OSError). A writer that closes its stream has failed (ExporterError).
    """
    given = dict(options or {})
    if keyword_options:
        warnings.warn(
            "export(..., NAME=VALUE) is deprecated: pass the exporter's options as "
            "options={'NAME': VALUE}; the keyword form goes in the next release",
            DeprecationWarning,
            stacklevel=_callers_level(),
        )
        twice = sorted(set(given) & set(keyword_options))
        if twice:
            raise TypeError(f"export() got option {twice[0]!r} both in options and as a keyword")
        given.update(keyword_options)
    manager = plugin_manager or get_plugin_manager()
    exporter = manager.exporter(name)
    values = checked(exporter, given)
    if audience == "public":
        # An option is the user's own words, not the plan's: one holding a restricted name is
        # refused, not shown as "[withheld]" (a withheld lead would pick another lead's rows).
        withhold = withholding(plan)
        for option in given:
            value = values.get(option)
            if isinstance(value, str) and withhold.finds(value):
                raise ExporterError(
                    f"option {option!r} holds a restricted name, which a public document may "
                    "not show; leave it out, or export for the board"
                )
    rendered = report(
        plan, review=review, as_of=as_of, audience=audience, timescales=manager.timescales
    )
    if isinstance(target, str | os.PathLike):
        _write_atomically(exporter, rendered, Path(target), values)
    else:
        _run(exporter, rendered, target, values)


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


def _write_atomically(
    exporter: Exporter, rendered: Report, path: Path, options: Mapping[str, Any]
) -> None:
    write_atomically(path, lambda stream: _run(exporter, rendered, stream, options))
