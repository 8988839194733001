"""Edited trackers back into the plan as a new review: ``import_xlsx``.

Each lead fills in their rows of a tracker written by the ``xlsx`` exporter; this reads one or
several of them and returns the plan with one more review. Every cell is checked and every
problem is reported together, located as ``file: Sheet!C7: message``; the plan is returned
whole or not at all.
"""

from __future__ import annotations

import contextlib
import io
import os
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta
from typing import IO, Any

import attrs

from . import tracker
from .dates import DateError, parse_iso_date, resolve_due
from .errors import PlanError, Problem, column_letters, did_you_mean, shown
from .model import ActionState, ActionUpdate, Due, Plan, Progress, Rating, Review
from .text import clean
from .wording import long_date, month_year

Workbook = str | os.PathLike[str] | IO[bytes]
_At = Callable[[str], tuple[str, int, int]]


def import_xlsx(
    plan: Plan,
    workbooks: Workbook | Iterable[Workbook],
    review_id: str,
    as_of: date,
    *,
    title: str | None = None,
) -> Plan:
    """``plan`` with a new review ``review_id`` as at ``as_of``, read from edited trackers.

    Each tracker row becomes that action's update (its progress, rating, update text and any
    revised due date); actions in no tracker carry their last state forward. ``title`` defaults
    to the month after ``as_of``: ``February 2022 – Update`` for 31 January 2022.

    ValueError if the review id is taken or ``as_of`` is before the last review; PlanError
    listing every problem in the trackers otherwise.
    """
    review_id = review_id.strip()
    if not review_id:
        raise ValueError("the new review needs an id, e.g. '2022-05'")
    if review_id in {r.id for r in plan.reviews}:
        raise ValueError(f"the plan already has a review {shown(review_id)}; choose a new id")
    if plan.reviews and as_of < plan.reviews[-1].as_of:
        last = plan.reviews[-1]
        raise ValueError(
            f"as of {as_of} is before the last review {shown(last.id)} (as of {last.as_of}); "
            "a new review comes after it"
        )
    books: list[Workbook] = (
        [workbooks]  # type: ignore[list-item]
        if isinstance(workbooks, str | os.PathLike) or hasattr(workbooks, "read")
        else list(workbooks)
    )
    problems: list[Problem] = []
    updates: dict[str, ActionUpdate] = {}
    seen: dict[str, str] = {}
    for workbook in books:
        sheet = _Sheet(plan, _name(workbook), review_id)
        for location, action_id, update in sheet.read(workbook):
            if action_id in seen:
                sheet.problem(
                    *location,
                    f"action {shown(action_id)} is also at {seen[action_id]}; "
                    "each action may be in one tracker only",
                )
                continue
            seen[action_id] = sheet.where(*location)
            updates[action_id] = update
        problems += sheet.problems
    if problems:
        raise PlanError(problems)
    review = Review(
        id=review_id,
        title=title.strip() if title and title.strip() else _default_title(as_of),
        as_of=as_of,
        updates={a.id: updates[a.id] for a in plan.actions if a.id in updates},
    )
    return attrs.evolve(plan, reviews=(*plan.reviews, review))


def _default_title(as_of: date) -> str:
    # Progress at the end of January goes to the February meeting: the seed's own naming.
    return f"{month_year(as_of + timedelta(days=1))} – Update"


def _name(workbook: Workbook) -> str:
    if isinstance(workbook, str | os.PathLike):
        return os.fspath(workbook)
    return str(getattr(workbook, "name", "<stream>"))


_DATA_KEY, _DATA_VALUE = 1, 2


