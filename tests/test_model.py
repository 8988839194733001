"""The model: immutable, slotted, hashable data with the lookups reports need."""

from __future__ import annotations

import re
from datetime import date, datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import plans

import safeguarding_plan as sp
from safeguarding_plan import markup
from safeguarding_plan.model import ratings
from safeguarding_plan.model.ratings import folded

DUE = sp.Due("by March 2022", date(2022, 3, 31))


def small_plan() -> sp.Plan:
    """Two priorities, three actions, two reviews."""
    return sp.Plan(
        partnership=sp.Partnership(name="Anyshire Safeguarding Children Partnership"),
        title="Business Improvement Plan",
        ratings=ratings.FACES,
        priorities=(
            sp.Priority(
                id="1",
                title="Leadership",
                actions=(sp.Action(id="1.1", text="Report", due=DUE), sp.Action("1.10", "Chair")),
            ),
            sp.Priority(id="2", title="Practice", actions=(sp.Action("2.1", "Audit"),)),
        ),
        reviews=(
            sp.Review(
                id="2021-11",
                title="November 2021 – Update",
                as_of=date(2021, 10, 31),
                updates={
                    "1.1": sp.ActionUpdate(sp.Progress.IN_PROGRESS, "neutral", "Drafted"),
                    "2.1": sp.ActionUpdate(rating="sad", note="Not begun"),
                },
            ),
            sp.Review(
                id="2022-02",
                title="February 2022 – Update",
                as_of=date(2022, 1, 31),
                updates={"1.1": sp.ActionUpdate(sp.Progress.COMPLETE, "happy", "Presented")},
            ),
        ),
    )


def every_model_object(plan: sp.Plan) -> list[object]:
    review = plan.reviews[0]
    return [
        plan,
        plan.partnership,
        sp.Person(role="Independent Chair", name="A Person"),
        plan.ratings,
        plan.ratings["happy"],
        plan.priorities[0],
        plan.action("1.1"),
        DUE,
        sp.Period(date(2021, 4, 1), date(2023, 3, 31), "2021/23"),
        review,
        review.updates["1.1"],
        plan.states()["1.1"],
    ]


# -- frozen, slotted, hashable -----------------------------------------------------------------


@pytest.mark.parametrize("index", range(12))
def test_model_objects_are_frozen(index: int) -> None:
    thing = every_model_object(small_plan())[index]
    first_field = attrs.fields(type(thing))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(thing, first_field, getattr(thing, first_field))


@pytest.mark.parametrize("index", range(12))
def test_model_objects_are_slotted(index: int) -> None:
    thing = every_model_object(small_plan())[index]
    assert "__slots__" in type(thing).__dict__
    assert not hasattr(thing, "__dict__")


@pytest.mark.parametrize("index", range(12))
def test_model_objects_hash_by_value(index: int) -> None:
    one = every_model_object(small_plan())[index]
    other = attrs.evolve(one)
    assert one is not other
    assert one == other
    assert hash(one) == hash(other)
    assert len({one, other}) == 1


def test_review_updates_cannot_be_changed() -> None:
    given_updates = {"1.1": sp.ActionUpdate(note="x")}
    review = sp.Review(id="r", title="R", as_of=date(2022, 1, 31), updates=given_updates)
    with pytest.raises(TypeError):
        review.updates["1.1"] = sp.ActionUpdate()  # type: ignore[index]
    given_updates["2.2"] = sp.ActionUpdate()
    assert list(review.updates) == ["1.1"]


def test_evolve_rebuilds_the_action_index() -> None:
    plan = small_plan()
    extra = sp.Priority(id="3", title="Covid", actions=(sp.Action("3.1", "Recover"),))
    grown = attrs.evolve(plan, priorities=(*plan.priorities, extra))
    assert grown.action("3.1").text == "Recover"
    assert grown.priority_of("3.1") is extra
    with pytest.raises(KeyError):
        plan.action("3.1")


@given(plans())
def test_generated_plans_are_hashable_and_equal_to_their_copies(plan: sp.Plan) -> None:
    copy = attrs.evolve(plan)
    assert copy == plan
    assert hash(copy) == hash(plan)


# -- Plan lookups --------------------------------------------------------------------------------


