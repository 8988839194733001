"""Installed plugins, found without being loaded: the entry points of the plugin group, and
the switch in the environment that keeps them out.

Apart from the manager so that a command can learn that no plugin is installed without
importing pluggy, the exporters or the report they render.
"""

from __future__ import annotations

import importlib.metadata
import os
import warnings

PROJECT = "safeguarding_plan"
"""The pluggy project name, and the entry-point group plugins are found in."""

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
    return tuple(importlib.metadata.entry_points(group=PROJECT))


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
