"""Writing a plan back: ``loads(dumps(plan)) == plan``, stable output, documented key order,
and text that every YAML reader takes back as the same text."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from strategies import PEOPLES_DUE_DATES, TRICKY_IDS, plans

import safeguarding_plan as sp
from safeguarding_plan.model import ratings
from safeguarding_plan.model.casereviews import REVIEW_DATES
from safeguarding_plan.model.paper import Paper

BIRMINGHAM = Path(__file__).parent.parent / "examples" / "birmingham-2021-23" / "plan.yaml"

# The key orders the format documents (DESIGN.md, docs/index.md).
TOP = (
    "format",
    "partnership",
    "plan",
    "ratings",
    "priorities",
    "measures",
    "review_every",
    "reviews",
    "restricted_words",
    "practice_themes",
    "timescales",
    "case_reviews",
    "paper",
    "yearly_reports",
)
PARTNERSHIP = ("name", "short_name", "people", "lead_partners")
PERSON = ("role", "name", "restricted")
PLAN = ("title", "period", "start", "end")
RATING = ("key", "label", "symbol", "rag", "meaning")
PRIORITY = ("id", "title", "actions")
ACTION = ("id", "text", "lead", "due", "outcome", "evidenced_by", "themes", "restricted")
REVIEW = ("id", "title", "as_of", "paper", "updates", "measures")
PAPER = (
    "meeting",
    "date",
    "report_of",
    "presented_by",
    "marking",
    "purpose",
    "recommendations",
    "sections",
)
SECTION = ("title", "place", "restricted", "text")
UPDATE = ("progress", "rating", "note", "evidence", "assured", "due", "restricted")
MEASURE = (
    "id",
    "title",
    "unit",
    "baseline",
    "target",
    "better",
    "priorities",
    "actions",
    "source",
    "restricted",
)
CASE_REVIEW = ("id", "kind", "title", "subject", "status", "dates", "themes", "recommendations")
TIMESCALE = ("step", "label", "from", "to", "within", "source", "kinds")

# Plain scalars that some YAML reader resolves to something other than text.
YAML_12_CORE = re.compile(
    r"null|Null|NULL|~|true|True|TRUE|false|False|FALSE"
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
    r"|[-+]?(\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN"
)
MEASURE_NUMBER = re.compile(r"-?[0-9]{1,9}(\.[0-9]{1,4})?")
_NUMBERS_OF = "a review's measures"
YAML_11_BOOL = re.compile(r"y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF")


def minimal(*actions: sp.Action, reviews: tuple[sp.Review, ...] = ()) -> sp.Plan:
    return sp.Plan(
        partnership=sp.Partnership(name="Anyshire Safeguarding Children Partnership"),
        title="Business Improvement Plan",
        ratings=ratings.FACES,
        priorities=(sp.Priority(id="1", title="Leadership", actions=actions),),
        reviews=reviews,
    )


# -- round trips ---------------------------------------------------------------------------------


@given(plans())
def test_round_trip(plan: sp.Plan) -> None:
    text = sp.dumps(plan)
    assert sp.loads(text) == plan
    assert sp.loads(text.encode("utf-8")) == plan


@given(plans(max_priorities=2, max_actions=4, max_reviews=2))
def test_dump_to_path_and_stream(tmp_path_factory: pytest.TempPathFactory, plan: sp.Plan) -> None:
    path = tmp_path_factory.mktemp("dump") / "plan.yaml"
    sp.dump(plan, path)
    assert sp.load(path) == plan
    assert sp.load(str(path)) == plan
    data = path.read_bytes()
    assert b"\r" not in data  # a \r in the text is written escaped, never raw
    assert data.decode("utf-8") == sp.dumps(plan)

    stream = io.StringIO()
    sp.dump(plan, stream)
    assert stream.getvalue() == sp.dumps(plan)
    stream.seek(0)
    assert sp.load(stream) == plan
    assert sp.load(io.BytesIO(stream.getvalue().encode("utf-8"))) == plan


@given(plans())
def test_dumps_is_stable(plan: sp.Plan) -> None:
    text = sp.dumps(plan)
    assert sp.dumps(plan) == text
    assert sp.dumps(sp.loads(text)) == text


def test_birmingham_round_trips(birmingham: sp.Plan, tmp_path: Path) -> None:
    text = sp.dumps(birmingham)
    assert sp.loads(text) == birmingham
    assert sp.dumps(sp.loads(text)) == text
    sp.dump(birmingham, tmp_path / "plan.yaml")
    again = sp.load(tmp_path / "plan.yaml")
    assert again == birmingham
    assert sp.score(again) == sp.score(birmingham)


def test_birmingham_output(birmingham: sp.Plan) -> None:
    text = sp.dumps(birmingham)
    assert text.startswith("format: safeguarding-plan/1\npartnership:\n")
    assert "\nratings: faces\n" in text
    assert "period: 2021/23\n" in text
    assert "February 2022 – Update" in text  # written as it is, not escaped
    lines = text.splitlines()
    assert "  - id: '1.10'" in lines
    assert "    '1.10':" in lines
    assert "- id: '1'" in lines
    assert "  as_of: '2022-01-31'" in lines


# -- text every reader gets back -----------------------------------------------------------------


def test_tricky_ids_are_quoted() -> None:
    acts = tuple(sp.Action(id=i, text=i) for i in TRICKY_IDS)
    updates = {i: sp.ActionUpdate(note=i) for i in TRICKY_IDS}
    plan = minimal(*acts, reviews=(sp.Review("r", "R", date(2022, 1, 31), updates),))
    text = sp.dumps(plan)
    assert sp.loads(text) == plan
    lines = text.splitlines()
    for quoted in ("1.10", "7", "01", "no", "2021-05-01", "1e3", "null", "~", "y", "0o17"):
        assert f"  - id: '{quoted}'" in lines, quoted
        assert f"    '{quoted}':" in lines, quoted
    # Written plain, an id in curly quotes would be refused as a word processor's slip.
    for curly in ("“1.1”", "‘1.1’", "1.1”"):
        assert f"  - id: '{curly}'" in lines, curly


@given(plans())
def test_yaml_11_readers_get_the_same_text(plan: sp.Plan) -> None:
    # PyYAML's own (pure-Python, YAML 1.1) reader is not the one our loader uses.
    data = yaml.load(sp.dumps(plan), Loader=yaml.SafeLoader)
    assert data["partnership"]["name"] == plan.partnership.name
    written = [a for p in data["priorities"] for a in p["actions"]]
    assert [a["id"] for a in written] == [a.id for a in plan.actions]
    assert [a["text"] for a in written] == [a.text for a in plan.actions]
    assert [a.get("restricted", False) for a in written] == [a.restricted for a in plan.actions]
    for review, read in zip(plan.reviews, data.get("reviews", []), strict=True):
        assert read["id"] == review.id
        assert read["as_of"] == review.as_of.isoformat()
        assert set(read.get("updates", {})) == set(review.updates)
        # A measure's numbers are numbers to every reader, and the same numbers.
        values = read.pop("measures", {})
        assert set(values) == set(review.measures)
        for measure_id, value in values.items():
            given = review.measures[measure_id]
            number = value.get("value") if isinstance(value, dict) else value
            assert number == (None if given.value is None else pytest.approx(float(given.value)))
            assert (value.get("note") if isinstance(value, dict) else None) == given.note
    for measure, read in zip(plan.measures, data.pop("measures", []), strict=True):
        for key in ("baseline", "target"):
            written = read.pop(key, None)
            given = getattr(measure, key)
            assert written == (None if given is None else pytest.approx(float(given)))
            assert written is None or Decimal(str(written)) == given

    def only_text(node: object, key: object = None) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                assert isinstance(k, str), k
                only_text(v, k)
        elif isinstance(node, list):
            for item in node:
                only_text(item, key)
        elif key == "restricted":  # true for an action or update, false for a public subject
            assert isinstance(node, bool)
        else:
            assert isinstance(node, str), (key, node)

    only_text(data)


def plain_scalars(node: yaml.Node, key: str | None = None) -> list[tuple[str | None, str]]:
    """(key it is the value of, text) of every plain scalar, keys included."""
    if isinstance(node, yaml.MappingNode):
        return [
            found
            for k, v in node.value
            for found in plain_scalars(k, None)
            + plain_scalars(v, _NUMBERS_OF if key == "measures" else k.value)
        ]
    if isinstance(node, yaml.SequenceNode):  # the plan's measures are a list, a review's not
        key = None if key == "measures" else key
        return [found for item in node.value for found in plain_scalars(item, key)]
    return [(key, node.value)] if node.style in (None, "") else []


@given(plans())
def test_no_plain_scalar_is_a_number_or_bool_to_any_reader(plan: sp.Plan) -> None:
    for key, value in plain_scalars(yaml.compose(sp.dumps(plan), Loader=yaml.SafeLoader)):
        if key == "restricted":  # the one boolean the format has
            assert value in ("true", "false")
            continue
        if key in ("baseline", "target", "value", _NUMBERS_OF):  # a measure's numbers
            assert MEASURE_NUMBER.fullmatch(value), value
            assert isinstance(yaml.safe_load(value), int | float), value
            continue
        assert not YAML_12_CORE.fullmatch(value), value
        assert not YAML_11_BOOL.fullmatch(value), value


@pytest.mark.parametrize(
    "text", ["\x85", "a\u2028b", "a\u2029", "x \u2028 y", "\u2028a", "line\x85\n next"]
)
def test_yaml_line_breaks_are_escaped(text: str) -> None:
    plan = minimal(sp.Action(id=text, text=text, lead=text))
    written = sp.dumps(plan)
    assert not re.search("[\x85\u2028\u2029]", written)
    if "\x85" in text:  # NEL is a control character, which no plan may hold, however written
        with pytest.raises(sp.PlanError, match=r"control character \(U\+0085, written \\N\)"):
            sp.loads(written)
    else:
        assert sp.loads(written) == plan


def test_emoji_are_written_as_themselves() -> None:
    text = "Good progress 😊 – 👩🏽‍⚕️ lead ☹️"
    plan = minimal(sp.Action(id="😊", text=text))
    written = sp.dumps(plan)
    assert f"    text: {text}\n" in written
    assert "\\U" not in written
    assert sp.loads(written) == plan


# -- layout --------------------------------------------------------------------------------------


def keys(node: yaml.Node) -> list[str]:
    assert isinstance(node, yaml.MappingNode)
    return [k.value for k, _ in node.value]


def values(node: yaml.Node) -> dict[str, yaml.Node]:
    assert isinstance(node, yaml.MappingNode)
    return {k.value: v for k, v in node.value}


def assert_in_order(node: yaml.Node, order: tuple[str, ...]) -> None:
    found = keys(node)
    assert found == [k for k in order if k in found], (found, order)


def assert_documented_order(text: str, plan: sp.Plan) -> None:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    present = {
        "measures": plan.measures,
        "review_every": plan.review_every,
        "reviews": plan.reviews,
        "restricted_words": plan.restricted_words,
        "practice_themes": plan.practice_themes,
        "timescales": plan.timescales,
        "case_reviews": plan.case_reviews,
        "paper": plan.paper != Paper(),
        "yearly_reports": plan.yearly_reports,
    }
    assert keys(root) == list(TOP[:5]) + [k for k in TOP[5:] if present[k]]
    top = values(root)
    for review in top.get("case_reviews", yaml.SequenceNode("", [])).value:
        assert_in_order(review, CASE_REVIEW)
        dates = values(review).get("dates")
        if dates is not None:
            assert keys(dates) == [n for n in REVIEW_DATES if n in keys(dates)]
    for timescale in top.get("timescales", yaml.SequenceNode("", [])).value:
        assert_in_order(timescale, TIMESCALE)
    for measure in top.get("measures", yaml.SequenceNode("", [])).value:
        assert_in_order(measure, MEASURE)
    assert_in_order(top["partnership"], PARTNERSHIP)
    for person in values(top["partnership"]).get("people", yaml.SequenceNode("", [])).value:
        assert_in_order(person, PERSON)
    assert_in_order(top["plan"], PLAN)
    papers = [top["paper"]] if "paper" in top else []
    papers += [
        values(r)["paper"]
        for r in top.get("reviews", yaml.SequenceNode("", [])).value
        if "paper" in values(r)
    ]
    for paper in papers:
        assert_in_order(paper, PAPER)
        for section in values(paper).get("sections", yaml.SequenceNode("", [])).value:
            assert_in_order(section, SECTION)
    if isinstance(top["ratings"], yaml.SequenceNode):
        for rating in top["ratings"].value:
            assert_in_order(rating, RATING)
    else:
        assert top["ratings"].value == plan.ratings.name
    for priority in top["priorities"].value:
        assert_in_order(priority, PRIORITY)
        for action in values(priority)["actions"].value:
            assert_in_order(action, ACTION)
    plan_order = [a.id for a in plan.actions]
    measure_order = [m.id for m in plan.measures]
    for review in top.get("reviews", yaml.SequenceNode("", [])).value:
        assert_in_order(review, REVIEW)
        updates = values(review).get("updates")
        if updates is not None:
            assert keys(updates) == [a for a in plan_order if a in keys(updates)]
            for update in values(updates).values():
                if isinstance(update, yaml.MappingNode):
                    assert_in_order(update, UPDATE)
        measured = values(review).get("measures")
        if measured is not None:
            assert keys(measured) == [m for m in measure_order if m in keys(measured)]


@given(plans())
def test_keys_in_documented_order(plan: sp.Plan) -> None:
    assert_documented_order(sp.dumps(plan), plan)


def test_birmingham_keys_in_documented_order(birmingham: sp.Plan) -> None:
    assert_documented_order(sp.dumps(birmingham), birmingham)


def test_birmingham_file_keys_are_in_the_order_written() -> None:
    # The example is written in the documented order, so the writer should not reorder it.
    source = yaml.compose(BIRMINGHAM.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    written = yaml.compose(sp.dumps(sp.load(BIRMINGHAM)), Loader=yaml.SafeLoader)
    assert keys(source) == keys(written)
    first_action = values(values(source)["priorities"].value[0])["actions"].value[0]
    first_written = values(values(written)["priorities"].value[0])["actions"].value[0]
    assert keys(first_action) == keys(first_written)


def test_updates_are_written_in_plan_order() -> None:
    acts = (sp.Action("1.1", "a"), sp.Action("1.2", "b"), sp.Action("1.10", "c"))
    backwards = {
        "1.10": sp.ActionUpdate(note="third"),
        "1.1": sp.ActionUpdate(note="first"),
        "1.2": sp.ActionUpdate(note="second"),
    }
    plan = minimal(*acts, reviews=(sp.Review("r", "R", date(2022, 1, 31), backwards),))
    text = sp.dumps(plan)
    assert text.index("first") < text.index("second") < text.index("third")
    assert sp.loads(text) == plan


def test_inline_scale_is_written_out() -> None:
    scale = sp.RatingScale(
        ratings=(
            sp.Rating("on-track", "Achieved or on track", sp.Rag.GREEN, 0, "😊", "On time"),
            sp.Rating("at-risk", "At risk", sp.Rag.AMBER, 1),
        )
    )
    plan = attrs.evolve(minimal(sp.Action("1.1", "a")), ratings=scale)
    text = sp.dumps(plan)
    assert "- key: on-track\n  label: Achieved or on track\n  symbol: 😊\n  rag: green\n" in text
    assert "  meaning: On time\n- key: at-risk\n  label: At risk\n  rag: amber\n" in text
    assert sp.loads(text) == plan


def test_a_scale_like_a_built_in_one_but_unnamed_stays_inline() -> None:
    unnamed = sp.RatingScale(ratings=ratings.RAG.ratings)
    plan = attrs.evolve(minimal(sp.Action("1.1", "a")), ratings=unnamed)
    assert "ratings: rag" not in sp.dumps(plan)
    assert sp.loads(sp.dumps(plan)).ratings == unnamed


@pytest.mark.parametrize(
    ("period", "written"),
    [
        (sp.Period(date(2021, 4, 1), date(2023, 3, 31), "2021/23"), "  period: 2021/23\n"),
        (
            sp.Period(date(2021, 1, 1), date(2022, 6, 30)),
            "  start: '2021-01-01'\n  end: '2022-06-30'\n",
        ),
    ],
)
def test_period_written(period: sp.Period, written: str) -> None:
    plan = attrs.evolve(minimal(), period=period)
    assert written in sp.dumps(plan)
    assert sp.loads(sp.dumps(plan)) == plan


@pytest.mark.parametrize(
    ("every", "written"),
    [
        (sp.Interval(3, sp.Unit.MONTHS), "review_every: 3 months\n"),
        (sp.Interval(1, sp.Unit.MONTHS), "review_every: 1 month\n"),
        (sp.Interval(42, sp.Unit.CALENDAR_DAYS), "review_every: 42 days\n"),
    ],
)
def test_review_every_written(every: sp.Interval, written: str) -> None:
    plan = attrs.evolve(minimal(sp.Action("1.1", "a")), review_every=every)
    text = sp.dumps(plan)
    assert written in text
    assert text.index("priorities:") < text.index("review_every:")
    assert sp.loads(text) == plan
    assert sp.dumps(sp.loads(text)) == text


@pytest.mark.parametrize(("written", "last_day"), PEOPLES_DUE_DATES)
def test_due_dates_as_people_write_them_are_written_back_as_written(
    written: str, last_day: date | None
) -> None:
    due = sp.Due(written, last_day)
    update = sp.ActionUpdate(due=due)
    plan = minimal(
        sp.Action("1.1", "x", due=due),
        reviews=(sp.Review("r", "R", date(2022, 1, 31), {"1.1": update}),),
    )
    text = sp.dumps(plan)
    assert sp.loads(text) == plan
    assert sp.loads(text).states()["1.1"].due == due
    assert sp.dumps(sp.loads(text)) == text
    assert yaml.safe_load(text)["priorities"][0]["actions"][0]["due"] == written


def test_optional_fields_left_out() -> None:
    text = sp.dumps(minimal(sp.Action("1.1", "Do it")))
    for absent in ("short_name", "people", "period", "lead", "due", "themes", "restricted"):
        assert f"{absent}:" not in text, absent
    assert "reviews" not in text
    assert "review_every" not in text


@given(st.sampled_from(TRICKY_IDS), st.sampled_from(TRICKY_IDS))
def test_update_with_nothing_but_a_revised_due(action_id: str, review_id: str) -> None:
    update = sp.ActionUpdate(due=sp.Due("Q3 2021/22", date(2021, 12, 31)))
    plan = minimal(
        sp.Action(action_id, "x"),
        reviews=(sp.Review(review_id, "R", date(2022, 1, 31), {action_id: update}),),
    )
    assert sp.loads(sp.dumps(plan)) == plan
    assert sp.loads(sp.dumps(plan)).states()[action_id].due == update.due
