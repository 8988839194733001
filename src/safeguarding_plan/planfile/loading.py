"""Loading a plan file (format ``safeguarding-plan/1``) into the model: ``load``, ``loads`` and
the reader of the plan's own parts (partnership, ratings, priorities, actions, reviews).

This is the one place plan files are validated. Every problem of a file is collected and
reported together, each located at the line and column an editor would jump to, so a business
manager fixes a file in one pass rather than one error per run.
"""

from __future__ import annotations

import codecs
import functools
import os
import unicodedata
from typing import IO

from safeguarding_plan import dates
from safeguarding_plan.errors import ArgumentError, PlanError, Problem, did_you_mean, shown
from safeguarding_plan.model.impact import MeasureUnit
from safeguarding_plan.model.plan import (
    Action,
    ActionUpdate,
    Partnership,
    Period,
    Person,
    Plan,
    Priority,
    Review,
)
from safeguarding_plan.model.ratings import (
    PROGRESS_WORDS,
    RAG_WORDS,
    RATING_SCALES,
    Progress,
    Rag,
    Rating,
    RatingScale,
    folded,
)
from safeguarding_plan.model.timescales import Interval, Unit
from safeguarding_plan.planfile import casereviews, impact, paper, yearly
from safeguarding_plan.planfile.characters import (
    bad_characters,
    decode,
    escaped_characters,
    refused_escape,
)
from safeguarding_plan.planfile.composing import (
    EVERY,
    ITEM,
    ITSELF,
    MappingNode,
    Node,
    Rules,
    ScalarNode,
    SequenceNode,
)
from safeguarding_plan.planfile.lengths import length_of_time
from safeguarding_plan.planfile.nodes import compose
from safeguarding_plan.planfile.reader import (
    EMPTY,
    NodeReader,
    Read,
    is_null,
    named,
    scalar,
    unquoted,
    withholdable,
)
from safeguarding_plan.words import plural

FORMAT = "safeguarding-plan/1"
"""The format this version reads and writes."""

Source = str | os.PathLike[str] | IO[str] | IO[bytes]
"""A path, or an open text or binary stream."""

# Words people write for how often they review, and the length of time each means.
_EVERY_WORDS = {
    "fortnightly": "14 days",
    "monthly": "1 month",
    "bi-monthly": "2 months",
    "quarterly": "3 months",
    "six-monthly": "6 months",
    "six monthly": "6 months",
    "half-yearly": "6 months",
    "annually": "12 months",
    "yearly": "12 months",
}
# The longest time between reviews, as "due soon" may look at most ten years ahead.
_LONGEST_EVERY = {Unit.MONTHS: 120, Unit.CALENDAR_DAYS: 3660}

_UPDATE_KEYS = ("progress", "rating", "note", "evidence", "assured", "due", "restricted")

MAX_BYTES = 32 * 1024 * 1024
"""The largest plan file read unless told otherwise (``max_bytes``): a 10,000-action plan is
a few megabytes, so anything near this is the wrong file (or an attack), and is refused before
it is parsed."""


def load(source: Source, *, max_bytes: int = MAX_BYTES) -> Plan:
    """Read a plan file; raise ``PlanError`` listing every problem in it, located. A file over
    ``max_bytes`` (32 MB unless given: about 46,000 actions) is refused unread."""
    max_bytes = read_limit(max_bytes)
    file, data = _read(source, max_bytes)
    return loads(data, file, max_bytes=max_bytes)


def loads(data: str | bytes, file: str = "<string>", *, max_bytes: int = MAX_BYTES) -> Plan:
    """Read a plan from text or UTF-8 bytes; ``file`` names it in problems. Text over
    ``max_bytes`` characters or bytes (32 MB unless given) is refused unread."""
    if len(data) > read_limit(max_bytes):
        raise PlanError(
            [
                Problem(
                    file,
                    1,
                    1,
                    f"the file is over {_size(max_bytes)}, far more than any plan; is it "
                    "the right file? (A larger plan is read with a larger limit: "
                    "--max-plan-size on the command line, max_bytes in Python.)",
                )
            ]
        )
    if isinstance(data, bytes):
        bad = bad_characters(decode(data, file), file)
        # The file's own bytes are read, not its text, which is let go (made again only to
        # place a problem inside a value): it takes up to four times their memory.
        source: str | bytes = data.removeprefix(codecs.BOM_UTF8)
    else:
        source = data.removeprefix("\ufeff")
        bad = bad_characters(source, file)
    if bad:
        raise PlanError(bad)
    return _plan(source, file)