def test_plan_actions_in_plan_order() -> None:
    plan = small_plan()
    assert [a.id for a in plan.actions] == ["1.1", "1.10", "2.1"]
    assert plan.action("1.10").text == "Chair"
    assert plan.action("1.1").text == "Report"  # 1.10 is not 1.1
    assert plan.priority_of("2.1").id == "2"
    assert plan.priority_of("1.10").title == "Leadership"


@pytest.mark.parametrize("lookup", ["action", "priority_of"])
def test_plan_unknown_action_is_a_key_error(lookup: str) -> None:
    with pytest.raises(KeyError):
        getattr(small_plan(), lookup)("1.2")


def test_plan_review_by_id_and_latest() -> None:
    plan = small_plan()
    assert plan.review().id == "2022-02"
    assert plan.review("2021-11").title == "November 2021 – Update"
    with pytest.raises(KeyError, match="2021-11"):  # the message names the reviews there are
        plan.review("2022-05")


def test_plan_without_reviews() -> None:
    plan = attrs.evolve(small_plan(), reviews=())
    with pytest.raises(KeyError, match="no reviews"):
        plan.review()
    states = plan.states()
    assert list(states) == ["1.1", "1.10", "2.1"]
    assert {s.progress for s in states.values()} == {sp.Progress.NOT_STARTED}
    assert {s.rating for s in states.values()} == {None}
    assert states["1.1"].due == DUE


def test_plan_states_unknown_review_is_a_key_error_even_without_reviews() -> None:
    with pytest.raises(KeyError, match="2022-02"):
        attrs.evolve(small_plan(), reviews=()).states("2022-02")
    with pytest.raises(KeyError, match="2099"):
        small_plan().states("2099")


def test_plan_states_carry_forward() -> None:
    plan = small_plan()
    early, late = plan.states("2021-11"), plan.states()
    assert early["1.1"].progress is sp.Progress.IN_PROGRESS
    assert early["1.1"].rating == ratings.FACES["neutral"]
    assert early["1.1"].note == "Drafted"
    assert early["1.1"].updated
    assert late["1.1"].progress is sp.Progress.COMPLETE
    assert late["1.1"].rating is ratings.FACES["happy"]
    # 2.1 has no update in February: its rating carries forward, its note does not.
    assert late["2.1"].progress is sp.Progress.NOT_STARTED
    assert late["2.1"].rating is ratings.FACES["sad"]
    assert late["2.1"].note is None
    assert not late["2.1"].updated
    # 1.10 was never updated.
    assert late["1.10"] == sp.ActionState(
        action=plan.action("1.10"),
        progress=sp.Progress.NOT_STARTED,
        rating=None,
        note=None,
        due=None,
        updated=False,
    )


def test_a_revised_due_date_carries_forward() -> None:
    plan = small_plan()
    moved = sp.Due("Q1 2022/23", date(2022, 6, 30))
    first = attrs.evolve(
        plan.reviews[0], updates={**plan.reviews[0].updates, "1.10": sp.ActionUpdate(due=moved)}
    )
    plan = attrs.evolve(plan, reviews=(first, plan.reviews[1]))
    assert plan.states("2021-11")["1.10"].due == moved
    assert plan.states("2022-02")["1.10"].due == moved
    assert plan.action("1.10").due is None


# -- ratings -------------------------------------------------------------------------------------


def test_rating_scale_lookup_contains_keys_order() -> None:
    scale = ratings.FACES
    assert scale["frown"].key == "frown"
    assert scale["frown"].order == 2
    assert "sad" in scale
    assert "Sad" not in scale
    assert "😞" not in scale  # keys, not symbols
    assert 3 not in scale
    with pytest.raises(KeyError):
        scale["great"]
    assert scale.keys == ("happy", "neutral", "frown", "sad")
    assert len(scale) == 4
    assert [r.key for r in scale] == list(scale.keys)
    assert [r.order for r in scale] == [0, 1, 2, 3]


