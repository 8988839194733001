"""The public audience: restricted actions, updates and names never reach a public document.

Every installed exporter's output is searched byte by byte (docx and xlsx are unzipped and
every part searched, document properties included); the board version of the same plan must
still hold everything, so the test cannot pass by leaving everything out.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import plans

import safeguarding_plan as sp
from safeguarding_plan.reporting.contents import WITHHELD, WITHHELD_UPDATE
from safeguarding_plan.reporting.redaction import REDACTED

# Two capitalised words, as a child's or a worker's name is written; one word could be a word
# the documents use themselves ("Key", "Lead"), which no redaction of plan text can remove.
NAMES = st.from_regex(r"[A-Z][a-z]{3,8} [A-Z][a-z]{3,10}", fullmatch=True)


def _parts(data: bytes) -> bytes:
    """Every part of a zip package, decompressed, or the bytes themselves."""
    if not data.startswith(b"PK"):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return b"\n".join(package.read(name) for name in package.namelist())


def _exports(plan: sp.Plan, audience: str) -> dict[str, bytes]:
    """Every exporter's document, and the yearly report of the year of the latest review of
    each that renders one."""
    manager = sp.get_plugin_manager(autoload=False)
    found = {}
    for name, exporter in manager.exporters.items():
        out = io.BytesIO()
        sp.export(plan, name, out, audience=audience, plugin_manager=manager)  # type: ignore[arg-type]
        found[name] = _parts(out.getvalue())
        if plan.reviews and exporter.yearly:
            out = io.BytesIO()
            year = _year(plan)
            sp.export(plan, name, out, audience=audience, plugin_manager=manager, year=year)  # type: ignore[arg-type]
            found[f"{name} yearly report"] = _parts(out.getvalue())
    return found


def _year(plan: sp.Plan) -> tuple[date, date]:
    """The reporting year of the plan's latest review."""
    day = plan.reviews[-1].as_of
    first = day.year if day.month >= 4 else day.year - 1
    # Cut short at the last day a date may have, for a review in April 2200.
    return date(first, 4, 1), min(date(first + 1, 3, 31), date(2200, 12, 31))


@st.composite
def secret_plans(draw: st.DrawFn) -> tuple[sp.Plan, list[str], list[str]]:
    """A plan whose restricted content carries markers; the markers that the board version
    shows, and the names restricted at plan level or as people, sprinkled through its text."""
    plan = draw(plans(max_priorities=3, max_actions=4, max_reviews=2))
    names = draw(st.lists(NAMES, min_size=1, max_size=3, unique=True))
    secret = iter(range(10_000))

    def marked(text: str) -> str:
        return f"{text} Qzxv{next(secret)}secret"

    def sprinkle(text: str) -> str:
        return f"{text} {draw(st.sampled_from(names))}" if draw(st.booleans()) else text

    priorities = []
    for priority in plan.priorities:
        actions = []
        for action in priority.actions:
            if action.restricted:
                actions.append(attrs.evolve(action, text=marked(action.text), lead=marked("Lead")))
            else:
                actions.append(attrs.evolve(action, text=sprinkle(action.text)))
        title = sprinkle(priority.title)
        priorities.append(attrs.evolve(priority, title=title, actions=tuple(actions)))
    reviews = []
    for review in plan.reviews:
        updates = {
            i: attrs.evolve(u, note=marked(u.note or "Note")) if u.restricted else u
            for i, u in review.updates.items()
        }
        reviews.append(attrs.evolve(review, title=sprinkle(review.title), updates=updates))
    people = (*plan.partnership.people, sp.Person("Designated Nurse", names[0], restricted=True))
    # A child's name, restricted only as the subject of the case reviews.
    child = draw(NAMES.filter(lambda name: name not in names))
    case_reviews = tuple(
        attrs.evolve(r, subject=child, subject_restricted=True, title=f"{r.title} {child}")
        for r in plan.case_reviews
    )
    plan = attrs.evolve(
        plan,
        partnership=attrs.evolve(
            plan.partnership, name=sprinkle(plan.partnership.name), people=people
        ),
        title=f"{plan.title} {names[0]}",  # every document shows the title
        priorities=tuple(priorities),
        reviews=tuple(reviews),
        restricted_words=tuple(names[1:]),
        case_reviews=case_reviews,
    )
    latest = plan.reviews[-1].updates if plan.reviews else {}
    shown_on_board = [a.text for a in plan.actions if a.restricted] + [
        u.note for u in latest.values() if u.restricted and u.note is not None
    ]
    markers = [m.split(" ")[-1] for m in shown_on_board] + ([child] if case_reviews else [])
    return plan, markers, [*names, child]


