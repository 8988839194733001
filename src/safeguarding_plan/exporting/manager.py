"""The plugin manager: the built-in exporters and installed plugins, and the exporter and
timescale registries they fill.

Built-in exporters register through the same ``register_exporters`` hook as anyone else's,
so the seam is exercised by every export. Nothing is loaded when the package is imported:
``get_plugin_manager`` builds a fresh manager, with its own registry, each time.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from safeguarding_plan.exporting import hookspecs
from safeguarding_plan.exporting.discovery import PROJECT, PluginWarning, installed_plugins
from safeguarding_plan.exporting.exporter import ORIGIN_BUILT_IN, Exporter, ExporterError
from safeguarding_plan.exporting.guard import described, message, plugin_code
from safeguarding_plan.model.timescales import TIMESCALES, Timescale

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

BUILT_IN_PLUGINS = (
    "safeguarding_plan.formats.docx.exporter",
    "safeguarding_plan.formats.xlsx.exporter",
    "safeguarding_plan.formats.markdown",
    "safeguarding_plan.formats.jsondata",
)
"""The modules of the built-in exporters, registered as plugins like any other."""


class PluginManager(pluggy.PluginManager):
    """A pluggy manager that remembers where each plugin came from and builds its registry once."""

    def __init__(self) -> None:
        super().__init__(PROJECT)
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
    for module in BUILT_IN_PLUGINS:
        manager.add(importlib.import_module(module), name=module, origin=ORIGIN_BUILT_IN)
    _load_entry_points(manager, installed_plugins(autoload=autoload))
    return manager


def _load_entry_points(manager: PluginManager, entry_points: tuple[EntryPoint, ...]) -> None:
    for entry_point in entry_points:
        dist = entry_point.dist
        origin = f"{dist.name} {dist.version}" if dist else "unknown distribution"
        if manager.has_plugin(entry_point.name):
            continue
        try:
            with plugin_code():
                manager.add(entry_point.load(), name=entry_point.name, origin=origin)
        except KeyboardInterrupt:  # Ctrl-C (and the command's SIGTERM and SIGHUP) stop it all
            raise
        except BaseException as err:  # a broken plugin must not take the others down, and
            # neither must sys.exit() in it
            warnings.warn(
                f"plugin {entry_point.name!r} ({origin}) failed to load and is skipped: "
                f"{described(err)}",
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
            with plugin_code():
                impl.function(register=lambda item, origin=origin: register(item, origin))
        except KeyboardInterrupt:
            raise
        except BaseException as err:
            reason = message(err) if isinstance(err, Exception) else described(err)
            warnings.warn(
                f"plugin {impl.plugin_name!r} ({origin}) could not register its {what}: {reason}",
                PluginWarning,
                stacklevel=5,
            )


def exporters(plugin_manager: PluginManager | None = None) -> dict[str, Exporter]:
    """What is installed: built-in exporters and plugins', by name."""
    return dict((plugin_manager or get_plugin_manager()).exporters)