def test_inline_scale_lookup() -> None:
    scale = sp.RatingScale(
        ratings=(
            sp.Rating("on-track", "Achieved or on track", sp.Rag.GREEN, 0, "😊"),
            sp.Rating("7", "Seven", sp.Rag.GREY, 1),
        )
    )
    assert scale.name is None
    assert scale.keys == ("on-track", "7")
    assert scale["7"].label == "Seven"
    assert "7" in scale
    assert scale != ratings.FACES


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("faces", [("happy", "😊"), ("neutral", "😐"), ("frown", "☹️"), ("sad", "😞")]),
        ("rag", [("green", None), ("amber", None), ("red", None)]),
        ("brag", [("blue", None), ("green", None), ("amber", None), ("red", None)]),
    ],
)
def test_built_in_scales_keys_and_symbols(name: str, expected: list[tuple[str, str]]) -> None:
    scale = sp.RATING_SCALES[name]
    assert scale.name == name
    assert [(r.key, r.symbol) for r in scale] == expected
    assert [r.order for r in scale] == list(range(len(expected)))


def test_built_in_scales_are_exactly_faces_rag_brag() -> None:
    assert list(sp.RATING_SCALES) == ["faces", "rag", "brag"]


def test_built_in_rag_colours() -> None:
    assert [r.rag for r in sp.RATING_SCALES["rag"]] == [sp.Rag.GREEN, sp.Rag.AMBER, sp.Rag.RED]
    assert [r.rag.value for r in sp.RATING_SCALES["brag"]] == ["blue", "green", "amber", "red"]
    assert sp.RATING_SCALES["faces"]["happy"].rag is sp.Rag.GREEN
    assert sp.RATING_SCALES["faces"]["sad"].rag is sp.Rag.RED


@pytest.mark.parametrize(
    "rating", [r for scale in sp.RATING_SCALES.values() for r in scale], ids=repr
)
def test_every_built_in_rating_has_words(rating: sp.Rating) -> None:
    # A screen reader reads the label; the emoji is never all there is.
    for words in (rating.label, rating.meaning):
        assert words is not None
        assert words.strip() == words
        assert any(ch.isalpha() for ch in words)
        assert words.isascii(), "words, not symbols"
    assert rating.symbol is None or rating.symbol not in rating.label


def test_built_in_labels_are_distinct_within_a_scale() -> None:
    for scale in sp.RATING_SCALES.values():
        labels = [r.label for r in scale]
        assert len(set(labels)) == len(labels)


# -- words ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("progress", "label"),
    [
        (sp.Progress.NOT_STARTED, "Not started"),
        (sp.Progress.IN_PROGRESS, "In progress"),
        (sp.Progress.COMPLETE, "Complete"),
        (sp.Progress.DEFERRED, "Deferred"),
        (sp.Progress.CANCELLED, "Cancelled"),
    ],
)
def test_progress_label(progress: sp.Progress, label: str) -> None:
    assert progress.label == label


def test_progress_values_are_the_file_format() -> None:
    assert [p.value for p in sp.Progress] == [
        "not-started",
        "in-progress",
        "complete",
        "deferred",
        "cancelled",
    ]


def test_rag_label() -> None:
    assert [r.label for r in sp.Rag] == ["Blue", "Green", "Amber", "Red", "Grey"]


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (date(2021, 4, 1), date(2023, 3, 31), "2021-23"),
        (date(2022, 4, 1), date(2023, 3, 31), "2022-23"),
        (date(1999, 4, 1), date(2000, 3, 31), "1999-00"),
        (date(2022, 1, 1), date(2022, 12, 31), "2022"),
    ],
)
def test_period_label(start: date, end: date, label: str) -> None:
    assert sp.Period(start, end).label == label


def test_birmingham_period(birmingham: sp.Plan) -> None:
    assert birmingham.period == sp.Period(date(2021, 4, 1), date(2023, 3, 31), "2021/23")
    assert birmingham.period is not None
    assert birmingham.period.label == "2021-23"


