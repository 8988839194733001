"""The ``safeguarding-plan`` command.

Bad input is the user's to fix, not a crash: every problem goes to stderr as one line
(``file:line:column: message``) and the exit code is 2, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import os
import re
import signal
import stat
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import IO, TYPE_CHECKING, Any, NamedTuple, NoReturn, TextIO, cast

from safeguarding_plan import dates, stopping
from safeguarding_plan.errors import (
    ArgumentError,
    PlanError,
    UnknownReviewError,
    capped,
    shown,
)
from safeguarding_plan.gcpause import paused_gc, paused_to_the_end
from safeguarding_plan.model.plan import AUDIENCES, Plan
from safeguarding_plan.model.ratings import RATING_SCALES, folded
from safeguarding_plan.model.timescales import Timescale
from safeguarding_plan.planfile.loading import MAX_BYTES, load
from safeguarding_plan.text import visible
from safeguarding_plan.words import long_date, plural

# Each command imports what it needs when it runs: 'validate' and 'score' start in a fraction
# of the time of loading the document libraries, and must stay so.
if TYPE_CHECKING:
    from decimal import Decimal

    from safeguarding_plan.exporting.exporter import Exporter
    from safeguarding_plan.exporting.manager import PluginManager
    from safeguarding_plan.formats.xlsx.importing import Imported, Untouched
    from safeguarding_plan.model.impact import MeasureUnit
    from safeguarding_plan.reporting.redaction import Redactor
    from safeguarding_plan.scoring.impact import MeasureScore
    from safeguarding_plan.scoring.progress import Counts, Score

EXIT_OK = 0
EXIT_REJECTED = 1
"""``import-xlsx --partial`` left a tracker out: the others were imported."""
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # the shell's code for Ctrl-C
EXIT_BROKEN_PIPE = 141
"""When what reads the output stops reading (``| head -1``): the code the shell gives a tool
that SIGPIPE ends, 128 + 13, as ``cat`` and ``grep`` end there; nothing more is printed."""
# SIGTERM and SIGHUP end a command as Ctrl-C does, with the shell's code for a signal,
# 128 + its number: 143 and 129. SIGKILL cannot be caught (see files.py on what it leaves).
_TERMINATING = ("SIGTERM", "SIGHUP")

HORIZON_DAYS = 3660
"""The longest ``score --horizon``: ten years, longer than any plan runs."""


class _BadInputError(Exception):
    """A problem with what the user gave, already worded for them: one line for each, in
    ``lines``."""

    def __init__(self, *lines: str) -> None:
        super().__init__(*lines)
        self.lines = lines


class _OutputError(Exception):
    """Standard output or standard error could not be written: the reader of a pipe has gone,
    the disk is full, or the command was started with it closed (``>&-``, then ``stream`` is
    None)."""

    def __init__(self, stream: TextIO | None, error: OSError) -> None:
        super().__init__(error)
        self.stream = stream
        self.error = error


# The errors that only writing gives: when an export fails with one, it is the file it writes
# (or the temporary file holding a document for standard output) that failed, not the exporter.
_WRITE_ERRORS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


class _Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised wherever the command is, so that it ends as Ctrl-C does: every
    temporary file removed, every earlier file as it was."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminated(signum: int, _frame: object) -> None:
    # Recorded as well as raised: code that swallows the exception (a plugin's bare except:)
    # is stopped again as it returns, and before any file is renamed into place.
    stopping.request(KeyboardInterrupt() if signum == signal.SIGINT else _Terminated(signum))


def _catch_terminations() -> dict[int, Any]:
    """Turn SIGTERM and SIGHUP into _Terminated, and Ctrl-C into a KeyboardInterrupt that is
    recorded too; return the handlers to put back after. A signal already ignored (nohup)
    stays ignored, and a Ctrl-C handler other than Python's own is left alone."""
    previous: dict[int, Any] = {}
    for name in ("SIGINT", *_TERMINATING):
        number = getattr(signal, name, None)
        if number is None or signal.getsignal(number) is signal.SIG_IGN:
            continue
        if name == "SIGINT" and signal.getsignal(number) is not signal.default_int_handler:
            continue
        try:
            previous[number] = signal.signal(number, _terminated)
        except ValueError:  # not the main thread: signals are not ours to handle
            break
    return previous


def _restore_handlers(previous: dict[int, Any]) -> None:
    for number, handler in previous.items():
        signal.signal(number, signal.SIG_DFL if handler is None else handler)


def run() -> NoReturn:
    """The ``safeguarding-plan`` command: `main`, then exit with its code. The cyclic collector
    stays paused to the end: the process ends with the command, and collecting everything it
    made first (and again as Python exits) would take a tenth of a board paper's time."""
    paused_to_the_end()
    sys.exit(main())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    _tolerant_output()
    with warnings.catch_warnings():
        # Every warning, whoever gives it and whenever (a plugin as it loads, registers its
        # exporters or timescales, or writes; a library), is one line through _say.
        warnings.showwarning = _show_warning
        try:
            try:
                return _command(argv)
            finally:  # now, where a failure is handled, not as Python exits (a traceback)
                _flush()
        except _OutputError as err:
            return _output_failed(err)


