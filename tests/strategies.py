"""Hypothesis strategies for valid plans full of awkward text.

Everything drawn here is a plan that ``sp.load`` could have produced: ids unique where the format
wants them, ratings from the plan's own scale, due dates written the ways people write them
(and resolved by the real parser), reviews oldest first. The text is deliberately hostile —
any character a plan file can hold, emoji with joiners, en dashes, quotes, YAML and Markdown
punctuation, spreadsheet formulas, line breaks of every kind, leading and trailing spaces and
long paragraphs — so the same strategies can fuzz the writer today and the exporters later::

    from strategies import plans, texts

    @given(plans())
    def test_markdown_never_crashes(plan): ...

A plan file holds no control character but tab and line feed, no surrogate and neither U+FFFE
nor U+FFFF, however they are written (the loader refuses them raw and as escapes such as
``"\\e"``), so no plan drawn here has one; ``NASTY_SNIPPETS`` still has them, for the exporters,
which take any text. Everything else survives ``sp.loads(sp.dumps(...))``: U+FEFF and the line
separators U+2028 and U+2029 travel escaped in double quotes.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from decimal import Decimal

import attrs
from hypothesis import strategies as st

import safeguarding_plan as sp
from safeguarding_plan import dates, markup
from safeguarding_plan.folding import fold
from safeguarding_plan.model.casereviews import REVIEW_DATES
from safeguarding_plan.model.paper import (
    Narrative,
    NarrativeSection,
    Paper,
    Place,
    title_line,
)
from safeguarding_plan.model.ratings import folded

__all__ = [
    "ALPHABET",
    "LINKISH",
    "NASTY_SNIPPETS",
    "PEOPLES_DUE_DATES",
    "TRICKY_IDS",
    "action_updates",
    "actions",
    "due_dates",
    "due_texts",
    "evidence",
    "ids",
    "inline_scales",
    "intervals",
    "long_texts",
    "measure_numbers",
    "measures_for",
    "narratives",
    "papers",
    "partnerships",
    "periods",
    "plans",
    "rating_scales",
    "reviews_for",
    "texts",
]

_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ALPHABET = st.characters(
    exclude_categories=("Cs", "Cc"),
    include_characters="\t\n",
    exclude_characters="\ufffe\uffff" + _BIDI_CONTROLS,
)
"""Any character a plan file can carry: everything but the surrogates, the control characters
other than tab and line feed, U+FFFE and U+FFFF, and the bidirectional embeddings, overrides
and isolates."""

_ASCII = st.characters(max_codepoint=0x7E, exclude_categories=("Cc",), include_characters="\t\n")
_NOT_IN_A_PLAN = re.compile(
    f"[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[{_BIDI_CONTROLS}]"
)

TRICKY_IDS = (
    "1.10",  # YAML 1.1 float 1.1
    "1.1",
    "7",  # int
    "01",  # octal in YAML 1.1
    "0x1F",
    "0o17",  # YAML 1.2 octal
    "1_000",
    "1e3",  # YAML 1.2 float
    "+1e3",
    ".5",
    ".inf",
    ".NaN",
    "190:20:30",  # YAML 1.1 sexagesimal
    "no",  # YAML 1.1 booleans
    "yes",
    "On",
    "off",
    "y",
    "N",
    "true",
    "False",
    "2021-05-01",  # timestamp
    "null",
    "Null",
    "~",
    "<<",  # merge key
    "=",  # value key
    "-",
    "?",
    "- 1",
    "#1",
    "1 #2",
    "a: b",
    "'1'",
    '"1"',
    "!tag",
    "&anchor",
    "*alias",
    "%YAML",
    "@1",
    "`1`",
    "|",
    ">",
    "[1]",
    "{1}",
    " 1",
    "1 ",
    "1.10\n",
    "é",
    "😊",
    "１",  # fullwidth digit
    "1–2",  # en dash
    "“1.1”",  # curly quotes: refused written plain, kept as the id in straight quotes
    "‘1.1’",
    "1.1”",
)
"""Ids a careless writer or reader would turn into something other than their text."""

LINKISH = (
    "https://example.org/a?b=c&d=e#f",
    "http://example.org",
    "HTTPS://EXAMPLE.ORG",
    "ftp://files.example.org/a.txt",
    "//example.org",
    "www.example.org",
    "WWW.Example.Org",
    "(www.example.org)",
    "example.org.uk",
    "jo.bloggs+plan@example.org",
    "mailto:jo@example.org",
    "xmpp:jo@example.org/home",
    "@jo",
    "@team-name",
    "#123",
    "GH-45",
    "a5c3785ed8d6a35868bc169f07e40e889087fd2e",
    "javascript:alert(1)",
    "<https://example.org>",
)
"""What Markdown renderers turn into links (web and e-mail addresses of every form GitHub links,
bare domains), mentions and references."""

NASTY_SNIPPETS = (
    "–",
    "—",
    "‘quoted’",
    "“quoted”",
    "'",
    "''",
    '"',
    "\\",
    "\\n",
    ": ",
    ":",
    " #",
    "#",
    "- ",
    "? ",
    "---",
    "...",
    "&a",
    "*a",
    "!!python/object",
    "<<",
    "{",
    "}",
    "[",
    "]",
    ",",
    "|",
    ">",
    "%",
    "@",
    "`",
    "null",
    "~",
    "no",
    "1.10",
    "2022-01-31",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "  ",
    " \n ",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u200b",
    "\u00a0",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\ufffe",
    "\uffff",
    "😊",
    "😐",
    "☹️",
    "😞",
    "👩🏽‍⚕️",
    "🏳️‍🌈",
    "é",
    "ß",
    "İ",
    "Ⅻ",
    "ﬁ",
    "\u0301",  # combining acute accent with nothing before it
    "\u202e",  # right-to-left override
    "שלום",
    "مرحبا",
    "漢字",
    "=SUM(A1:A9)",
    "+1",
    "@cmd",
    "<script>alert(1)</script>",
    "<w:t>",
    "&amp;",
    "**bold**",
    "_under_",
    "| a | b |",
    "# heading",
    "[link](http://x)",
    *LINKISH,
    "{{ jinja }}",
    "%s",
    "{0}",
    "\U0010ffff",
)
"""Pieces that break naive YAML, CSV, spreadsheet, XML, Markdown and template writers."""

_PIECES = st.one_of(
    st.sampled_from([s for s in NASTY_SNIPPETS if not _NOT_IN_A_PLAN.search(s)]),
    st.text(ALPHABET, min_size=1, max_size=12),
    st.text(_ASCII, min_size=1, max_size=12),
)


def long_texts(min_size: int = 200, max_size: int = 2000) -> st.SearchStrategy[str]:
    """Long paragraphs (``min_size`` to ``max_size`` characters), cheaply: a drawn phrase
    repeated, which is what exercises the writer's line folding."""

    def repeat(phrase_and_size: tuple[str, int]) -> str:
        phrase, size = phrase_and_size
        return (phrase * (size // len(phrase) + 1))[:size]

    phrase = st.lists(_PIECES, min_size=1, max_size=4).map(" ".join)
    return st.tuples(phrase, st.integers(min_size, max_size)).map(repeat)


_WORDS = (
    "the", "BSCP", "Partnership", "Executive", "Board", "to", "review", "and", "publish",
    "Annual", "Report", "Sub-Group", "Learning", "&", "Development", "children", "young",
    "people", "neglect", "exploitation", "Covid-19", "assurance", "audit", "by", "March",
    "2022/23", "multi-agency", "Safeguarding", "Leaders", "Assembly", "Ofsted", "CSPR",
)  # fmt: skip
_UNSEEN = {"Cf", "Zs", "Zl", "Zp", "Cc"}


def _readable(text: str) -> bool:
    """Whether a reader sees anything of ``text``: a plan file refuses text of only spaces,
    line breaks and invisible characters as it refuses empty text."""
    return any(unicodedata.category(c) not in _UNSEEN for c in text)


_SHORT = st.one_of(
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=10).map(" ".join),
    st.lists(_PIECES, min_size=1, max_size=5).map("".join),
    st.text(ALPHABET, min_size=1, max_size=30),
).filter(_readable)
_ANY = st.one_of(_SHORT, long_texts().filter(_readable))


def texts(*, long: bool = True) -> st.SearchStrategy[str]:
    """Non-empty hostile text; with ``long``, sometimes a paragraph of up to 2,000 characters.

    Plan files refuse empty text and text a reader sees nothing of, so this never draws
    ``""`` or text of only spaces, line breaks and invisible characters; it does draw text
    that starts or ends with them.
    """
    return _ANY if long else _SHORT


_NUMBERED = st.lists(st.integers(0, 120), min_size=1, max_size=3).map(
    lambda parts: ".".join(str(p) for p in parts)
)
_IDS = st.one_of(st.sampled_from(TRICKY_IDS), _NUMBERED, _SHORT)


def ids() -> st.SearchStrategy[str]:
    """Ids as partnerships write them (``1.10``), tricky ones included; never empty."""
    return _IDS


PEOPLES_DUE_DATES: tuple[tuple[str, date | None], ...] = (
    ("Mar-21", date(2021, 3, 31)),
    ("June 21", date(2021, 6, 30)),
    ("Sept 21", date(2021, 9, 30)),
    ("30/06/21", date(2021, 6, 30)),
    ("30.06.2021", date(2021, 6, 30)),
    ("30-06-2021", date(2021, 6, 30)),
    ("end Sept 2021", date(2021, 9, 30)),
    ("end of June 2021", date(2021, 6, 30)),
    ("Quarter 2 2021/22", date(2021, 9, 30)),
    ("Q2 2021-22", date(2021, 9, 30)),
    ("2021-22", date(2022, 3, 31)),
    ("Autumn term 2021", date(2021, 12, 31)),
    ("Spring term 2022", date(2022, 4, 15)),  # Good Friday
    ("Summer term 2022", date(2022, 7, 31)),
    ("by the end of the summer term 2022", date(2022, 7, 31)),
    ("Sept. 2021", date(2021, 9, 30)),
    ("June '21", date(2021, 6, 30)),
    ("June \u201921", date(2021, 6, 30)),  # Word curls the apostrophe
    ("June 30 2021", date(2021, 6, 30)),
    ("June 30th, 2021", date(2021, 6, 30)),
    ("30 June, 2021", date(2021, 6, 30)),
    ("FY21/22", date(2022, 3, 31)),
    ("Q2 21/22", date(2021, 9, 30)),
    ("2021/22 Q2", date(2021, 9, 30)),
    ("Ongoing", None),
    ("Ongoing (quarterly)", None),
    ("TBC (awaiting funding)", None),
    ("TBC", None),
    ("To be confirmed", None),
    ("Quarterly", None),
    ("Monthly", None),
    ("Annually", None),
    ("As required", None),
)
"""Due dates as real plans write them, each with the day it counts as due by: None for one
that names no day."""

_YEARS = st.integers(1901, 2198)
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_SEASONS = ("Spring", "Summer", "Autumn", "Fall", "Winter")
_PREFIXES = ("", "by ", "end ", "end of ", "the end of ", "by end of ", "by the end of ")
_TERMS = ("Autumn", "Spring", "Summer")


def _ordinal(day: int) -> str:
    if day in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _month_word(month: int, form: int) -> str:
    name = _MONTH_NAMES[month - 1]
    if form == 1:
        return name[:3]
    if form == 2 and month == 9:
        return "Sept"
    return name


@st.composite
def _due_phrase(draw: st.DrawFn) -> str:
    day = draw(st.dates(date(1901, 1, 1), date(2198, 12, 31)))  # room for spans and winters
    year = day.year
    month = _month_word(day.month, draw(st.integers(0, 2)))
    span = draw(st.integers(1, min(3, 2200 - year)))
    end = year + span
    end_text = f"{end % 100:02d}" if draw(st.booleans()) else str(end)
    fy = draw(st.sampled_from(("", "FY ", "fy ", "Financial Year ")))
    quarter = draw(st.sampled_from(("Q", "Quarter "))) + str(draw(st.integers(1, 4)))
    mark = draw(st.sampled_from("/.-"))
    slash = draw(st.sampled_from("/-"))  # a financial year's hyphen stands for its slash
    short = f"{year % 100:02d}"  # two digits: a year of this century, whatever ``year`` is
    return draw(
        st.sampled_from(
            (
                day.isoformat(),
                f"{day.day:02d}{mark}{day.month:02d}{mark}{year}",
                f"{day.day}{mark}{day.month}{mark}{year}",
                f"{day.day:02d}{mark}{day.month:02d}{mark}{short}",
                f"{year}-{day.month:02d}",
                f"{month} {year}",
                f"{month} {short}",
                f"{month[:3]}-{short}",
                f"{day.day}{_ordinal(day.day)} {month} {year}",
                f"{day.day} {month} {year}",
                f"{draw(st.sampled_from(_SEASONS))} {year}",
                f"{draw(st.sampled_from(_TERMS))} term {year}",
                f"{draw(st.sampled_from(_TERMS))} term {year}/{(year + 1) % 100:02d}",
                f"Winter {year}/{(year + 1) % 100:02d}",
                f"{fy}{year}/{end_text}",
                f"{fy}{year}-{year + 1}",
                f"{quarter} {fy}{year}{slash}{(year + 1) % 100:02d}",
                str(year),
                draw(st.sampled_from(dates.NO_FIXED_DATE)),
            )
        )
    )


def _recase(text: str, how: int) -> str:
    return (text, text.lower(), text.upper(), text.title())[how]


@st.composite
def due_texts(draw: st.DrawFn) -> str:
    """A due date as someone would type it, in any case and spacing, that
    :func:`dates.resolve_due` reads: ``by the end of March 2022``, ``Q3 FY 2021/22``,
    `` spring 2022 ``, ``31/03/2022``, ``Mar-21``, ``Summer term 2022``, ``Ongoing``..."""
    phrase = draw(_due_phrase())
    if phrase not in dates.NO_FIXED_DATE:  # those are the words alone
        phrase = draw(st.sampled_from(_PREFIXES)) + phrase
    phrase = _recase(phrase, draw(st.integers(0, 3)))
    gap = draw(st.sampled_from((" ", " ", " ", "  ", "\u00a0", "\t")))
    phrase = phrase.replace(" ", gap)
    edge = st.sampled_from(("", "", " ", "  ", "\t", "\u00a0"))
    return draw(edge) + phrase + draw(edge)


_FIRST_DAY, _LAST_DAY = date(1900, 1, 1), date(2200, 12, 31)
"""Plan files write dates as YYYY-MM-DD with a year from 1900 to 2200."""
_DAYS = st.dates(_FIRST_DAY, _LAST_DAY)


def _due(text: str) -> sp.Due:
    return sp.Due(text, dates.resolve_due(text))


_DUE = due_texts().map(_due)


def due_dates() -> st.SearchStrategy[sp.Due]:
    """A :class:`sp.Due` as the loader builds it: the text and the day the parser gives (None
    for a due date with no fixed day, ``Ongoing``)."""
    return _DUE


_INTERVALS = st.builds(sp.Interval, st.integers(1, 120), st.just(sp.Unit.MONTHS)) | st.builds(
    sp.Interval, st.integers(1, 3660), st.just(sp.Unit.CALENDAR_DAYS)
)


def intervals() -> st.SearchStrategy[sp.Interval]:
    """How often a plan is reviewed, as ``review_every`` takes it: 1 to 120 months or 1 to
    3,660 days."""
    return _INTERVALS


@st.composite
def periods(draw: st.DrawFn) -> sp.Period | None:
    """No period, a financial-year span (``2021/23``) or explicit start and end dates."""
    kind = draw(st.integers(0, 2))
    if kind == 0:
        return None
    if kind == 1:
        start = draw(_YEARS)
        end = start + draw(st.integers(1, min(5, 2200 - start)))
        end_text = f"{end % 100:02d}" if draw(st.booleans()) else str(end)
        text = f"{draw(st.sampled_from(('', 'FY ')))}{start}/{end_text}"
        first, last = dates.resolve_period(text)
        return sp.Period(start=first, end=last, text=text)
    first = draw(_DAYS)
    last = draw(st.dates(first, _LAST_DAY))
    return sp.Period(start=first, end=last)


_NAMES = st.from_regex(r"[A-Z][a-z]{2,8}( [A-Z][a-z'-]{2,10})?", fullmatch=True)
"""Names as a plan might restrict them: "Jo Bloggs", "Ayesha O'Neill"."""
_PERSON = st.builds(sp.Person, role=_SHORT, name=_SHORT) | st.builds(
    sp.Person, role=_SHORT, name=_NAMES, restricted=st.just(True)
)  # a restricted name is a name: the loader refuses one too short to withhold
_PARTNERSHIP = st.builds(
    sp.Partnership,
    name=_SHORT,
    short_name=st.none() | _SHORT,
    people=st.lists(_PERSON, max_size=3).map(tuple),
)


def partnerships() -> st.SearchStrategy[sp.Partnership]:
    """A partnership with hostile names, sometimes a short name and up to three people."""
    return _PARTNERSHIP


_SYMBOLS = ("😊", "😐", "☹️", "😞", "✔", "●", "★")
_RATING_WORDS = st.tuples(
    _SHORT,  # label
    st.sampled_from(sp.Rag),
    st.none() | st.sampled_from(_SYMBOLS) | _SHORT,  # symbol
    st.none() | _SHORT,  # meaning
)


@st.composite
def inline_scales(draw: st.DrawFn) -> sp.RatingScale:
    """A scale written out in the plan file: 1 to 6 ratings with unique keys, best first."""
    # Keys and labels differ as they are matched (in any case and spacing, once documents
    # have replaced the characters they cannot carry), and no key reads as another's label.
    keys = draw(st.lists(_IDS, min_size=1, max_size=6, unique_by=folded))
    words = draw(
        st.lists(
            _RATING_WORDS,
            min_size=len(keys),
            max_size=len(keys),
            unique_by=lambda w: folded(w[0]),
        ).filter(
            lambda drawn: (
                not any(
                    folded(key) == folded(label)
                    for n, key in enumerate(keys)
                    for m, (label, *_) in enumerate(drawn)
                    if n != m
                )
            )
        )
    )
    ratings = []
    for order, (key, (label, rag, symbol, meaning)) in enumerate(zip(keys, words, strict=True)):
        ratings.append(sp.Rating(key, label, rag, order, symbol=symbol, meaning=meaning))
    return sp.RatingScale(ratings=tuple(ratings))


_SCALES = st.one_of(st.sampled_from(list(sp.RATING_SCALES.values())), inline_scales())


def rating_scales() -> st.SearchStrategy[sp.RatingScale]:
    """A built-in scale (faces, rag, brag) or an inline one."""
    return _SCALES


_ACTION_FIELDS = st.tuples(
    _ANY,  # text
    st.none() | _SHORT,  # lead
    st.none() | _DUE,
    st.lists(_SHORT, max_size=3).map(tuple),  # themes
)


def actions(
    action_id: str, restricted: st.SearchStrategy[bool] | None = None
) -> st.SearchStrategy[sp.Action]:
    """An action with this id, hostile text, and any of lead, due date, themes, restricted."""
    flags = st.booleans() if restricted is None else restricted
    return st.tuples(_ACTION_FIELDS, flags).map(
        lambda fields: sp.Action(action_id, *fields[0], restricted=fields[1])
    )


_OUTCOME = st.tuples(st.none() | _SHORT, st.none() | _SHORT)  # outcome, evidenced_by

_UPDATE_FIELDS = st.tuples(
    st.none() | st.sampled_from(sp.Progress),
    st.none() | _ANY,  # note
    st.none() | _DUE,
    st.booleans(),  # restricted
)


_ADDRESSES = st.sampled_from(
    (
        "https://www.lscpbirmingham.org.uk/",
        "https://example.org/a?b=c&d=e#f",
        "HTTP://EXAMPLE.ORG/Audit%202022.pdf",
        "mailto:business.unit@example.org",
        "https://en.wikipedia.org/wiki/Working_Together_(2018)",
    )
)
_EVIDENCE = st.builds(
    sp.Evidence,
    text=_SHORT,
    link=st.none() | _ADDRESSES,
    document=st.none() | _SHORT,
)


def evidence() -> st.SearchStrategy[sp.Evidence]:
    """A piece of evidence: hostile text, and perhaps a web address and a document."""
    return _EVIDENCE


_ASSURANCE = st.builds(sp.Assurance, by=_SHORT, date=st.dates(date(1900, 1, 1), date(2200, 12, 31)))


def action_updates(scale: sp.RatingScale) -> st.SearchStrategy[sp.ActionUpdate]:
    """An update with any subset of progress, rating (from ``scale``), note, revised due,
    evidence and assurance (given whatever its progress: ``reviews_for`` keeps it only where
    the action is complete)."""
    return st.tuples(
        _UPDATE_FIELDS,
        st.none() | st.sampled_from(scale.keys),
        st.lists(_EVIDENCE, max_size=3).map(tuple),
        st.none() | _ASSURANCE,
    ).map(
        lambda drawn: sp.ActionUpdate(
            progress=drawn[0][0],
            rating=drawn[1],
            note=drawn[0][1],
            due=drawn[0][2],
            restricted=drawn[0][3],
            evidence=drawn[2],
            assured=drawn[3],
        )
    )


def _assured_only_when_complete(reviews: list[sp.Review]) -> list[sp.Review]:
    """The reviews, each update's assurance kept only where its action is complete at it, as
    a plan file must have it."""
    progress: dict[str, sp.Progress] = {}
    kept = []
    for review in reviews:
        updates = {}
        for action_id, update in review.updates.items():
            if update.progress is not None:
                progress[action_id] = update.progress
            complete = progress.get(action_id) is sp.Progress.COMPLETE
            updates[action_id] = update if complete else attrs.evolve(update, assured=None)
        kept.append(attrs.evolve(review, updates=updates))
    return kept


@st.composite
def measure_numbers(draw: st.DrawFn) -> Decimal:
    """A number as a plan file writes one: up to nine digits before the point and four
    after, trailing zeros kept (``1.10``), negative or not."""
    whole = draw(st.integers(0, 999_999_999) | st.integers(0, 120))
    places = draw(st.integers(0, 4))
    part = draw(st.integers(0, 10**places - 1)) if places else 0
    sign = draw(st.sampled_from(("", "", "-")))
    return Decimal(f"{sign}{whole}.{part:0{places}d}" if places else f"{sign}{whole}")


_MAYBE_NUMBER = st.none() | measure_numbers()


def _some(ids: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(ids), unique=True, max_size=2) if ids else st.just([])


@st.composite
def measures_for(
    draw: st.DrawFn, priority_ids: list[str], action_ids: list[str]
) -> tuple[sp.Measure, ...]:
    """0 to 3 measures with ids a reader tells apart (as the loader requires), each belonging
    to some of ``priority_ids`` and ``action_ids``; one with a target says which way is
    better."""
    made = []
    for ident in draw(st.lists(_IDS, max_size=3, unique_by=fold)):
        target = draw(_MAYBE_NUMBER)
        better = draw(
            st.sampled_from(sp.Better)
            if target is not None
            else st.none() | st.sampled_from(sp.Better)
        )
        made.append(
            sp.Measure(
                id=ident,
                title=draw(_SHORT),
                unit=draw(st.sampled_from(sp.MeasureUnit)),
                baseline=draw(_MAYBE_NUMBER),
                target=target,
                better=better,
                priorities=tuple(draw(_some(priority_ids))),
                actions=tuple(draw(_some(action_ids))),
                source=draw(st.none() | _SHORT),
                restricted=draw(st.booleans()),
            )
        )
    return tuple(made)


_VALUE = st.builds(sp.MeasureValue, value=measure_numbers(), note=st.none() | _SHORT) | st.builds(
    sp.MeasureValue, value=st.none(), note=_SHORT
)


@st.composite
def reviews_for(
    draw: st.DrawFn,
    action_ids: list[str],
    scale: sp.RatingScale,
    max_reviews: int = 4,
    measure_ids: list[str] | None = None,
) -> tuple[sp.Review, ...]:
    """0 to ``max_reviews`` reviews with strictly increasing ``as_of`` and unique ids, each
    updating a random subset of ``action_ids`` (in random order, not plan order), and giving
    values of a random subset of ``measure_ids``."""
    days = sorted(draw(st.lists(_DAYS, max_size=max_reviews, unique=True)))
    review_ids = draw(st.lists(_IDS, min_size=len(days), max_size=len(days), unique=True))
    some_actions = st.lists(st.sampled_from(action_ids), unique=True) if action_ids else None
    some_measures = st.lists(st.sampled_from(measure_ids), unique=True) if measure_ids else None
    updates = action_updates(scale)
    reviews = []
    for review_id, as_of in zip(review_ids, days, strict=True):
        updated = draw(some_actions) if some_actions is not None else []
        valued = draw(some_measures) if some_measures is not None else []
        reviews.append(
            sp.Review(
                id=review_id,
                title=draw(_SHORT),
                as_of=as_of,
                updates={a: draw(updates) for a in updated},
                measures={m: draw(_VALUE) for m in valued},
            )
        )
    return tuple(_assured_only_when_complete(reviews))


@st.composite
def plans(
    draw: st.DrawFn,
    *,
    max_priorities: int = 5,
    max_actions: int = 8,
    max_reviews: int = 4,
    restricted: st.SearchStrategy[bool] | None = None,
) -> sp.Plan:
    """A valid plan: 0 to ``max_priorities`` priorities of 0 to ``max_actions`` actions each,
    ids unique as the format requires, and 0 to ``max_reviews`` reviews.

    ``restricted`` draws each action's flag (default: either), e.g. ``st.just(True)`` to fuzz
    what a public document leaves out.
    """
    scale = draw(_SCALES)
    sizes = draw(st.lists(st.integers(0, max_actions), max_size=max_priorities))
    priority_ids = draw(st.lists(_IDS, min_size=len(sizes), max_size=len(sizes), unique=True))
    total = sum(sizes)
    action_ids = draw(st.lists(_IDS, min_size=total, max_size=total, unique=True))
    flags = st.booleans() if restricted is None else restricted
    priorities = []
    taken = 0
    leads: dict[str, str] = {}  # a plan file writes a lead one way: the first way drawn
    for priority_id, size in zip(priority_ids, sizes, strict=True):
        mine = action_ids[taken : taken + size]
        taken += size
        acts = []
        for action_id in mine:
            text, lead, due, themes = draw(_ACTION_FIELDS)
            if lead is not None:
                read = " ".join(unicodedata.normalize("NFKC", lead).split()).casefold()
                lead = leads.setdefault(read, lead)
            outcome, evidenced_by = draw(_OUTCOME)
            acts.append(
                sp.Action(action_id, text, lead, due, themes, draw(flags), outcome, evidenced_by)
            )
        priorities.append(sp.Priority(id=priority_id, title=draw(_ANY), actions=tuple(acts)))
    themes = tuple(
        sp.PracticeTheme(f"own-{n}", label)
        for n, label in enumerate(draw(st.lists(_SHORT, max_size=2)))
    )
    measures = draw(measures_for(priority_ids, action_ids))
    reviews = draw(reviews_for(action_ids, scale, max_reviews, [m.id for m in measures]))
    if reviews and draw(st.booleans()):  # the latest review's own paper over the plan's
        reviews = (*reviews[:-1], attrs.evolve(reviews[-1], paper=draw(papers())))
    return sp.Plan(
        partnership=draw(_PARTNERSHIP),
        title=draw(_SHORT),
        period=draw(periods()),
        ratings=scale,
        priorities=tuple(priorities),
        reviews=reviews,
        paper=draw(papers()),
        restricted_words=tuple(draw(st.lists(_NAMES, max_size=3))),
        case_reviews=draw(case_reviews_for(action_ids, themes)),
        practice_themes=themes,
        review_every=draw(st.none() | _INTERVALS),
        measures=measures,
    )


_REVIEW_DAY = st.dates(min_value=date(2019, 1, 1), max_value=date(2024, 12, 31))


_LINE = _SHORT.filter(lambda t: title_line(t) is None)
"""A line of a paper's title block, as the model and the loader take one."""


def _read(text: str) -> Narrative | None:
    blocks, problems = markup.parse(text)
    return None if problems else Narrative(text, blocks)


def narratives() -> st.SearchStrategy[Narrative]:
    """Hostile text as a plan file's narrative Markdown reads it (text with a heading or a
    link to anything but a web or e-mail address is refused by the loader, so never drawn)."""
    marked = st.lists(
        st.one_of(
            _SHORT,
            _SHORT.map(lambda t: f"**{t}**"),
            _SHORT.map(lambda t: f"*{t}*"),
            _SHORT.map(lambda t: f"[{t}](https://example.org/{len(t)})"),
            _SHORT.map(lambda t: f"- {t}"),
            _SHORT.map(lambda t: f"  1. {t}"),
            _SHORT.map(lambda t: f"!{t}![{t}](https://example.org/i.png)"),
            st.just(""),
        ),
        min_size=1,
        max_size=6,
    ).map("\n".join)
    return st.one_of(texts(), marked.filter(_readable)).map(_read).filter(lambda n: n is not None)  # type: ignore[return-value]


_ONE_PARAGRAPH = narratives().filter(
    lambda n: len(n.blocks) == 1 and isinstance(n.blocks[0], markup.Paragraph)
)
"""A recommendation: the loader takes one paragraph for each."""


@st.composite
def papers(draw: st.DrawFn) -> Paper:
    """A paper with any of its fields, hostile text in each."""
    maybe = lambda strategy: st.none() | strategy  # noqa: E731
    return Paper(
        meeting=draw(maybe(_LINE)),
        date=draw(maybe(_REVIEW_DAY)),
        report_of=draw(maybe(_LINE)),
        presented_by=tuple(draw(st.lists(_LINE, max_size=2))),
        marking=draw(maybe(_LINE)),
        purpose=draw(maybe(narratives())),
        recommendations=tuple(draw(st.lists(_ONE_PARAGRAPH, max_size=3))),
        sections=tuple(
            draw(
                st.lists(
                    st.builds(
                        NarrativeSection,
                        title=_SHORT,
                        text=narratives(),
                        place=st.sampled_from(Place),
                        restricted=st.booleans(),
                    ),
                    max_size=3,
                )
            )
        ),
    )


@st.composite
def case_reviews_for(
    draw: st.DrawFn, action_ids: list[str], themes: tuple[sp.PracticeTheme, ...]
) -> tuple[sp.CaseReview, ...]:
    """0 to 3 case reviews with dates in order, subjects restricted or not, themes and
    recommendations naming ``action_ids``."""
    ids = draw(st.lists(_IDS, max_size=3, unique=True))
    theme_ids = [t.id for t in (*sp.NATIONAL_THEMES, *themes)]
    made = []
    for ident in ids:
        start = draw(_REVIEW_DAY)
        names = draw(st.lists(st.sampled_from(tuple(REVIEW_DATES)), unique=True, max_size=4))
        # In the order they happen, each on or after the one before, so timescales' pairs hold.
        ordered = [n for n in REVIEW_DATES if n in names]
        days = sorted(start + timedelta(days=draw(st.integers(0, 400))) for _ in ordered)
        dates = {n: sp.Due(d.isoformat(), d) for n, d in zip(ordered, days, strict=True)}
        recommendation_ids = draw(st.lists(_IDS, max_size=2, unique=True))
        subject = draw(st.none() | _NAMES)
        made.append(
            sp.CaseReview(
                id=ident,
                kind=draw(st.sampled_from(sp.CaseReviewKind)),
                title=draw(_ANY),
                subject=subject,
                subject_restricted=subject is None or draw(st.booleans()),
                dates=dates,
                status=draw(st.none() | st.sampled_from(sp.CaseReviewStatus)),
                themes=tuple(draw(st.lists(st.sampled_from(theme_ids), unique=True, max_size=3))),
                recommendations=tuple(
                    sp.Recommendation(
                        r,
                        draw(_ANY),
                        tuple(draw(st.lists(st.sampled_from(action_ids), unique=True, max_size=2)))
                        if action_ids
                        else (),
                    )
                    for r in recommendation_ids
                ),
            )
        )
    return tuple(made)


def without_withheld_words(plan: sp.Plan) -> sp.Plan:
    """``plan`` with no restricted words, people or updates (restricted actions stay): for
    properties of public documents that compare text, which those would replace."""
    people = tuple(attrs.evolve(p, restricted=False) for p in plan.partnership.people)
    reviews = tuple(
        attrs.evolve(
            r, updates={i: attrs.evolve(u, restricted=False) for i, u in r.updates.items()}
        )
        for r in plan.reviews
    )
    return attrs.evolve(
        plan,
        partnership=attrs.evolve(plan.partnership, people=people),
        reviews=reviews,
        restricted_words=(),
        case_reviews=tuple(attrs.evolve(r, subject_restricted=False) for r in plan.case_reviews),
    )
