"""Pausing Python's cyclic garbage collector while a plan is read, scored or reported, or a
document made.

Each builds hundreds of thousands of small objects that never form cycles (nodes, model
objects, rows, XML text). Each full collection walks every object alive, so with the collector
running a 10,000-action plan took four times longer to read than with it paused, and more than
ten times as long as a plan a tenth of its size. Memory is still freed by reference counting;
cycles, if any, are collected when the collector resumes.

Only the package's public functions (``pausing``) and the command line (``paused_gc``, and
``paused_to_the_end`` for the installed command) pause it; nothing inside the library touches
the collector.
"""

from __future__ import annotations

import functools
import gc
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic collector for the block (or the decorated function); resume it after
    only if it was running."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def paused_to_the_end() -> None:
    """Pause the collector for the rest of the process, for a command whose process ends with
    it: collecting everything it made just before exiting (and again as Python exits) is work
    for nothing."""
    gc.disable()


def pausing(function: F) -> F:
    """``function`` run with the collector paused, keeping its name, docstring and signature.

    A generator function is paused while it makes each item, not between them: the caller's
    own work as it goes through the items runs with the collector as the caller left it."""
    if inspect.isgeneratorfunction(function):

        @functools.wraps(function)
        def each_item_paused(*args: Any, **kwargs: Any) -> Iterator[Any]:
            items = function(*args, **kwargs)
            while True:
                with paused_gc():
                    try:
                        item = next(items)
                    except StopIteration:
                        return
                yield item

        return each_item_paused  # type: ignore[return-value]

    @functools.wraps(function)
    def paused(*args: Any, **kwargs: Any) -> Any:
        with paused_gc():
            return function(*args, **kwargs)

    return paused  # type: ignore[return-value]