@attrs.define
class _Sheet:
    """Reads one tracker, collecting its problems."""

    plan: Plan
    file: str
    review_id: str
    problems: list[Problem] = attrs.Factory(list)
    previous_ratings: dict[str, str] = attrs.Factory(dict)
    """The Previous rating each action's row was written with (none: empty)."""

    def problem(self, sheet: str | None, row: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.file, row, column, message, sheet=sheet))

    def where(self, sheet: str | None, row: int, column: int) -> str:
        return str(Problem(self.file, row, column, "", sheet=sheet)).removesuffix(": ")

    def read(self, workbook: Workbook) -> Iterator[tuple[tuple[str, int, int], str, ActionUpdate]]:
        """Each row's location, action id and update; problems are collected, not raised."""
        try:
            with _opened(workbook) as stream:
                rows = self._read_stream(stream)
        except OSError as err:
            self.problem(None, 0, 0, f"cannot read the file: {err.strerror or err}")
            return
        yield from rows

    def _read_stream(
        self, stream: IO[bytes]
    ) -> list[tuple[tuple[str, int, int], str, ActionUpdate]]:
        import openpyxl

        try:
            reason = _not_a_workbook(stream)
        except Exception:  # what the first look cannot tell, reading the workbook will
            reason = None
        if reason is not None:
            self.problem(None, 0, 0, f"not a readable Excel workbook (.xlsx): {reason}")
            return []
        try:
            book = openpyxl.load_workbook(stream, read_only=True, data_only=False)
        except Exception as err:  # whatever is wrong with the user's file, one line says so
            self.problem(None, 0, 0, f"not a readable Excel workbook (.xlsx): {_reason(err)}")
            return []
        try:
            return list(self._rows(book))
        except Exception as err:  # e.g. a part found damaged only when its rows are read
            self.problem(None, 0, 0, f"not a readable Excel workbook (.xlsx): {_reason(err)}")
            return []
        finally:
            book.close()

    def _rows(self, book: Any) -> Iterator[tuple[tuple[str, int, int], str, ActionUpdate]]:
        missing = [s for s in (tracker.ACTIONS, tracker.DATA) if s not in book.sheetnames]
        if len(missing) == 2:
            self.problem(
                None,
                0,
                0,
                f"not a tracker written by safeguarding-plan: it has no {tracker.ACTIONS!r} or "
                f"{tracker.DATA!r} sheet; import a tracker exported as xlsx from the plan",
            )
            return
        if missing:
            self.problem(
                None,
                0,
                0,
                f"the tracker has no {missing[0]!r} sheet; if it was renamed, give it back its "
                "name, or export the tracker again",
            )
            return
        states = self._check_data(book[tracker.DATA])
        if states is None:
            return
        sheet = book[tracker.ACTIONS]
        sheet.reset_dimensions()  # read every row, whatever size the file claims
        rows = sheet.iter_rows()
        header = next(rows, ())
        columns = self._columns(header)
        if columns is None:
            return
        for number, cells in enumerate(rows, start=2):
            found = self._row(number, cells, columns, states)
            if found is not None:
                yield found

    def _check_data(self, sheet: Any) -> Mapping[str, ActionState] | None:
        """The metadata checked against the plan; the action states the tracker showed."""
        data: dict[str, tuple[str, int]] = {}
        for number, cells in enumerate(sheet.iter_rows(max_col=2, values_only=True), start=1):
            key, text = [*cells, None, None][:2]
            if isinstance(key, str):
                data[key] = ("" if text is None else str(text), number)

        def value(key: str) -> str:
            return data.get(key, ("", 0))[0]

        def wrong(key: str, message: str) -> None:
            self.problem(tracker.DATA, data.get(key, ("", 0))[1], _DATA_VALUE, message)

        written = value(tracker.META_FORMAT)
        if written != tracker.FORMAT:
            wrong(
                tracker.META_FORMAT,
                (f"tracker format {shown(written)}" if written else "the tracker format is missing")
                + f"; this version reads {tracker.FORMAT!r} (export the tracker again)",
            )
            return None
        plan = self.plan
        expected = {
            tracker.META_PARTNERSHIP: clean(plan.partnership.name),
            tracker.META_PLAN: clean(plan.title),
            tracker.META_PERIOD: clean(plan.period.text)
            if plan.period and plan.period.text
            else "",
        }
        ok = True
        for key, want in expected.items():
            if value(key) != want:
                wrong(key, f"the tracker is for {key} {shown(value(key))}, not {shown(want)}")
                ok = False
        if value(tracker.META_AUDIENCE) != "board":
            wrong(
                tracker.META_AUDIENCE,
                f"a {value(tracker.META_AUDIENCE) or 'unknown'}-audience tracker leaves "
                "restricted actions out; import a board tracker",
            )
            ok = False
        new_review = value(tracker.META_NEW_REVIEW)
        if new_review and new_review != self.review_id:
            wrong(
                tracker.META_NEW_REVIEW,
                f"this is the update form for review {shown(new_review)}, not "
                f"{shown(self.review_id)}",
            )
            ok = False
        shown_review = value(tracker.META_REVIEW) or None
        known = {r.id for r in plan.reviews}
        if shown_review is not None and shown_review not in known:
            wrong(
                tracker.META_REVIEW,
                f"the tracker shows review {shown(shown_review)}, which the plan does not have"
                + did_you_mean(shown_review, known),
            )
            ok = False
        if not ok:
            return None
        if shown_review is None:  # exported before the plan had reviews: the plan as written
            states = attrs.evolve(plan, reviews=()).states()
        else:
            states = plan.states(shown_review)
        # What the Previous rating column shows: an update form starts from the review it
        # shows; a tracker shows the rating at the review before that one.
        ids = [r.id for r in plan.reviews]
        if new_review:
            previous: Mapping[str, ActionState] | None = states
        elif shown_review is None or ids.index(shown_review) == 0:
            previous = None
        else:
            previous = plan.states(ids[ids.index(shown_review) - 1])
        self.previous_ratings = {
            action_id: clean(state.rating.label) if state.rating else ""
            for action_id, state in (previous or {}).items()
        }
        return states

    def _columns(self, header: Iterable[Any]) -> dict[str, int] | None:
        columns: dict[str, int] = {}
        unknown: list[tuple[int, str]] = []
        before = len(self.problems)
        for number, cell in enumerate(header, start=1):
            text = cell.value.strip() if isinstance(cell.value, str) else cell.value
            if text is None or text == "":
                continue
            if text in columns:
                self.problem(
                    tracker.ACTIONS,
                    1,
                    number,
                    f"column {text!r} is also column {column_letters(columns[text])}; a "
                    "tracker has each column once, so remove this one",
                )
            elif text in tracker.COLUMNS:
                columns[text] = number
            else:
                unknown.append((number, str(text)))
        missing = [c for c in tracker.COLUMNS if c not in columns]
        for number, text in unknown:
            # A column renamed where it stands: one problem, not an unknown and a missing one.
            expected = tracker.COLUMNS[number - 1] if number <= len(tracker.COLUMNS) else None
            if expected is not None and expected in missing:
                missing.remove(expected)
                self.problem(
                    tracker.ACTIONS,
                    1,
                    number,
                    f"column {shown(text)} should be {expected!r}; give it back its name, "
                    "which is how the column is read",
                )
            else:
                self.problem(
                    tracker.ACTIONS,
                    1,
                    number,
                    f"column {shown(text)} is not part of the tracker and would be lost; "
                    "remove it" + did_you_mean(text, tracker.COLUMNS),
                )
        if missing:
            self.problem(
                tracker.ACTIONS,
                1,
                1,
                f"the header row lacks {', '.join(repr(c) for c in missing)}; "
                f"a tracker's columns are {', '.join(tracker.COLUMNS)}",
            )
        return None if len(self.problems) > before else columns

    def _row(
        self,
        number: int,
        cells: tuple[Any, ...],
        columns: dict[str, int],
        states: Mapping[str, ActionState],
    ) -> tuple[tuple[str, int, int], str, ActionUpdate] | None:
        values: dict[str, Any] = {}
        formulas: set[str] = set()  # columns already reported, so not checked again
        before = len(self.problems)
        for column_number, cell in enumerate(cells, start=1):
            name = next((n for n, c in columns.items() if c == column_number), None)
            if cell.value is None:
                continue
            if getattr(cell, "data_type", None) == "f":
                self.problem(
                    tracker.ACTIONS,
                    number,
                    column_number,
                    f"a formula ({shown(str(cell.value))}); type the {name or 'cell'} as text",
                )
                if name is not None:
                    formulas.add(name)
            elif name is None:
                self.problem(
                    tracker.ACTIONS,
                    number,
                    column_number,
                    "a value outside the tracker's columns would be lost; move or remove it",
                )
            else:
                values[name] = cell.value
        if not values:
            return None  # a blank row

        def at(name: str) -> tuple[str, int, int]:
            return (tracker.ACTIONS, number, columns[name])

        action_id = values.get(tracker.ACTION_ID)
        if tracker.ACTION_ID in formulas:
            return None
        if action_id is None or action_id == "":
            self.problem(
                *at(tracker.ACTION_ID), "no Action ID; the row cannot be matched to an action"
            )
            return None
        if not isinstance(action_id, str):
            self.problem(*at(tracker.ACTION_ID), _not_text_id(action_id))
            return None
        # The tracker shows ids as the sanitiser left them, so they are matched that way too.
        matches = [i for i in states if clean(i) == action_id]
        if len(matches) != 1:
            self.problem(
                *at(tracker.ACTION_ID),
                f"no action {shown(action_id)} in the plan" + did_you_mean(action_id, states)
                if not matches
                else f"action id {shown(action_id)} stands for several actions once characters "
                "a workbook cannot hold are replaced; give them ids that differ otherwise",
            )
            return None
        action_id = matches[0]
        state = states[action_id]
        self._unchanged(state, values, at, formulas)
        progress = (
            self._progress(values.get(tracker.PROGRESS), at(tracker.PROGRESS))
            if tracker.PROGRESS not in formulas
            else None
        )
        rating = self._rating(values.get(tracker.RATING), at(tracker.RATING))
        note = _note(values.get(tracker.UPDATE))
        due = (
            self._due(state, values, at) if not formulas & {tracker.DUE, tracker.DUE_DATE} else None
        )
        if len(self.problems) > before or progress is None:
            return None
        update = ActionUpdate(progress=progress, rating=rating, note=note, due=due)
        return at(tracker.ACTION_ID), action_id, update

    def _unchanged(
        self, state: ActionState, values: dict[str, Any], at: _At, skip: set[str]
    ) -> None:
        """The plan's own columns must read as the tracker wrote them (but those in ``skip``,
        already reported)."""
        action = state.action
        plan_columns = (
            (tracker.PRIORITY, self.plan.priority_of(action.id).id, "priority"),
            (tracker.ACTION, action.text, "action text"),
            (tracker.LEAD, action.lead or "", "lead"),
        )
        for column, want, what in plan_columns:
            got = values.get(column)
            got = "" if got is None else str(got)
            if got != clean(want) and column not in skip:
                self.problem(
                    *at(column),
                    f"the {what} of action {shown(action.id)} was changed to {shown(got)}; "
                    "the plan file owns it (change it there, then export the tracker again)",
                )
        # Only shown, never read: a rating typed here would be lost.
        got = values.get(tracker.PREVIOUS_RATING)
        got = "" if got is None else str(got)
        if got != self.previous_ratings.get(action.id, "") and tracker.PREVIOUS_RATING not in skip:
            self.problem(
                *at(tracker.PREVIOUS_RATING),
                f"the previous rating of action {shown(action.id)} was changed to {shown(got)}, "
                "which would be lost; give the new rating under Rating",
            )

    def _progress(self, value: Any, where: tuple[str, int, int]) -> Progress | None:
        words = {p.label.lower(): p for p in Progress} | {p.value: p for p in Progress}
        if value is None:
            self.problem(
                *where, f"Progress is empty; choose {', '.join(p.label for p in Progress)}"
            )
            return None
        text = str(value).strip()
        if text.lower() in words:
            return words[text.lower()]
        self.problem(
            *where,
            f"unknown progress {shown(text)}; choose {', '.join(p.label for p in Progress)}"
            + did_you_mean(text, [p.label for p in Progress]),
        )
        return None

    def _rating(self, value: Any, where: tuple[str, int, int]) -> str | None:
        if value is None:
            return None
        scale: tuple[Rating, ...] = self.plan.ratings.ratings
        # Matched as the tracker shows them: sanitised words, any case; keys and symbols too.
        words: dict[str, str] = {}
        for rating in reversed(scale):  # the label wins over another rating's key or symbol
            if rating.symbol:
                words[clean(rating.symbol)] = rating.key
            words[clean(rating.key).casefold()] = rating.key
        for rating in reversed(scale):
            label = clean(rating.label).casefold()
            words[label] = rating.key
            if rating.symbol:
                words[f"{clean(rating.symbol)} {label}"] = rating.key
        text = str(value)
        for candidate in (text, text.casefold(), text.strip().casefold()):
            if candidate in words:
                return words[candidate]
        labels = [clean(r.label) for r in scale]
        text = text.strip()
        self.problem(
            *where,
            f"unknown rating {shown(text)}; the plan's scale has {', '.join(labels)}"
            + did_you_mean(text, labels),
        )
        return None

    def _due(self, state: ActionState, values: dict[str, Any], at: _At) -> Due | None:
        """A revised due date when the Due or Due date cell was changed, else None."""
        text_value = values.get(tracker.DUE)
        if isinstance(text_value, datetime):  # a date typed in Due, which Excel made a date
            text_value = text_value.date()
        if isinstance(text_value, date):
            text: str | None = long_date(text_value)
        else:
            text = None if text_value is None else clean(str(text_value)) or None
        readable, day = self._date(values.get(tracker.DUE_DATE), at(tracker.DUE_DATE))
        if not readable:
            return None
        was_text = clean(state.due.text) if state.due else None
        was_day = state.due.last_day if state.due else None
        if (text, day) == (was_text, was_day):
            return None
        if text is None and day is None:
            self.problem(
                *at(tracker.DUE),
                "the due date was cleared; a tracker can move a due date but not remove it",
            )
            return None
        if day is not None and day != was_day:
            return Due(text if text is not None and text != was_text else long_date(day), day)
        assert text is not None
        try:
            return Due(text, resolve_due(text))
        except DateError as err:
            self.problem(*at(tracker.DUE), f"{err}; or put the new date in 'Due date'")
            return None

    def _date(self, value: Any, where: tuple[str, int, int]) -> tuple[bool, date | None]:
        """Whether the cell is empty or a date (else a problem), and the date."""
        if value is None:
            return True, None
        if isinstance(value, datetime):
            return True, value.date()
        if isinstance(value, date):
            return True, value
        if isinstance(value, str):
            try:
                return True, parse_iso_date(value.strip())
            except DateError:
                pass
        self.problem(*where, f"due date {shown(str(value))} is not a date; enter e.g. 31/03/2023")
        return False, None


