"""The one place an exporter's options are checked against its declarations, for ``export``
and the command line alike, before anything is written."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from safeguarding_plan.errors import did_you_mean, shown
from safeguarding_plan.exporting.exporter import Exporter, OptionError, option_problem
from safeguarding_plan.exporting.guard import described, message, plugin_code


def checked(exporter: Exporter, given: Mapping[str, Any]) -> Mapping[str, Any]:
    """The options ``exporter``'s ``write`` receives, read-only: each one ``given`` converted
    and checked by its declaration (text from the command line or a Python value alike), and
    each one not given that has a default. ``None`` is the same as not giving the option.

    OptionError with one line for each problem: every option the exporter does not take, then
    every value it refuses, in the order it declares them."""
    declared = {option.name: option for option in exporter.options}
    problems = [_unknown(exporter, name) for name in given if name not in declared]
    values: dict[str, Any] = {}
    # A plugin's converter is the plugin's code: what it prints must not reach a document
    # written to standard output, and a failure in it is one line, like any other.
    with plugin_code():
        for option in exporter.options:
            value = given.get(option.name)
            if value is None:
                if option.default is not None:
                    values[option.name] = option.default
                continue
            try:
                values[option.name] = option.convert(value)
            except (ValueError, TypeError) as err:
                problems.append(option_problem(exporter.name, option.name, message(err)))
            except KeyboardInterrupt:
                raise
            except BaseException as err:  # sys.exit() in a converter refuses, not ends, it
                problems.append(
                    option_problem(
                        exporter.name, option.name, f"could not be checked: {described(err)}"
                    )
                )
    if problems:
        raise OptionError(*problems)
    return MappingProxyType(values)


def _unknown(exporter: Exporter, name: object) -> str:
    names = [option.name for option in exporter.options]
    close = did_you_mean(name, names) if isinstance(name, str) else ""
    listed = close or f" (options: {', '.join(names) or 'none'})"
    named = shown(name) if isinstance(name, str) else repr(name)
    return f"exporter {exporter.name!r} takes no option {named}{listed}"
