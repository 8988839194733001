"""What a lead's update form shows: the board's report with every restricted word withheld.

A form goes to a group outside the board, by e-mail, so it withholds the plan's restricted
words as a public document does (``[withheld]``) and shows a restricted update as the public
does (``WITHHELD_UPDATE``). Unlike a public document it keeps the lead's own actions, restricted
or not, since the lead answers for them; and it keeps what the import matches a returned form
on as written: the ids of actions, priorities and reviews, and the leads.

The import checks a returned form's shown columns against the same texts (``LeadsRead``), so
that a form reads back as it was written.
"""

from __future__ import annotations

from collections.abc import Collection

import attrs

from safeguarding_plan.model.plan import ActionUpdate, Plan
from safeguarding_plan.reporting.build import redacted
from safeguarding_plan.reporting.contents import WITHHELD_UPDATE, ActionRow, Report
from safeguarding_plan.reporting.redaction import Redactor, restricted_words
from safeguarding_plan.values import Value


@attrs.frozen(repr=False, eq=False)
class LeadsRead(Value):
    """How a lead's form shows a text of the plan."""

    redactor: Redactor
    keep: Collection[str]
    """The texts shown as written: the ids and leads the import matches on."""

    @classmethod
    def of(cls, plan: Plan) -> LeadsRead:
        """As a lead's form of ``plan`` shows its texts."""
        keep = {a.id for a in plan.actions} | {p.id for p in plan.priorities}
        keep |= {a.lead for a in plan.actions if a.lead is not None}
        keep |= {r.id for r in plan.reviews}
        return cls(Redactor(restricted_words(plan)), frozenset(keep))

    def text(self, text: str) -> str:
        """``text`` as the form shows it."""
        return text if text in self.keep else self.redactor.redact(text)

    def note(self, update: ActionUpdate | None, note: str) -> str:
        """The ``note`` of an action's ``update`` (the review's own, or None) as the form's
        Previous update shows it."""
        if update is not None and update.restricted and update.note is not None:
            return WITHHELD_UPDATE
        return self.text(note)


def lead_form(made: Report) -> Report:
    """The board's report ``made`` as a lead's form shows it (see the module)."""
    if not made.restricted_words and not any(r.restricted_note for r in made.rows):
        return made
    keep = {row.id for row in made.rows} | {p.id for p in made.priorities}
    keep |= {row.lead for row in made.rows if row.lead is not None}
    if made.review_id is not None:
        keep.add(made.review_id)

    def row(shown: ActionRow) -> ActionRow:
        if shown.restricted_note and shown.note is not None:
            return attrs.evolve(shown, note=WITHHELD_UPDATE)
        return shown

    notes_withheld = attrs.evolve(
        made,
        priorities=tuple(
            attrs.evolve(section, rows=tuple(map(row, section.rows))) for section in made.priorities
        ),
        exceptions=tuple(map(row, made.exceptions)),
    )
    shown = redacted(notes_withheld, Redactor(made.restricted_words), frozenset(keep))
    return attrs.evolve(shown, restricted_words=())