def _note(value: Any) -> str | None:
    """The Update cell as text (a typed number or date as it reads), sanitised; None if empty."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        text = long_date(value.date() if isinstance(value, datetime) else value)
    elif isinstance(value, bool):
        text = str(value).upper()
    elif isinstance(value, int | float):
        text = f"{value:g}"
    else:
        text = str(value)
    return clean(text) or None


def _not_text_id(value: Any) -> str:
    """Why an Action ID cell that Excel turned into a number, date or truth value is refused."""
    if isinstance(value, bool):
        kind = "TRUE or FALSE"
    elif isinstance(value, datetime | date):
        kind = "a date"
    elif isinstance(value, int | float):
        kind = "a number"
    else:
        kind = "not text"
    return (
        f"Action ID {_note(value) or value} is {kind}, not text, so it may not be the id typed "
        "(Excel turns 1.10 into the number 1.1); retype the id with an apostrophe first, as "
        "in '1.10"
    )


@contextlib.contextmanager
def _opened(workbook: Workbook) -> Iterator[IO[bytes]]:
    """The workbook as a seekable binary stream, closed afterwards if opened here."""
    if isinstance(workbook, str | os.PathLike):
        with open(workbook, "rb") as stream:
            yield stream
    elif getattr(workbook, "seekable", lambda: False)():
        yield workbook
    else:
        yield io.BytesIO(workbook.read())


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an Office file of the old binary kind starts (.xls, .doc), and a password-protected
.xlsx too."""
_SAVE = "save the tracker as Excel Workbook (.xlsx)"
_ENTITIES = "it declares XML entities, which are refused (a workbook never needs them)"
_OTHER_PACKAGES = {
    "word/document.xml": "a Word document",
    "ppt/presentation.xml": "a PowerPoint presentation",
}
_PROLOGUE = 64 * 1024
"""How much of each XML part is looked at for a document type declaration."""


