"""The plan file is read once, by one parser, into small nodes of its own: what PyYAML's
composer would make of it (texts, places, styles, YAML's nothing), without its nodes or marks,
and with every anchor, alias, tag and merge key found in the same pass."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from conftest import BIRMINGHAM
from hypothesis import example, given, settings
from hypothesis import strategies as st

import safeguarding_plan as sp
from safeguarding_plan.planfile import loading
from safeguarding_plan.planfile import nodes as yamlnodes
from safeguarding_plan.planfile.composing import MappingNode, Node, ScalarNode, SequenceNode

LIBYAML = yamlnodes._Loader


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    """Each test with libyaml's parser and again with PyYAML's own."""
    assert LIBYAML is yaml.CSafeLoader
    chosen = yaml.SafeLoader if request.param == "pure-python" else LIBYAML
    monkeypatch.setattr(yamlnodes, "_Loader", chosen)
    return chosen


def counted(monkeypatch: pytest.MonkeyPatch, loader: type) -> list[str]:
    """Every parser made from now on, by the text it was given; any other way of reading
    YAML fails the test."""
    made: list[str] = []

    class Counting(loader):  # type: ignore[misc, valid-type]
        def __init__(self, stream: str) -> None:
            made.append(stream)
            super().__init__(stream)

    def refused(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the file was read again")

    monkeypatch.setattr(yamlnodes, "_Loader", Counting)
    for name in ("parse", "compose", "compose_all", "load", "scan"):
        monkeypatch.setattr(yaml, name, refused)
    return made


# "&", "!" and "<<" in a plan's text, where none is an anchor, a tag or a merge key.
LOOKALIKES = '# R&D, Q&A\nyearly_reports: []\n"<<": x\n'


def test_a_plan_is_parsed_once(parser: type, monkeypatch: pytest.MonkeyPatch) -> None:
    text = BIRMINGHAM.read_text(encoding="utf-8")
    assert " & " in text
    made = counted(monkeypatch, parser)
    assert len(loading.loads(text + "# R&D, Q&A, done!\n").actions) == 33
    assert made == [text + "# R&D, Q&A, done!\n"]


def test_libyaml_reads_the_files_own_bytes(parser: type, monkeypatch: pytest.MonkeyPatch) -> None:
    # Its text again as UTF-8 would be a copy; PyYAML's own reader reads the text.
    made = counted(monkeypatch, parser)
    assert len(sp.load(BIRMINGHAM).actions) == 33
    data = BIRMINGHAM.read_bytes()
    assert made == [data if parser is LIBYAML else data.decode()]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("  name: &n Birmingham", r":55:9: anchors \('&n'\) are not allowed"),
        ("  name: !t Birmingham", r":55:9: tags \('!t'\) are not allowed"),
    ],
)
def test_a_plan_with_an_anchor_or_a_tag_is_parsed_once(
    parser: type, monkeypatch: pytest.MonkeyPatch, written: str, message: str
) -> None:
    text = BIRMINGHAM.read_text(encoding="utf-8").replace("  name: Birmingham", written, 1)
    made = counted(monkeypatch, parser)
    with pytest.raises(sp.PlanError, match=message):
        loading.loads(text, "plan.yaml")
    assert made == [text]


def test_loading_makes_no_pyyaml_nodes(parser: type, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []

    def record(node: yaml.Node, *args: Any, **kwargs: Any) -> None:
        made.append(type(node).__name__)

    for kind in (yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode):
        monkeypatch.setattr(kind, "__init__", record)
    assert len(sp.load(BIRMINGHAM).actions) == 33
    assert made == []


def test_the_nodes_keep_places_as_numbers_not_marks() -> None:
    root, _ = yamlnodes.compose(BIRMINGHAM.read_text(encoding="utf-8"), "plan.yaml")
    assert isinstance(root, MappingNode)
    seen = 0
    for node in walk(root):
        seen += 1
        assert not hasattr(node, "__dict__")
        places = (node.line, node.column, node.end_line, node.end_column)
        assert all(type(place) is int for place in places)
        assert (node.line, node.column) <= (node.end_line, node.end_column)
    assert seen > 500


def walk(root: Node) -> list[Node]:
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        found.append(node)
        if isinstance(node, MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return found


# -- property: the nodes are PyYAML's, less what a plan does not need ----------------------

YAMLISH = st.lists(
    st.sampled_from(
        [
            "&a",
            " ",
            "\n",
            "- ",
            "a: ",
            "[",
            "]",
            "{",
            "}",
            ",",
            '"q":',
            "'s'",
            "!t ",
            "!!str ",
            "!!null ",
            "R&D",
            "*a",
            "! ",
            "<<: ",
            "~",
            "null",
            "done!",
            "2*3",
            "|\n  x\n",
            "---\n",
        ]
    ),
    max_size=12,
).map("".join)
"""Text made of YAML's indicators around anchors, tags, merge keys and look-alikes."""

