"""Exporters as plugins: the registry, the plugin manager and ``export``.

Built-in exporters register through the same ``register_exporters`` hook as anyone else's,
so the seam is exercised by every export. Nothing is loaded when the package is imported:
``get_plugin_manager`` builds a fresh manager, with its own registry, each time.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.metadata
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import IO, Any

import attrs
import pluggy

from . import hookspecs, stopping
from .files import write_atomically
from .gcpause import paused_gc
from .model import Audience, Plan
from .report import Report, report, withholding
from .text import clean
from .timescales import BUILT_IN as TIMESCALES
from .timescales import Timescale

DISABLE_AUTOLOAD = "SAFEGUARDING_PLAN_DISABLE_PLUGIN_AUTOLOAD"
"""Set to ``1``, ``true``, ``yes`` or ``on`` (any case) to skip plugins installed through entry
points (built-ins still load); unset, empty, ``0``, ``false``, ``no`` or ``off`` loads them. Any
other value skips them too, with a warning: a switch meant to keep plugins out must not let them
in because of a typing slip."""

_ON = frozenset({"1", "true", "yes", "on"})
_OFF = frozenset({"", "0", "false", "no", "off"})

BUILT_IN = (
    "safeguarding_plan.formats.word",
    "safeguarding_plan.formats.excel",
    "safeguarding_plan.formats.markdown",
    "safeguarding_plan.formats.jsondata",
)
"""The modules of the built-in exporters, registered as plugins like any other."""

ORIGIN_BUILT_IN = "built-in"

Writer = Callable[[Report, IO[bytes], Mapping[str, Any]], None]

_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
# A file name ending made of one to three parts like ".csv" or ".tar.gz": the default output
# name is made from it, so it must not be able to name a folder or leave the current one.
_SUFFIX = re.compile(r"(?:\.[A-Za-z0-9]{1,16}){1,3}\Z")


class ExporterError(Exception):
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


@contextlib.contextmanager
def _plugin_code() -> Iterator[None]:
    """Around a plugin's own code: what it prints goes to standard error, so that a document
    written to standard output (``export -o -``) holds the document's bytes and nothing else;
    and a stop the command line was asked for (Ctrl-C, SIGTERM, SIGHUP) is raised again as the
    plugin returns, even if the plugin caught it (a bare ``except:``) or raised something else
    instead."""
    with contextlib.redirect_stdout(sys.stderr):
        try:
            yield
        finally:
            stopping.check()


def _closed(stream: IO[bytes]) -> bool:
    try:
        return bool(getattr(stream, "closed", False))
    except ValueError:  # detached
        return True


def _described(err: BaseException) -> str:
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__


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


class PluginManager(pluggy.PluginManager):
    """A pluggy manager that remembers where each plugin came from and builds its registry once."""

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT)
        self.add_hookspecs(hookspecs)
        self.origins: dict[str, str] = {}
        self._registry: dict[str, Exporter] | None = None
        self._timescales: tuple[Timescale, ...] | None = None

    def add(self, plugin: object, name: str, origin: str) -> None:
        """Register ``plugin`` and note its origin for listings and error messages."""
        self.register(plugin, name=name)
        self.origins[name] = origin
        self._registry = None
        self._timescales = None

    @property
    def exporters(self) -> dict[str, Exporter]:
        """Every exporter the registered plugins provide, by name, built-ins first."""
        if self._registry is None:
            self._registry = _collect(self)
        return self._registry

    @property
    def timescales(self) -> tuple[Timescale, ...]:
        """The case review timescales the registered plugins add to the statutory ones."""
        if self._timescales is None:
            self._timescales = _collect_timescales(self)
        return self._timescales

    def exporter(self, name: str) -> Exporter:
        """The exporter called ``name``, or ExporterError listing those installed."""
        try:
            return self.exporters[name]
        except KeyError:
            raise ExporterError(
                f"no exporter {name!r}; installed: {', '.join(self.exporters) or 'none'}"
            ) from None


def get_plugin_manager(*, autoload: bool | None = None) -> PluginManager:
    """A new plugin manager with the built-in exporters and, unless ``autoload`` is False or
    ``SAFEGUARDING_PLAN_DISABLE_PLUGIN_AUTOLOAD=1``, every installed plugin."""
    manager = PluginManager()
    for module in BUILT_IN:
        manager.add(importlib.import_module(module), name=module, origin=ORIGIN_BUILT_IN)
    if autoload is None:
        autoload = _autoload_from_environment()
    if autoload:
        _load_entry_points(manager)
    return manager


def _autoload_from_environment() -> bool:
    value = os.environ.get(DISABLE_AUTOLOAD, "")
    switch = value.strip().lower()
    if switch in _OFF:
        return True
    if switch not in _ON:
        warnings.warn(
            f"{DISABLE_AUTOLOAD}={value!r} is not one of 1, true, yes, on (or 0, false, no, "
            "off); installed plugins are not loaded",
            PluginWarning,
            stacklevel=3,
        )
    return False


def _load_entry_points(manager: PluginManager) -> None:
    for entry_point in importlib.metadata.entry_points(group=hookspecs.PROJECT):
        dist = entry_point.dist
        origin = f"{dist.name} {dist.version}" if dist else "unknown distribution"
        if manager.has_plugin(entry_point.name):
            continue
        try:
            with _plugin_code():
                manager.add(entry_point.load(), name=entry_point.name, origin=origin)
        except KeyboardInterrupt:  # Ctrl-C (and the command's SIGTERM and SIGHUP) stop it all
            raise
        except BaseException as err:  # a broken plugin must not take the others down, and
            # neither must sys.exit() in it
            warnings.warn(
                f"plugin {entry_point.name!r} ({origin}) failed to load and is skipped: "
                f"{_described(err)}",
                PluginWarning,
                stacklevel=3,
            )


def _collect(manager: PluginManager) -> dict[str, Exporter]:
    registry: dict[str, Exporter] = {}

    def register(exporter: Exporter, origin: str) -> None:
        if not isinstance(exporter, Exporter):
            raise ExporterError(f"register() takes an Exporter, not {type(exporter).__name__}")
        if exporter.name in registry:
            taken = registry[exporter.name]
            raise ExporterError(
                f"exporter name {exporter.name!r} from {origin} is already taken by {taken.origin}"
            )
        registry[exporter.name] = attrs.evolve(exporter, origin=origin)

    _each_plugin(manager, "register_exporters", "exporters", register)
    return registry


def _collect_timescales(manager: PluginManager) -> tuple[Timescale, ...]:
    found: dict[str, Timescale] = {t.step: t for t in TIMESCALES}
    added: list[Timescale] = []

    def register(timescale: Timescale, origin: str) -> None:
        if not isinstance(timescale, Timescale):
            raise ExporterError(f"register() takes a Timescale, not {type(timescale).__name__}")
        if timescale.step in found:
            raise ExporterError(f"timescale step {timescale.step!r} from {origin} is taken")
        found[timescale.step] = timescale
        added.append(timescale)

    _each_plugin(manager, "register_timescales", "timescales", register)
    return tuple(added)


def _each_plugin(
    manager: PluginManager, hook: str, what: str, register: Callable[[Any, str], None]
) -> None:
    """Call each plugin's ``hook`` with a ``register`` that knows the plugin's origin.

    Called per plugin, in registration order, so each thing registered is attributed to its
    plugin and one plugin's failure is reported by name without losing the others'."""
    for impl in getattr(manager.hook, hook).get_hookimpls():
        origin = manager.origins.get(impl.plugin_name, impl.plugin_name)
        try:
            with _plugin_code():
                impl.function(register=lambda item, origin=origin: register(item, origin))
        except KeyboardInterrupt:
            raise
        except BaseException as err:
            reason = str(err) if isinstance(err, Exception) else _described(err)
            warnings.warn(
                f"plugin {impl.plugin_name!r} ({origin}) could not register its {what}: {reason}",
                PluginWarning,
                stacklevel=5,
            )


def exporters(plugin_manager: PluginManager | None = None) -> dict[str, Exporter]:
    """What is installed: built-in exporters and plugins', by name."""
    return dict((plugin_manager or get_plugin_manager()).exporters)


