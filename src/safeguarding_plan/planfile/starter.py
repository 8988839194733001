"""The starter plan that ``safeguarding-plan init`` writes: a valid plan to edit, with comments.

Every value the user gives is written as YAML text that reads back exactly as given, so a
partnership called ``no`` or ``Anytown & District: "North"`` stays that name.
"""

from __future__ import annotations

import re
import sys
from datetime import date

import yaml

from safeguarding_plan import dates
from safeguarding_plan.model.ratings import RATING_SCALES, Rag

# The user's values, each alone on its line of the starter, so that a problem the loader finds
# on that line is a problem with that value.
FIELDS = ("partnership", "short_name", "period")

_TEMPLATE = """\
# {title}: a starter plan. Replace the example priorities, actions and review
# with your own. Every key is explained in docs/plan-file.md; check the file
# at any time with:  safeguarding-plan validate PLAN.yaml

format: safeguarding-plan/1           # the version of the file format; leave it as it is
partnership:
  name: {partnership}
  {short_name}
plan:
  title: {title}
  period: {period}
  # or, instead of 'period', the first and last days: start: 2024-04-01 and end: 2026-03-31
ratings: {ratings}                    # faces, rag or brag; best first: {rating_keys}
# review_every: 3 months              # how often the board reviews it: "due soon" runs to then

# Each priority has an id, a title and its actions. Ids are text: write them in quotes.
# An action has an id unique in the whole plan and its text; 'lead' and 'due' are optional.
# 'due' is written as people write it: a date (2025-03-31), a month ('by March 2025'),
# a season ('Spring 2025'), a financial quarter ('Q3 2024/25') or year ('2025/26'), a term
# ('Summer term 2025'), or 'Ongoing' or 'TBC' where there is no fixed date.
priorities:
  - id: "1"
    title: Strong leadership and effective partnership accountability
    actions:
      - id: "1.1"
        text: Agree the partnership's multi-agency safeguarding arrangements for {first_fy}
        lead: Executive Board
        due: by the end of September {first}
      - id: "1.2"
        text: Publish the yearly report on the partnership's arrangements
        lead: Business Unit
        due: Q4 {first_fy}
  - id: "2"
    title: Learning from practice improves the help children receive
    actions:
      - id: "2.1"
        text: Hold a multi-agency learning event on the findings of local case reviews
        lead: Learning and Development Sub-Group
        due: Spring {second}
      - id: "2.2"
        text: Audit how well partners share information about children at risk of neglect
        lead: Quality Assurance Sub-Group
        due: "{second_fy}"

# What the board paper says besides the progress: the meeting it goes to, who presents it,
# why it comes, what the board is asked to do, and sections of your own, before or after the
# progress. Text is a small Markdown: paragraphs, '- ' and '1. ' lists, **bold**, *italic* and
# [links](https://...). 'restricted: true' keeps a section out of the public version. A
# review may give its own 'paper:' for its meeting. All of it is optional.
paper:
  meeting: Executive Board
  presented_by:
    - Partnership Business Manager
  purpose: To update the Executive Board on progress against the plan.
  recommendations:
    - Note the progress made on the plan.
  sections:
    - title: Looking ahead
      place: after
      text: |
        - Publish the yearly report on the partnership's arrangements.
        - Hold the multi-agency learning event.

# A review is the progress reported at one board meeting; list them oldest first.
# Each update gives an action's progress (not-started, in-progress, complete, deferred or
# cancelled), its rating from the scale above and a note. An action without an update
# keeps its last progress and rating.
reviews:
  - id: "{review_id}"
    title: {review_month} – Update
    as_of: {as_of}                # the date progress is reported at: 2025-01-31 or 31/01/2025
    updates:
      "1.1":
        progress: complete
        rating: {best}
        note: Arrangements agreed by the Executive Board and published on the website.
      "1.2":
        progress: in-progress
        rating: {middle}
        note: Partners' contributions requested; a draft goes to the next Executive Board.
      "2.1":
        progress: not-started
        note: Date to be set once the case review is published.
"""

# Text any YAML reader keeps as written without quotes; everything else is double-quoted.
_PLAIN = re.compile(r"[A-Za-z](?:[A-Za-z0-9 ()',.–-]*[A-Za-z0-9).])?")
_NOT_PLAIN = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def _scalar(value: str) -> str:
    """``value`` as YAML text on one line that reads back exactly as ``value``."""
    if _PLAIN.fullmatch(value) and value.casefold() not in _NOT_PLAIN:
        return value
    # Double quotes escape every break and control character, and a huge width stops the
    # emitter folding the text over several lines.
    written = yaml.dump(
        value, Dumper=yaml.SafeDumper, default_style='"', allow_unicode=True, width=sys.maxsize
    )
    return written.rstrip("\n")


def _first_year(period: str) -> int:
    try:
        return dates.resolve_period(period)[0].year
    except dates.DateError:
        # The loader reports the period itself; the examples just need some year.
        return date.today().year


def default_period(today: date) -> str:
    """Two financial years from the one ``today`` is in: ``2024/26`` from May 2024."""
    first = today.year if today.month >= 4 else today.year - 1
    return f"{first}/{(first + 2) % 100:02d}"


def starter(
    partnership: str, *, short_name: str | None = None, period: str, ratings: str = "faces"
) -> str:
    """The text of a starter plan for ``partnership`` over ``period`` rated on a built-in
    scale (``faces``, ``rag`` or ``brag``)."""
    scale = RATING_SCALES[ratings]
    first = _first_year(period)
    review = date(first, 9, 30)
    return _TEMPLATE.format(
        partnership=_scalar(partnership),
        short_name=(
            f"short_name: {_scalar(short_name)}"
            if short_name is not None
            else "# short_name: ABC                  # optional: initials for file names"
        ),
        title="Business Improvement Plan",
        period=_scalar(period),
        ratings=ratings,
        rating_keys=", ".join(rating.key for rating in scale),
        first=first,
        second=first + 1,
        first_fy=f"{first}/{(first + 1) % 100:02d}",
        second_fy=f"{first + 1}/{(first + 2) % 100:02d}",
        review_id=f"{first}-10",
        review_month=f"October {first}",
        as_of=review.isoformat(),
        best=next(iter(scale)).key,
        middle=next(rating.key for rating in scale if rating.rag is Rag.AMBER),
    )


def field_lines() -> dict[int, str]:
    """The 1-based line of the starter that holds each of ``FIELDS``."""
    lines = _TEMPLATE.splitlines()
    return {
        number: field
        for number, line in enumerate(lines, start=1)
        for field in FIELDS
        if "{" + field + "}" in line
    }
