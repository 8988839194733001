"""Installed plugins, found without being loaded: the entry points of the plugin group, what
each declares it provides, and the switch in the environment that keeps them out.

Apart from the manager so that a command can learn that no plugin is installed without
importing pluggy, the exporters or the report they render.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import re
import sys
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import importlib.metadata
    from typing import TypeAlias

    EntryPoint: TypeAlias = "importlib.metadata.EntryPoint | FoundEntryPoint"
    """An installed plugin's entry point, as read here or by importlib.metadata."""

PROJECT = "safeguarding_plan"
"""The pluggy project name, and the entry-point group plugins are found in."""

EXPORTERS_GROUP = f"{PROJECT}.exporters"
"""Where a plugin's distribution declares the exporters it registers: one entry point for each,
named after the exporter, with the plugin's own value (``pptx = "safeguarding_plan_pptx"``).
A plugin that declares what it provides is imported only when that is needed."""

TIMESCALES_GROUP = f"{PROJECT}.timescales"
"""Where it declares the case review timescales it adds, one entry point for each step."""


class Installed(NamedTuple):
    """An installed plugin, not yet imported, and what its distribution declares it provides."""

    entry_point: EntryPoint
    exporters: frozenset[str] | None = None
    """The names of the exporters it declares; None when it declares nothing, and so may
    register any."""
    timescales: bool = True
    """Whether it may add timescales: False only when it declares what it provides and no
    timescale is among it."""

    def may_register(self, exporter: str) -> bool:
        """Whether it declares the exporter called ``exporter``."""
        return self.exporters is not None and exporter in self.exporters


def declared(entry_point: EntryPoint) -> Installed:
    """The plugin of ``entry_point`` with what its distribution declares it provides (its
    entry points in ``EXPORTERS_GROUP`` and ``TIMESCALES_GROUP`` with the same value), read
    from that distribution alone, nothing imported."""
    dist = entry_point.dist
    own = [
        (point.group, point.name)
        for point in (getattr(dist, "entry_points", None) or ())
        if point.value == entry_point.value
    ]
    exporters = frozenset(name for group, name in own if group == EXPORTERS_GROUP)
    timescales = any(group == TIMESCALES_GROUP for group, _ in own)
    if not exporters and not timescales:
        return Installed(entry_point)
    return Installed(entry_point, exporters, timescales)


DISABLE_AUTOLOAD = "SAFEGUARDING_PLAN_DISABLE_PLUGIN_AUTOLOAD"
"""Set to ``1``, ``true``, ``yes`` or ``on`` (any case) to skip plugins installed through entry
points (built-ins still load); unset, empty, ``0``, ``false``, ``no`` or ``off`` loads them. Any
other value skips them too, with a warning: a switch meant to keep plugins out must not let them
in because of a typing slip."""

_ON = frozenset({"1", "true", "yes", "on"})
_OFF = frozenset({"", "0", "false", "no", "off"})


class PluginWarning(UserWarning):
    """A plugin could not be loaded or could not register; the others still work."""


def installed_plugins(*, autoload: bool | None = None) -> tuple[EntryPoint, ...]:
    """The entry points of the installed plugins, none loaded; none at all when ``autoload`` is
    False, or when it is None and ``DISABLE_AUTOLOAD`` is switched on."""
    if autoload is None:
        autoload = _autoload_from_environment()
    if not autoload:
        return ()
    # Read first only to save importing importlib.metadata: once it is imported (by the
    # program this runs in, or a test faking plugins), it is asked straight away.
    if "importlib.metadata" not in sys.modules:
        found = _read_entry_points(sys.path)
        if found is not None:
            return found
    import importlib.metadata

    return tuple(importlib.metadata.entry_points(group=PROJECT))


def may_be_installed(path: Iterable[str] | None = None) -> bool:
    """Whether a plugin may be installed on ``path`` (default ``sys.path``): False only when no
    distribution there names the plugin group in its ``entry_points.txt``."""
    found = _read_entry_points(sys.path if path is None else path)
    return found is None or bool(found)