def export(
    plan: Plan,
    name: str,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    review: str | None = None,
    as_of: date | None = None,
    audience: Audience = "board",
    plugin_manager: PluginManager | None = None,
    **options: Any,
) -> None:
    """Render ``plan`` at ``review`` with exporter ``name`` to a path or a binary stream.

    A path is written atomically: to a temporary file beside it, renamed into place only when
    the exporter has finished, so a failure leaves any earlier file as it was. A symbolic link
    keeps leading where it did, to the new file; a FIFO or a character device (``/dev/null``)
    is written to directly, and an open file descriptor (``/dev/stdout``, ``/dev/fd/N``)
    through a copy of it, never truncated; a folder, a socket or a block device is refused
    (OSError). A writer that closes its stream has failed (ExporterError).
    """
    manager = plugin_manager or get_plugin_manager()
    exporter = manager.exporter(name)
    unknown = sorted(set(options) - set(exporter.options))
    if unknown:
        takes = ", ".join(exporter.options) or "none"
        raise ExporterError(f"exporter {name!r} takes no option {unknown[0]!r} (options: {takes})")
    if audience == "public":
        # An option is the user's own words, not the plan's: one holding a restricted name is
        # refused, not shown as "[withheld]" (a withheld lead would pick another lead's rows).
        withhold = withholding(plan)
        for option, value in options.items():
            if isinstance(value, str) and withhold.finds(value):
                raise ExporterError(
                    f"option {option!r} holds a restricted name, which a public document may "
                    "not show; leave it out, or export for the board"
                )
    with paused_gc():
        rendered = report(
            plan, review=review, as_of=as_of, audience=audience, timescales=manager.timescales
        )
        if isinstance(target, str | os.PathLike):
            _write_atomically(exporter, rendered, Path(target), options)
        else:
            _run(exporter, rendered, target, options)


def _run(
    exporter: Exporter, rendered: Report, stream: IO[bytes], options: Mapping[str, Any]
) -> None:
    failed = f"exporter {exporter.name!r} ({exporter.origin}) failed"
    try:
        with _plugin_code():
            exporter.write(rendered, stream, options)
    except KeyboardInterrupt:
        raise
    except BaseException as err:  # sys.exit() in a writer is a failed export, not a success
        if _closed(stream):
            raise ExporterError(f"{failed}: {_CLOSED}") from err
        if isinstance(err, ExporterError):
            raise
        raise ExporterError(f"{failed}: {_described(err)}") from err
    # What was written before the stream was closed may be the whole document, or not: a
    # writer that closes its stream is faulty, and its document is not trusted.
    if _closed(stream):
        raise ExporterError(f"{failed}: {_CLOSED}")


_CLOSED = (
    "it closed the stream it was given (closing a wrapper such as io.TextIOWrapper, or letting "
    "it be garbage-collected, closes the stream too; call the wrapper's detach() instead)"
)


def _write_atomically(
    exporter: Exporter, rendered: Report, path: Path, options: Mapping[str, Any]
) -> None:
    write_atomically(path, lambda stream: _run(exporter, rendered, stream, options))