_NAMES = "Paper.presented_by is a sequence of names, one for each presenter"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            {"presented_by": "Jo Bloggs"},
            f"{_NAMES}, not one str; for one, write presented_by=('Jo Bloggs',)",
        ),
        ({"presented_by": b"Jo Bloggs"}, f"{_NAMES}, not one bytes"),
        ({"presented_by": ["Jo Bloggs", 3]}, f"{_NAMES}, each a str, not int"),
        ({"presented_by": 3}, f"{_NAMES}, not int"),
        (
            {"recommendations": "Note the report"},
            "Paper.recommendations is a sequence of Narrative, one for each recommendation, not "
            "one str",
        ),
        ({"sections": ["Thanks"]}, "Paper.sections is a sequence of NarrativeSection, each a "
         "NarrativeSection, not str"),
        ({"marking": b"OFFICIAL"}, "Paper.marking is text (a str) or None, not bytes"),
        ({"meeting": 3}, "Paper.meeting is text (a str) or None, not int"),
        ({"date": "2022-03-10"}, "Paper.date is a date or None, not str"),
        ({"purpose": "Why"}, "Paper.purpose is a Narrative or None, not str"),
    ],
)  # fmt: skip
def test_a_paper_made_in_code_is_checked_as_it_is_made(
    given: dict[str, object], message: str
) -> None:
    with pytest.raises(TypeError) as refused:
        sp.Paper(**given)  # type: ignore[arg-type]
    assert str(refused.value) == message
    field = next(iter(given))
    with pytest.raises(TypeError):  # changed, it is checked again
        attrs.evolve(sp.Paper(), **given)  # type: ignore[arg-type]
    assert field in message


