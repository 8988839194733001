"""A stop the command line has been asked for (Ctrl-C, SIGTERM, SIGHUP), kept where the code
that runs plugins and writes files can see it without importing the command line.

The command line's signal handlers raise the stop, a KeyboardInterrupt, wherever the program
is, and record it here first. Code that catches everything (a plugin's bare ``except:``) can
swallow the exception but not the record: ``check`` raises the stop again as a plugin's code
returns and before a temporary file is renamed into place, so the earlier file is kept. Outside
the command line nothing is recorded, and ``check`` does nothing.
"""

from __future__ import annotations

from typing import NoReturn

_requested: list[KeyboardInterrupt] = []  # the stop, once one is asked for


def request(stop: KeyboardInterrupt) -> NoReturn:
    """Record ``stop`` and raise it: what a signal handler calls."""
    _requested[:] = [stop]
    raise stop


def check() -> None:
    """Raise the stop again if one has been requested."""
    if _requested:
        raise _requested[0]


def clear() -> None:
    """Forget any stop requested: the command that it stopped has ended."""
    _requested.clear()
