"""The hooks a plugin can implement. Each is documented in docs/plugins.md."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

from safeguarding_plan.exporting.discovery import PROJECT

if TYPE_CHECKING:
    from safeguarding_plan.exporting.exporter import Exporter
    from safeguarding_plan.model.timescales import Timescale

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)
"""Mark a plugin's hook functions with ``@safeguarding_plan.hookimpl``."""


@hookspec
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Call ``register(Exporter(...))`` once for each output format the plugin provides."""


@hookspec
def register_timescales(register: Callable[[Timescale], None]) -> None:
    """Call ``register(Timescale(...))`` for each case review timescale the plugin adds."""
