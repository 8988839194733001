"""The tracker workbook's layout: what the ``xlsx`` exporter writes and ``import-xlsx`` reads.

One place for the contract between the two, so a tracker written by one version is read by
the same rules. Nothing here loads openpyxl.
"""

from __future__ import annotations

from safeguarding_plan.reporting.wording import WORDS

FORMAT = "safeguarding-plan-tracker/1"
"""Written to the data sheet; the importer refuses a tracker of any other format."""

# The sheets and columns people see are named in the report's words, the one place every
# document takes its words from.
SUMMARY = WORDS.summary_sheet
ACTIONS = WORDS.actions_sheet
KEY = WORDS.key_sheet
REVIEWS = WORDS.reviews_sheet
"""The plan's case reviews and their recommendations, for reading: written only for a plan with
case reviews, and never read back by the importer."""
MEASURES = WORDS.measures_sheet
"""The plan's measures, a row each, with their figures at the review shown: written only for a
tracker of the whole plan whose report shows measures."""
YEAR = WORDS.year_sheet
"""A yearly report's own sections, for reading: written first, only in a yearly report's
workbook, and never read back by the importer."""
DATA = "Tracker data"
"""The hidden sheet of key/value rows (column A the key, column B the value) below."""

ACTIONS_TABLE = "Actions"
"""The Excel Table's name on the Actions sheet; its header is row 1, its data rows 2 onwards."""
MEASURES_TABLE = "Measures"
"""The Excel Table's name on the Measures sheet, laid out as the Actions sheet's."""

PRIORITY = WORDS.priority
ACTION_ID = WORDS.action_id
ACTION = WORDS.action
LEAD = WORDS.lead
DUE = WORDS.due
DUE_DATE = WORDS.due_date
PROGRESS = WORDS.progress
RATING = WORDS.rating
UPDATE = WORDS.update
PREVIOUS_RATING = WORDS.previous_rating
PRIORITY_TITLE = WORDS.priority_title
DUE_STATUS = WORDS.due_status
PREVIOUS_UPDATE = WORDS.previous_update

COLUMNS = (
    PRIORITY,
    ACTION_ID,
    ACTION,
    LEAD,
    DUE,
    DUE_DATE,
    PROGRESS,
    RATING,
    UPDATE,
    PREVIOUS_RATING,
)
"""The Actions sheet's columns, in order. Priority holds the priority id; Progress and Rating
hold words (``In progress``, ``Good progress``), never keys or symbols; Due date is a real
date cell (empty when the due date is not known)."""

FORM_COLUMNS = (
    PRIORITY,
    PRIORITY_TITLE,
    ACTION_ID,
    ACTION,
    LEAD,
    DUE,
    DUE_DATE,
    DUE_STATUS,
    PREVIOUS_RATING,
    PREVIOUS_UPDATE,
    PROGRESS,
    RATING,
    UPDATE,
)
"""An update form's columns, in order: every one of ``COLUMNS``, and ``SHOWN``, what the lead
reads before giving the new progress, rating and update."""

SHOWN = (PRIORITY_TITLE, DUE_STATUS, PREVIOUS_UPDATE)
"""The columns only an update form has: the priority in words, Overdue or Due soon in words
(empty for neither), and the update of the review the form starts from. The importer reads
no value from them, and needs none of them; a value changed in one is an error, since what
was typed there would be lost."""

EDITABLE = (DUE, DUE_DATE, PROGRESS, RATING, UPDATE)
"""What a lead may change; a change to any other column is an error on import, because the
plan file, not the tracker, owns the action's text, lead and priority."""

READ = (PRIORITY, ACTION_ID, ACTION, LEAD, *EDITABLE, PREVIOUS_RATING)
"""The columns the importer reads or checks, each found by its heading wherever it stands. A
column of ``COLUMNS`` not here is shown only: never read back, so a tracker with or without
it imports the same. An update form's ``SHOWN`` columns are checked when there, never read."""

MEASURE_ID = WORDS.measure_id
MEASURE = WORDS.measure
UNIT = WORDS.unit
BASELINE = WORDS.baseline
TARGET = WORDS.target
BETTER = WORDS.better
VALUE = WORDS.value
NOTE = WORDS.note
PREVIOUS_VALUE = WORDS.previous_value
FROM_REVIEW = WORDS.from_review
SOURCE = WORDS.source

MEASURE_COLUMNS = (
    MEASURE_ID,
    MEASURE,
    UNIT,
    BASELINE,
    TARGET,
    BETTER,
    VALUE,
    NOTE,
    PREVIOUS_VALUE,
    FROM_REVIEW,
    SOURCE,
)
"""The Measures sheet's columns, in order, on a tracker and an update form alike. Baseline,
Target, Value and Previous value are number cells; Unit and Better are words (``percent``,
``Higher``). A tracker's Value and Note are the review's; a form's are empty, to fill in, and
its previous value is the latest at or before the review it starts from."""

MEASURE_EDITABLE = (VALUE, NOTE)
"""What may be typed on the Measures sheet; a change to any other column is an error on import:
the plan file owns a measure, and the previous value is only shown."""

# The data sheet's keys, one row each in this order.
META_FORMAT = "format"
META_PARTNERSHIP = "partnership"
META_PLAN = "plan"
META_PERIOD = "period"
META_REVIEW = "review"
"""The review the tracker shows (empty for a plan without reviews)."""
META_NEW_REVIEW = "new review"
"""For an update form, the id of the review it collects (empty otherwise)."""
META_LEAD = "lead"
"""For a form for one lead, the lead (empty otherwise)."""
META_ACTIONS = "actions"
"""For a form for one lead, the ids of the actions it was sent with, a line each (empty
otherwise): an action given to the lead after it was sent is not asked of it."""
META_AUDIENCE = "audience"
"""``board`` or ``public``; a public tracker withholds restricted actions and is not imported."""
META_MEASURES = "measures"
"""How many measures the tracker's Measures sheet was written with (empty: it has none): a
sheet renamed or deleted is then told, never its figures silently left out."""
META_KEYS = (
    META_FORMAT,
    META_PARTNERSHIP,
    META_PLAN,
    META_PERIOD,
    META_REVIEW,
    META_NEW_REVIEW,
    META_LEAD,
    META_ACTIONS,
    META_AUDIENCE,
    META_MEASURES,
)

CELL_LIMIT = 32_767
"""Excel's most characters in one cell: longer text is an error, never cut."""


def cell_length(text: str) -> int:
    """Characters as Excel counts them: UTF-16 code units, so an emoji counts twice."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def too_long_for_a_cell(text: str, what: str) -> str | None:
    """Why ``text`` cannot be one cell, as ``"{what} is 40,000 characters; an Excel cell holds
    at most 32,767"``; None when it fits. The one rule for the exporter, which refuses such
    text, and the importer, which refuses to put it in a plan."""
    if len(text) <= CELL_LIMIT // 2:  # fits even if every character counts twice
        return None
    length = cell_length(text)
    if length <= CELL_LIMIT:
        return None
    return f"{what} is {length:,} characters; an Excel cell holds at most {CELL_LIMIT:,}"
