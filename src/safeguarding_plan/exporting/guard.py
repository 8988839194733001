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


def described(err: BaseException) -> str:
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