_NULL = "tag:yaml.org,2002:null"


def shape(node: yaml.Node) -> Any:
    """What a plan reads of a PyYAML node, as ours keeps it."""
    place = (node.start_mark.line, node.start_mark.column, node.end_mark.line)
    if isinstance(node, yaml.ScalarNode):
        plain = not node.style
        return (
            "text",
            node.value,
            plain,
            node.tag == _NULL and plain,
            *place,
            node.end_mark.column,
        )
    if isinstance(node, yaml.SequenceNode):
        return ("list", bool(node.flow_style), *place, [shape(n) for n in node.value])
    pairs = [(shape(k), shape(v)) for k, v in node.value]
    return ("map", bool(node.flow_style), *place, pairs)


def ours(node: Node) -> Any:
    place = (node.line, node.column, node.end_line)
    if isinstance(node, ScalarNode):
        plain = not node.style
        return ("text", node.value, plain, node.null and plain, *place, node.end_column)
    if isinstance(node, SequenceNode):
        return ("list", node.flow_style, *place, [ours(n) for n in node.value])
    assert isinstance(node, MappingNode)
    return ("map", node.flow_style, *place, [(ours(k), ours(v)) for k, v in node.value])


def refused_by_pyyaml(text: str, root: yaml.Node) -> bool:
    """Whether PyYAML's reading of ``text`` has an anchor, alias, explicit tag or merge key."""
    if any(getattr(e, "anchor", None) for e in yaml.parse(text, Loader=yaml.SafeLoader)):
        return True
    implicit = {f"tag:yaml.org,2002:{n}" for n in ("str", "int", "float", "bool", "null")}
    implicit |= {f"tag:yaml.org,2002:{n}" for n in ("timestamp", "seq", "map", "value")}
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag not in implicit:
            return True
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return False


@settings(max_examples=1500)
@given(YAMLISH)
@example('{"q":&a x}')
@example('{"q":!t x}')
@example("[a]: !t x")
@example("<<: {a: b}")
@example("a: !!null x")
@example("a: !!merge x")
@example("- &a x\n- *a\n- *a\n")
def test_the_nodes_are_pyyamls_and_every_refusal_is_found(text: str) -> None:
    for loader in (yaml.CSafeLoader, yaml.SafeLoader):
        try:
            expected = yaml.compose(text, Loader=loader)
        except yaml.YAMLError:
            continue  # a syntax error, put in words by tests of its own
        root, problems = _compose(loader, text)
        refused = expected is not None and refused_by_pyyaml(text, expected)
        assert bool(problems) == refused, text
        words = ("anchors", "aliases", "tags", "merge keys")
        assert all(any(w in p.message for w in words) for p in problems), text
        if expected is None:
            assert root is None, text
        elif not refused:
            assert root is not None
            assert ours(root) == shape(expected), text


def _compose(loader: type, text: str) -> tuple[Node | None, tuple[sp.Problem, ...]]:
    """Our nodes of ``text`` read with ``loader``, or the problems found."""
    saved = yamlnodes._Loader
    yamlnodes._Loader = loader
    try:
        return yamlnodes.compose(text, "t.yaml")[0], ()
    except sp.PlanError as error:
        return None, error.problems
    finally:
        yamlnodes._Loader = saved