def _plan(source: str | bytes, file: str) -> Plan:
    reader = PlanReader(file, source)
    # Actions and updates are read as they are composed; the rest once the file is.
    root, escaped = compose(reader.places, file, refused_escape, reader.read_as_composed())
    if escaped:
        raise PlanError(escaped_characters(escaped, reader.places.source, file))
    if root is None:
        text = reader.places.source
        what = "the file is empty" if not text.strip() else "the file holds only comments"
        raise PlanError([Problem(file, 1, 1, f"{what}; a plan starts with 'format: {FORMAT}'")])
    plan = reader.plan(root)
    if reader.problems or plan is None:
        raise PlanError(reader.problems)
    return plan


def read_limit(max_bytes: int) -> int:
    """``max_bytes`` if it can limit a read: TypeError for anything but a whole number,
    ArgumentError (a ValueError) for one below 1."""
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool):
        raise TypeError(f"max_bytes must be a whole number of bytes, not {max_bytes!r}")
    if max_bytes < 1:
        raise ArgumentError(f"max_bytes must be at least 1, not {max_bytes:,}")
    return max_bytes


def _size(size: int) -> str:
    """A limit in words: ``32 MB``, ``2.5 MB``, ``1,024 bytes``."""
    megabytes = size / (1024 * 1024)
    if megabytes < 1:
        return f"{size:,} bytes"
    return f"{megabytes:.0f} MB" if megabytes.is_integer() else f"{megabytes:.1f} MB"


def _read(source: Source, max_bytes: int) -> tuple[str, str | bytes]:
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as stream:
            # Read whole, or enough to know it is too big: reading at most max_bytes + 1 into
            # a buffer of that size would cost a plan of any size that much memory.
            whole = os.fstat(stream.fileno()).st_size <= max_bytes
            return os.fspath(source), stream.read() if whole else stream.read(max_bytes + 1)
    name = getattr(source, "name", None)
    return (name if isinstance(name, str) else "<stream>"), source.read(max_bytes + 1)


