"""A plugin's own code, run so that what it prints cannot spoil a document written to standard
output, and a stop asked for cannot be swallowed."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import IO

from safeguarding_plan import stopping


@contextlib.contextmanager
def plugin_code() -> Iterator[None]:
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


def closed(stream: IO[bytes]) -> bool:
    try:
        return bool(getattr(stream, "closed", False))
    except ValueError:  # detached
        return True


def message(err: BaseException) -> str:
    """What ``err`` says, ``str(err)``, for a message. A plugin's exception may fail to say it
    (its ``__str__`` raises): it is then its type's name and that its message could not be
    shown, so that telling of a failure never fails itself."""
    said = _said(err)
    return f"{type(err).__name__} {_UNSHOWN}" if said is None else said


def described(err: BaseException) -> str:
    """``err`` for a message, its type first: ``KeyError: 'priority'``, only the type for an
    exception with nothing to say; never fails (see `message`)."""
    name, said = type(err).__name__, _said(err)
    if said is None:
        return f"{name} {_UNSHOWN}"
    return f"{name}: {said}" if said else name


def tellable(err: BaseException) -> bool:
    """Whether ``str(err)`` can be had: an exception that is told as it is must be."""
    return _said(err) is not None


_UNSHOWN = "(its message could not be shown)"


def _said(err: BaseException) -> str | None:
    """``str(err)`` as a plain ``str``; None when it cannot be had."""
    try:
        # A plugin's __str__ is the plugin's code, run as any other; it may return a subclass
        # of str whose own methods fail as it is formatted: str.__str__ gives a plain copy.
        with plugin_code():
            return str.__str__(str(err))
    except KeyboardInterrupt:  # a stop asked for is never swallowed
        raise
    except BaseException:  # sys.exit() in a __str__ too
        return None
