"""The plugin manager: the built-in exporters and installed plugins, and the exporter and
timescale registries they fill.

Built-in exporters register through the same ``register_exporters`` hook as anyone else's,
so the seam is exercised by every export. Nothing is loaded when the package is imported:
``get_plugin_manager`` builds a fresh manager, with its own registry, each time.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from safeguarding_plan.errors import shown
from safeguarding_plan.exporting import hookspecs
from safeguarding_plan.exporting.discovery import (
    PROJECT,
    Installed,
    PluginWarning,
    declared,
    installed_plugins,
)
from safeguarding_plan.exporting.exporter import ORIGIN_BUILT_IN, Exporter, ExporterError
from safeguarding_plan.exporting.guard import described, message, plugin_code
from safeguarding_plan.model.timescales import TIMESCALES, Timescale

if TYPE_CHECKING:
    from pluggy import HookimplOpts

    from safeguarding_plan.exporting.discovery import EntryPoint

BUILT_IN_PLUGINS = (
    "safeguarding_plan.formats.docx.exporter",
    "safeguarding_plan.formats.xlsx.exporter",
    "safeguarding_plan.formats.markdown",
    "safeguarding_plan.formats.jsondata",
)
"""The modules of the built-in exporters, registered as plugins like any other."""


class PluginManager(pluggy.PluginManager):
    """A pluggy manager that remembers where each plugin came from, imports an installed plugin
    only when what it provides is needed (see ``get_plugin_manager``), and calls each plugin's
    hooks once, both as soon as either is needed."""

    def __init__(self) -> None:
        super().__init__(PROJECT)
        self.add_hookspecs(hookspecs)
        self.origins: dict[str, str] = {}
        self._waiting: list[Installed] = []
        self._exporters: dict[str, Exporter] = {}
        self._steps: dict[str, Timescale] = {t.step: t for t in TIMESCALES}
        self._timescales: list[Timescale] = []
        self._asked: dict[str, set[str]] = {
            "register_exporters": set(),
            "register_timescales": set(),
        }

    def parse_hookimpl_opts(self, plugin: object, name: str) -> HookimplOpts | None:
        """As pluggy's, but a module's class, module or constant is passed over at once: pluggy
        looks each of a module's names up statically (``inspect.getattr_static``), a
        millisecond for the built-in exporters' modules, and only a function can be a hook."""
        if isinstance(plugin, ModuleType):
            value = vars(plugin).get(name)
            if isinstance(value, type | ModuleType) or not callable(value):
                return None
        return super().parse_hookimpl_opts(plugin, name)

    def add(self, plugin: object, name: str, origin: str) -> None:
        """Register ``plugin`` and note its origin for listings and error messages."""
        self.register(plugin, name=name)
        self.origins[name] = origin

    def add_installed(self, plugins: Iterable[Installed]) -> None:
        """Note installed ``plugins``, to be imported and registered when needed."""
        self._waiting.extend(plugins)

    def load_installed(self, wanted: Callable[[Installed], bool] = lambda _: True) -> None:
        """Import and register each installed plugin not yet loaded that is ``wanted`` (by
        default, all), in the order they were found; one that fails to load is skipped with a
        PluginWarning."""
        now = [plugin for plugin in self._waiting if wanted(plugin)]
        self._waiting = [plugin for plugin in self._waiting if plugin not in now]
        _load_entry_points(self, [plugin.entry_point for plugin in now])

    @property
    def exporters(self) -> dict[str, Exporter]:
        """Every exporter the plugins provide, by name, built-ins first: every installed plugin
        is loaded to say."""
        self.load_installed()
        return self._registered()

    @property
    def timescales(self) -> tuple[Timescale, ...]:
        """The case review timescales the plugins add to the statutory ones: the installed
        plugins that may add one are loaded to say."""
        self.load_installed(lambda plugin: plugin.timescales)
        self._ask()
        return tuple(self._timescales)

    def exporter(self, name: str) -> Exporter:
        """The exporter called ``name``, or ExporterError listing those installed. Of the
        installed plugins not yet loaded, those that declare ``name`` are loaded first, and the
        others only when none of them registers it."""
        found = self._registered().get(name)
        if found is None:
            self.load_installed(lambda plugin: plugin.may_register(name))
            found = self._registered().get(name) or self.exporters.get(name)
        if found is None:
            raise ExporterError(
                f"no exporter {shown(name)}; installed: {', '.join(self.exporters) or 'none'}"
            )
        return found

    def _registered(self) -> dict[str, Exporter]:
        """The exporters of the plugins registered so far, asking those not asked yet."""
        self._ask()
        return self._exporters

    def _ask(self) -> None:
        """Call both hooks of each plugin registered since they were last called: what it
        registers is then known, and what fails in either hook told, whichever was needed."""
        _each_plugin(self, "register_exporters", "exporters", self._register_exporter)
        _each_plugin(self, "register_timescales", "timescales", self._register_timescale)

    def _register_exporter(self, exporter: Exporter, origin: str) -> None:
        if not isinstance(exporter, Exporter):
            raise ExporterError(f"register() takes an Exporter, not {type(exporter).__name__}")
        if exporter.name in self._exporters:
            taken = self._exporters[exporter.name]
            raise ExporterError(
                f"exporter name {exporter.name!r} from {origin} is already taken by {taken.origin}"
            )
        self._exporters[exporter.name] = attrs.evolve(exporter, origin=origin)

    def _register_timescale(self, timescale: Timescale, origin: str) -> None:
        if not isinstance(timescale, Timescale):
            raise ExporterError(f"register() takes a Timescale, not {type(timescale).__name__}")
        if timescale.step in self._steps:
            raise ExporterError(f"timescale step {timescale.step!r} from {origin} is taken")
        self._steps[timescale.step] = timescale
        self._timescales.append(timescale)


def get_plugin_manager(*, autoload: bool | None = None, lazy: bool = False) -> PluginManager:
    """A new plugin manager with the built-in exporters and, unless ``autoload`` is False or
    ``SAFEGUARDING_PLAN_DISABLE_PLUGIN_AUTOLOAD=1``, every installed plugin.

    ``lazy``: the installed plugins are found but each is imported only when needed. A plugin
    that declares the exporters it provides (docs/plugins.md) is imported when one of them is
    asked for (``exporter``), and for ``timescales`` only if it declares a timescale; one that
    declares nothing is imported for ``timescales`` and for any exporter no other provides.
    ``exporters``, the listing of them all, imports every one."""
    manager = PluginManager()
    for module in BUILT_IN_PLUGINS:
        manager.add(importlib.import_module(module), name=module, origin=ORIGIN_BUILT_IN)
    found = installed_plugins(autoload=autoload)
    manager.add_installed(declared(point) if lazy else Installed(point) for point in found)
    if not lazy:
        manager.load_installed()
    return manager


def _load_entry_points(manager: PluginManager, entry_points: list[EntryPoint]) -> None:
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
                stacklevel=4,
            )


def _each_plugin(
    manager: PluginManager, hook: str, what: str, register: Callable[[Any, str], None]
) -> None:
    """Call each plugin's ``hook`` with a ``register`` that knows the plugin's origin.

    Called per plugin, in registration order, so each thing registered is attributed to its
    plugin and one plugin's failure is reported by name without losing the others'; and once,
    so a plugin registered later is asked in its turn and a failure is told once."""
    asked = manager._asked[hook]
    for impl in getattr(manager.hook, hook).get_hookimpls():
        if impl.plugin_name in asked:
            continue
        asked.add(impl.plugin_name)
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
