"""How each exporter's default file name ends: with its suffix, or with its name and its
suffix when another installed exporter's file would otherwise have the same name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from safeguarding_plan.exporting.exporter import Exporter


def endings(exporters: Iterable[Exporter]) -> dict[str, str]:
    """The ending of each exporter's default file name, by exporter name: ``.docx``, or
    ``.slides.docx`` for a ``slides`` exporter whose suffix another exporter has too.

    An exporter keeps its bare suffix unless another's file name would end the same (compared
    without case, as Windows and macOS compare file names); then its name goes before its
    suffix, unless its name is its suffix's own word (``docx`` for ``.docx``): that one keeps
    the name people know. Repeated until no two endings are the same, since a name before a
    suffix can make another's longer suffix (``tar`` and ``.gz``, ``.tar.gz``).

    No two endings are left the same: a name has no dot, so a named ending says whose it is,
    and a suffix that is its exporter's own word has one dot where a named ending has two. A
    default name's stem has no dot either, so two endings always make two file names."""
    found = list(exporters)
    ending = {e.name: e.suffix for e in found}
    named = {e.name: f".{e.name}{e.suffix}" for e in found if e.suffix[1:].lower() != e.name}
    while True:
        counts = Counter(value.lower() for value in ending.values())
        clashing = [n for n in named if ending[n] != named[n] and counts[ending[n].lower()] > 1]
        if not clashing:
            return ending
        for name in clashing:
            ending[name] = named[name]


def ending(exporter: Exporter, exporters: Callable[[], Mapping[str, Exporter]]) -> str:
    """The ending of ``exporter``'s default file name among ``exporters()`` (which holds it),
    asked for only when another's could be the same: an exporter named for its suffix's own
    word (``docx``) always keeps its bare suffix, so no plugin is loaded to say so."""
    if exporter.suffix[1:].lower() == exporter.name:
        return exporter.suffix
    return endings(exporters().values())[exporter.name]
