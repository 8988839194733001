"""Every lead's update form for a new review, written at once: ``write_forms``.

One folder gets, for each lead, their tracker for the new review (the form ``export -f xlsx
--lead LEAD --new-review ID`` writes) and an e-mail draft with it attached, and one return
sheet listing the forms; for the plan's last review, the same for the leads who have not
returned theirs, as a reminder. Everything is made in memory first, so a text too long for a cell
fails before any file is written; each file is then written atomically.

File names are made of lower-case letters, digits and hyphens (and ``~`` before a digest, in a
name cut short), which Windows takes too; a name
Windows keeps for a device (``con``, ``lpt1``) is never one, and two leads whose names make the
same file name get two names (``…-business-unit.xlsx``, ``…-business-unit-2.xlsx``). The
return sheet is ``returns-…``, apart from the forms.
"""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import IO

import attrs

from safeguarding_plan.errors import ArgumentError, shown
from safeguarding_plan.exporting.kinds import Day, Text
from safeguarding_plan.exporting.manager import PluginManager, get_plugin_manager
from safeguarding_plan.files import WINDOWS_DEVICES, shortened, slug, write_atomically
from safeguarding_plan.formats.xlsx import checklist, letters, workbook
from safeguarding_plan.formats.xlsx.options import rows, tracker_options
from safeguarding_plan.model.plan import Plan
from safeguarding_plan.reporting.build import report
from safeguarding_plan.reporting.contents import Report
from safeguarding_plan.reporting.leads import lead_form
from safeguarding_plan.scoring.progress import as_of_date, score
from safeguarding_plan.words import long_date

RETURN_DAYS = 14
"""How long a lead has to return their form, unless told otherwise."""
LONGEST_NAME = 100
"""The longest file name written, in characters: a council's folders are deep, and Windows
refuses a path of more than 260."""
RETURN_SHEET = "returns"
"""The start of the return sheet's file name: not the forms' start, so that the forms'
pattern (``bscp-*-2022-05-*.xlsx``) never takes it in."""
REMINDER_SHEET = "reminders"
"""The start of the return sheet's name for forms sent again: not the first one's, which the
business manager may have ticked already."""


@attrs.frozen
class Form:
    """One lead's form and the e-mail that sends it."""

    lead: str
    actions: tuple[str, ...]
    """The ids of the lead's actions, in plan order."""
    tracker: Path
    draft: Path
    """The ``.eml`` e-mail draft, with the tracker attached."""


@attrs.frozen
class Forms:
    """What ``write_forms`` wrote."""

    forms: tuple[Form, ...]
    """A form for each lead, in the order the plan first names them."""
    returns: Path | None
    """The return sheet; None when nothing was written (a reminder that no lead needs)."""
    return_by: date
    unled: tuple[str, ...]
    """The ids of actions with no lead, which no form asks about: they carry their last state
    forward into the new review."""
    reminder: bool = False
    """Whether the forms chase a review the plan has already: only the leads who have not
    returned theirs get one again."""