class FoundEntryPoint(NamedTuple):
    """An entry point read from a distribution's ``entry_points.txt`` on the path, as
    ``importlib.metadata.EntryPoint`` gives it: its name, value and group, its distribution,
    and ``load()``."""

    name: str
    value: str
    group: str
    dist: FoundDistribution

    def load(self) -> Any:
        """The object the value names, ``module`` or ``module:attribute``, imported."""
        module, _, attribute = self.value.partition(":")
        found = importlib.import_module(module.strip())
        for part in attribute.partition("[")[0].strip().split("."):
            found = getattr(found, part) if part else found
        return found


class FoundDistribution:
    """The distribution an entry point was read from: its entry points, and its name and
    version, read from its metadata when first asked."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.entry_points: list[FoundEntryPoint] = []

    @property
    def name(self) -> str:
        return self._metadata().get("name", "")

    @property
    def version(self) -> str:
        return self._metadata().get("version", "")

    def _metadata(self) -> dict[str, str]:
        """Its headers, lower-cased, up to the first blank line of ``METADATA`` (``PKG-INFO``
        for an egg-info folder)."""
        headers: dict[str, str] = {}
        for file in ("METADATA", "PKG-INFO"):
            try:
                with open(os.path.join(self.folder, file), encoding="utf-8") as text:
                    for line in text:
                        if not line.strip():
                            break
                        key, colon, value = line.partition(":")
                        if colon and not key[:1].isspace():
                            headers.setdefault(key.strip().lower(), value.strip())
                return headers
            except OSError:
                continue
        return headers


def _read_entry_points(path: Iterable[str]) -> tuple[FoundEntryPoint, ...] | None:
    """The entry points of the plugin group on ``path``, read as ``importlib.metadata`` reads
    them from the distributions installed in its folders (the first of each name); None for
    anything only it reads: a zip or egg on the path, another finder of distributions, or a
    file it cannot read here.

    Importing ``importlib.metadata`` loads the ``email`` package and more, tens of
    milliseconds of every command that looks for plugins."""
    if any(_finds_distributions(finder) for finder in sys.meta_path):
        return None
    seen: set[str] = set()
    found: list[FoundEntryPoint] = []
    for entry in path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):  # a zip file: only importlib.metadata reads inside
                return None
            continue
        try:
            names = os.listdir(folder)
        except OSError:  # unreadable: importlib.metadata finds nothing there either
            continue
        if folder.lower().endswith(".egg") or any(n.lower().endswith(".egg") for n in names):
            return None
        for name in names:
            stem, dot, kind = name.rpartition(".")
            if f"{dot}{kind}".lower() not in (".dist-info", ".egg-info"):
                continue
            dist = _distribution(os.path.join(folder, name))
            if dist is None:
                return None
            normal = re.sub(r"[-_.]+", "_", stem.partition("-")[0]).lower()
            if normal in seen or not dist.entry_points:
                continue
            seen.add(normal)
            found.extend(point for point in dist.entry_points if point.group == PROJECT)
    return tuple(found)


def _distribution(folder: str) -> FoundDistribution | None:
    """The distribution installed in ``folder`` with the entry points its ``entry_points.txt``
    gives (none for a folder without one), or None when that file cannot be read here."""
    dist = FoundDistribution(folder)
    try:
        with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as points:
            text = points.read()
    except (FileNotFoundError, NotADirectoryError):  # none, or an egg-info that is a file
        return dist
    except (OSError, UnicodeError):  # there but unreadable here: importlib.metadata decides
        return None
    group = None
    # Read as importlib.metadata reads it: each line stripped, blank lines and comments left
    # out, a section by its header in brackets, an entry point as NAME = VALUE.
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line.strip("[]")
        elif group is not None:
            name, _, value = line.partition("=")
            dist.entry_points.append(FoundEntryPoint(name.strip(), value.strip(), group, dist))
    return dist


def _finds_distributions(finder: object) -> bool:
    return finder is not importlib.machinery.PathFinder and hasattr(finder, "find_distributions")


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
            stacklevel=4,
        )
    return False
