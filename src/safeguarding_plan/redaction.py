"""Finding a restricted name as a reader reads it, however it is written, and withholding it.

A reader sees "Ayesha Khan" in ``AYESHA KHAN``, ``Ayesha\\u00a0Khan`` (Word's no-break space),
``Ayesha\\u00adKhan`` (a soft hyphen), the decomposed accents macOS writes, full-width or
circled letters, small capitals and Cyrillic or Greek look-alikes, ``ayesha.khan@`` in an
address and ``A y e s h a``. So names are matched on a *folded* view of the text, and the span
of the original text that the match covers is what is withheld.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator

REDACTED = "[withheld]"
"""What a public document shows in place of each restricted word (a name)."""

# Letters that look like Latin ones, as Unicode's confusables list them for the scripts a
# plan's readers meet. Capitals first, before case folding takes them to their own small
# letters (a Greek Η is read "H", its small letter η "n"), and the lunate sigma ϲ before the
# normal form takes it to σ.
_CAPITALS = dict(zip(
    "АВСЕНІЈКМОРЅТХУҮѴΑΒΕΖΗΙΚΜΝΟΡΤΥΧϹͿϲ",
    "abcehijkmopstxyyvabezhikmnoptyxcjc",
    strict=True,
))  # fmt: skip
_SMALL = dict(zip(
    # Cyrillic, Greek, Latin small capitals and letters with a stroke no normal form removes
    "аԁеһіјӏорԛѕԝхускнтүҽѵ" "νυγιοκαρτηχϲϳ" "օ"
    "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢɑɡȷ"
    "łøđħıŀƚðŧ",
    "adehijlopqswxyckhtyev" "vuyiokaptnxcj" "o"
    "abcdefghijklmnoprstuvwyzagj"
    "lodhilldt",
    strict=True,
))  # fmt: skip
# Squared, negative circled and negative squared capitals (🅰), and regional indicators (🇦),
# which no normal form takes to letters.
_SYMBOL_LETTERS = {
    chr(start + n): chr(ord("a") + n)
    for start in (0x1F130, 0x1F150, 0x1F170, 0x1F1E6)
    for n in range(26)
}


@functools.cache
def _after_folding() -> dict[int, str | None]:
    """What each character becomes once case folded and decomposed: format characters and
    combining marks (accents, enclosing circles) nothing, dashes a hyphen, apostrophes "'",
    look-alike letters the Latin letter. Made on first use: it reads the Unicode database."""
    table: dict[int, str | None] = {}
    for code in itertools.chain(range(0x80, 0x20000), range(0xE0000, 0xE1000)):
        category = unicodedata.category(chr(code))
        if category in ("Cf", "Mn", "Me"):
            table[code] = None
        elif category == "Pd":
            table[code] = "-"
    table.update(dict.fromkeys(map(ord, "\u115f\u1160\u3164\uffa0"), None))  # Hangul fillers
    table[0x2800] = " "  # braille blank
    table.update(dict.fromkeys(map(ord, "\u2212\u2043"), "-"))  # a minus sign, a hyphen bullet
    table.update(dict.fromkeys(map(ord, "\u2018\u2019\u201b\u02bc\u2032\u00b4`"), "'"))
    table.update({ord(k): v for k, v in (*_SMALL.items(), *_SYMBOL_LETTERS.items())})
    return table


_CAPITAL_TABLE = str.maketrans(_CAPITALS)
_SPACES = re.compile(r"\s+")
_WORD_OR_SPACE = re.compile(r"\s+|\S+")
_SPACE = re.compile(r"\s")
# What may stand between the parts of a name (any of them, or none: "AyeshaKhan") and between
# its letters (one of them: "A y e s h a", "ayesha.khan@"), once folded.
_BETWEEN = r"[ \-_./+@&·]"


def fold(text: str) -> str:
    """``text`` as a reader reads it, for comparing: NFKC, case folded, accents and invisible
    characters dropped, look-alike letters as Latin, every run of white space one space, and
    trimmed. ``fold("  JÜRGEN\\u00a0GROSS ") == fold("Jürgen Groß") == "jurgen gross"``."""
    return _fold(text).strip()


def _fold(text: str) -> str:
    if text.isascii():  # most text: no normal form, accent or look-alike to undo
        folded = text.lower().replace("`", "'")
    else:
        folded = unicodedata.normalize("NFKC", text.translate(_CAPITAL_TABLE)).casefold()
        folded = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", folded))
        folded = folded.translate(_after_folding())
    return _SPACES.sub(" ", folded.replace("%20", " "))  # "%20": a space in an address


def _pieces(text: str) -> tuple[str, list[int], list[int]]:
    """``fold(text)`` (before trimming) with, for each of its characters, where in ``text`` the
    character it comes from starts and ends: a letter with its marks is folded as one."""
    out: list[str] = []
    begin: list[int] = []
    end: list[int] = []
    starts = [n for n, c in enumerate(text) if n == 0 or unicodedata.category(c)[0] != "M"]
    for start, stop in zip(starts, [*starts[1:], len(text)], strict=True):
        cluster = text[start:stop]
        piece = " " if cluster.isspace() else _fold(cluster)
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
    dash, ``_ . / + @ &``, ``%20``, or nothing ("AyeshaKhan"); its letters may be spaced out
    ("A y e s h a") and an apostrophe left out ("ONeill"). A name is found at the start of a
    word, whatever follows ("Khan's", "Ayesha-Khans"), not inside one ("Climate" does not hold
    "Li Ma"); a name misspelt, abbreviated or with its parts reordered is not found.
    """

    __slots__ = ("_pattern",)

    def __init__(self, words: Iterable[str]) -> None:
        def spaced(part: str) -> str:  # an apostrophe may be left out: "ONeill"
            return f"{_BETWEEN}?".join("'?" if c == "'" else re.escape(c) for c in part)

        def whole(parts: tuple[str, ...]) -> str:
            # A name ending in a short part ("Jo", "Child C") ends where a word ends, or it
            # would take the start of every word beginning so ("Job", "child criminal").
            found = f"{_BETWEEN}*".join(map(spaced, parts))
            return f"{found}(?![^\\W\\d_])" if len(parts[-1]) < 3 else found

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
        folded, at, words = _words(text)
        letters: dict[int, tuple[str, list[int], list[int]]] = {}  # each word's, made once

        def where(position: int) -> tuple[int, int]:
            """The span of ``text`` that the folded character at ``position`` comes from."""
            n = bisect.bisect_right(at, position) - 1
            start, stop = words[n]
            if text[start:stop].isspace():
                return start, stop
            if n not in letters:
                letters[n] = _pieces(text[start:stop])
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