_WHAT = "a line of the paper's title block holds at most 255"
_ONE_LINE = "must be one line; it is a line of the paper's title block"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"report_of": "r" * 1000}, f"Paper.report_of has 1,000 characters; {_WHAT}"),
        ({"meeting": "Executive\nBoard"}, f"Paper.meeting {_ONE_LINE}"),
        ({"marking": "OFFICIAL\u2028SENSITIVE"}, f"Paper.marking {_ONE_LINE}"),
        ({"presented_by": ["Penny\nThompson"]}, f"a name in Paper.presented_by {_ONE_LINE}"),
        ({"presented_by": ["Jo", "p" * 256]}, f"a name in Paper.presented_by has 256 characters; "
         f"{_WHAT}"),
        ({"meeting": ""}, "Paper.meeting must not be empty"),
        ({"presented_by": [""]}, "a name in Paper.presented_by must not be empty"),
    ],
)  # fmt: skip
def test_a_paper_made_in_code_refuses_a_title_block_line_the_plan_file_would(
    given: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as refused:
        sp.Paper(**given)  # type: ignore[arg-type]
    assert str(refused.value) == message
    with pytest.raises(ValueError, match=re.escape(message)):  # changed, it is checked again
        attrs.evolve(sp.Paper(), **given)  # type: ignore[arg-type]


def test_a_title_block_line_of_255_characters_is_taken() -> None:
    assert sp.Paper(meeting="m" * 255, presented_by=["p" * 255]).meeting == "m" * 255


def test_a_papers_date_is_a_day_not_a_moment() -> None:
    with pytest.raises(TypeError) as refused:
        sp.Paper(date=datetime(2022, 3, 10, 14, 0))
    assert str(refused.value) == "Paper.date is a date or None, not datetime"


_WORDS = sp.Narrative.of("Since 1st October 2019")


_SECTIONS_REFUSED = [
        (("Framework", "plain text"), "NarrativeSection.text is a Narrative, not str; for plain "
         "text, write Narrative.of('plain text')"),
        ((None, _WORDS), "NarrativeSection.title is text (a str), not NoneType"),
        ((b"Framework", _WORDS), "NarrativeSection.title is text (a str), not bytes"),
        (("Framework", _WORDS, "before"), "NarrativeSection.place is a Place (Place.BEFORE or "
         "Place.AFTER), not str; write Place.BEFORE"),
        (("Framework", _WORDS, "middle"), "NarrativeSection.place is a Place (Place.BEFORE or "
         "Place.AFTER), not str"),
        (("Framework", _WORDS, sp.Place.AFTER, "false"), "NarrativeSection.restricted is True or "
         "False, not str"),
        (("Framework", _WORDS, sp.Place.AFTER, 0), "NarrativeSection.restricted is True or "
         "False, not int"),
]  # fmt: skip


def test_a_narrative_section_has_a_title() -> None:
    with pytest.raises(ValueError, match="title") as refused:
        sp.NarrativeSection("", _WORDS)
    assert str(refused.value) == "NarrativeSection.title must not be empty"


_BLOCKS = "Narrative.blocks is a sequence of blocks"
_SPAN = sp.Narrative.of("words").blocks[0]


_NARRATIVES_REFUSED = [
        (("# h", ("junk",)), f"{_BLOCKS}, each a Paragraph or BulletList, not str"),
        (("# h", "junk"), f"{_BLOCKS}, not one str"),
        (("words", None), f"{_BLOCKS}, not NoneType"),
        ((None, ()), "Narrative.text is text (a str), not NoneType"),
        (("words", (markup.Paragraph(("words",)),)),  # type: ignore[arg-type]
         "Paragraph.spans is a tuple of Span, each a Span, not str"),
        (("words", (markup.Paragraph((markup.Span(3),)),)),  # type: ignore[arg-type]
         "Paragraph.spans: a Span's text is text (a str), not int"),
        (("- words", (markup.BulletList((markup.ListItem((), ("inner",)),)),)),  # type: ignore[arg-type]
         "ListItem.items is a tuple of ListItem, each a ListItem, not str"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "given", "message"),
    [(sp.NarrativeSection, *case) for case in _SECTIONS_REFUSED]
    + [(sp.Narrative, *case) for case in _NARRATIVES_REFUSED],
)
def test_narrative_and_a_section_made_in_code_are_checked_as_they_are_made(
    kind: type, given: tuple[object, ...], message: str
) -> None:
    with pytest.raises(TypeError) as refused:
        kind(*given)
    assert str(refused.value) == message


def test_a_narrative_takes_any_sequence_of_blocks_as_a_tuple() -> None:
    assert sp.Narrative("words", [_SPAN]) == sp.Narrative.of("words")


@pytest.mark.parametrize(
    ("text", "refused", "message"),
    [
        (None, TypeError, "Narrative.of takes text (a str), not NoneType"),
        (b"x", TypeError, "Narrative.of takes text (a str), not bytes"),
        ("", ValueError, "Narrative.of takes text that is not empty"),
    ],
)
def test_narrative_of_takes_text(text: object, refused: type[Exception], message: str) -> None:
    with pytest.raises(refused) as raised:
        sp.Narrative.of(text)  # type: ignore[arg-type]
    assert str(raised.value) == message


def test_a_paper_takes_any_sequence_of_names_as_a_tuple() -> None:
    names = ["Penny Thompson CBE, Independent Chair", "Simon Cross"]
    assert sp.Paper(presented_by=names) == sp.Paper(presented_by=tuple(names))
    assert sp.Paper(presented_by=iter(names)).presented_by == tuple(names)
    assert sp.Paper(presented_by=["Jo Bloggs"]).presented_by == ("Jo Bloggs",)


def _named(scale: sp.RatingScale, word: str) -> sp.Rating | None:
    """What names a rating, spelt out: its key or label first, else a symbol only one has."""
    by_words = [r for r in scale.ratings if word in (folded(r.key), folded(r.label))]
    if by_words:
        return by_words[0]
    by_symbol = [
        r
        for r in scale.ratings
        if r.symbol and word in (folded(r.symbol), folded(f"{r.symbol} {r.label}"))
    ]
    return by_symbol[0] if len(by_symbol) == 1 else None


_WORDS = st.sampled_from(["a", "A ", "b", "😊", "☹️", "😊 a", "x y", " B"])


@given(
    st.lists(st.tuples(_WORDS, _WORDS, st.none() | _WORDS), min_size=1, max_size=4),
    st.lists(_WORDS | st.sampled_from(["😊 A", "☹ b", "zz"]), max_size=6),
)
def test_a_rating_is_found_by_the_words_that_name_it(
    steps: list[tuple[str, str, str | None]], words: list[str]
) -> None:
    scale = sp.RatingScale(
        tuple(
            sp.Rating(key=key, label=label, symbol=symbol, rag=sp.Rag.GREEN, order=order)
            for order, (key, label, symbol) in enumerate(steps)
        )
    )
    for rating in scale:
        assert scale.find(rating.key) is _named(scale, folded(rating.key))
    for word in words:
        assert scale.find(word) is _named(scale, folded(word))
