"""Text as a reader reads it, for comparing: one fold for every comparison of names and words."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

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


def folded_clusters(text: str) -> tuple[str, list[int], list[int]]:
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


def folded_words(text: str) -> tuple[str, list[int], list[tuple[int, int]]]:
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