def _not_a_workbook(stream: IO[bytes]) -> str | None:
    """Why the bytes are no .xlsx workbook at all, in words; None if they may be one."""
    start = stream.tell()
    try:
        head = stream.read(8)
        stream.seek(start)
        if not head:
            return "the file is empty; is it the right file?"
        if head.startswith(_OLE):
            data = stream.read()
            if "EncryptedPackage".encode("utf-16-le") in data:
                return (
                    "it is protected with a password; remove the password in Excel "
                    "(File, Info, Protect Workbook) and save it again"
                )
            return f"it is an old-format Office file (such as .xls); {_SAVE}"
        if not zipfile.is_zipfile(stream):
            if head.startswith(b"PK"):
                return "the file is cut short or damaged; copy or download the tracker again"
            stream.seek(start)
            if _looks_like_text(stream.read(4096)):
                return f"the file is text, not a workbook (was it saved as CSV?); {_SAVE}"
            return f"the file is not a workbook; {_SAVE}"
        stream.seek(start)
        with zipfile.ZipFile(stream) as archive:
            return _not_a_workbook_package(archive)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        return "the file is cut short or damaged; copy or download the tracker again"
    finally:
        stream.seek(start)


def _not_a_workbook_package(archive: zipfile.ZipFile) -> str | None:
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        for name, what in _OTHER_PACKAGES.items():
            if name in names:
                return f"it is {what}; {_SAVE}"
        if "mimetype" in names and b"spreadsheet" in archive.read("mimetype")[:200]:
            return f"it is an OpenDocument spreadsheet (.ods); {_SAVE}"
        return f"it is a zip archive with no workbook in it; {_SAVE}"
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(info) as part:
            head = part.read(_PROLOGUE)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            head = head.decode("utf-16", "replace").encode()
        # No workbook needs a document type; parsers that expand one are open to attack.
        if b"<!ENTITY" in head:
            return _ENTITIES
        if b"<!DOCTYPE" in head:
            return (
                f"its part {shown(info.filename)} declares an XML document type, which is "
                "refused (a workbook never needs one)"
            )
    return None


def _looks_like_text(data: bytes) -> bool:
    """Whether ``data`` reads as text in some common encoding: no control characters."""
    encodings = ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ()
    for encoding in (*encodings, "utf-8", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
            return True
    return False


def _reason(err: BaseException) -> str:
    """What went wrong reading a workbook, from the cause openpyxl wrapped, in words."""
    chain = [err]
    while (cause := chain[-1].__cause__ or chain[-1].__context__) and cause not in chain:
        chain.append(cause)
    for found in chain:
        text = str(found).strip()
        name = type(found).__name__
        if "Entities" in name or "DTD" in name or "ExternalReference" in name:
            return _ENTITIES
        if "entit" in text.lower():
            return _ENTITIES
        if isinstance(found, zipfile.BadZipFile | zlib.error | EOFError):
            return "the file is cut short or damaged; copy or download the tracker again"
    root = chain[-1]
    text = str(root).strip().splitlines()[0] if str(root).strip() else ""
    detail = f"{type(root).__name__}: {shown(text, 120)}" if text else type(root).__name__
    return f"the file is damaged or not as Excel writes it ({detail}); {_SAVE} again"
