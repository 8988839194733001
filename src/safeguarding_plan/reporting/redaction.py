"""Finding a restricted name as a reader reads it, however it is written, and withholding it.

A reader sees "Ayesha Khan" in ``AYESHA KHAN``, ``Ayesha\\u00a0Khan`` (Word's no-break space),
``Ayesha\\u00adKhan`` (a soft hyphen), the decomposed accents macOS writes, full-width or
circled letters, small capitals and Cyrillic or Greek look-alikes, ``ayesha.khan@`` in an
address and ``A y e s h a`` (but not "Mea" in "Meaning"). So names are matched on a *folded*
view of the text, and the span of the original text that the match covers is what is withheld.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator

from safeguarding_plan.folding import fold, folded_clusters, folded_words
from safeguarding_plan.model.plan import Plan

REDACTED = "[withheld]"
"""What a public document shows in place of each restricted word (a name)."""


_SPACE = re.compile(r"\s")
# What may stand between the parts of a name (any of them, or none: "AyeshaKhan") and between
# its letters (one of them: "A y e s h a", "ayesha.khan@"), once folded.
_BETWEEN = r"[ \-_./+@&·\\]"


_CHUNK = 4096


def _chunks(text: str) -> Iterator[str]:
    """``text`` in pieces of about ``_CHUNK`` characters, each ending before white space."""
    start = 0
    while start < len(text):
        space = _SPACE.search(text, start + _CHUNK)
        stop = space.start() if space else len(text)
        yield text[start:stop]
        start = stop


def _apart(name: str) -> str:
    """``AyeshaKhan`` → ``Ayesha Khan``: a name listed run together is read as its parts."""
    name = unicodedata.normalize("NFKC", name)  # "å" as one letter, not "a" and a ring
    return "".join(
        f" {c}" if c.isupper() and n and name[n - 1].islower() else c for n, c in enumerate(name)
    )


# "Arthur Labinjo-Hughes and Star Hobson", "Child Q (Mary Smith)": two names, each withheld.
_SEVERAL = re.compile(r"\s+(?:and|&)\s+|[;/&()]", re.IGNORECASE)


def names(words: Iterable[str]) -> list[tuple[str, ...]]:
    """Each name the restricted ``words`` hold, as its folded parts: ``"Jo Bloggs and Ayesha
    Khan"`` → ``[("jo", "bloggs"), ("ayesha", "khan")]``; a part of less than two letters or
    digits alone is no name (it would take ordinary words with it)."""
    found: dict[tuple[str, ...], None] = {}
    for word in words:
        for name in _SEVERAL.split(word):
            parts = tuple(p for p in re.split(r"[ \-]+", fold(_apart(name))) if p)
            if sum(c.isalnum() for p in parts for c in p) >= 2:
                found[parts] = None
    return list(found)


class Redactor:
    """Finds and withholds a set of restricted words (names) in any text.

    Matching is on the folded text (see ``fold``) and ignores case, accents, invisible
    characters and how the parts of a name are separated: by any white space, a hyphen or
    dash, ``_ . / + @ &``, a backslash, ``%20``, or nothing ("AyeshaKhan"); its letters may be
    spaced out ("A y e s h a") and an apostrophe left out ("ONeill"). A name is found where a
    word begins, never inside one ("Climate" does not hold "Li Ma"); a name of one word, or
    ending in a part of one or two letters, is found only as a word of its own or followed by
    "s" or "'s" ("Khans", "Jo's"), so "Meaning" does not hold "Mea" nor "Job" "Jo"; a name
    misspelt, abbreviated or with its parts reordered is not found.
    """

    __slots__ = ("_pattern",)

    def __init__(self, words: Iterable[str]) -> None:
        def spaced(part: str) -> str:  # an apostrophe may be left out: "ONeill"
            return f"{_BETWEEN}?".join("'?" if c == "'" else re.escape(c) for c in part)

        def whole(parts: tuple[str, ...]) -> str:
            # A name of one word, or ending in a short part ("Mea", "Jo", "Child C"), ends where
            # a word ends but for an "s" or "'s" ("Khans", "Jo's"), or it would take the start
            # of every word that begins so ("Meaning", "Job", "child criminal"). A longer name
            # of several parts is found whatever follows: "Ayesha Khanum" still names Ayesha.
            found = f"{_BETWEEN}*".join(map(spaced, parts))
            if len(parts) == 1 or len(parts[-1]) < 3:
                return found + "(?=(?:'?s)?(?![^\\W\\d_]))"
            return found

        patterns = sorted(
            map(whole, names(words)), key=len, reverse=True
        )  # longest first, so "Jo Smith" goes whole before "Jo" could split it
        # A name begins a word: "Li Ma" is not in "Climate", nor "Tom Hall" in "Custom Hallmark".
        self._pattern = re.compile(f"(?<![^\\W\\d_])(?:{'|'.join(patterns)})") if patterns else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def finds(self, text: str) -> bool:
        """Whether ``text`` holds a restricted word as a reader would read it."""
        return self._pattern is not None and self._pattern.search(fold(text)) is not None

    def redact(self, text: str, placeholder: str = REDACTED) -> str:
        """``text`` with each restricted word, as a reader would read it, replaced by
        ``placeholder``; the rest of the text exactly as it was."""
        if not self.finds(text):
            return text
        if len(text) > _CHUNK:  # a long text a piece at a time: only pieces with a name cost
            redacted = "".join(
                self._redact(piece, placeholder) if self.finds(piece) else piece
                for piece in _chunks(text)
            )
            if not self.finds(redacted.replace(placeholder, " ")):
                return redacted  # else a name ran over two pieces: the whole text, below
        return self._redact(text, placeholder)

    def _redact(self, text: str, placeholder: str) -> str:
        assert self._pattern is not None
        folded, at, words = folded_words(text)
        letters: dict[int, tuple[str, list[int], list[int]]] = {}  # each word's, made once

        def where(position: int) -> tuple[int, int]:
            """The span of ``text`` that the folded character at ``position`` comes from."""
            n = bisect.bisect_right(at, position) - 1
            start, stop = words[n]
            if text[start:stop].isspace():
                return start, stop
            if n not in letters:
                letters[n] = folded_clusters(text[start:stop])
            pieces, begin, end = letters[n]
            if pieces != folded[at[n] : at[n] + len(pieces)]:
                return start, stop  # folded whole and letter by letter differ: all of the word
            offset = position - at[n]
            return start + begin[offset], start + end[offset]

        spans: list[list[int]] = []
        for match in self._pattern.finditer(folded):
            if match.end() == match.start():
                continue
            start, stop = where(match.start())[0], where(match.end() - 1)[1]
            if spans and start <= spans[-1][1]:
                spans[-1][1] = max(stop, spans[-1][1])
            else:
                spans.append([start, stop])
        if not spans:
            # Folding the text whole found the name but folding it piece by piece did not (a
            # normal form that joins across letters): withhold all of it rather than guess.
            return placeholder
        shown, last = [], 0
        for start, stop in spans:
            shown += [text[last:start], placeholder]
            last = stop
        shown.append(text[last:])
        redacted = "".join(shown)
        return placeholder if self.finds(redacted.replace(placeholder, " ")) else redacted


def withholding(plan: Plan) -> Redactor:
    """What withholds the plan's restricted words in a public document, and in anything a
    public export prints or is given (its file name, its options)."""
    return Redactor(restricted_words(plan))


def restricted_words(plan: Plan) -> tuple[str, ...]:
    """The plan's restricted words, the names of its restricted people and the restricted
    subjects of its case reviews."""
    people = (*plan.partnership.people, *plan.partnership.lead_partners)
    names = (p.name for p in people if p.restricted)
    subjects = (r.subject for r in plan.case_reviews if r.subject and r.subject_restricted)
    return tuple(dict.fromkeys((*plan.restricted_words, *names, *subjects)))