def _command(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # Only the command asked for is built (each takes a millisecond at every start): all of
    # them for help, the version, or a command mistyped, which lists them.
    parser = _parser(argv[0] if argv and argv[0] in _COMMANDS else None)
    args = parser.parse_args(argv)
    handlers = _catch_terminations()
    try:
        with paused_gc():  # the one place a command pauses it (see gcpause)
            return int(args.run(args))
    except PlanError as err:
        _problems(err.problems)
    except _BadInputError as err:
        _say(*(f"safeguarding-plan: {line}" for line in err.lines), file=sys.stderr)
    except KeyboardInterrupt as err:
        # Every file is written to a temporary beside it and renamed only when complete; a stop
        # that lands once it is in place (see _writing) says so.
        written = getattr(err, "written", None)
        changed = f"after {written} was written" if written else "no file was changed"
        if isinstance(err, _Terminated):
            _say(f"safeguarding-plan: terminated; {changed}", file=sys.stderr)
            return 128 + err.signum
        _say(f"safeguarding-plan: interrupted; {changed}", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        _restore_handlers(handlers)
        stopping.clear()
    return EXIT_BAD_INPUT


def _tolerant_output() -> None:
    # Started with standard error closed (2>&-), Python has none, and print() would write what
    # is meant for it to standard output: into a document written there (-o -).
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the run
    # A console or file whose encoding lacks a character of the plan (an en dash, an emoji)
    # gets a backslash escape instead of a crash. (--json uses JSON's own escapes instead.)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _say(*lines: str, file: TextIO | None = None) -> None:
    """Print ``lines``, one a line (to standard output unless ``file`` says otherwise): every
    line the command prints goes through here. Text from the user's files and command line (file
    names, plan text, problems) reaches the terminal only as ``visible`` shows it: a control
    character, a line break inside a line or a bidirectional override is printed as its escape
    (``\\x1b``), never acted on."""
    if not lines:
        return
    stream = sys.stdout if file is None else file
    if stream is None:  # started with standard output closed (>&-)
        raise _OutputError(None, OSError(errno.EBADF, "it is closed"))
    try:
        print("\n".join(map(visible, lines)), file=stream)
    except OSError as err:
        raise _OutputError(stream, err) from None


def _show_warning(  # noqa: PLR0917 - warnings.showwarning's own signature
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """A warning as one line on standard error, ``safeguarding-plan: warning: ...`` (an
    ``ExportNote``: ``note:``), through _say like every line: never Python's own two lines,
    with a source file and the text as it is."""
    exporter = sys.modules.get("safeguarding_plan.exporting.exporter")  # loaded if any export
    note = exporter is not None and issubclass(category, exporter.ExportNote)
    text = str(message)
    if not issubclass(category, UserWarning):  # not worded for a user: say what kind it is
        text = f"{category.__name__}: {text}"
    # Standard error failing is told where it fails next, never raised into a plugin's code.
    with contextlib.suppress(_OutputError):
        _say(f"safeguarding-plan: {'note' if note else 'warning'}: {text}", file=sys.stderr)


def _flush() -> None:
    """Write out what is buffered for standard output and error, so that a failure to is
    handled here and not as Python exits."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except OSError as err:
            raise _OutputError(stream, err) from None
        except ValueError:  # closed by its owner (a caller of main), so nothing to write
            pass


def _output_failed(err: _OutputError) -> int:
    """The exit code, and the one line, for output that could not be written.

    When the reader of a pipe has gone (``score ... | head -1``), the command ends quietly with
    ``EXIT_BROKEN_PIPE``, as tools that SIGPIPE ends do. Otherwise (a full disk, standard output
    closed) one line on standard error says so, and the exit code is 2. Either way, what is still
    buffered for the stream that failed goes to /dev/null (the idiom of Python's documentation on
    SIGPIPE), so that Python, flushing it as it exits, does not fail again with a traceback."""
    broken = isinstance(err.error, BrokenPipeError)
    for stream in (sys.stdout, sys.stderr) if broken else (err.stream,):
        _quieten(stream)
    if broken:
        return EXIT_BROKEN_PIPE
    if err.stream is None or err.stream is sys.stdout:
        reason = err.error.strerror or str(err.error)
        try:
            _say(f"safeguarding-plan: cannot write to standard output: {reason}", file=sys.stderr)
        except _OutputError:
            _quieten(sys.stderr)
    return EXIT_BAD_INPUT


def _quieten(stream: TextIO | None) -> None:
    """Point the file descriptor under ``stream`` at /dev/null."""
    try:
        descriptor = stream.fileno() if stream is not None else -1
        if descriptor < 0:
            return
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (OSError, ValueError):  # no descriptor (a caller's StringIO), or it is closed
        return
    try:
        os.dup2(devnull, descriptor)
    finally:
        os.close(devnull)


def _problems(problems: Sequence[object]) -> None:
    """Problems on standard error, one a line, capped as the library caps every list of
    problems (``errors.capped``): a file of junk gives a screenful, not a million lines."""
    _say(*capped([str(problem) for problem in problems]), file=sys.stderr)


def _json(data: object, indent: int | None = None) -> list[str]:
    """The lines of ``data`` as JSON: as written where the output can show every character and
    none would be acted on, else with JSON's own escapes (``\\u202e``), which every reader
    takes."""
    import json  # here, not at the top: every command would pay for it at start-up

    text = json.dumps(data, indent=indent, ensure_ascii=False)
    lines = text.split("\n")  # only between values: JSON writes a line break in text as \\n
    if _encodable(text, sys.stdout) and all(visible(line) == line for line in lines):
        return lines
    return json.dumps(data, indent=indent).split("\n")


class _Parser(argparse.ArgumentParser):
    """argparse's parser, whose error messages show what was typed (an unknown argument, a bad
    value) as ``visible`` does."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        super().error(visible(message))


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help, as wide as the terminal: told the width here, argparse does not import
    ``shutil`` (and ``bz2`` and ``lzma`` with it) to ask, on every start, for help rarely shown."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24) -> None:
        super().__init__(prog, indent_increment, max_help_position, _terminal_columns() - 2)


def _terminal_columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` gives it: ``COLUMNS`` if set, else
    the terminal's own, else 80."""
    with contextlib.suppress(ValueError):
        if (columns := int(os.environ.get("COLUMNS", "0"))) > 0:
            return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def _encodable(text: str, stream: TextIO | None) -> bool:
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")  # None: closed (>&-)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _add_forms(commands: Any) -> argparse.ArgumentParser:
    """The ``forms`` command: apart, as the parser's one function would be too long."""
    sending: argparse.ArgumentParser = commands.add_parser(
        "forms",
        help="write every lead's update form for a new review, an e-mail draft to send each, "
        "and a return sheet",
    )
    sending.add_argument("plan", metavar="PLAN.yaml")
    sending.add_argument(
        "--review",
        required=True,
        metavar="ID",
        help="the new review the forms collect; the plan's last review to send the forms "
        "again to the leads who have not returned theirs",
    )
    sending.add_argument(
        "--out",
        required=True,
        metavar="FOLDER",
        help="the folder to write them in (made if need be)",
    )
    sending.add_argument(
        "--return-by",
        metavar="DATE",
        type=_as_of,
        help="the date to return the forms by, YYYY-MM-DD or DD/MM/YYYY "
        "(default: 14 days after --as-of)",
    )
    sending.add_argument(
        "--as-of",
        metavar="DATE",
        type=_as_of,
        help="judge overdue and due-soon actions at this date, YYYY-MM-DD or DD/MM/YYYY "
        "(default: today)",
    )
    sending.add_argument(
        "--force",
        action="store_true",
        help="replace files already in the folder (without it, nothing is written if any is)",
    )
    sending.set_defaults(run=_forms)
    return sending


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser, with every command or only ``command``."""
    parser = _Parser(
        prog="safeguarding-plan",
        description="Keep a safeguarding children partnership's business improvement plan as data.",
    )
    parser.add_argument("--version", action=_Version)
    parser.add_argument(
        "--max-plan-size",
        type=_megabytes,
        default=MAX_BYTES,
        metavar="MB",
        help=f"read plan files of up to this many megabytes (default: {MAX_BYTES >> 20}, about "
        "46,000 actions; anything larger is taken for the wrong file)",
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    for name, add in _COMMANDS.items():
        if command in (None, name):
            add(commands)
    return parser


def _add_init(commands: Any) -> None:
    starting = commands.add_parser(
        "init", help="write a starter plan, with comments, to edit into your own"
    )
    starting.add_argument("plan", metavar="PLAN.yaml")
    starting.add_argument(
        "--partnership", required=True, metavar="NAME", help="the partnership's full name"
    )
    starting.add_argument(
        "--short-name", metavar="ABBR", help="its initials, used in file names (e.g. BSCP)"
    )
    starting.add_argument(
        "--period",
        metavar="YEARS",
        help="the plan's financial years, e.g. 2024/26 (default: two years from this one)",
    )
    starting.add_argument(
        "--ratings",
        choices=tuple(RATING_SCALES),
        type=folded,  # any case and spacing, as a plan file's 'ratings:' is read
        default="faces",
        help="the rating scale (default: faces)",
    )
    starting.add_argument(
        "--force", action="store_true", help="replace PLAN.yaml if it already exists"
    )
    starting.set_defaults(run=_init)


def _add_validate(commands: Any) -> None:
    validate = commands.add_parser(
        "validate", help="check a plan file and list every problem in it"
    )
    validate.add_argument("plan", metavar="PLAN.yaml")
    validate.set_defaults(run=_validate)


def _add_score(commands: Any) -> None:
    scoring = commands.add_parser(
        "score", help="print a plan's progress at a review (or a line for each of many plans)"
    )
    scoring.add_argument("plans", metavar="PLAN.yaml", nargs="+")
    scoring.add_argument("--review", metavar="ID", help="the review to score (default: the latest)")
    scoring.add_argument(
        "--as-of",
        metavar="DATE",
        type=_as_of,
        help="judge overdue actions at this date, YYYY-MM-DD or DD/MM/YYYY (default: the "
        "review's date)",
    )
    scoring.add_argument(
        "--horizon",
        metavar="DAYS",
        type=_horizon,
        help=f"list open actions due within this many days, 0 to {HORIZON_DAYS} (default: to the "
        "next review's date when the plan gives review_every, else to the end of the next "
        "calendar quarter)",
    )
    scoring.add_argument("--json", action="store_true", help="print the score as JSON")
    scoring.set_defaults(run=_score)
    _add_no_plugins(scoring)


def _add_export(commands: Any) -> None:
    exporting = commands.add_parser("export", help="write a document of the plan at a review")
    exporting.add_argument("plan", metavar="PLAN.yaml")
    exporting.add_argument(
        "--format", "-f", required=True, metavar="NAME", help="an exporter: see 'exporters'"
    )
    exporting.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write, replacing a file already there ('-' for standard output; "
        "default: a name made from the partnership, plan and review, and the exporter where "
        "another has its suffix)",
    )
    exporting.add_argument(
        "--force",
        action="store_true",
        help="replace a file that already has the default name (without it, such a file is "
        "left as it is and nothing is written)",
    )
    exporting.add_argument(
        "--review", metavar="ID", help="the review to show (default: the latest)"
    )
    exporting.add_argument(
        "--as-of",
        metavar="DATE",
        type=_as_of,
        help="judge overdue actions at this date, YYYY-MM-DD or DD/MM/YYYY",
    )
    exporting.add_argument(
        "--audience",
        choices=AUDIENCES,
        default="board",
        help="board shows everything; public leaves restricted content out (default: board)",
    )
    _add_options(
        exporting,
        "an exporter option, e.g. -O marking=OFFICIAL-SENSITIVE -O meeting_date=2022-03-10 "
        "(each exporter's options: see 'exporters'); each option at most once",
    )
    for alias in ALIASES:
        exporting.add_argument(
            alias.flag,
            dest=_alias_dest(alias),
            metavar=alias.metavar,
            help=f"the same as -O {alias.option}={alias.metavar}: {alias.help}",
        )
    exporting.set_defaults(run=_export)
    _add_no_plugins(exporting)


def _add_yearly(commands: Any) -> None:
    yearly = commands.add_parser(
        "yearly-report",
        help="write the yearly report of a reporting year, or check what it can hold",
    )
    yearly.add_argument("plan", metavar="PLAN.yaml")
    yearly.add_argument(
        "--year",
        type=_year,
        metavar="YEAR",
        help="the reporting year: 2021/22, 2021-22 or 2021/2022",
    )
    yearly.add_argument("--from", dest="start", type=_as_of, metavar="DATE", help="its first day")
    yearly.add_argument("--to", dest="end", type=_as_of, metavar="DATE", help="its last day")
    yearly.add_argument(
        "--check",
        action="store_true",
        help="list what the guidance expects the report to hold, which the plan gives and "
        "where to add the rest; write nothing",
    )
    yearly.add_argument(
        "--format", "-f", default="docx", metavar="NAME", help="an exporter (default: docx)"
    )
    yearly.add_argument(
        "-o", "--output", metavar="FILE", help="where to write ('-' for standard output)"
    )
    yearly.add_argument(
        "--force", action="store_true", help="replace a file that already has the default name"
    )
    yearly.add_argument(
        "--audience",
        choices=AUDIENCES,
        default="public",
        help="public (the default: the report is published) leaves restricted content out",
    )
    _add_options(yearly, "an exporter option (see 'exporters'); each option at most once")
    yearly.set_defaults(run=_yearly, review=None, as_of=None)
    for alias in ALIASES:
        yearly.set_defaults(**{_alias_dest(alias): None})
    _add_no_plugins(yearly)


def _year(text: str) -> str:
    try:
        dates.resolve_year(text)
    except dates.DateError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
    return text.strip()


def _yearly(args: argparse.Namespace) -> int:
    from safeguarding_plan.errors import ArgumentError
    from safeguarding_plan.reporting.yearly import reporting_year, yearly_contents

    if (args.year is None) == (args.start is None and args.end is None) or (
        args.year is None and (args.start is None or args.end is None)
    ):
        raise _BadInputError("give the year as --year 2021/22, or as --from DATE --to DATE")
    from safeguarding_plan.scoring.yearly import score_year

    plan = _load(args.plan, args)
    # A public report's lines, as its document, show no restricted name (a review's id).
    said = _said(plan, args.audience)
    try:
        start, end, _named = reporting_year(
            plan, (args.start, args.end) if args.year is None else args.year
        )
        args.year = args.year if args.start is None else (args.start, args.end)
        if not args.check:
            return _export(args, plan)
        contents = yearly_contents(plan, args.year, args.audience)
    except ArgumentError as err:
        raise _BadInputError(said(f"{args.plan}: {err}")) from None
    given = [c for c in contents if c.filled]
    _say(said(f"{args.plan}: the yearly report can hold {len(given)} of {len(contents)} contents"))
    _say(*(said(f"  given    {c.title}: {c.where}") for c in given))
    _say(*(said(f"  missing  {c.title}: add {c.where}") for c in contents if not c.filled))
    # The check passes only where the real run would: for a year the report can be written
    # for (a review dated in it), with an exporter that writes it and options it takes.
    problems: list[str] = []
    try:
        score_year(plan, start, end)
    except ArgumentError as err:
        problems.append(said(f"{args.plan}: {err}"))
    try:
        if problems:  # no report to render: the checks that need none
            _prepared(args, plan)
        else:
            _rehearsed(args, plan)
    except _BadInputError as err:
        problems += err.lines
    if problems:
        raise _BadInputError(*problems)
    return EXIT_OK


def _add_import(commands: Any) -> None:
    importing = commands.add_parser(
        "import-xlsx", help="read edited trackers back into the plan as a review's updates"
    )
    importing.add_argument("trackers", nargs="+", metavar="TRACKER.xlsx")
    importing.add_argument("--plan", required=True, metavar="PLAN.yaml")
    importing.add_argument(
        "--review",
        required=True,
        metavar="ID",
        help="the review the updates go into: a new one, or the plan's last, to add late returns",
    )
    importing.add_argument(
        "--as-of",
        metavar="DATE",
        type=_as_of,
        help="the date progress is reported at, YYYY-MM-DD or DD/MM/YYYY (default: the "
        "review's own, for a review the plan has; else today)",
    )
    importing.add_argument(
        "--title",
        metavar="TEXT",
        help="the review's title (default: the month after --as-of, e.g. 'February 2022 – Update')",
    )
    importing.add_argument(
        "--replace",
        action="store_true",
        help="when the review has an update for an action already (from an earlier import), "
        "replace it with the tracker's, instead of refusing the row",
    )
    importing.add_argument(
        "--partial",
        action="store_true",
        help="import the trackers that have no problem and leave out whole each one that has, "
        "listing its problems (exit code 1); by default any problem stops the whole import",
    )
    written = importing.add_mutually_exclusive_group()
    written.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write the plan with its new review (default: PLAN-REVIEW.yaml beside "
        "the plan; never the plan itself)",
    )
    written.add_argument(
        "--in-place",
        action="store_true",
        help="replace the plan file itself (atomically; comments in it are not kept)",
    )
    importing.add_argument(
        "--force",
        action="store_true",
        help="replace a file already at the name written to (never the plan, but with "
        "--in-place, nor a tracker being imported); without it, nothing is written",
    )
    importing.set_defaults(run=_import_xlsx)


def _add_exporters(commands: Any) -> None:
    listing = commands.add_parser("exporters", help="list the installed exporters")
    listing.set_defaults(run=_exporters)
    _add_no_plugins(listing)


def _add_options(command: argparse.ArgumentParser, help_text: str) -> None:
    """``-O NAME=VALUE``, an exporter option, as many times as there are options."""
    command.add_argument(
        "-O",
        "--option",
        dest="options",
        action="append",
        default=[],
        type=_option,
        metavar="NAME=VALUE",
        help=help_text,
    )


def _add_no_plugins(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--no-plugins",
        action="store_true",
        help="load no installed plugin: only the built-in exporters and the statutory timescales",
    )


_COMMANDS: dict[str, Callable[[Any], object]] = {
    "init": _add_init,
    "validate": _add_validate,
    "score": _add_score,
    "export": _add_export,
    "yearly-report": _add_yearly,
    "forms": lambda commands: _add_no_plugins(_add_forms(commands)),
    "import-xlsx": _add_import,
    "exporters": _add_exporters,
}
"""Each command and what adds it to the parser, in the order help lists them."""


class _Version(argparse.Action):
    """``--version``: the installed package's version, looked up only when asked for, so that
    no command waits for the package metadata."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_: Any) -> None:
        super().__init__(
            option_strings,
            dest=argparse.SUPPRESS,
            default=argparse.SUPPRESS,
            nargs=0,
            help="print the version and exit",
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> NoReturn:
        from importlib import metadata

        try:
            found = metadata.version(DISTRIBUTION)
        except metadata.PackageNotFoundError:  # run from a source tree that is not installed
            found = "unknown (not installed)"
        _say(f"{parser.prog} {found}")
        parser.exit()


DISTRIBUTION = "safeguarding-plan"
"""The name the package is installed under, whose metadata gives the version."""


class Alias(NamedTuple):
    """A flag of ``export`` that is another way to give an exporter option: ``--lead X`` is
    ``-O lead=X``, checked by the option's declaration in whichever exporter is chosen."""

    flag: str
    option: str
    metavar: str
    help: str


# Written out, not made from the declarations: building the parser must not load the
# exporters, so that 'validate' and 'score' start without them. A test keeps each alias to an
# option a built-in exporter declares.
ALIASES = (
    Alias("--template", "template", "FILE", "a house-style document, for exporters that take one"),
    Alias("--lead", "lead", "LEAD", "xlsx: a tracker of only this lead's actions, to fill in"),
    Alias(
        "--new-review",
        "new_review",
        "ID",
        "xlsx: the update form for the next review ID (ratings filled in, updates empty)",
    ),
)
"""The shortcut flags of ``export``, each an alias of an option that built-in exporters
declare (the declaration is what checks it). Listed by ``exporters`` beside their options."""


def _alias_dest(alias: Alias) -> str:
    return f"alias_{alias.option}"


def _option(text: str) -> tuple[str, str]:
    name, equals, value = text.partition("=")
    if not equals or not name.strip():
        raise argparse.ArgumentTypeError(f"{shown(text)} is not NAME=VALUE")
    return name.strip().replace("-", "_"), value


def _horizon(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        days = -1
    if not 0 <= days <= HORIZON_DAYS:
        raise argparse.ArgumentTypeError(
            f"{shown(text)} is not a number of days from 0 to {HORIZON_DAYS}"
        ) from None
    return days


def _as_of(text: str) -> date:
    try:
        return dates.parse_day(text)
    except dates.DateError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _megabytes(text: str) -> int:
    """``--max-plan-size``: a whole number of megabytes, 1 to 4096, as bytes."""
    try:
        size = int(text)
    except ValueError:
        size = 0
    if not 1 <= size <= MOST_MEGABYTES:
        raise argparse.ArgumentTypeError(
            f"{shown(visible(text))} is not a size in megabytes from 1 to {MOST_MEGABYTES:,}"
        )
    return size << 20


MOST_MEGABYTES = 4096
"""The largest ``--max-plan-size``: a plan of four gigabytes would not fit in most machines'
memory once read."""


def _load(path: str, args: argparse.Namespace) -> Plan:
    try:
        return load(path, max_bytes=args.max_plan_size)
    except OSError as err:
        raise _BadInputError(f"{path}: cannot read the file: {err.strerror or err}") from None


# The init option that gave each of the starter's values, for naming it in a problem.
_INIT_OPTIONS = {"partnership": "--partnership", "short_name": "--short-name", "period": "--period"}


def _init(args: argparse.Namespace) -> int:
    from safeguarding_plan.files import write_atomically
    from safeguarding_plan.formats.xlsx.layout import too_long_for_a_cell
    from safeguarding_plan.planfile import starter
    from safeguarding_plan.planfile.loading import loads
    from safeguarding_plan.text import clean

    if os.path.exists(args.plan) and not args.force:
        raise _BadInputError(f"{args.plan}: already exists; give --force to replace it")
    period = args.period or starter.default_period(date.today())
    text = starter.starter(
        args.partnership, short_name=args.short_name, period=period, ratings=args.ratings
    )
    # The loader's own rules decide what a name or period may be, so the starter is always a
    # plan that loads; what it refuses is reported against the option that gave it.
    try:
        plan = loads(text, args.plan)
    except PlanError as err:
        fields = starter.field_lines()
        options = [_INIT_OPTIONS.get(fields.get(problem.line, "")) for problem in err.problems]
        _problems(
            [
                f"safeguarding-plan: {option}: {problem.message}" if option else problem
                for option, problem in zip(options, err.problems, strict=True)
            ]
        )
        return EXIT_BAD_INPUT
    # The tracker shows the name in one cell: a plan whose name Excel cannot hold could be
    # written but never exported as one (the one rule the xlsx exporter refuses such text by).
    too_long = too_long_for_a_cell(clean(plan.partnership.name), "the partnership's name")
    if too_long is not None:
        raise _BadInputError(f"--partnership: {too_long}; give a shorter name")
    try:
        write_atomically(args.plan, lambda stream: stream.write(text.encode("utf-8")))
    except OSError as err:
        raise _BadInputError(f"{args.plan}: cannot write the file: {err.strerror or err}") from None
    import shlex  # here: every command would pay for it at start-up

    shown = shlex.quote(args.plan)
    _say(
        f"wrote {args.plan}: a starter {plan.title} {period}, rated {args.ratings}, with "
        f"{plural(len(plan.priorities), 'example priority', 'example priorities')}, "
        f"{plural(len(plan.actions), 'action')} and {plural(len(plan.reviews), 'review')}",
        "Edit it into your own plan, then run:",
        f"  safeguarding-plan score {shown}",
        f"  safeguarding-plan export {shown} -f docx",
    )
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    plan = _load(args.plan, args)
    _say(
        f"{args.plan}: valid plan: {plural(len(plan.priorities), 'priority', 'priorities')}, "
        f"{plural(len(plan.actions), 'action')}, {plural(len(plan.reviews), 'review')}"
    )
    return EXIT_OK


def _score(args: argparse.Namespace) -> int:
    if len(args.plans) > 1:
        return _score_many(args)
    from safeguarding_plan.scoring.progress import score

    args.plan = args.plans[0]
    plan = _load(args.plan, args)
    try:
        result = score(
            plan,
            review=args.review,
            as_of=args.as_of,
            horizon_days=args.horizon,
            timescales=_plugin_timescales(args, plan),
        )
    except UnknownReviewError as err:
        raise _BadInputError(f"{args.plan}: {err}") from None
    _say(*(_json(result.to_dict(), indent=2) if args.json else _score_text(plan, result)))
    return EXIT_OK


def _score_many(args: argparse.Namespace) -> int:
    """A line per plan (a JSON object per line with --json); problems go to stderr and the
    other plans are still scored."""
    from safeguarding_plan.scoring.many import score_many

    failed = False
    timescales = _plugin_timescales(args)
    for result in score_many(
        args.plans,
        review=args.review,
        as_of=args.as_of,
        timescales=timescales,
        max_bytes=args.max_plan_size,
    ):
        failed = failed or result.score is None
        _problems(result.problems)
        if args.json:
            data = {"file": result.file} | (
                {"score": result.score.to_dict()}
                if result.score
                else {"problems": list(result.problems)}
            )
            _say(*_json(data))
        elif result.score is not None:
            found = result.score
            _say(
                f"{result.file}: {found.percent_rounded}% complete ({found.complete} of "
                f"{plural(found.actions, 'action')}), {len(found.overdue)} overdue"
            )
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _plugin_timescales(args: argparse.Namespace, plan: Plan | None = None) -> tuple[Timescale, ...]:
    """The timescales installed plugins add, as documents use them. The built-in exporters add
    none, so pluggy and the exporters are loaded only when a plugin is installed and ``plan``
    (when given) has case reviews, the only steps there are to time."""
    if plan is not None and not plan.case_reviews:
        return ()
    from safeguarding_plan.exporting.discovery import installed_plugins

    with _plugin_warnings():
        if not installed_plugins(autoload=False if args.no_plugins else None):
            return ()
        return _plugin_manager(args).timescales


def _plugin_manager(args: argparse.Namespace, plan: Plan | None = None) -> PluginManager:
    # Imported here so that validate and score never load pluggy or the exporters.
    from safeguarding_plan.exporting.manager import get_plugin_manager

    # Installed plugins are imported as what they provide is needed: export -f docx imports
    # none that declares its exporters. Each registers its exporters and its timescales as it
    # is loaded, so what fails is told then, before anything is written: those that add
    # timescales now, for a plan with case reviews to time by them.
    with _plugin_warnings():
        manager = get_plugin_manager(autoload=False if args.no_plugins else None, lazy=True)
        if plan is not None and plan.case_reviews:
            manager.timescales  # noqa: B018
    return manager


@contextlib.contextmanager
def _plugin_warnings() -> Iterator[None]:
    """A broken plugin, or a switch in the environment that makes no sense, is worth one line on
    stderr (_show_warning) each time it is met."""
    from safeguarding_plan.exporting.discovery import PluginWarning

    with warnings.catch_warnings():
        warnings.simplefilter("always", PluginWarning)
        yield


def _exporters(args: argparse.Namespace) -> int:
    with _plugin_warnings():
        found = _plugin_manager(args).exporters
    rows = [("Name", "Suffix", "From", "Yearly report", "What it writes")]
    rows += [
        (e.name, e.suffix, e.origin, "yes" if e.yearly else "no", e.title) for e in found.values()
    ]
    _say(*_table(rows))
    aliases = {alias.option: f" (also {alias.flag} {alias.metavar})" for alias in ALIASES}
    options = [("Exporter", "Option", "Type", "Default", "What it sets")]
    options += [
        (e.name, o.name, o.type_text, o.default_shown, o.help + aliases.get(o.name, ""))
        for e in found.values()
        for o in e.options
    ]
    if len(options) > 1:
        _say("", "Options (export -O NAME=VALUE):", *_table(options))
    return EXIT_OK


def _table(rows: Sequence[Sequence[str]]) -> list[str]:
    """``rows`` as lines of columns lined up, the last column as it is."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return [
        (
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
            + f"  {row[-1]}"
        ).rstrip()
        for row in rows
    ]


def _slug(text: str) -> str:
    from safeguarding_plan.files import slug

    return slug(text)


def default_name(
    plan: Plan, review: str | None, audience: str, suffix: str, *, lead: str | None = None
) -> str:
    """``bscp-business-improvement-plan-2022-02.docx``: from the partnership, plan and review
    (and the lead, for a lead's tracker); a public document's name from them as a public
    document shows them, every restricted word withheld. ``suffix`` is the exporter's ending
    (``exporting.naming.endings``: ``.slides.docx`` where another exporter has ``.docx``)."""
    parts = [plan.partnership.short_name or plan.partnership.name, plan.title]
    if review:
        parts.append(review)
    if lead:
        parts.append(lead)
    if audience != "board":
        parts.append(audience)
    if audience == "public":
        parts = list(map(_withholding(plan).redact, parts))
    return _fitting("-".join(filter(None, map(_slug, parts))), suffix, ".")


def _fitting(stem: str, suffix: str, folder: str | os.PathLike[str]) -> str:
    """A default file name, ``stem + suffix``, made to fit ``folder``'s file system: a stem
    made long by a long review id or lead is cut short (ending in a digest of the whole, so
    that two long names stay apart), and the suffix kept."""
    from safeguarding_plan.files import name_limit, shortened

    return shortened(stem, suffix, name_limit(folder))


def _withholding(plan: Plan) -> Redactor:
    from safeguarding_plan.reporting.redaction import withholding

    return withholding(plan)


@contextlib.contextmanager
def _writing(path: str) -> Iterator[None]:
    """Around writing ``path`` and saying so: a stop that lands after the file was put in place
    carries its name, so the command never claims that no file was changed."""
    before = _identity(path)
    try:
        yield
    except KeyboardInterrupt as stop:
        if _identity(path) != before:
            stop.written = path  # type: ignore[attr-defined]
        raise


def _identity(path: str) -> tuple[int, int, int] | None:
    """Which regular file ``path`` is, and when it last changed (None for anything else)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size) if stat.S_ISREG(info.st_mode) else None


def _given_options(args: argparse.Namespace) -> dict[str, str]:
    """The exporter options given, as text, by ``-O NAME=VALUE`` and by the flags that are
    aliases of options (``--lead``); the same option twice is refused, not one of its values
    quietly dropped (a protective marking, say)."""
    pairs = list(args.options)
    pairs += [
        (alias.option, value)
        for alias in ALIASES
        if (value := getattr(args, _alias_dest(alias))) is not None
    ]
    given: dict[str, str] = {}
    for name, value in pairs:
        if name in given:
            flags = [a.flag for a in ALIASES if a.option == name]
            also = f" (-O {name} and {flags[0]} are the same option)" if flags else ""
            raise _BadInputError(f"option {name!r} is given twice{also}; give it once")
        given[name] = value
    return given


WORDS_YEARLY = "yearly-report"
"""What a yearly report's default file name says after the plan's name."""


def _year_named(plan: Plan, year: str | tuple[date, date]) -> str:
    from safeguarding_plan.reporting.yearly import reporting_year

    start, end, named = reporting_year(plan, year)
    return named if isinstance(year, str) else f"{start.isoformat()}-{end.isoformat()}"


class _Prepared(NamedTuple):
    """An export with every check made that needs no document (`_prepared`)."""

    manager: PluginManager
    exporter: Exporter
    review: str | None
    year: Any
    """A yearly report's year (``2021/22``, or its first and last days); None for a review's."""
    given: dict[str, str]
    """The options as given, checked; ``export`` converts them again as it writes."""
    output: str
    """``-o``, or the default name; ``-`` for standard output."""
    replace: bool
    """Whether a file already at ``output`` may be replaced: one named by -o is the user's to
    replace; one of the default name, perhaps another exporter's document, only when --force
    says so."""
    said: Callable[[str], str]
    """How a line printed shows the plan's text (`_said`)."""


def _said(plan: Plan, audience: str) -> Callable[[str], str]:
    """What a line the command prints goes through: for a public run, the redaction its
    document gets, so that no line shows a restricted name the document withholds."""
    return _withholding(plan).redact if audience == "public" else str


def _prepared(args: argparse.Namespace, plan: Plan) -> _Prepared:
    """The checks an export makes before it writes (the exporter, that it renders a yearly
    report when one is asked for, the review, every option, the file name), each failure one
    line at least (_BadInputError), worded for the audience. ``export`` and ``yearly-report``
    make them before writing, and ``yearly-report --check`` in place of writing."""
    from safeguarding_plan.exporting.exporter import ExporterError, OptionError
    from safeguarding_plan.exporting.naming import ending
    from safeguarding_plan.exporting.options import checked
    from safeguarding_plan.exporting.running import check_yearly

    manager = _plugin_manager(args, plan)
    given = _given_options(args)
    # What a public export prints shows a restricted name no more than its document does.
    said = _said(plan, args.audience)
    try:
        exporter = _chosen(manager, args.format)
        year = getattr(args, "year", None)  # a yearly report's, of the reviews in its year
        if year is not None:
            check_yearly(exporter, manager)
        review = (
            plan.review(args.review).id if year is None and (plan.reviews or args.review) else None
        )
        # Checked here too, before a file name is made of them, by the same declarations.
        withhold = _withholding(plan) if args.audience == "public" else None
        values = checked(exporter, given, restricted=withhold.finds if withhold else None)
    except OptionError as err:
        raise _BadInputError(*err.told(said)) from None
    except ExporterError as err:
        raise _BadInputError(said(str(err))) from None
    except UnknownReviewError as err:
        raise _BadInputError(said(f"{args.plan}: {err}")) from None
    new_review, lead = values.get("new_review"), values.get("lead")
    output = _output_option(args) or default_name(
        plan,
        f"{WORDS_YEARLY}-{_year_named(plan, year)}"
        if year is not None
        else new_review
        if isinstance(new_review, str)
        else review,
        args.audience,
        ending(exporter, lambda: manager.exporters),
        lead=lead if isinstance(lead, str) else None,
    )
    if args.audience == "public" and _withholding(plan).finds(output):
        # Not named here: the name is what must not be shown.
        if args.output is not None:
            raise _BadInputError(
                "-o: the file name holds a restricted name, which a public document's name may "
                "not show; choose another name"
            )
        raise _BadInputError(
            "the public document's file name would show a restricted name; name it with -o"
        )
    if output != "-" and os.path.realpath(output) == os.path.realpath(args.plan):
        raise _BadInputError(f"{output}: will not overwrite the plan itself; choose another -o")
    replace = args.output is not None or args.force
    return _Prepared(manager, exporter, review, year, given, output, replace, said)


def _export(args: argparse.Namespace, plan: Plan | None = None) -> int:
    plan = _load(args.plan, args) if plan is None else plan
    ready = _prepared(args, plan)
    output = ready.output
    if output == "-" and sys.stdout is None:  # started with standard output closed (>&-)
        raise _OutputError(None, OSError(errno.EBADF, "it is closed"))
    with _writing(output), _target(output) as target:
        _render(args, plan, ready, target)
        if output == "-":
            _copy_to_standard_output(target)
        else:
            _say(f"wrote {output} ({ready.exporter.name}, {args.audience})", file=sys.stderr)
    return EXIT_OK


def _rehearsed(args: argparse.Namespace, plan: Plan) -> None:
    """What ``yearly-report --check`` does in place of writing: every check the real run
    makes, the exporter's own as it renders the report (an option the document cannot show)
    as well, the document made in memory and dropped; each failure as the real run tells it
    (_BadInputError)."""
    ready = _prepared(args, plan)
    if ready.output != "-":
        from safeguarding_plan.files import check_writable

        try:
            check_writable(ready.output, replace=ready.replace)
        except OSError as err:
            raise _BadInputError(_cannot_write(ready.output, err)) from None
    _render(args, plan, ready, io.BytesIO())


def _render(
    args: argparse.Namespace, plan: Plan, ready: _Prepared, target: str | IO[bytes]
) -> None:
    """Export as ``ready`` says to ``target``, what fails told in one line each."""
    from safeguarding_plan.exporting.exporter import ExporterError, ExportNote, OptionError
    from safeguarding_plan.exporting.running import export

    output, said = ready.output, ready.said
    try:
        # What an exporter notes (a house template's external links dropped) is one line, as
        # every warning is (_show_warning).
        with warnings.catch_warnings():
            warnings.simplefilter("always", ExportNote)
            export(
                plan,
                args.format,
                target,
                review=ready.review,
                as_of=args.as_of,
                audience=args.audience,
                plugin_manager=ready.manager,
                options=ready.given,
                year=ready.year,
                replace=ready.replace,
            )
    except OptionError as err:
        raise _BadInputError(*err.told(said)) from None
    except ExporterError as err:
        failed = _write_error(err)
        if failed is None:
            raise _BadInputError(said(str(err))) from None
        # Writing the target failed (a full disk), not the exporter.
        raise _BadInputError(_cannot_write(output, failed)) from None
    except OSError as err:
        raise _BadInputError(_cannot_write(output, err)) from None


def _chosen(manager: PluginManager, name: str) -> Exporter:
    """The exporter called ``name``: the installed plugin that provides it is imported now,
    and what fails in it told."""
    with _plugin_warnings():
        return manager.exporter(name)


SPOOLED_IN_MEMORY = 8 << 20
"""The most of a document for standard output held in memory; the rest of a larger one waits
in a temporary file."""


@contextlib.contextmanager
def _target(output: str) -> Iterator[str | IO[bytes]]:
    """What an export to ``output`` is written to: the file's name, or for standard output
    (``-``) a temporary buffer, copied there only once the export has succeeded (by
    `_copy_to_standard_output`), so that a failed export puts nothing of its document on
    standard output. The buffer is removed afterwards."""
    if output != "-":
        yield output
        return
    import tempfile  # here: every command would pay for it at start-up

    with tempfile.SpooledTemporaryFile(max_size=SPOOLED_IN_MEMORY) as buffer:
        yield cast("IO[bytes]", buffer)


def _copy_to_standard_output(document: str | IO[bytes]) -> None:
    """The document an export wrote to its buffer (`_target`), onto standard output."""
    import shutil  # here: every command would pay for it at start-up

    assert not isinstance(document, str)
    stopping.check()  # a stop a plugin swallowed still keeps its document from going out
    document.seek(0)
    try:
        sys.stdout.flush()
        shutil.copyfileobj(document, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    except OSError as err:
        raise _OutputError(sys.stdout, err) from None


def _cannot_write(output: str, err: OSError) -> str:
    """The line for writing ``output`` failing with ``err``."""
    if isinstance(err, FileExistsError):  # only a default name is kept from being replaced
        return _already_there(output)
    reason = err.strerror or str(err)
    if output == "-":  # the document is held in a temporary file until it has been written
        return f"cannot hold the document for standard output in a temporary file: {reason}"
    return f"{output}: cannot write the file: {reason}"


def _already_there(output: str) -> str:
    """The line for refusing to replace a file without --force."""
    return f"{output}: already exists; give --force to replace it, or -o to name another file"


def _output_option(args: argparse.Namespace) -> str | None:
    """``-o``; None when not given. Given empty (``-o ""``, an unset variable), it is
    refused, not taken for the default name."""
    if args.output == "":
        raise _BadInputError(
            "-o: the file name is empty; give a file name, or '-' for standard output"
        )
    return str(args.output) if args.output is not None else None


def _write_error(err: BaseException) -> OSError | None:
    """The error only writing gives (a closed pipe, a full disk) that ``err`` came from, if
    one did."""
    seen: set[int] = set()
    cause: BaseException | None = err
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, OSError) and cause.errno in _WRITE_ERRORS:
            return cause
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return None


def _forms(args: argparse.Namespace) -> int:
    from safeguarding_plan.exporting.exporter import ExporterError
    from safeguarding_plan.formats.xlsx.forms import write_forms

    plan = _load(args.plan, args)
    manager = _plugin_manager(args, plan)
    if args.out == "":
        raise _BadInputError("--out: the folder name is empty; give the folder to write in")
    if os.path.lexists(args.out) and not os.path.isdir(args.out):
        raise _BadInputError(
            f"{args.out}: is a file, not a folder; --out names the folder to write the forms in"
        )
    before = _folder(args.out)
    try:
        written = write_forms(
            plan,
            args.review,
            args.out,
            return_by=args.return_by,
            as_of=args.as_of,
            plugin_manager=manager,
            replace=args.force,
        )
    except ArgumentError as err:
        raise _BadInputError(f"{args.plan}: {err}") from None
    except ExporterError as err:
        raise _BadInputError(str(err)) from None
    except FileExistsError as err:
        raise _BadInputError(
            f"{args.out}: {err.strerror}; nothing was written: give --force to replace them, "
            "or choose another folder"
        ) from None
    except OSError as err:
        where = err.filename or args.out
        raise _BadInputError(f"{where}: cannot write: {err.strerror or err}") from None
    except KeyboardInterrupt as stop:
        if _folder(args.out) != before:  # some files were put in place before the stop
            stop.written = f"some of the files in {args.out}"  # type: ignore[attr-defined]
        raise
    forms = written.forms
    if written.returns is None:
        _say(
            f"every action with a lead has its update in review {args.review.strip()!r}, so "
            "no form is sent again; nothing was written",
            file=sys.stderr,
        )
        return EXIT_OK
    again = " again, to the leads who have not returned theirs," if written.reminder else ""
    _say(
        f"wrote {plural(len(forms), 'form')} for review {args.review.strip()!r}{again} to "
        f"{args.out}, "
        f"each with an e-mail draft, and the return sheet {written.returns.name} (return by "
        f"{long_date(written.return_by)})",
        file=sys.stderr,
    )
    if written.unled:
        _say(
            f"safeguarding-plan: note: {plural(len(written.unled), 'action has', 'actions have')} "
            f"no lead, so no form asks about them: {', '.join(written.unled)}",
            file=sys.stderr,
        )
    _say(*(f"{f.tracker.name}: {f.lead} ({plural(len(f.actions), 'action')})" for f in forms))
    return EXIT_OK


def _folder(path: str) -> dict[str, tuple[int, int, int] | None]:
    """Each file in the folder ``path`` and which it is (none for a folder not there)."""
    try:
        names = os.listdir(path)
    except OSError:
        return {}
    return {name: _identity(os.path.join(path, name)) for name in names}


# A comment line or a comment after a value; '#' inside quoted text can look like one too,
# which only means a needless note.
_COMMENT = re.compile(r"(^|\s)#", re.MULTILINE)


def _expanded(given: Sequence[str]) -> list[str]:
    """The trackers named, a pattern (``returned/*.xlsx``) as the files it matches, in name
    order: Windows' command prompt and PowerShell pass a pattern on as it is written."""
    import glob

    found: list[str] = []
    for name in given:
        if os.path.exists(name) or not any(mark in name for mark in "*?["):
            found.append(name)
            continue
        matched = sorted(glob.glob(name))
        if not matched:
            raise _BadInputError(f"{name}: no file matches this pattern")
        found += matched
    return found


def _import_xlsx(args: argparse.Namespace) -> int:
    from safeguarding_plan.files import write_atomically
    from safeguarding_plan.formats.xlsx.importing import imported

    plan = _load(args.plan, args)
    args.trackers = _expanded(args.trackers)
    from pathlib import Path  # here: 'validate' and 'score' start without it

    source = Path(args.plan)
    if args.in_place:
        output = args.plan
    elif _output_option(args):
        output = args.output
    else:
        stem = f"{source.stem}-{_slug(args.review) or 'review'}"
        output = str(source.with_name(_fitting(stem, source.suffix, source.parent)))
    _check_import_output(args, output)
    # Late returns go into the review as it is, at its own date; a new one is as at today.
    adding = any(review.id == args.review.strip() for review in plan.reviews)
    as_of = args.as_of or (None if adding else date.today())
    try:
        result = imported(
            plan,
            args.trackers,
            args.review,
            as_of,
            title=args.title,
            replace=args.replace,
            partial=args.partial,
        )
    except ArgumentError as err:
        raise _BadInputError(f"{args.plan}: {err}") from None
    except PlanError as err:
        _problems(err.problems)
        passed = _passed(args.trackers, err)
        if passed and not args.partial:
            _say(f"safeguarding-plan: nothing was written; {passed}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for rejected in result.rejected:
        _say(
            f"safeguarding-plan: {rejected.file}: not imported, "
            f"{plural(len(rejected.problems), 'problem')}:",
            file=sys.stderr,
        )
        _problems(rejected.problems)
    _say(*map(_untouched_line, result.untouched), file=sys.stderr)
    if result.data is None:
        if result.untouched:  # every form imported was left as sent
            _say("safeguarding-plan: no update was filled in; nothing was written", file=sys.stderr)
            return EXIT_REJECTED if result.rejected else EXIT_OK
        _say(
            "safeguarding-plan: no tracker could be imported; nothing was written", file=sys.stderr
        )
        return EXIT_REJECTED
    data = result.data
    had_comments = bool(_COMMENT.search(source.read_text(encoding="utf-8")))
    # The very bytes the loader read back: the plan written is one that loads.
    updated = result.plan
    with _writing(output):
        try:
            # One that appeared while the trackers were read is not replaced either.
            write_atomically(
                output, lambda stream: stream.write(data), replace=args.in_place or args.force
            )
        except OSError as err:
            raise _BadInputError(_cannot_write(output, err)) from None
        if args.in_place and had_comments:
            _say(
                f"safeguarding-plan: note: the comments in {output} were not kept", file=sys.stderr
            )
        _say(_imported_line(output, result), file=sys.stderr)
        _say(*_repeated_figures(updated, result), file=sys.stderr)
        _say(*_changes_text(updated, result.review))
    return EXIT_REJECTED if result.rejected else EXIT_OK


def _repeated_figures(plan: Plan, result: Imported) -> list[str]:
    """A line naming the measures the import gave the very figure and note the review before
    had: a tracker's figures kept from the review it showed read as measured again."""
    ids = [r.id for r in plan.reviews]
    at = ids.index(result.review)
    if at == 0 or not result.measures:
        return []
    before, now = plan.reviews[at - 1], plan.reviews[at]
    same = [m for m in result.measures if before.measures.get(m) == now.measures.get(m)]
    if not same:
        return []
    return [
        f"safeguarding-plan: note: {plural(len(same), 'measure')} given the same figure and note "
        f"as at {before.title}: {', '.join(same)}; if a figure is not new, clear it in the "
        "tracker and import it again"
    ]


def _check_import_output(args: argparse.Namespace, output: str) -> None:
    """Refuse, before anything is read, to write the new plan over a file already there
    without --force, and ever over the plan (but with --in-place) or a tracker being
    imported: each compared as the same file, whatever its name (a link, another case)."""
    if args.in_place or not os.path.lexists(output):
        return
    inputs = [(args.plan, "the plan itself; choose another -o, or give --in-place to replace it")]
    inputs += [
        (given, f"{given}, a tracker being imported; choose another -o") for given in args.trackers
    ]
    for given, what in inputs:
        with contextlib.suppress(OSError, ValueError):  # one not there is told when read
            if os.path.samefile(output, given):
                raise _BadInputError(f"{output}: will not overwrite {what}")
    if not args.force:
        raise _BadInputError(_already_there(output))


def _passed(trackers: Sequence[str], err: PlanError) -> str | None:
    """What an import stopped by the problems of some trackers would take with --partial:
    ``3 of 4 trackers had no problem; give --partial to import them and leave out the rest``
    (None when none had, or every one had a problem)."""
    given = list(dict.fromkeys(trackers))
    failed = {problem.file for problem in err.problems}
    passed = [tracker for tracker in given if tracker not in failed]
    if not passed or len(passed) == len(given):
        return None
    return (
        f"{len(passed)} of {plural(len(given), 'tracker')} had no problem; give --partial to "
        "import them and leave out the rest"
    )


def _untouched_line(untouched: Untouched) -> str:
    """``bu.xlsx: 6 rows with nothing filled in, left without an update: 1.1, 1.2, …``."""
    ids = ", ".join(untouched.actions)
    if len(untouched.actions) == untouched.rows and not untouched.measures:
        return (
            f"safeguarding-plan: {untouched.file}: nothing filled in on any of its "
            f"{plural(untouched.rows, 'row')}, so nothing of it was imported: {ids}"
        )
    rows = plural(len(untouched.actions), "row")
    return (
        f"safeguarding-plan: {untouched.file}: {rows} with nothing filled in, left without an "
        f"update: {ids}"
    )


def _imported_line(output: str, result: Imported) -> str:
    """What an import wrote: ``wrote plan-2022-05.yaml: review '2022-05' (May 2022 – Update,
    as at 30 April 2022) with 20 updates from 10 trackers`` (``added 3 updates to review``,
    ``replacing 1``, ``of 12 trackers``, ``and 3 measure values``)."""
    review = result.plan.review(result.review)
    given = len(result.trackers) + len(result.rejected)
    trackers = plural(given, "tracker")
    if result.rejected:
        trackers = f"{len(result.trackers)} of {trackers}"
    updates = plural(len(result.updated), "update")
    if result.replaced:
        updates += f" (replacing {len(result.replaced)})"
    if result.measures:
        values = plural(len(result.measures), "measure value")
        if result.replaced_measures:
            values += f" (replacing {len(result.replaced_measures)})"
        updates = f"{updates} and {values}" if result.updated else values
    what = f"review {review.id!r} ({review.title}, as at {long_date(review.as_of)})"
    if result.late:
        return f"wrote {output}: added {updates} to {what} from {trackers}"
    return f"wrote {output}: {what} with {updates} from {trackers}"


def _changes_text(plan: Plan, review_id: str) -> list[str]:
    """The headline, the changes since the previous review and whose returns are
    outstanding, after an import."""
    from safeguarding_plan.reporting.build import report
    from safeguarding_plan.reporting.sentences import not_updated_sentence
    from safeguarding_plan.scoring.progress import score

    result = report(plan, review_id)
    lines = [result.headline]
    if result.changes is not None:
        lines.append(f"Changes since {result.changes.previous_title}:")
        lines += [
            f"  {c.kind}: {c.action_id} ({c.before} → {c.after})" for c in result.changes.rows
        ] or ["  none"]
    outstanding = not_updated_sentence(plan, score(plan, review_id))
    return [*lines, outstanding] if outstanding else lines


def _score_text(plan: Plan, result: Score) -> list[str]:
    """The score as the documents word it: their headline, their sentence on what was expected
    by now and their title, then a table of the priorities. Only the report's words and
    sentences are loaded, never a document's library or pluggy."""
    from safeguarding_plan.reporting.fixedwords import FixedWords as W
    from safeguarding_plan.reporting.sentences import (
        document_title,
        expected_sentence,
        headline,
        learning_sentence,
        not_updated_sentence,
        ratings_text,
    )

    review = plan.review(result.review) if result.review else None
    lines = [headline(plan, result)]
    if result.as_of:
        lines.append(expected_sentence(result))
    period = plan.period.text if plan.period else None
    lines += ["", document_title(plan.title, period, review.title if review else None)]
    lines += [plan.partnership.name, ""]
    width = 56
    columns = (W.actions, W.complete, W.percent_complete, W.overdue)
    lines.append(f"{W.priority:<{width}} {' '.join(columns)}")
    rows: list[tuple[str, Counts]] = [(f"{p.id} {p.title}", p) for p in result.by_priority.values()]
    rows.append((W.all_priorities, result))
    for name, counts in rows:
        shown = name if len(name) <= width else name[: width - 1] + "…"
        numbers = (
            counts.actions,
            counts.complete,
            f"{counts.percent_rounded}%",
            len(counts.overdue),
        )
        # Each number under its heading, to its right.
        cells = (f"{n:>{len(c)}}" for n, c in zip(numbers, columns, strict=True))
        lines.append(f"{shown:<{width}} {' '.join(cells)}")
    lines.append("")
    if result.as_of:
        lines.append(f"{W.overdue}: {', '.join(result.overdue) or 'none'}.")
        if result.due_soon_by is not None:
            soon = ", ".join(result.due_soon) or "none"
            lines.append(f"{W.due_by} {long_date(result.due_soon_by)}: {soon}.")
        if result.no_fixed_date:
            lines.append(f"{W.no_fixed_date}: {', '.join(result.no_fixed_date)}.")
    outstanding = not_updated_sentence(plan, result)
    if outstanding:
        lines.append(outstanding)
    lines.append(f"{W.ratings}: {ratings_text(plan.ratings, result)}.")
    if result.learning is not None:
        lines.append(f"{W.learning}: {learning_sentence(result.learning)}")
        if result.learning.late:
            lines.append(f"Reviews late or overdue: {', '.join(result.learning.late)}.")
    return lines + _impact_text(plan, result)


def _impact_text(plan: Plan, result: Score) -> list[str]:
    """Done and proven by priority, and each measure at the review: only for a plan that
    gives outcomes, evidence, assurance or measures."""
    lines: list[str] = []
    if plan.impact_given:
        width = 56
        columns = ("Complete", "Assured", "With outcome", "Evidenced")
        lines += ["", f"{'Done and proven':<{width}} {' '.join(columns)}"]
        rows: list[tuple[str, Counts]] = [
            (f"{p.id} {p.title}", p) for p in result.by_priority.values()
        ]
        for name, counts in [*rows, ("All priorities", result)]:
            shown = name if len(name) <= width else name[: width - 1] + "…"
            numbers = (counts.complete, counts.assured, counts.with_outcome, counts.evidenced)
            cells = (f"{n:>{len(c)}}" for n, c in zip(numbers, columns, strict=True))
            lines.append(f"{shown:<{width}} {' '.join(cells)}")
    if result.measures:
        titles = {r.id: r.title for r in plan.reviews}
        at = f" at {titles[result.review]}" if result.review else ""
        lines += ["", f"Measures{at}:"]
        named = {m.id: m.title for m in plan.measures}
        lines += [
            f"- {named[i]}: {_measure_text(m, titles, result.review)}"
            for i, m in result.measures.items()
        ]
    return lines


def _measure_text(measure: MeasureScore, titles: dict[str, str], scored: str | None) -> str:
    """``80%, up 15 percentage points since May 2022 – Update; baseline 60%, target 90%,
    higher is better: not yet on target; improving.``, saying which review a value is from
    when the review scored gives none."""
    unit = measure.unit
    if measure.latest is None or measure.latest_review is None:
        said = "no value yet"
    else:
        said = _amount(measure.latest, unit)
        if measure.latest_review != scored:
            said += f" (at {titles[measure.latest_review]}; none at this review)"
    if measure.change is not None and measure.previous_review is not None:
        way = "up" if measure.change > 0 else "down"
        size = _amount(abs(measure.change), unit, change=True)
        moved = f"{way} {size}" if measure.change else "no change"
        said += f", {moved} since {titles[measure.previous_review]}"
    aims = [f"baseline {_amount(measure.baseline, unit)}"] if measure.baseline is not None else []
    if measure.target is not None:
        aims.append(f"target {_amount(measure.target, unit)}")
    if measure.better is not None:
        aims.append(f"{measure.better.value} is better")
    if aims:
        said += f"; {', '.join(aims)}"
    if measure.on_target is not None:
        said += ": on target" if measure.on_target else ": not yet on target"
    if measure.trend is not None:
        said += f"; {measure.trend.value}"
    return said + "."


def _amount(number: Decimal, unit: MeasureUnit, change: bool = False) -> str:
    """A measure's number in its unit, as the documents write it."""
    from safeguarding_plan.reporting.amounts import amount

    return amount(number, unit, change)