@settings(max_examples=25)
@given(secret_plans())
def test_nothing_restricted_reaches_any_public_export(
    drawn: tuple[sp.Plan, list[str], list[str]],
) -> None:
    plan, markers, names = drawn
    assert sp.loads(sp.dumps(plan)) == plan  # a plan a partnership could write
    public = _exports(plan, "public")
    for name, data in public.items():
        for secret in ["Qzxv", *names]:
            assert secret.encode() not in data, f"{secret!r} leaked into the public {name}"
    if plan.reviews:
        # The yearly report's trend names each review and priority as the public report does.
        made = sp.yearly_report(plan, _year(plan))
        assert made.year is not None
        trend = made.year.trend
        assert "; ".join(trend.categories[1:]) == made.year.reviews
        assert [s.name for s in trend.series[:-1]] == [
            f"{made.words.priority} {p.id}" for p in made.priorities
        ]
    board = _exports(plan, "board")
    for name, data in board.items():
        if name.endswith("yearly report"):  # it shows only the actions lacking progress
            continue
        assert names[0].encode() in data, f"the board {name} lacks the title"
        for marker in markers:
            assert marker.encode() in data, f"the board {name} lacks {marker!r}"


def test_what_a_public_document_shows_instead() -> None:
    plan = sp.loads(
        """\
format: safeguarding-plan/1
partnership:
  name: Anytown Safeguarding Children Partnership
  people:
    - {role: Designated Nurse, name: Ayesha Khan, restricted: true}
plan: {title: Business Improvement Plan, period: 2021/23}
ratings: faces
restricted_words: [Jo Bloggs]
priorities:
  - id: "1"
    title: Learning from the review about jo bloggs
    actions:
      - {id: "1.1", text: Case review for Jo Bloggs, lead: Ayesha Khan, restricted: true}
      - {id: "1.2", text: Audit with Ayesha Khan, lead: Business Unit}
      - {id: "1.3", text: Training, lead: Business Unit}
reviews:
  - id: 2022-02
    title: February 2022 – Update
    as_of: 2022-01-31
    updates:
      "1.1": {progress: in-progress, rating: frown, note: JO BLOGGS moved school}
      "1.2": {progress: complete, rating: happy, note: Done, restricted: true}
      "1.3": {progress: complete, rating: happy, note: Delivered}
"""
    )
    public = sp.report(plan, audience="public")
    first, second, third = public.rows
    assert (first.text, first.lead, first.note, first.withheld) == (WITHHELD, None, None, True)
    assert (second.text, second.lead, second.note) == (
        f"Audit with {REDACTED}",
        "Business Unit",
        WITHHELD_UPDATE,
    )
    assert third.note == "Delivered"
    assert public.priorities[0].title == f"Learning from the review about {REDACTED}"
    # The numbers are the same for every audience; only the words are withheld.
    assert attrs.evolve(public.score, by_priority={}) == attrs.evolve(
        sp.score(plan), by_priority={}
    )
    assert public.score.by_priority["1"].title == f"Learning from the review about {REDACTED}"
    board = sp.report(plan)
    assert board.rows[0].note == "JO BLOGGS moved school"
    assert board.rows[1].note == "Done"


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("[J]", "restricted word 'J' is too short to withhold; give names of at least two letters"),
        ("['- ']", "restricted word '- ' is too short to withhold"),
    ],
)
def test_a_restricted_word_must_be_a_name(words: str, message: str) -> None:
    text = f"""\
format: safeguarding-plan/1
partnership: {{name: Anytown}}
plan: {{title: Plan}}
ratings: faces
restricted_words: {words}
priorities: []
"""
    with pytest.raises(sp.PlanError, match=message):
        sp.loads(text)


def test_restricted_flags_round_trip() -> None:
    plan = sp.Plan(
        partnership=sp.Partnership("P", people=(sp.Person("Chair", "Jo Bloggs", restricted=True),)),
        title="Plan",
        ratings=sp.RATING_SCALES["faces"],
        priorities=(sp.Priority("1", "t", (sp.Action("1.1", "a"),)),),
        reviews=(
            sp.Review(
                "r",
                "R",
                date(2022, 1, 31),
                {"1.1": sp.ActionUpdate(note="n", restricted=True)},
            ),
        ),
        restricted_words=("Ayesha Khan",),
    )
    text = sp.dumps(plan)
    assert "restricted: true" in text
    assert "restricted_words:\n- Ayesha Khan" in text
    assert sp.loads(text) == plan
