"""``html``: a plan's progress as one self-contained, accessible web page.

The page says what the built-in ``md`` exporter says, for a partnership's website: the title,
the partnership and the date (for the board, the paper's title block: the meeting, its date,
who the paper is from and who presents it, the date of progress and the protective marking), a
list of the sections, then the report's sections in the report's order (the summary, the
exceptions, changes since the previous review, one table per priority with the board paper's
columns, learning from case reviews when the plan records any, and the key to the ratings), or
of a yearly report (the year's progress and its chart, little or no evidence of progress,
learning from reviews with what changed, the impact, the partnership's own sections, what is
still to be written and the sign-off). Every word it shows is the report's; it only lays them
out.

It is one file with nothing to fetch: no scripts, no web fonts, no image files (its charts are
inline SVG, described in words), only a ``<style>`` element; the only links are those the
plan's own text writes. Every piece of plan text goes through
``safeguarding_plan.plugin.clean`` and :func:`html.escape`, so it reads as exactly that text
and can never add markup. Status is
always in words; colour and the rating's symbol are extras (the symbol is hidden from screen
readers, which read the rating's words). On a narrow screen each table row becomes a card.

Publish the ``public`` audience on a website::

    safeguarding-plan export plan.yaml --format html --audience public -o progress.html
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, Any, NamedTuple

from safeguarding_plan.plugin import (
    ActionRow,
    Block,
    BulletList,
    Exporter,
    LackingRow,
    ListItem,
    Option,
    PrioritySection,
    Report,
    SectionKind,
    Span,
    SummaryRow,
    YearRow,
    YearSection,
    hookimpl,
)

from ._charts import figure
from ._style import STYLE
from ._text import attribute, text

__all__ = ["STYLE", "attribute", "register_exporters", "render", "text", "write"]


def _under_the_title(report: Report) -> list[str]:
    """For a paper to a meeting, its title block as the board paper sets it out, a label and
    its text on each line (``<dt>Report to</dt><dd>Executive Board</dd>``); for the public,
    ``<p class="as-at">Progress as at <time datetime="2022-01-31">31 January 2022</time></p>``,
    or nothing for a report without a date."""
    progress = report.words.progress_as_at
    if report.title_block:
        lines = (
            f"<div><dt>{text(label)}</dt><dd>"
            + (_day(report) if label == progress else text(line))
            + "</dd></div>"
            for label, line in report.title_block
        )
        return ['<dl class="title-block">', *lines, "</dl>"]
    if report.as_of_text is None:
        return []
    return [f'<p class="as-at">{text(progress)} {_day(report)}</p>']


def _day(report: Report) -> str:
    """The date of progress, for a reader and as a date a machine reads."""
    day = report.as_of.isoformat() if report.as_of else ""
    return f'<time datetime="{day}">{text(report.as_of_text or "")}</time>'


class Cell(NamedTuple):
    """One cell: its HTML, and an extra class (the RAG colour of a status, a number's)."""

    html: str
    cls: str = ""


def _table(
    caption: str,
    headings: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    kind: str,
    row_label: str | None = None,
) -> list[str]:
    """A table whose first cell in each row is its row header.

    ``caption`` and ``headings`` are text: the caption is the sentence that introduces the
    table where the report has one (``5 actions are overdue…``), else the table's name. Each
    row becomes a card on a narrow screen, each cell labelled with its column heading
    (``data-label``); the ARIA roles keep the table's meaning for screen readers that drop it
    when CSS changes ``display``.
    """
    labels = [attribute(h) for h in headings]
    out = [
        '<div class="table-wrap">',
        f'<table class="{kind} stack" role="table">',
        f"<caption>{text(caption)}</caption>",
        '<thead role="rowgroup"><tr role="row">'
        + "".join(f'<th scope="col" role="columnheader">{text(h)}</th>' for h in headings)
        + "</tr></thead>",
        '<tbody role="rowgroup">',
    ]
    for row in rows:
        head, *cells = row
        label = f' data-label="{attribute(row_label)}"' if row_label else ""
        head_class = f' class="{head.cls}"' if head.cls else ""
        parts = [f'<th scope="row" role="rowheader"{head_class}{label}>{head.html}</th>']
        for cell, label_text in zip(cells, labels[1:], strict=True):
            cell_class = f' class="{cell.cls}"' if cell.cls else ""
            parts.append(f'<td role="cell"{cell_class} data-label="{label_text}">{cell.html}</td>')
        out.append('<tr role="row">' + "".join(parts) + "</tr>")
    out += ["</tbody>", "</table>", "</div>"]
    return out


def _status(row: ActionRow, status: str) -> Cell:
    """``status`` (the row's, or its exception's) in words, the rating's symbol in it hidden
    from screen readers, the RAG colour as a class. Its text is exactly ``status``."""
    symbol = row.rating.symbol if row.rating else None
    before, found, after = status.partition(f"{symbol} ") if symbol else (status, "", "")
    shown = text(status)
    if found and (not before or before.endswith(" ")):
        hidden = f'<span class="symbol" aria-hidden="true">{text(symbol or "")}</span>'
        shown = f"{text(before)}{hidden} {text(after)}"
    rag = row.rating.rag.value if row.rating else "none"
    return Cell(shown, f"status rag-{rag}")


def _action(row: ActionRow) -> Cell:
    details = f'<p class="details">{text(row.details)}</p>' if row.details else ""
    return Cell(f'<p class="action">{text(row.text)}</p>{details}', "action")


def _paragraphs(texts: Sequence[str], none: str) -> Cell:
    """Several pieces of text in one cell, a paragraph each; ``none`` when there are none (an
    empty cell would be a heading with nothing under it on a phone)."""
    return Cell("".join(f"<p>{text(t)}</p>" for t in texts) or text(none))


def _lines(lines: Sequence[Sequence[Span]], none: str) -> Cell:
    """Several lines of styled text (a link a link) in one cell, a paragraph each; ``none``
    when there are none."""
    return Cell("".join(f"<p>{_spans(line)}</p>" for line in lines) or text(none))


def _summary(report: Report) -> list[str]:
    w = report.words
    body = [f'<p class="headline">{text(report.headline)}</p>']
    if report.expected:
        body.append(f'<p class="expected">{text(report.expected)}</p>')
    return body + _table(
        w.summary_table,
        [w.priority, w.actions, w.complete, w.percent_complete, w.ratings],
        (_summary_row(r) for r in report.summary_rows),
        kind="summary",
    )


def _summary_row(row: SummaryRow) -> list[Cell]:
    """A priority's row of the summary table, or the whole plan's, set apart (``total``)."""
    total = " total" if row.total else ""
    return [
        Cell(text(row.heading), total.strip()),
        Cell(str(row.counts.actions), f"num short{total}"),
        Cell(str(row.counts.complete), f"num short{total}"),
        Cell(f"{row.counts.percent_rounded}%", f"num short{total}"),
        Cell(text(row.ratings)),
    ]


def _impact(report: Report) -> list[str]:
    """The measures, each with a chart once two reviews give it a value; done and proven by
    priority; the complete actions not yet assured."""
    w, impact = report.words, report.impact
    if impact is None:
        return []
    body = [f"<p>{text(impact.summary)}</p>"] if impact.summary else []
    if impact.measures:
        baselines = impact.baselines
        body += _table(
            w.measures,
            [
                w.measure,
                *([w.baseline] if baselines else []),
                w.target,
                w.at_each_review,
                w.where_it_stands,
            ],
            (
                [
                    Cell(
                        text(m.title)
                        + (
                            f'<p class="details">{text(f"{w.source}: {m.source}")}</p>'
                            if m.source
                            else ""
                        ),
                        "measure",
                    ),
                    *([Cell(text(m.baseline or w.not_given))] if baselines else []),
                    Cell(text(m.target or w.not_given)),
                    _paragraphs(m.reading_lines, w.not_given),
                    _paragraphs(m.standing, w.not_given),
                ]
                for m in impact.measures
            ),
            kind="measures",
            row_label=w.measure,
        )
        charts = [m.chart for m in impact.measures if m.chart is not None]
        # Numbered after the others, so that every chart's ids are the page's own.
        first = _year_chart_number(report) + _YEAR_CHARTS * (report.year is not None)
        body += [line for n, c in enumerate(charts, first) for line in figure(c, n)]
    if not impact.proof:
        return body
    body += _table(
        w.done_and_proven,
        [w.priority, w.complete, w.assured, w.with_outcome, w.evidenced],
        (
            [
                Cell(text(r.heading), "total" if r.total else ""),
                *(
                    Cell(str(n), "num short total" if r.total else "num short")
                    for n in (
                        r.counts.complete,
                        r.counts.assured,
                        r.counts.with_outcome,
                        r.counts.evidenced,
                    )
                ),
            ]
            for r in report.summary_rows
        ),
        kind="proven",
    )
    if not impact.awaiting:
        return [*body, f"<p>{text(w.none_awaiting_assurance)}</p>"]
    return body + _table(
        w.awaiting_assurance,
        [w.number, w.action, w.evidence],
        (
            [
                Cell(text(p.action.id), "id"),
                _action(p.action),
                _lines(p.pieces, w.no_evidence),
            ]
            for p in impact.awaiting
        ),
        kind="awaiting",
        row_label=w.action,
    )


def _exceptions(report: Report) -> list[str]:
    w = report.words
    if not report.exceptions:
        return [f"<p>{text(report.exceptions_summary)}</p>"]
    return _table(
        report.exceptions_summary,
        [w.number, w.action, w.lead, w.due, w.status, w.update],
        (
            [
                Cell(text(r.id), "id"),
                Cell(f'<p class="action">{text(r.text)}</p>', "action"),
                Cell(text(r.lead or "")),
                Cell(text(r.due or "")),
                _status(r, r.exception_status),
                # Never an empty cell: on a phone it would be a heading with nothing under it.
                Cell(text(r.update)),
            ]
            for r in report.exceptions
        ),
        kind="exceptions",
        row_label=w.action,
    )


def _changes(report: Report) -> list[str]:
    w, changes = report.words, report.changes
    if changes is None:
        return []
    if not changes.rows:
        return [f"<p>{text(w.no_change)}</p>"]
    return _table(
        changes.heading,
        [w.action, w.change, w.before, w.after],
        (
            [
                Cell(text(c.action_id), "id"),
                Cell(text(c.kind)),
                Cell(text(c.before)),
                Cell(text(c.after)),
            ]
            for c in changes.rows
        ),
        kind="changes",
        row_label=w.action,
    )


def _priority(report: Report, section: PrioritySection) -> list[str]:
    w = report.words
    return _table(
        section.summary,
        [w.number, report.action_heading, report.update_heading, report.status_heading],
        (
            [
                Cell(text(r.id), "id"),
                _action(r),
                Cell(text(r.update), "update"),
                _status(r, r.status),
            ]
            for r in section.rows
        ),
        kind="actions",
        row_label=w.action,
    )


def _learning(report: Report) -> list[str]:
    """The case reviews, their recommendations and the practice themes they raise."""
    w, learning = report.words, report.learning
    if learning is None:
        return []
    rule = [f'<p class="rule">{text(learning.rule)}</p>'] if learning.rule else []
    body = [*rule, f"<p>{text(learning.summary)}</p>"]
    if not learning.reviews:  # a year with none: its summary says so, and no empty table
        return body
    # A column of subjects only when there is one to show: never a column of blanks.
    subjects = any(r.subject is not None for r in learning.reviews)
    body += _table(
        w.case_reviews,
        [w.review, w.kind, *([w.subject] if subjects else []), w.status, w.dates, w.timeliness],
        (
            [
                Cell(text(r.title)),
                Cell(text(r.kind)),
                *([Cell(text(r.subject or w.not_given))] if subjects else []),
                Cell(text(r.status)),
                _paragraphs(r.date_lines, w.none_recorded),
                _paragraphs(r.timeliness, w.no_timescale),
            ]
            for r in learning.reviews
        ),
        kind="reviews",
    )
    recommendations = [(r.title, rec) for r in learning.reviews for rec in r.recommendations]
    if recommendations:
        # What changed as a result only in a yearly report, which says it.
        changed = report.year is not None
        body += _table(
            w.recommendations_intro,
            [
                w.review,
                w.recommendation,
                w.plan_actions,
                w.progress,
                *([w.what_changed] if changed else []),
            ],
            (
                [
                    Cell(text(review)),
                    Cell(f"{text(rec.id)} {text(rec.text)}"),
                    _paragraphs([f"{a} ({progress})" for a, progress in rec.actions], w.none_yet),
                    Cell(text(rec.progress)),
                    *([_paragraphs(rec.changed, w.no_update)] if changed else []),
                ]
                for review, rec in recommendations
            ),
            kind="recommendations",
            row_label=w.review,
        )
    if not learning.themes:
        return [*body, f"<p>{text(w.no_practice_themes)}</p>"]
    return body + _table(
        w.practice_themes_intro,
        [w.practice_theme, w.reviews_raising_it],
        ([Cell(text(theme)), Cell(str(count), "num short")] for theme, count in learning.themes),
        kind="themes",
    )


def _key(report: Report) -> list[str]:
    w = report.words
    return _table(
        w.key,
        [w.rating, w.symbol, w.rag, w.meaning],
        (
            [
                Cell(text(r.label), f"rag-{r.rag.value}"),
                Cell(f'<span class="symbol">{text(r.symbol or "")}</span>', "symbol-cell short"),
                Cell(text(r.rag.label), f"short rag-{r.rag.value}"),
                Cell(text(r.meaning or "")),
            ]
            for r in report.key
        ),
        kind="key",
    )


def _spans(spans: Iterable[Span]) -> str:
    parts = []
    for span in spans:
        shown = text(span.text)
        if span.bold:
            shown = f"<strong>{shown}</strong>"
        if span.italic:
            shown = f"<em>{shown}</em>"
        if span.link is not None:
            shown = f'<a href="{attribute(span.link)}">{shown}</a>'
        parts.append(shown)
    return "".join(parts)


def _blocks(blocks: Iterable[Block]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, BulletList):
            lines += _list(block.items, block.numbered)
        else:
            lines.append(f"<p>{_spans(block.spans)}</p>")
    return lines


def _list(items: Iterable[ListItem], numbered: bool) -> list[str]:
    tag = "ol" if numbered else "ul"
    lines = [f"<{tag}>"]
    for item in items:
        inner = "".join(_list(item.items, False)) if item.items else ""
        lines.append(f"<li>{_spans(item.spans)}{inner}</li>")
    return [*lines, f"</{tag}>"]


def _purpose(report: Report) -> list[str]:
    return _blocks(report.purpose)


def _recommendations(report: Report) -> list[str]:
    asked = [f"<p>{text(report.asked_to)}</p>"] if report.asked_to else []
    return asked + _blocks(
        [BulletList(tuple(ListItem(r) for r in report.recommendations), numbered=True)]
    )


def _executive_summary(report: Report) -> list[str]:
    sentences = ["<ul>", *(f"<li>{text(s)}</li>" for s in report.executive_summary), "</ul>"]
    return sentences + [line for n, c in enumerate(report.charts) for line in figure(c, n)]


_YEAR_CHARTS = 2
"""A yearly report's own charts: the start and end of the year, and the trend over it."""


def _year_chart_number(report: Report) -> int:
    """The year's charts come after the executive summary's (a yearly report has none), and
    the measures' after them."""
    return len(report.charts)


def _year_progress(report: Report) -> list[str]:
    """The year in sentences, each priority's progress over it, and its two charts: the start
    and end of the year, and the trend over it."""
    w, year = report.words, report.year
    if year is None:
        return []
    body = ["<ul>", *(f"<li>{text(s)}</li>" for s in year.summary), "</ul>"]
    body += _table(
        w.year_progress_table,
        [w.priority, w.start_of_year, w.end_of_year, w.completed_in_year, w.slipped],
        (_year_row(r) for r in year.progress),
        kind="year-progress",
    )
    first = _year_chart_number(report)
    return body + figure(year.chart, first) + figure(year.trend, first + 1)


def _year_row(row: YearRow) -> list[Cell]:
    """A priority's row of the year's progress, or the whole plan's, set apart (``total``)."""
    total = " total" if row.total else ""
    return [
        Cell(text(row.heading), total.strip()),
        Cell(text(row.start), f"num short{total}"),
        Cell(text(row.end), f"num short{total}"),
        Cell(str(row.completed), f"num short{total}"),
        Cell(str(row.slipped), f"num short{total}"),
    ]


def _little_progress(report: Report) -> list[str]:
    """The rule, the actions it lists (its count the table's caption, as the exceptions' is)
    and the priorities with little or no progress."""
    w, year = report.words, report.year
    if year is None:
        return []
    body = [f'<p class="rule">{text(year.rule)}</p>']
    if year.lacking:
        body += _lacking_table(report, year)
    else:
        body.append(f"<p>{text(year.lacking_summary)}</p>")
    if not year.lacking_priorities:
        return body
    return [
        *body,
        f"<p>{text(w.lacking_priorities_intro)}</p>",
        "<ul>",
        *(f"<li>{text(p)}</li>" for p in year.lacking_priorities),
        "</ul>",
    ]


def _lacking_table(report: Report, year: YearSection) -> list[str]:
    w = report.words
    # Each listed action's row of the report, for its rating's colour beside the words.
    rows = {r.id: r for r in report.rows}
    return _table(
        year.lacking_summary,
        [w.number, w.action, w.why_listed, w.status, w.update],
        (
            [
                Cell(text(r.id), "id"),
                Cell(f'<p class="action">{text(r.text)}</p>', "action"),
                Cell(text(r.reasons)),
                _lacking_status(r, rows.get(r.id)),
                Cell(text(r.note or w.no_update)),
            ]
            for r in year.lacking
        ),
        kind="lacking",
        row_label=w.action,
    )


def _lacking_status(lacking: LackingRow, row: ActionRow | None) -> Cell:
    """Its status in words, with the colour of its rating as every status cell has."""
    return _status(row, lacking.status) if row is not None else Cell(text(lacking.status))


def _to_be_written(report: Report) -> list[str]:
    """Each content the guidance expects that the plan does not give yet: what it should
    hold, and where in the plan file to write it."""
    w, year = report.words, report.year
    if year is None:
        return []
    return [
        f"<p>{text(w.to_be_written_intro)}</p>",
        '<ul class="to-be-written">',
        *(
            f"<li><strong>{text(x.title)}</strong>: {text(x.asks)} "
            f'<em class="where">{text(x.where)}</em></li>'
            for x in year.missing
        ),
        "</ul>",
    ]


def _sign_off(report: Report) -> list[str]:
    """The lead safeguarding partners, each with a line to sign and one to date on."""
    w, year = report.words, report.year
    if year is None:
        return []
    line = Cell('<span class="line"></span>', "sign")
    return _table(
        w.sign_off_statement,
        [w.name, w.role, w.signature, w.date_signed],
        (
            [Cell(text(s.name or w.name_to_come)), Cell(text(s.role)), line, line]
            for s in year.signatories
        ),
        kind="sign-off",
        row_label=w.name,
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


def render(report: Report) -> str:
    """The HTML page of ``report``."""
    contents: list[tuple[str, str]] = []
    body: list[str] = []
    priorities = narratives = 0
    for section in report.sections:
        if section.priority is not None:
            priorities += 1
            anchor, shown = f"priority-{priorities}", _priority(report, section.priority)
        elif section.narrative is not None:
            narratives += 1
            anchor, shown = f"narrative-{narratives}", _blocks(section.narrative.blocks)
        elif section.kind in _SECTIONS:
            anchor = section.kind.value.replace(" ", "-")
            shown = _SECTIONS[section.kind](report)
        else:  # a section this page does not know yet is left out, not guessed at
            continue
        contents.append((anchor, text(section.heading)))
        body += [
            f'<section aria-labelledby="{anchor}">',
            f'<h2 id="{anchor}">{text(section.heading)}</h2>',
            *shown,
            "</section>",
        ]

    head = [
        "<!doctype html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light">',
        f'<meta name="description" content="{attribute(report.headline)}">',
        f"<title>{attribute(report.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{text(report.title)}</h1>",
        f'<p class="partnership">{text(report.partnership)}</p>',
        *_under_the_title(report),
        '<nav class="contents" aria-labelledby="contents-title">',
        f'<p id="contents-title" class="contents-title">{text(report.words.contents)}</p>',
        "<ul>",
        *(f'<li><a href="#{anchor}">{label}</a></li>' for anchor, label in contents),
        "</ul>",
        "</nav>",
    ]
    tail = ["</main>", "</body>", "</html>", ""]
    return "\n".join(head + body + tail)


# The page's one <style> element: plan text never makes one, as render() escapes it all.
_STYLE_ELEMENT = re.compile(r"<style>.*?</style>\n?", re.DOTALL)


def write(report: Report, stream: IO[bytes], options: Mapping[str, Any]) -> None:
    """Write the page of ``report`` as UTF-8, without its own styles if ``styles`` is no."""
    page = render(report)
    if not options["styles"]:
        page = _STYLE_ELEMENT.sub("", page, count=1)
    stream.write(page.encode("utf-8"))


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``html`` exporter."""
    register(
        Exporter(
            name="html",
            title="HTML page for the partnership website: self-contained and accessible",
            suffix=".html",
            media_type="text/html; charset=utf-8",
            write=write,
            options=(
                Option(
                    "styles",
                    bool,
                    default=True,
                    help="the page's own styles; no, for a site that gives it its own look",
                ),
            ),
            yearly=True,
        )
    )
