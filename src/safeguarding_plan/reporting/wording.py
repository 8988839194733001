"""The fixed words of every document: headings, column headings, table captions and what a
document says where there is nothing to show.

One ``Words`` for every format, held by each report (``Report.words``), so that the board
paper, the tracker, the web text and a plugin's page name each thing the same way; its fields,
and what each says unless told otherwise, are written in ``fixedwords``. Sentences made from the
plan and its numbers are worded in ``sentences``.

The tracker's sheet names and the column headings of its Actions sheet (``priority`` to
``previous_rating``) and its Measures sheet (``measure_id``, ``measure``, ``unit``,
``baseline``, ``target``, ``better``, ``value``, ``note``, ``previous_value``, ``from_review``
and ``source``) are also what ``import-xlsx`` reads a filled-in tracker back by
(``formats.xlsx.layout`` takes them from here): renaming one makes every tracker already sent
out unreadable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from safeguarding_plan.reporting.fixedwords import FixedWords
from safeguarding_plan.values import Value

_WORDS_DOC = """Every fixed text a document shows, grouped as a document uses it: the fields of
``FixedWords`` (which says what each is), each what it says there unless told otherwise."""

if TYPE_CHECKING:

    @attrs.frozen(repr=False, eq=False)
    class Words(FixedWords, Value):
        """Every fixed text a document shows (``FixedWords``)."""

        def __init__(self, **words: str) -> None: ...

else:
    # attrs reads the fields of the class it is given from its own annotations, not from a
    # plain base: the class is made with ``FixedWords``'s.
    Words = attrs.frozen(repr=False, eq=False)(
        type(
            "Words",
            (Value,),
            {
                "__module__": __name__,
                "__qualname__": "Words",
                "__doc__": _WORDS_DOC,
                "__annotations__": dict(FixedWords.__annotations__),
                **{name: getattr(FixedWords, name) for name in FixedWords.__annotations__},
            },
        )
    )

WORDS = Words()
