"""``md``: the board paper's content as GitHub-flavoured Markdown, for the website and the
yearly report.

Every piece of plan text is escaped, so an action containing ``|``, a backtick, ``<script>``
or a line break reads as that text and can never add a table cell, a link or markup; and a web
address, an e-mail address or an @mention in it reads as written, never as a link, however the
renderer links them (see `escape`).
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import IO, Any

import attrs

from safeguarding_plan.exporting.exporter import Exporter
from safeguarding_plan.exporting.hookspecs import hookimpl
from safeguarding_plan.markup import Block, BulletList, ListItem, Span
from safeguarding_plan.reporting.charts import Chart
from safeguarding_plan.reporting.contents import (
    ActionRow,
    PrioritySection,
    Report,
    SectionKind,
)
from safeguarding_plan.text import clean

# An empty HTML element that shows nothing, changes no text a reader copies and at most allows
# a line break there: it splits the text around it in two for the renderer, and no autolinker
# joins text across an element. (A backslash escape is not enough: cmark-gfm, GitHub's own
# renderer, and remark-gfm find e-mail addresses in the text after the escapes are undone.)
_SPLIT = "<wbr>"

_SPECIAL = re.compile(
    # An e-mail address (and so a 'mailto:' or 'xmpp:' link, even 'mailto:@host.org') needs the
    # text on both sides of its '@' in one piece: split before an '@' that follows text.
    r"(?P<email>(?<=\S)@)"
    # 'https://', 'ftp://' and '//host' need their two slashes together, and 'www.' at the start
    # of a word (in any case) its dot: split after the first slash, and after the 'www'.
    r"|(?P<split>/(?=/)|(?<![^\W_])[Ww]{3}(?=\.))"
    # What starts markup inside a line or a table cell. Plan text only ever appears inside a
    # line (a cell, or after a heading's '#'), so block markers need no escape; '#' is escaped
    # all the same, so a heading never loses a closing '#'. Escaped too: every other '@', and
    # every dot that a renderer linking bare domains could take for the one before a top-level
    # domain ('example.org'). markdown-it's linkify (linkify-it) takes a domain's labels to be
    # any characters but spaces, controls and punctuation (so combining marks, invisible
    # formatting characters, tag characters and symbols too: 'cafe\u0301.com', 'a\u200b.org',
    # '©.com'), or an 'xn--' label ending in '-'; and the top-level domain starts right after
    # the dot with a letter ('com', 'рф'). So every dot after anything but a space and before
    # a letter or digit of any script is escaped: an escape ends the text an autolinker reads.
    # '$' too: GitHub renders '$x^2$' in a file as mathematics.
    r"|(?P<escape>[\\`*_\[\]|~#@$]|(?<=\S)\.(?=[^\W_]))"
    # '<' could open an HTML tag or an autolink; '&' matters only where it would start an entity.
    r"|<|&(?=#?[0-9A-Za-z]+;)"
)


def _escaped(match: re.Match[str]) -> str:
    text, kind = match.group(), match.lastgroup
    if kind == "escape":
        return f"\\{text}"
    if kind == "email":
        return f"{_SPLIT}\\@"
    if kind == "split":
        return f"{text}{_SPLIT}"
    return "&lt;" if text == "<" else "&amp;"


def escape(text: str) -> str:
    """Plan text as Markdown that renders as exactly that text, on one line, with no link.

    Markup punctuation is escaped with a backslash, ``<`` and ``&`` as HTML. What a renderer
    would turn into a link is broken where it starts, and the reader sees the same text: the
    ``//`` of ``https://`` and the ``www.`` of a web address are split with an empty ``<wbr>``
    element, as is the ``@`` of an e-mail address (``mailto:`` and ``xmpp:`` ones too); a dot
    that follows any character but a space and precedes a letter or digit, and every other
    ``@`` and ``#``, are escaped with a backslash, which stops
    bare domains and Markdown-level @mention and #reference extensions. GitHub links
    @mentions, #123, GH-123 and commit hashes only in issues and comments, never in a file, and
    after rendering, where no escape reaches: those are left as written.
    """
    text = _SPECIAL.sub(_escaped, clean(text).strip())
    # A line break inside a table cell must be HTML; elsewhere it would end the paragraph.
    return "<br>".join(line.strip() for line in text.split("\n"))


def _bold(text: str) -> str:
    """``text`` escaped, in bold between spaces or a line's edges; nothing for text that is
    only space (``****`` would show)."""
    return _styled(escape(text), " ", " ", bold=True)


def _table(
    headings: Iterable[str], rows: Iterable[Iterable[str]], right: tuple[int, ...] = ()
) -> list[str]:
    headings = list(headings)
    rule = ["---:" if column in right else "---" for column in range(len(headings))]
    lines = ["| " + " | ".join(headings) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _action_cell(row: ActionRow) -> str:
    cell = f"{_bold(row.id)} {escape(row.text)}"
    return (
        f"{cell}<br>{_styled(escape(row.details), '>', ' ', italic=True)}" if row.details else cell
    )


def _lines(texts: Iterable[str], none: str) -> str:
    """Several pieces of text in one cell, a line each; ``none`` when there are none."""
    return "<br>".join(escape(t) for t in texts) or escape(none)


def _number(text: str, total: bool) -> str:
    """A number of the summary table: in bold on the whole plan's row, as the board paper
    sets that row apart."""
    return f"**{text}**" if total else text


# What would make a line of text start a block: a quote, a list item, a thematic break or a
# heading's underline. Plan text that starts a line (a paragraph, an item) has it escaped.
_BLOCK_START = re.compile(r"(?:[-+=>]|\d{1,9}(?=[.)]))")


def _starting_a_line(text: str) -> str:
    found = _BLOCK_START.match(text)
    if found is None:
        return text
    at = found.end() if found.group()[-1].isdigit() else 0  # "2022\. The", "\> Quote"
    return f"{text[:at]}\\{text[at:]}"


# What would end a link's address in angle brackets, or escape its end, percent-encoded; and a
# "|", which ends a table's cell wherever it is in the cell, a link's address too.
_IN_ADDRESS = str.maketrans(
    {"<": "%3C", ">": "%3E", " ": "%20", "\\": "%5C", "\n": "%0A", "|": "%7C"}
)


def _spans(spans: Iterable[Span]) -> str:
    """Styled runs as one line of Markdown, each run's text escaped, its bold and italic
    shown whatever is next to it (see `_styled`); a link's address in angle brackets, with
    what would end it percent-encoded."""
    spans = [attrs.evolve(span, text=clean(span.text)) for span in spans]
    # Each text without its spaces, which go outside its stars: "** x**" is not bold.
    texts = [escape(span.text) for span in spans]
    # The first character each run writes, and so what follows the run before it.
    firsts = [_first(span, text) for span, text in zip(spans, texts, strict=True)]
    line = ""
    for n, (span, text) in enumerate(zip(spans, texts, strict=True)):
        if span.text[:1].isspace() and not line.endswith(" "):  # one space between runs
            line += " "
        if not text:
            continue
        after = " " if span.text[-1:].isspace() else next(filter(None, firsts[n + 1 :]), "")
        style = {"bold": span.bold, "italic": span.italic}
        if span.link is None:
            line += _styled(text, line[-1:], after, **style)
        else:
            address = clean(span.link).translate(_IN_ADDRESS)
            if line.endswith("!"):  # "![" would make the link an image
                line = line[:-1] + "\\!"
            line += f"[{_styled(text, '[', ']', **style)}](<{address}>)"
        if span.text[-1:].isspace():
            line += " "
    return _starting_a_line(line.strip())


def _first(span: Span, text: str) -> str:
    """The first character ``span`` writes, ``text`` being its text escaped: a star or ``<``
    (both punctuation) for a styled one; nothing for a run with nothing to show."""
    if span.text[:1].isspace():
        return " "
    if not text:
        return ""
    if span.link is not None:
        return "["
    return "*" if span.bold or span.italic else text[0]


def _styled(text: str, before: str, after: str, *, bold: bool = False, italic: bool = False) -> str:
    """``text`` (escaped) in bold, italic or both, ``before`` and ``after`` being the
    characters written next to it (a space for a line's edge).

    Between stars where those open and close emphasis by CommonMark's rules whatever version a
    renderer follows, else in ``<strong>`` and ``<em>``: ``**Decision:**Approve`` shows its
    stars, as a closing ``**`` after punctuation must be followed by a space or punctuation. A
    star already before the text would join the stars into one longer run, so it takes the
    elements too."""
    if not text or not (bold or italic):
        return text
    stars = "*" * (2 * bold + italic)
    if before != "*" and _flanks(before, text[0]) and _flanks(after, text[-1]):
        return f"{stars}{text}{stars}"
    if bold:
        text = f"<strong>{text}</strong>"
    return f"<em>{text}</em>" if italic else text


def _flanks(outside: str, inside: str) -> bool:
    """Whether a run of stars between ``outside`` and ``inside`` (the first or the last
    character of the text it styles) opens or closes emphasis there, by CommonMark's flanking
    rules (https://spec.commonmark.org/0.31.2/#left-flanking-delimiter-run): the text must not
    start with a space, and a run next to punctuation inside needs space or punctuation
    outside. A symbol (``€``, ``😊``) is punctuation to CommonMark 0.31 and not to earlier
    versions, so next to one only space or punctuation outside is sure to do."""
    within = _kind(inside)
    if within in ("space", "unsure"):
        return False
    return within == "other" or _kind(outside) in ("space", "punctuation")


def _kind(char: str) -> str:
    """What a character beside a run of stars is to CommonMark: ``space`` (a line's edge too),
    ``punctuation``, ``symbol`` (punctuation to some versions), ``other``, or ``unsure`` for
    what is space to Python but not to CommonMark (a line separator)."""
    if not char or char in " \t\n\f\r":
        return "space"
    category = unicodedata.category(char)
    if category == "Zs":
        return "space"
    if char in string.punctuation or category[0] == "P":
        return "punctuation"
    if category[0] == "S":
        return "symbol"
    return "unsure" if char.isspace() or category == "Cc" else "other"


def _blocks(blocks: Iterable[Block]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, BulletList):
            lines += [*_items(block.items, block.numbered, 0), ""]
        else:
            lines += [_spans(block.spans), ""]
    return lines


def _items(items: Iterable[ListItem], numbered: bool, depth: int) -> list[str]:
    lines = []
    for number, item in enumerate(items, start=1):
        marker = f"{number}." if numbered else "-"
        lines.append(f"{'   ' * depth}{marker} {_spans(item.spans)}")
        lines += _items(item.items, False, depth + 1)
    return lines


def _purpose(report: Report) -> list[str]:
    return _blocks(report.purpose)


def _recommendations(report: Report) -> list[str]:
    lines = [escape(report.asked_to), ""] if report.asked_to else []
    return lines + _blocks(
        [BulletList(tuple(ListItem(r) for r in report.recommendations), numbered=True)]
    )


def _executive_summary(report: Report) -> list[str]:
    """The sentences, then each chart's numbers as a table under its title."""
    e = escape
    lines = [f"- {_starting_a_line(e(sentence))}" for sentence in report.executive_summary]
    lines.append("")
    for chart in report.charts:
        lines += _chart(chart)
    return lines


def _chart(chart: Chart) -> list[str]:
    """A chart's numbers as a table under its title: a row for each category (a priority, a
    review) and a column for each series."""
    e = escape
    return [
        _bold(chart.title),
        "",
        *_table(
            [e(chart.category), *(e(series.name) for series in chart.series)],
            (
                [e(category), *(f"{series.values[n]:g}%" for series in chart.series)]
                for n, category in enumerate(chart.categories)
            ),
            right=tuple(range(1, len(chart.series) + 1)),
        ),
    ]


def _summary(report: Report) -> list[str]:
    w, e = report.words, escape
    lines = [e(report.headline), ""]
    if report.expected:
        lines += [e(report.expected), ""]
    return lines + _table(
        [e(w.priority), e(w.actions), e(w.complete), e(w.percent_complete), e(w.ratings)],
        (
            [
                _bold(r.heading) if r.total else e(r.heading),
                _number(str(r.counts.actions), r.total),
                _number(str(r.counts.complete), r.total),
                _number(f"{r.counts.percent_rounded}%", r.total),
                e(r.ratings),
            ]
            for r in report.summary_rows
        ),
        right=(1, 2, 3),
    )


def _impact(report: Report) -> list[str]:
    """The summary, the measures with their values at each review, done and proven by
    priority, and the complete actions not yet assured."""
    w, e, impact = report.words, escape, report.impact
    if impact is None:
        return []
    lines = [e(impact.summary), ""] if impact.summary else []
    if impact.measures:
        lines += [f"### {e(w.measures)}", ""]
        baselines = impact.baselines
        lines += _table(
            [
                e(w.measure),
                *([e(w.baseline)] if baselines else []),
                e(w.target),
                e(w.at_each_review),
                e(w.where_it_stands),
            ],
            (
                [
                    _bold(m.title)
                    + (
                        f"<br>{_styled(e(f'{w.source}: {m.source}'), '>', ' ', italic=True)}"
                        if m.source
                        else ""
                    ),
                    *([e(m.baseline or w.not_given)] if baselines else []),
                    e(m.target or w.not_given),
                    _lines(m.reading_lines, w.not_given),
                    _lines(m.standing, w.not_given),
                ]
                for m in impact.measures
            ),
        )
    if not impact.proof:
        return lines
    lines += [f"### {e(w.done_and_proven)}", ""]
    lines += _table(
        [e(w.priority), e(w.complete), e(w.assured), e(w.with_outcome), e(w.evidenced)],
        (
            [
                _bold(r.heading) if r.total else e(r.heading),
                *(
                    _number(str(n), r.total)
                    for n in (r.counts.complete, r.counts.assured, r.counts.with_outcome)
                ),
                _number(str(r.counts.evidenced), r.total),
            ]
            for r in report.summary_rows
        ),
        right=(1, 2, 3, 4),
    )
    lines += [f"### {e(w.awaiting_assurance)}", ""]
    if not impact.awaiting:
        return [*lines, e(w.none_awaiting_assurance), ""]
    return lines + _table(
        [e(w.action), e(w.lead), e(w.evidence)],
        (
            [
                f"{_bold(p.action.id)} {e(p.action.text)}",
                e(p.action.lead or ""),
                "<br>".join(map(_spans, p.pieces)) or e(w.no_evidence),
            ]
            for p in impact.awaiting
        ),
    )


def _exceptions(report: Report) -> list[str]:
    w, e = report.words, escape
    lines = [e(report.exceptions_summary), ""]
    if not report.exceptions:
        return lines
    return lines + _table(
        [e(w.action), e(w.lead), e(w.due), e(w.status), e(w.update)],
        (
            [
                f"{_bold(r.id)} {e(r.text)}",
                e(r.lead or ""),
                e(r.due or ""),
                e(r.exception_status),
                e(r.update),
            ]
            for r in report.exceptions
        ),
    )


def _changes(report: Report) -> list[str]:
    w, e, changes = report.words, escape, report.changes
    if changes is None:
        return []
    if not changes.rows:
        return [e(w.no_change), ""]
    return _table(
        [e(w.change), e(w.action), e(w.before), e(w.after)],
        ([e(c.kind), e(c.action_id), e(c.before), e(c.after)] for c in changes.rows),
    )


def _priority(report: Report, section: PrioritySection) -> list[str]:
    e = escape
    return _table(
        [e(report.action_heading), e(report.update_heading), e(report.status_heading)],
        ([_action_cell(r), e(r.update), e(r.status)] for r in section.rows),
    )


def _learning(report: Report) -> list[str]:
    """The summary, the case reviews, their recommendations and the practice themes."""
    w, e, learning = report.words, escape, report.learning
    if learning is None:
        return []
    rule = [e(learning.rule), ""] if learning.rule else []
    lines = [*rule, e(learning.summary), ""]
    if not learning.reviews:  # a year with none: its summary says so, and no empty table
        return lines
    # A column of subjects only when there is one to show: never a column of blanks.
    subjects = any(r.subject is not None for r in learning.reviews)
    lines += [f"### {e(w.case_reviews)}", ""]
    lines += _table(
        [
            e(w.review),
            e(w.kind),
            *([e(w.subject)] if subjects else []),
            e(w.status),
            e(w.dates),
            e(w.timeliness),
        ],
        (
            [
                e(r.title),
                e(r.kind),
                *([e(r.subject or w.not_given)] if subjects else []),
                e(r.status),
                _lines(r.date_lines, w.none_recorded),
                _lines(r.timeliness, w.no_timescale),
            ]
            for r in learning.reviews
        ),
    )
    recommendations = [(r.title, rec) for r in learning.reviews for rec in r.recommendations]
    if recommendations:
        # What changed as a result only in a yearly report, which says it.
        changed = report.year is not None
        lines += [f"### {e(w.recommendations)}", ""]
        lines += _table(
            [
                e(w.review),
                e(w.recommendation),
                e(w.plan_actions),
                e(w.progress),
                *([e(w.what_changed)] if changed else []),
            ],
            (
                [
                    e(review),
                    f"{_bold(rec.id)} {e(rec.text)}",
                    _lines((f"{a} ({progress})" for a, progress in rec.actions), w.none_yet),
                    e(rec.progress),
                    *([_lines(rec.changed, w.no_update)] if changed else []),
                ]
                for review, rec in recommendations
            ),
        )
    lines += [f"### {e(w.practice_themes)}", ""]
    if not learning.themes:
        return [*lines, e(w.no_practice_themes), ""]
    return lines + _table(
        [e(w.practice_theme), e(w.reviews_raising_it)],
        ([e(theme), str(count)] for theme, count in learning.themes),
        right=(1,),
    )


def _year_progress(report: Report) -> list[str]:
    """The year in sentences, its progress by priority, and the numbers of its two charts: the
    start and end of the year, and the trend."""
    w, e, year = report.words, escape, report.year
    if year is None:
        return []
    lines = [f"- {_starting_a_line(e(sentence))}" for sentence in year.summary]
    lines.append("")
    lines += _table(
        [e(w.priority), e(w.start_of_year), e(w.end_of_year), e(w.completed_in_year), e(w.slipped)],
        (
            [
                _bold(r.heading) if r.total else e(r.heading),
                _number(e(r.start), r.total),
                _number(e(r.end), r.total),
                _number(str(r.completed), r.total),
                _number(str(r.slipped), r.total),
            ]
            for r in year.progress
        ),
        right=(1, 2, 3, 4),
    )
    return lines + _chart(year.chart) + _chart(year.trend)


def _little_progress(report: Report) -> list[str]:
    """The rule, the actions it lists and the priorities with little or no progress."""
    w, e, year = report.words, escape, report.year
    if year is None:
        return []
    lines = [e(year.rule), "", e(year.lacking_summary), ""]
    if year.lacking:
        lines += _table(
            [e(w.action), e(w.why_listed), e(w.status), e(w.update)],
            (
                [
                    f"{_bold(r.id)} {e(r.text)}",
                    e(r.reasons),
                    e(r.status),
                    e(r.note or w.no_update),
                ]
                for r in year.lacking
            ),
        )
    if not year.lacking_priorities:
        return lines
    return [
        *lines,
        e(w.lacking_priorities_intro),
        "",
        *(f"- {_starting_a_line(e(p))}" for p in year.lacking_priorities),
        "",
    ]


def _to_be_written(report: Report) -> list[str]:
    w, e, year = report.words, escape, report.year
    if year is None:
        return []
    return [
        e(w.to_be_written_intro),
        "",
        *(
            f"- {_bold(x.title)}: {e(x.asks)} {_styled(e(x.where), ' ', '', italic=True)}"
            for x in year.missing
        ),
        "",
    ]


def _sign_off(report: Report) -> list[str]:
    w, e, year = report.words, escape, report.year
    if year is None:
        return []
    return [
        e(w.sign_off_statement),
        "",
        *_table(
            [e(w.name), e(w.role), e(w.signature), e(w.date_signed)],
            ([e(s.name or w.name_to_come), e(s.role), "", ""] for s in year.signatories),
        ),
    ]


def _key(report: Report) -> list[str]:
    w, e = report.words, escape
    return _table(
        [e(w.symbol), e(w.rating), e(w.rag), e(w.meaning)],
        ([e(r.symbol or ""), e(r.label), e(r.rag.label), e(r.meaning or "")] for r in report.key),
    )


_SECTIONS: dict[SectionKind, Callable[[Report], list[str]]] = {
    SectionKind.PURPOSE: _purpose,
    SectionKind.RECOMMENDATIONS: _recommendations,
    SectionKind.EXECUTIVE_SUMMARY: _executive_summary,
    SectionKind.SUMMARY: _summary,
    SectionKind.IMPACT: _impact,
    SectionKind.EXCEPTIONS: _exceptions,
    SectionKind.CHANGES: _changes,
    SectionKind.LEARNING: _learning,
    SectionKind.KEY: _key,
    SectionKind.YEAR_PROGRESS: _year_progress,
    SectionKind.LITTLE_PROGRESS: _little_progress,
    SectionKind.TO_BE_WRITTEN: _to_be_written,
    SectionKind.SIGN_OFF: _sign_off,
}
"""What each section but a priority's shows, under its heading."""


def _title_block(report: Report) -> list[str]:
    """A paper to a meeting's title block as the board paper sets it, each label in bold and
    each line ended by a backslash, which breaks the line within one paragraph; for the public,
    the date of progress alone."""
    if report.title_block:
        block = (
            _spans((Span(f"{label}: ", bold=True), Span(text)))
            for label, text in report.title_block
        )
        return ["\\\n".join(block), ""]
    if report.as_of_text:
        return [escape(f"{report.words.progress_as_at} {report.as_of_text}"), ""]
    return []


def render(report: Report) -> str:
    """The Markdown text of ``report``."""
    e = escape
    # The partnership in bold, as the board paper sets it: never a line of plan text alone,
    # where its first character could start a quote or a list.
    lines = [f"# {e(report.title)}", "", _bold(report.partnership), "", *_title_block(report)]
    for section in report.sections:
        lines += [f"## {e(section.heading)}", ""]
        if section.priority is not None:
            lines += _priority(report, section.priority)
        elif section.narrative is not None:
            lines += _blocks(section.narrative.blocks)
        else:
            lines += _SECTIONS[section.kind](report)
    return "\n".join(lines)


def write(report: Report, stream: IO[bytes], options: Mapping[str, Any]) -> None:
    """Write the Markdown of ``report`` as UTF-8."""
    stream.write(render(report).encode("utf-8"))


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``md`` exporter."""
    register(
        Exporter(
            name="md",
            title="Markdown (GitHub-flavoured) for the website and the yearly report",
            suffix=".md",
            media_type="text/markdown; charset=utf-8",
            write=write,
            yearly=True,
        )
    )