# -- any order: what is read as it is composed reads as the rest --------------------------


def sections(text: str) -> dict[str, str]:
    """The top-level sections of a plan file, by key, each with its lines."""
    found: dict[str, str] = {}
    key = ""
    for line in text.splitlines(keepends=True):
        if line[:1].isalpha():
            key = line.split(":", 1)[0]
        found[key] = found.get(key, "") + line
    return found


# An unknown rating, an update of no action, and assurance of an action not complete: each
# found as it is composed, or at the end, the same.
MISTAKES = (
    (
        '"1.1":\n        progress: complete\n        rating: happy',
        '"1.1":\n        progress: complete\n        rating: glad',
    ),
    ('      "1.2":\n', '      "1.99":\n'),
    (
        '      "2.5":\n        progress: in-progress\n',
        '      "2.5":\n        progress: in-progress\n'
        "        assured: {by: Executive Board, date: 2022-01-31}\n",
    ),
)


def mistaken(text: str) -> str:
    for old, new in MISTAKES:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def messages(text: str) -> list[str]:
    with pytest.raises(sp.PlanError) as caught:
        sp.loads(text, "plan.yaml")
    return sorted(p.message for p in caught.value.problems)


@pytest.mark.parametrize(
    "order",
    [
        ("reviews", "priorities", "ratings"),  # updates before their actions and scale
        ("priorities", "reviews", "ratings"),  # updates before the scale
        ("ratings", "reviews", "priorities"),  # updates before their actions
    ],
)
def test_a_plan_reads_the_same_with_its_parts_in_any_order(order: tuple[str, ...]) -> None:
    text = BIRMINGHAM.read_text(encoding="utf-8")
    parts = sections(text)
    moved = [parts.pop(key) for key in order]
    head = parts.pop("")
    reordered = head + "".join(moved) + "".join(parts.values())
    assert sp.loads(reordered) == sp.loads(text)
    assert messages(mistaken(reordered)) == messages(mistaken(text))
    assert len(messages(mistaken(text))) == 3


def test_a_review_whose_id_follows_its_updates_reads_the_same() -> None:
    # Its updates' messages name the review by its id, not known until it is composed.
    text = BIRMINGHAM.read_text(encoding="utf-8")
    review = '  - id: "2022-02"\n    title: February 2022 – Update\n'
    assert review in text
    moved = text.replace(review, "  - title: February 2022 – Update\n")
    end = moved.index("\nrestricted_words:")
    moved = moved[:end] + '\n    id: "2022-02"' + moved[end:]
    assert sp.loads(moved) == sp.loads(text)
    assert messages(mistaken(moved)) == messages(mistaken(text))


def test_actions_and_updates_are_read_as_composed_not_kept_as_nodes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What the tree holds once the file is composed: of each action only its id (for the
    # checks of the whole plan), and of a review's updates nothing.
    composed: list[Node] = []
    plan = loading.PlanReader.plan

    def seen(reader: loading.PlanReader, root: Node) -> sp.Plan | None:
        composed.extend(walk(root))
        return plan(reader, root)

    monkeypatch.setattr(loading.PlanReader, "plan", seen)
    birmingham = sp.load(BIRMINGHAM)
    texts = {node.value for node in composed if isinstance(node, ScalarNode)}
    actions = birmingham.actions
    assert {a.id for a in actions} <= texts
    assert not texts & {a.text for a in actions}
    notes = {u.note for r in birmingham.reviews for u in r.updates.values() if u.note}
    # A review's measures are kept as nodes until read (one of their notes is an update's).
    notes -= {v.note for r in birmingham.reviews for v in r.measures.values()}
    assert len(notes) > 20
    assert not texts & notes
    assert len(composed) < 4 * len(actions) + 600  # the rest of the plan: its paper, measures
