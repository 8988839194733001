"""Finding a restricted name as a reader reads it, however it is written, and withholding it.

A reader sees "Ayesha Khan" in ``AYESHA KHAN``, ``Ayesha\\u00a0Khan`` (Word's no-break space),
``Ayesha\\u00adKhan`` (a soft hyphen), the decomposed accents macOS writes, full-width letters
and Cyrillic look-alikes. So names are matched on a *folded* view of the text, and the span of
the original text that the match covers is what is withheld.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator

REDACTED = "[withheld]"
"""What a public document shows in place of each restricted word (a name)."""

# Characters a reader never sees: soft hyphen, combining grapheme joiner, Arabic letter mark,
# Hangul fillers, Mongolian vowel separator and variation selectors, zero-width spaces and
# joiners, direction marks and embeddings, word joiner and invisible operators, BOM, tags.
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e0fff"
)
# Accents on Latin, Greek and Cyrillic letters: "Jurgen" is read as "Jürgen".
_ACCENTS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_UNSEEN = re.compile(f"[{_INVISIBLE}{_ACCENTS}]+")
_SPACES = re.compile(r"\s+")
_WORD_OR_SPACE = re.compile(r"\s+|\S+")
_SPACE = re.compile(r"\s")
# A character with the accents that follow it (what a reader sees as one letter).
_CLUSTER = re.compile(f"[^{_ACCENTS}][{_ACCENTS}]*|[{_ACCENTS}]+", re.DOTALL)

# After case folding: dashes read as a hyphen, apostrophes (Word's curly ones) as "'", and
# Cyrillic and Greek letters that look like Latin ones (Unicode's confusables for those
# scripts) as the Latin letter, so "Аyesha" with a Cyrillic А is still Ayesha.
_AS_READ: dict[str, str] = {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63", "-"),
        **dict.fromkeys("\u2018\u2019\u201b\u02bc\u2032\u00b4`", "'"),
        # Cyrillic
        "а": "a", "в": "b", "с": "c", "ԁ": "d", "е": "e", "һ": "h", "н": "h", "і": "i",
        "ј": "j", "к": "k", "ӏ": "l", "м": "m", "п": "n", "о": "o", "р": "p", "ԛ": "q",
        "ѕ": "s", "т": "t", "ԝ": "w", "х": "x", "у": "y",
        # Greek
        "α": "a", "β": "b", "γ": "y", "ε": "e", "ζ": "z", "η": "n", "ι": "i", "κ": "k",
        "μ": "m", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
        # Latin letters with a stroke, which no normal form takes apart
        "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŀ": "l", "ƚ": "l",
}  # fmt: skip
_LOOK_ALIKE = re.compile(f"[{re.escape(''.join(_AS_READ))}]")


def fold(text: str) -> str:
    """``text`` as a reader reads it, for comparing: NFKC, case folded, accents and invisible
    characters dropped, look-alike letters as Latin, every run of white space one space, and
    trimmed. ``fold("  JÜRGEN\\u00a0GROSS ") == fold("Jürgen Groß") == "jurgen gross"``."""
    if text.isascii():  # most text: no normal form, accent or look-alike to undo
        folded = text.lower().replace("`", "'")
    else:
        folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
        folded = _UNSEEN.sub("", unicodedata.normalize("NFD", folded))
        folded = _LOOK_ALIKE.sub(lambda found: _AS_READ[found.group()], folded)
    return _SPACES.sub(" ", folded).strip()


def _pieces(text: str) -> tuple[str, list[int], list[int]]:
    """``fold(text)`` (before trimming) with, for each of its characters, where in ``text`` the
    character it comes from starts and ends: a letter with its accents is folded as one."""
    out: list[str] = []
    begin: list[int] = []
    end: list[int] = []
    for match in _CLUSTER.finditer(text):
        cluster, start, stop = match.group(), match.start(), match.end()
        if cluster.isascii():  # one plain character: no normal form to apply
            piece = " " if cluster.isspace() else cluster.lower().replace("`", "'")
        else:
            piece = fold(cluster) or (" " if cluster.isspace() else "")
        if piece == " " and out and out[-1] == " ":
            end[-1] = stop  # a run of white space is one space
            continue
        out.extend(piece)
        begin.extend([start] * len(piece))
        end.extend([stop] * len(piece))
    return "".join(out), begin, end


def _words(text: str) -> tuple[str, list[int], list[tuple[int, int]]]:
    """``fold(text)`` (before trimming) made a word at a time, with where each word (or run of
    white space) starts in it and the span of ``text`` it comes from: letter by letter only for
    the few words a name is found in, so a long text costs a pass over its words."""
    folded: list[str] = []
    at: list[int] = []
    words: list[tuple[int, int]] = []
    length = 0
    for match in _WORD_OR_SPACE.finditer(text):
        piece = " " if match.group().isspace() else fold(match.group())
        if not piece or (piece == " " and folded and folded[-1] == " "):
            continue  # an invisible word, or the space after one: nothing to read
        folded.append(piece)
        at.append(length)
        words.append(match.span())
        length += len(piece)
    return "".join(folded), at, words


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


class Redactor:
    """Finds and withholds a set of restricted words (names) in any text.

    Matching is on the folded text (see ``fold``) and ignores case, accents, invisible
    characters and how the parts of a name are separated: by any white space, a hyphen or
    dash, or nothing ("AyeshaKhan"). A name inside a longer word is found too ("Khan's",
    "Ayesha-Khans"); a name misspelt, abbreviated or with its parts reordered is not.
    """

    __slots__ = ("_pattern",)

    def __init__(self, words: Iterable[str]) -> None:
        parts = {tuple(p for p in re.split(r"[ \-]+", fold(_apart(w))) if p) for w in words}
        patterns = sorted(
            (r"[ \-]*".join(map(re.escape, p)) for p in parts if p), key=len, reverse=True
        )  # longest first, so "Jo Smith" goes whole before "Jo" could split it
        self._pattern = re.compile("|".join(patterns)) if patterns else None

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
        folded, at, words = _words(text)

        def where(position: int) -> tuple[int, int]:
            """The span of ``text`` that the folded character at ``position`` comes from."""
            n = bisect.bisect_right(at, position) - 1
            start, stop = words[n]
            word = text[start:stop]
            if word.isspace():
                return start, stop
            pieces, begin, end = _pieces(word)
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