class PlanReader(NodeReader):
    """Reads the plan's own parts into the model; the case reviews' parts are read by
    ``casereviews`` with the same reader, so every problem of the file is collected in one."""

    def __init__(self, file: str, source: str | bytes = "") -> None:
        super().__init__(file, source)
        # What updates' ratings are checked against: every readable key, even of a scale with
        # problems, so that a bad rating is reported in the same run as a bad scale. None when
        # the scale cannot be read at all (then ratings are not checked).
        self.ratings: list[Rating] = []
        # Each rating as written, and the key it names (None: none), for the scale read.
        self.rating_of: dict[str, str | None] = {}
        self.scale_read = False
        # The ids of the actions, once the priorities are composed (None if not all are read).
        self.priorities_read = False
        self.ids_of: tuple[Node, tuple[list[ScalarNode], bool]] | None = None
        self.known_ids: list[str] | None = None
        self.rating_keys: tuple[str, ...] | None = None
        # Each lead as first written, and its line, by how a reader reads it.
        self.leads: dict[str, tuple[str, int]] = {}
        self.lead_forms: dict[str, str] = {}
        # Each measure id written, with its unit (None if it cannot be read), and whether
        # every measure has an id: a review's value for another is then unknown.
        self.measure_units: dict[str, MeasureUnit | None] = {}
        self.measures_complete = True
        # The reviews read so far: whether an action assured in a review is complete there.
        self.read_reviews: list[Review] = []

    def read_as_composed(self) -> Rules:
        """The large parts of a plan, read as soon as each is composed: a plan of thousands of
        actions is never a tree of nodes in memory. The rating scale is read first, for the
        updates' ratings, and a review's updates once the actions they are for are known (a
        file that gives them in another order has them read at the end)."""
        return {
            "ratings": lambda _, node, __: self.read_now(node, self.scale, []),
            "priorities": {ITSELF: self.priorities_now, ITEM: {"actions": {ITEM: self.action_now}}},
            "reviews": {ITEM: {"updates": {ITSELF: self.updates_now, EVERY: self.update_now}}},
        }

    def priorities_now(self, _: Node | None, node: Node, __: Node | None) -> Node:
        ids, complete = self.action_ids(node)
        self.known_ids = [unquoted(i) for i in ids] if complete else None
        self.priorities_read = True
        return node

    def action_ids(self, priorities: Node) -> tuple[list[ScalarNode], bool]:
        """``_action_ids`` of the priorities, found once."""
        if self.ids_of is None or self.ids_of[0] is not priorities:
            self.ids_of = (priorities, _action_ids(priorities))
        return self.ids_of[1]

    def action_now(self, _: Node | None, node: Node, __: Node | None) -> Node:
        ident = scalar(node, "id")
        return self.read_now(node, self.action, [(_ID, ident)] if ident is not None else [])

    def update_now(self, key: Node | None, node: Node, _: Node | None) -> Node:
        if (
            not (isinstance(key, ScalarNode) and isinstance(node, MappingNode))
            or not self.scale_read
        ):
            return node  # read when the reader comes to it, with what it needs
        what = f"the update for action {shown(str(key.value))}"
        return self.read_now(node, lambda found: self.update_parts(found, what), [])

    def updates_now(self, _: Node | None, node: Node, review: Node | None) -> Node:
        ident = scalar(review, "id") if review is not None else None
        if ident is None or not (self.scale_read and self.priorities_read):
            return node  # read with its review, once the file is
        what = f"review {shown(ident.value)}"
        return self.read_now(node, lambda found: self.updates(found, what, self.known_ids), [])

    def plan(self, root: Node) -> Plan | None:
        found = self.fields(
            root,
            "the plan file",
            ("format", "partnership", "plan", "ratings", "priorities"),
            (
                "measures",
                "review_every",
                "reviews",
                "restricted_words",
                "practice_themes",
                "timescales",
                "case_reviews",
                "paper",
                "yearly_reports",
            ),
        )
        if found is None:
            return None
        if "format" in found:
            fmt = self.text(found["format"], "'format'")
            if fmt is not None and fmt != FORMAT:
                self.problem(
                    found["format"],
                    f"unsupported format {shown(fmt)}; this version reads {FORMAT!r}",
                )
        partnership = self.partnership(found["partnership"]) if "partnership" in found else None
        title_period = self.plan_info(found["plan"]) if "plan" in found else None
        scale = self.scale(found["ratings"]) if "ratings" in found else None
        priorities_node = found.get("priorities", EMPTY)
        priorities = self.priorities(priorities_node)
        action_ids, complete = self.action_ids(priorities_node)
        complete = complete and "priorities" in found
        measures = impact.measures(
            self,
            found.get("measures"),
            _priority_ids(priorities_node) if complete else None,
            [unquoted(i) for i in action_ids] if complete else None,
        )
        self.measure_units, self.measures_complete = impact.units(found.get("measures"))
        # Without every action, no update can be called one for an unknown action.
        reviews = (
            self.reviews(found["reviews"], action_ids if complete else None)
            if "reviews" in found
            else ()
        )
        every = self.review_every(found["review_every"]) if "review_every" in found else None
        words = self.restricted_words(found.get("restricted_words"))
        themes = casereviews.practice_themes(self, found.get("practice_themes"))
        own = casereviews.timescales(self, found.get("timescales"))
        known = [unquoted(i) for i in action_ids] if complete and "priorities" in found else None
        case_reviews = casereviews.case_reviews(self, found.get("case_reviews"), known, themes, own)
        plan_paper = paper.paper(self, found.get("paper"), "the plan")
        years = yearly.yearly_reports(self, found.get("yearly_reports"))
        if partnership is None or title_period is None or scale is None:
            return None
        title, period = title_period
        return Plan(
            partnership=partnership,
            title=title,
            period=period,
            ratings=scale,
            priorities=priorities,
            reviews=reviews,
            restricted_words=words,
            case_reviews=case_reviews,
            practice_themes=themes,
            timescales=own,
            paper=plan_paper,
            review_every=every,
            measures=measures,
            yearly_reports=years,
        )

    def review_every(self, node: Node) -> Interval | None:
        """How often the plan is reviewed: months or days, at most ten years."""
        text = self.text(node, "'review_every'")
        if text is None:
            return None
        every = length_of_time(" ".join(text.casefold().split()))
        if every is None or every.unit is Unit.WORKING_DAYS:
            meant = _meant_every(text)
            self.problem(
                node,
                f"cannot read {shown(text)} as how often the plan is reviewed; write e.g. "
                "'3 months', '6 months' or '42 days'"
                + (f" (did you mean {meant!r}?)" if meant else ""),
            )
            return None
        longest = _LONGEST_EVERY[every.unit]
        if not 1 <= every.length <= longest:
            self.problem(
                node,
                f"'review_every' must be from 1 to {plural(longest, every.unit.noun)} (ten "
                f"years), not {shown(text)}",
            )
            return None
        return every

    def restricted_words(self, node: Node | None) -> tuple[str, ...]:
        if node is None:
            return ()
        words = []
        for item in self.items(node, "'restricted_words'"):
            word = self.text(item, "a restricted word")
            if word is not None and not withholdable(word):
                self.problem(
                    item,
                    f"restricted word {shown(word)} is too short to withhold; give names of at "
                    "least two letters",
                )
            elif word is not None:
                words.append(word)
        return tuple(words)

    def partnership(self, node: Node) -> Partnership | None:
        found = self.fields(
            node, "'partnership'", ("name",), ("short_name", "people", "lead_partners")
        )
        if found is None:
            return None
        name = self.text(found["name"], "the partnership's name") if "name" in found else None
        short_name = self.optional_text(found, "short_name", "'short_name'")
        people = []
        for item in self.items(found["people"], "'people'") if "people" in found else []:
            person = self.fields(item, "a person in 'people'", ("role", "name"), ("restricted",))
            if person is not None and {"role", "name"} <= person.keys():
                role, person_name = (
                    self.text(person["role"], "'role'"),
                    self.text(person["name"], "'name'"),
                )
                restricted = (
                    self.flag(person["restricted"], "'restricted' of a person")
                    if "restricted" in person
                    else False
                )
                if restricted and person_name is not None and not withholdable(person_name):
                    self.problem(
                        person["name"],
                        f"the name of restricted person {shown(person_name)} is too short to "
                        "withhold; give a name of at least two letters",
                    )
                elif role is not None and person_name is not None:
                    people.append(Person(role=role, name=person_name, restricted=bool(restricted)))
        leads = yearly.lead_partners(self, found.get("lead_partners"))
        return (
            Partnership(name=name, short_name=short_name, people=tuple(people), lead_partners=leads)
            if name
            else None
        )

    def plan_info(self, node: Node) -> tuple[str, Period | None] | None:
        found = self.fields(node, "'plan'", ("title",), ("period", "start", "end"))
        if found is None:
            return None
        title = self.text(found["title"], "the plan's title") if "title" in found else None
        period = None
        if "period" in found:
            if "start" in found or "end" in found:
                self.problem(found["period"], "give either 'period' or 'start' and 'end', not both")
            text = self.text(found["period"], "'period'")
            span = self.parsed(found["period"], dates.resolve_period, text) if text else None
            period = Period(start=span[0], end=span[1], text=text) if span else None
        elif "start" in found or "end" in found:
            start = self.date(found["start"], "'start'") if "start" in found else None
            end = self.date(found["end"], "'end'") if "end" in found else None
            if ("start" in found) != ("end" in found):
                given, absent = ("start", "end") if "start" in found else ("end", "start")
                self.problem(
                    node,
                    f"'plan' has {given!r} but no {absent!r}; give both dates, "
                    "or a 'period' such as '2021/23'",
                )
            elif start and end and end < start:
                self.problem(found["end"], f"the plan ends ({end}) before it starts ({start})")
            elif start and end:
                period = Period(start=start, end=end)
        return (title, period) if title is not None else None

    def scale(self, node: Node) -> RatingScale | None:
        if isinstance(node, Read):
            return self.taken(node)  # type: ignore[no-any-return]
        self.scale_read = True
        if isinstance(node, ScalarNode) and not is_null(node):
            name = folded(node.value)
            if name in RATING_SCALES:
                self.ratings, self.rating_of = list(RATING_SCALES[name]), {}
                self.rating_keys = RATING_SCALES[name].keys
                return RATING_SCALES[name]
            self.problem(
                node,
                f"unknown rating scale {shown(node.value)}; use one of {', '.join(RATING_SCALES)} "
                f"or list the ratings{did_you_mean(node.value, RATING_SCALES)}",
            )
            return None
        if is_null(node):
            self.problem(
                node,
                f"'ratings' is empty; use one of {', '.join(RATING_SCALES)} or list the ratings",
            )
            return None
        ratings: list[Rating] = []
        items = self.items(node, "'ratings'")
        if isinstance(node, SequenceNode) and not items:
            self.problem(node, "'ratings' lists no ratings")
        key_nodes = [k for item in items if (k := scalar(item, "key")) is not None]
        self.unique(key_nodes, "rating key")
        if items and len(key_nodes) == len(items):
            self.rating_keys = tuple(dict.fromkeys(unquoted(k) for k in key_nodes))
        # Keys and labels are matched in any case and spacing (``folded``): none may read as
        # another rating's, or text could not tell the two apart.
        words: dict[str, int] = {}
        keys_seen: set[str] = set()
        for item in items:
            what = named(item, "rating", "a rating")
            found = self.fields(item, what, ("key", "label", "rag"), ("symbol", "meaning"))
            if found is None or len(found.keys() & {"key", "label", "rag"}) < 3:
                continue
            key = self.ident(found["key"], f"'key' of {what}")
            label = self.text(found["label"], f"'label' of {what}")
            own: dict[str, int] = {}
            written = key
            for kind, text, at in (("key", key, found["key"]), ("label", label, found["label"])):
                if text is None or (kind == "key" and text in keys_seen):
                    continue  # an exact duplicate key is told as one (``unique``)
                if folded(text) in words:
                    self.problem(
                        at,
                        f"rating {kind} {shown(text)} is already used on line "
                        f"{words[folded(text)]}; each rating needs its own words",
                    )
                    key, label = (None, label) if kind == "key" else (key, None)
                else:
                    own[folded(text)] = at.line + 1
            words |= own
            if written is not None:
                keys_seen.add(written)
            rag = self.choice(
                found["rag"], Rag, f"'rag' of {what}", "RAG colour", RAG_WORDS, read=Rag.read
            )
            symbol = self.optional_text(found, "symbol", f"'symbol' of {what}")
            meaning = self.optional_text(found, "meaning", f"'meaning' of {what}")
            if key is not None and label is not None and rag is not None:
                ratings.append(
                    Rating(
                        key=key,
                        label=label,
                        rag=rag,
                        order=len(ratings),
                        symbol=symbol,
                        meaning=meaning,
                    )
                )
        self.ratings, self.rating_of = ratings, {}
        if len(ratings) != len(items) or len({r.key for r in ratings}) != len(ratings):
            return None
        return RatingScale(ratings=tuple(ratings))

    def priorities(self, node: Node) -> tuple[Priority, ...]:
        items = self.items(node, "'priorities'")
        self.unique((i for n in items if (i := scalar(n, "id")) is not None), "priority id")
        action_ids, _ = self.action_ids(node)
        self.unique(action_ids, "action id")
        return tuple(p for p in (self.priority(item) for item in items) if p is not None)

    def priority(self, node: Node) -> Priority | None:
        what = named(node, "priority", "a priority")
        found = self.fields(node, what, ("id", "title"), ("actions",))
        if found is None:
            return None
        ident = self.ident(found["id"], "a priority's id") if "id" in found else None
        title = self.text(found["title"], f"'title' of {what}") if "title" in found else None
        actions = tuple(
            a
            for a in (
                self.action(item)
                for item in self.items(found.get("actions", EMPTY), f"'actions' of {what}")
            )
            if a is not None
        )
        if ident is None or title is None:
            return None
        return Priority(id=ident, title=title, actions=actions)

    def action(self, node: Node) -> Action | None:
        if isinstance(node, Read):
            return self.taken(node)  # type: ignore[no-any-return]
        what = named(node, "action", "an action")
        found = self.fields(
            node,
            what,
            ("id", "text"),
            ("lead", "due", "outcome", "evidenced_by", "themes", "restricted"),
        )
        if found is None:
            return None
        ident = self.ident(found["id"], "an action's id") if "id" in found else None
        text = self.text(found["text"], f"'text' of {what}") if "text" in found else None
        lead = self.optional_text(found, "lead", f"'lead' of {what}")
        if lead is not None:
            self.one_spelling(lead, found["lead"], what)
        due = self.due(found.get("due"), f"'due' of {what}")
        outcome = self.optional_text(found, "outcome", f"'outcome' of {what}")
        evidenced_by = self.optional_text(found, "evidenced_by", f"'evidenced_by' of {what}")
        themes = [
            self.text(t, "a theme")
            for t in self.items(found.get("themes", EMPTY), f"'themes' of {what}")
        ]
        restricted = (
            self.flag(found["restricted"], f"'restricted' of {what}")
            if "restricted" in found
            else False
        )
        if ident is None or text is None:
            return None
        return Action(
            id=ident,
            text=text,
            lead=lead,
            due=due,
            themes=tuple(t for t in themes if t is not None),
            restricted=restricted,
            outcome=outcome,
            evidenced_by=evidenced_by,
        )

    def one_spelling(self, lead: str, node: Node, what: str) -> None:
        """A problem for a lead written as an earlier one is but for case or spacing: forms,
        returns and non-returns go by the lead as written, so it would be a second lead."""
        read = self.lead_forms.get(lead)
        if read is None:  # a lead is written the same thousands of times
            read = self.lead_forms[lead] = " ".join(
                unicodedata.normalize("NFKC", lead).split()
            ).casefold()
        first, line = self.leads.setdefault(read, (lead, node.line + 1))
        if first != lead:
            self.problem(
                node,
                f"'lead' of {what} is {shown(lead)}, but line {line} writes it {shown(first)}; "
                "write a lead the same way each time, or it is taken for another lead",
            )

    def reviews(self, node: Node, action_ids: list[ScalarNode] | None) -> tuple[Review, ...]:
        """The reviews; ``action_ids`` is None when the priorities could not all be read, so
        that an update is not called unknown only because its action has a problem."""
        items = self.items(node, "'reviews'")
        self.unique((i for n in items if (i := scalar(n, "id")) is not None), "review id")
        reviews = self.read_reviews
        known = [unquoted(i) for i in action_ids] if action_ids is not None else None
        for item in items:
            review = self.review(item, known)
            if review is None:
                continue
            if reviews and review.as_of < reviews[-1].as_of:
                before = reviews[-1]
                self.problem(
                    scalar(item, "as_of") or item,
                    f"review {shown(review.id)} (as of {review.as_of}) is listed after review "
                    f"{shown(before.id)} (as of {before.as_of}); list reviews oldest first",
                )
            reviews.append(review)
        return tuple(reviews)

    def review(self, node: Node, action_ids: list[str] | None) -> Review | None:
        what = named(node, "review", "a review")
        found = self.fields(node, what, ("id", "title", "as_of"), ("updates", "measures", "paper"))
        if found is None:
            return None
        ident = self.ident(found["id"], "a review's id") if "id" in found else None
        title = self.text(found["title"], f"'title' of {what}") if "title" in found else None
        as_of = self.date(found["as_of"], f"'as_of' of {what}") if "as_of" in found else None
        updates_node = found.get("updates", EMPTY)
        if isinstance(updates_node, Read):
            updates, assured = self.taken(updates_node)
        else:
            updates, assured = self.updates(updates_node, what, action_ids)
        for action_id, progress, place in assured:
            self.assured_when_complete(action_id, progress, place, what)
        values = (
            impact.values(self, found["measures"], what, self.measure_units, self.measures_complete)
            if "measures" in found
            else {}
        )
        review_paper = paper.paper(self, found.get("paper"), what)
        if ident is None or title is None or as_of is None:
            return None
        return Review(
            id=ident,
            title=title,
            as_of=as_of,
            updates=updates,
            paper=review_paper,
            measures=values,
        )

    def updates(
        self, node: Node, what: str, action_ids: list[str] | None
    ) -> tuple[dict[str, ActionUpdate], list[tuple[str, Progress | None, Node]]]:
        """The updates of a review (``what``) by action id, and the action id, progress and
        place of each that assures its action, checked once the earlier reviews are read."""
        updates: dict[str, ActionUpdate] = {}
        assured: list[tuple[str, Progress | None, Node]] = []
        known = set(action_ids) if action_ids is not None else None
        for action_id, key_node, value_node in self.pairs(
            node,
            f"'updates' of {what}",
            "action id: update",
            "update for action",
            "an update's action id",
        ):
            if known is not None and action_ids is not None and action_id not in known:
                self.problem(
                    key_node,
                    f"update for unknown action {shown(action_id)}"
                    f"{did_you_mean(action_id, action_ids)}",
                )
                continue
            if is_null(value_node):
                self.problem(
                    key_node,
                    f"the update for action {shown(action_id)} is empty; give its progress, "
                    "rating or note, or remove the line",
                )
                continue
            parts = (
                self.taken(value_node)
                if isinstance(value_node, Read)  # read as it was composed
                else self.update(value_node, f"the update for action {shown(action_id)}")
            )
            if parts is not None:
                updates[action_id] = parts[0]
                if parts[1] is not None:
                    assured.append((action_id, parts[0].progress, parts[1]))
        return updates, assured

    def assured_when_complete(
        self, action_id: str, progress: Progress | None, node: Node, what: str
    ) -> None:
        """A problem at ``node``, an update's ``assured``, when its action is not complete at
        its review (``what``) by the update's own ``progress``, or the last an earlier review
        gave: only what is done is assured."""
        for review in reversed(self.read_reviews):
            if progress is not None:
                break
            earlier = review.updates.get(action_id)
            progress = earlier.progress if earlier is not None else None
        progress = Progress.NOT_STARTED if progress is None else progress
        if progress is not Progress.COMPLETE:
            self.problem(
                node,
                f"action {shown(action_id)} is assured in {what} but is {progress.label.lower()} "
                "there; assure an action once it is complete (did you mean 'progress: complete'?)",
            )

    def update(self, node: Node, what: str) -> tuple[ActionUpdate, Node | None] | None:
        """An update (``what``: "the update for action '1.1'"), and its ``assured`` if it has
        one (``update_parts``)."""
        if isinstance(node, Read):
            return self.taken(node)  # type: ignore[no-any-return]
        if isinstance(node, ScalarNode) and not is_null(node):
            # `"1.6": complete` says what was meant; name the key it belongs under.
            written = str(node.value)
            progress = Progress.read(written)
            rating_key = self.rating_key(written)
            key = "progress" if progress is not None else None
            key = "rating" if rating_key is not None else key
            written = rating_key or (progress.value if progress else written)
            if key is not None:
                self.problem(
                    node,
                    f"{what} must be 'key: value' pairs ({', '.join(_UPDATE_KEYS)}), "
                    f"not the text {shown(written)} (did you mean '{{{key}: {written}}}'?)",
                )
                return None
        return self.update_parts(node, what)

    def update_parts(self, node: Node, what: str) -> tuple[ActionUpdate, Node | None] | None:
        """An update as its own lines say, and its ``assured`` if it has one (whether its
        action is complete is known once its review is read)."""
        found = self.fields(node, what, (), _UPDATE_KEYS)
        if found is None:
            return None
        progress = None
        if "progress" in found:
            progress = self.choice(
                found["progress"],
                Progress,
                f"'progress' of {what}",
                "progress",
                PROGRESS_WORDS,
                read=_read_progress,
            )
        rating = self.optional_text(found, "rating", f"'rating' of {what}")
        if rating is not None and self.curly(found["rating"], "a rating"):
            rating = None
        if rating is not None and self.rating_keys is not None:
            key = self.rating_key(rating)
            if key is None:
                self.problem(
                    found["rating"],
                    f"unknown rating {shown(rating)}; the plan's scale has "
                    f"{', '.join(self.rating_keys)}{did_you_mean(rating, self.rating_keys)}",
                )
            rating = key
        note = self.optional_text(found, "note", f"'note' of {what}")
        evidence = impact.evidence(self, found["evidence"], what) if "evidence" in found else ()
        assured = impact.assurance(self, found["assured"], what) if "assured" in found else None
        due = self.due(found.get("due"), f"'due' of {what}")
        restricted = (
            self.flag(found["restricted"], f"'restricted' of {what}")
            if "restricted" in found
            else False
        )
        update = ActionUpdate(
            progress=progress,
            rating=rating,
            note=note,
            due=due,
            restricted=bool(restricted),
            evidence=evidence,
            assured=assured,
        )
        # Only the place of 'assured' is kept: the problem, if any, is put there.
        return update, (_place(found["assured"]) if assured is not None else None)

    def rating_key(self, written: str) -> str | None:
        """The key of the rating ``written`` names, as a tracker's cell is read
        (`RatingScale.find`); None if it names none or the scale could not be read."""
        if self.rating_keys is None:
            return None
        if written not in self.rating_of:  # ratings are written the same thousands of times
            self.rating_of[written] = self.find_rating(written, self.rating_keys)
        return self.rating_of[written]

    def find_rating(self, written: str, keys: tuple[str, ...]) -> str | None:
        found = RatingScale(ratings=tuple(self.ratings)).find(written)
        if found is not None and found.key in keys:
            return found.key
        # A rating of the scale whose other fields have a problem still has its key.
        return next((k for k in keys if folded(k) == folded(written)), None)


