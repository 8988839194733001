"""Installed plugins, found without being loaded: the entry points of the plugin group, what
each declares it provides, and the switch in the environment that keeps them out.

Apart from the manager so that a command can learn that no plugin is installed without
importing pluggy, the exporters or the report they render.
"""

from __future__ import annotations

import importlib.machinery
import os
import sys
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import importlib.metadata

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

    entry_point: importlib.metadata.EntryPoint
    exporters: frozenset[str] | None = None
    """The names of the exporters it declares; None when it declares nothing, and so may
    register any."""
    timescales: bool = True
    """Whether it may add timescales: False only when it declares what it provides and no
    timescale is among it."""

    def may_register(self, exporter: str) -> bool:
        """Whether it declares the exporter called ``exporter``."""
        return self.exporters is not None and exporter in self.exporters


def declared(entry_point: importlib.metadata.EntryPoint) -> Installed:
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


def installed_plugins(*, autoload: bool | None = None) -> tuple[importlib.metadata.EntryPoint, ...]:
    """The entry points of the installed plugins, none loaded; none at all when ``autoload`` is
    False, or when it is None and ``DISABLE_AUTOLOAD`` is switched on."""
    if autoload is None:
        autoload = _autoload_from_environment()
    if not autoload:
        return ()
    # Looked for first only to save importing importlib.metadata: once it is imported (by the
    # program this runs in, or a test faking plugins), it is asked straight away.
    if "importlib.metadata" not in sys.modules and not may_be_installed():
        return ()
    import importlib.metadata

    return tuple(importlib.metadata.entry_points(group=PROJECT))


def may_be_installed(path: Iterable[str] | None = None) -> bool:
    """Whether a plugin may be installed on ``path`` (default ``sys.path``): False only when no
    distribution there can name the plugin group, read from each one's ``entry_points.txt``.

    Importing ``importlib.metadata`` loads the ``email`` package, about 10 ms of every command
    that looks for plugins, and most installations have none. So this looks first, the way
    ``importlib.metadata`` finds distributions in a folder, and answers True (look properly)
    for anything it cannot read so: a zip or egg on the path, or another finder of
    distributions."""
    if any(_finds_distributions(finder) for finder in sys.meta_path):
        return True
    for entry in sys.path if path is None else path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):  # a zip file: only importlib.metadata reads inside
                return True
            continue
        try:
            names = os.listdir(folder)
        except OSError:  # unreadable: importlib.metadata finds nothing there either
            continue
        if folder.lower().endswith(".egg") or any(_may_name_the_group(folder, n) for n in names):
            return True
    return False


def _finds_distributions(finder: object) -> bool:
    return finder is not importlib.machinery.PathFinder and hasattr(finder, "find_distributions")


def _may_name_the_group(folder: str, name: str) -> bool:
    low = name.lower()
    if low.endswith(".egg"):
        return True
    if not low.endswith((".dist-info", ".egg-info")):
        return False
    try:
        with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as points:
            text = points.read()
    except (FileNotFoundError, NotADirectoryError):  # none, or an egg-info that is a file
        return False
    except (OSError, UnicodeError):  # there but unreadable here: importlib.metadata decides
        return True
    # A section header, read as importlib.metadata reads one: stripped, then its brackets.
    return any(line.strip().strip("[]") == PROJECT for line in text.splitlines())


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