def write_forms(
    plan: Plan,
    review: str,
    folder: str | os.PathLike[str],
    *,
    return_by: date | str | None = None,
    as_of: date | str | None = None,
    plugin_manager: PluginManager | None = None,
    replace: bool = False,
) -> Forms:
    """Write into ``folder`` (made if need be) every lead's update form for the new review
    ``review``, an e-mail draft for each with the form attached, and a return sheet.

    The forms start from the plan's latest review. A ``review`` that is the plan's last
    already is chased: the leads with an action it has no update for get their form again,
    as first sent (from the review before), and a reminder. ``as_of`` (a ``date`` or ``YYYY-MM-DD``,
    default today) is when the forms' Due status judges actions overdue or due soon;
    ``return_by`` (the same, default 14 days after ``as_of``) is the date each form and
    e-mail ask for it back by. ``plugin_manager`` gives the case review timescales of plugins,
    as for ``export``. A file already in ``folder`` is replaced only with ``replace``; without
    it, nothing is written (FileExistsError, its ``filename`` the folder, its ``strerror``
    naming the files there). A reminder when every action with a lead has its update writes
    nothing and returns a ``Forms`` without forms, whose ``returns`` is None.

    ArgumentError for a review id the plan has already but not as its last, or that is empty
    or more than a line, a return date before ``as_of``, or a plan whose actions have no
    lead; ExporterError for a text too long for a cell; OSError for a folder that cannot be
    written."""
    day = as_of_date(as_of) or date.today()
    back = _day(return_by, "the return date") if return_by is not None else None
    back = back or day + timedelta(days=RETURN_DAYS)
    if back < day:
        raise ArgumentError(
            f"the return date {long_date(back)} is before {long_date(day)}, the day the forms "
            "are sent; give --as-of the day they are sent, or a later return date"
        )
    review = _review(plan, review)
    reminder = bool(plan.reviews) and plan.reviews[-1].id == review
    manager = plugin_manager or get_plugin_manager()
    media_type = manager.exporter("xlsx").media_type
    # A reminder is the form first sent: from the plan as it was before the review.
    start = attrs.evolve(plan, reviews=plan.reviews[:-1]) if reminder else plan
    # Forms go to the leads, by e-mail: restricted words are withheld from all of them.
    rendered = lead_form(report(start, as_of=day, timescales=manager.timescales))
    leads = everyone = list(
        dict.fromkeys(row.lead for row in rendered.rows if row.lead is not None)
    )
    if not leads:
        raise ArgumentError("no action of the plan has a lead, so there is no form to send")
    if reminder:
        outstanding = set(score(plan, review=review).not_updated)
        leads = [
            lead
            for lead in leads
            if any(r.lead == lead for r in rendered.rows if r.id in outstanding)
        ]
        if not leads:
            return Forms((), None, back, _unled(rendered), reminder)
    folder = Path(folder)
    # Named over every lead, so a lead's form has the same name when sent again.
    names = file_names(plan, review, everyone, REMINDER_SHEET if reminder else RETURN_SHEET)
    files: list[tuple[Path, bytes]] = []
    forms, sent = [], []
    for lead in leads:
        settings = tracker_options(
            rendered, {"lead": lead, "new_review": review, "return_by": back}
        )
        stream = io.BytesIO()
        workbook.write(rendered, settings, stream)
        theirs = rows(rendered, settings)
        name = names[lead]
        draft = letters.draft(
            rendered,
            lead=lead,
            review=review,
            rows=theirs,
            return_by=back,
            form=stream.getvalue(),
            name=name + ".xlsx",
            media_type=media_type,
            reminder=reminder,
        )
        files += [(folder / (name + ".xlsx"), stream.getvalue()), (folder / (name + ".eml"), draft)]
        forms.append(
            Form(
                lead,
                tuple(r.id for r in theirs),
                folder / (name + ".xlsx"),
                folder / (name + ".eml"),
            )
        )
        sent.append(checklist.Sent(lead, name + ".xlsx", theirs))
    stream = io.BytesIO()
    checklist.write(sent, back, rendered.words, stream)
    returns = folder / (names[None] + ".xlsx")
    files.append((returns, stream.getvalue()))
    there = [path.name for path, _ in files if os.path.lexists(path)]
    if there and not replace:
        raise FileExistsError(errno.EEXIST, f"already holds {', '.join(there)}", str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in files:
        write_atomically(path, _writer(data), replace=replace)
    return Forms(tuple(forms), returns, back, _unled(rendered), reminder)


def _unled(rendered: Report) -> tuple[str, ...]:
    return tuple(row.id for row in rendered.rows if row.lead is None)


def _writer(data: bytes) -> Callable[[IO[bytes]], object]:
    return lambda target: target.write(data)


def _day(value: date | str, what: str) -> date:
    try:
        return Day()(value)
    except ValueError as err:
        raise ArgumentError(f"{what} {err}") from None


def _review(plan: Plan, review: str) -> str:
    """The review's id, one line, cleaned; ArgumentError if it is neither a new review's nor
    the plan's last."""
    try:
        review = Text()(review)
    except ValueError as err:
        raise ArgumentError(f"the new review's id {err}, e.g. '2022-05'") from None
    if review in {r.id for r in plan.reviews[:-1]}:
        raise ArgumentError(
            f"the plan's review {shown(review)} is not its last ({shown(plan.reviews[-1].id)}); "
            "forms collect a new review, or are sent again for the last"
        )
    return review


def file_names(
    plan: Plan, review: str, leads: Iterable[str], sheet: str = RETURN_SHEET
) -> dict[str | None, str]:
    """Each lead's file name without its suffix, and (under None) the return sheet's, which
    starts with ``sheet``: the partnership, plan and review, then the lead, each name once."""
    partnership = plan.partnership.short_name or plan.partnership.name
    start = "-".join(filter(None, map(slug, (partnership, plan.title, review))))
    taken: set[str] = set()

    def unique(*parts: str) -> str:
        stem = "-".join(filter(None, parts))
        if stem.split(".", 1)[0] in WINDOWS_DEVICES:
            stem += "-form"
        # Room for the longer suffix and a number; a name cut short ends in a digest of it.
        stem = shortened(stem, "", LONGEST_NAME - len(".xlsx-99"))
        name, number = stem, 1
        while name in taken:
            number += 1
            name = f"{stem}-{number}"
        taken.add(name)
        return name

    names: dict[str | None, str] = {None: unique(sheet, start)}
    for lead in leads:
        names[lead] = unique(start, slug(lead) or "lead")
    return names