_read_progress = functools.lru_cache(maxsize=256)(Progress.read)
"""Progress as written, read once for each way it is written (in thousands of updates)."""

_ID = ScalarNode("id", None, False)
"""The key of the id an action read as it was composed keeps (``action_now``)."""


def _place(node: Node) -> Node:
    """A node that keeps only the place of ``node``, for a problem found later."""
    place = ScalarNode("", None, False)
    place.line, place.column = node.line, node.column
    return place


def _meant_every(text: str) -> str | None:
    """What ``review_every`` written as ``quarterly`` or ``every 3 months`` means, if known."""
    written = " ".join(text.casefold().split())
    bare = written.removeprefix("every ")
    if bare in _EVERY_WORDS:
        return _EVERY_WORDS[bare]
    found = length_of_time(bare) if bare != written else None
    return bare if found is not None and found.unit is not Unit.WORKING_DAYS else None


def _action_ids(priorities: Node) -> tuple[list[ScalarNode], bool]:
    """Every action id written under the priorities, and whether all actions have one.

    Read from the nodes, not the model, so that an action with a problem of its own (a
    misspelt key, an empty text) still counts as there: its updates are not "unknown".
    """
    if is_null(priorities):
        return [], True
    if isinstance(priorities, SequenceNode):
        items: list[Node] = list(priorities.value)
    elif isinstance(priorities, MappingNode):  # a priority not written as a list item
        items = [priorities]
    else:
        return [], False
    ids: list[ScalarNode] = []
    complete = True
    for item in items:
        if not isinstance(item, MappingNode):
            complete = False
            continue
        for key, value in item.value:
            if isinstance(value, SequenceNode):  # 'actions', or a misspelling of it
                for action in value.value:
                    ident = scalar(action, "id")
                    if ident is None:
                        complete = False
                    else:
                        ids.append(ident)
            elif key.value == "actions" and not is_null(value):
                complete = False
    return ids, complete


def _priority_ids(priorities: Node) -> list[str]:
    """Every priority id written, from the nodes (see ``_action_ids``)."""
    items = priorities.value if isinstance(priorities, SequenceNode) else [priorities]
    return [unquoted(i) for item in items if (i := scalar(item, "id")) is not None]
