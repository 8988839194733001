"""Typed exporter options: each exporter declares its options (``Option``: name, type, default,
help), and one place checks and converts what a caller gives, text from the command line or a
Python value, before the exporter's ``write`` runs."""

from __future__ import annotations

import io
import pickle
import re
import types
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.exporting.exporter import option_problem, text_option
from safeguarding_plan.exporting.hookspecs import hookimpl
from safeguarding_plan.exporting.kinds import Day, File, Flag, Integer, Text
from safeguarding_plan.exporting.options import checked
from safeguarding_plan.plugin import Exporter, Option, OptionError, PluginManager
from safeguarding_plan.text import clean

Received = list[Mapping[str, Any]]


def _exporter(*options: Option | str, name: str = "acme") -> tuple[Exporter, Received]:
    """An exporter taking ``options``, and the list each ``write`` appends its options to."""
    received: Received = []

    def write(report: sp.Report, stream: Any, given: Mapping[str, Any]) -> None:
        received.append(given)
        stream.write(b"ok")

    exporter = Exporter(
        name=name, title="Acme", suffix=".txt", media_type="text/plain", write=write,
        options=options,
    )  # fmt: skip
    return exporter, received


def _manager(make_plugin_manager: Callable[..., PluginManager], exporter: Exporter) -> Any:
    plugin = types.ModuleType("acme_plugin")

    @hookimpl
    def register_exporters(register: Callable[[Exporter], None]) -> None:
        register(exporter)

    plugin.register_exporters = register_exporters  # type: ignore[attr-defined]
    return make_plugin_manager(plugin)


# --- declarations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["", "Marking", "meeting-date", "1st", "_private", "two words", "é", "x\n", None, 3]
)
def test_an_option_name_users_could_not_type_is_refused(name: Any) -> None:
    with pytest.raises(sp.ExporterError) as refused:
        Option(name)
    assert str(refused.value) == (
        f"option name {name!r} must be lower-case letters, digits or '_', starting with a letter"
    )


def test_an_option_declared_twice_is_refused_naming_the_exporter_and_the_option() -> None:
    with pytest.raises(sp.ExporterError, match=r"^exporter 'acme': option 'a' is declared twice$"):
        _exporter(Option("a"), Option("b", int), Option("a", date))


def test_options_are_option_declarations() -> None:
    with pytest.raises(
        sp.ExporterError, match=r"^an exporter's options are Option\(\.\.\.\), not 3$"
    ):
        _exporter(3)  # type: ignore[arg-type]


def test_a_type_that_is_neither_known_nor_a_converter_is_refused() -> None:
    with pytest.raises(sp.ExporterError, match="an option's type must be str, int, bool, date"):
        Option("size", type=42)


@pytest.mark.parametrize(
    ("declaration", "message"),
    [
        (
            lambda: Option("copies", int, default="many"),
            "option 'copies': its default 'many' is refused: must be a whole number",
        ),
        (
            lambda: Option("paper", str, choices=("a4", "")),
            "option 'paper': its choice '' is refused: must be non-empty text",
        ),
        (
            lambda: Option("paper", str, choices=("a4", "letter"), default="a5"),
            "option 'paper': its default 'a5' is refused: must be one of a4, letter",
        ),
        (lambda: Option("paper", help=3), "an option's help must be text, not 3"),
    ],
)
def test_a_declaration_that_contradicts_itself_is_refused_as_it_is_made(
    declaration: Callable[[], Option], message: str
) -> None:
    with pytest.raises(sp.ExporterError) as refused:
        declaration()
    assert str(refused.value) == message


def test_a_plugin_with_a_bad_declaration_cannot_register_and_the_warning_says_why(
    make_plugin_manager: Callable[..., PluginManager],
) -> None:
    plugin = types.ModuleType("sloppy")

    @hookimpl
    def register_exporters(register: Callable[[Exporter], None]) -> None:
        register(_exporter(Option("Delimiter"), name="sloppy")[0])

    plugin.register_exporters = register_exporters  # type: ignore[attr-defined]
    with pytest.warns(sp.PluginWarning, match="could not register its exporters: option name"):
        assert "sloppy" not in make_plugin_manager(plugin).exporters


def test_a_default_and_choices_are_kept_converted() -> None:
    when = Option("when", date, default="2022-03-01")
    assert when.default == date(2022, 3, 1)
    assert (when.type_text, when.default_shown) == ("date (YYYY-MM-DD)", "2022-03-01")
    copies = Option("copies", int, choices=("1", 2), default=2)
    assert (copies.choices, copies.type_text, copies.default_shown) == ((1, 2), "one of 1, 2", "2")
    author = Option("author", default_text="the partnership")
    assert (author.default, author.default_shown, author.type_text) == (
        None,
        "the partnership",
        "one line of text",
    )
    assert Option("draft", bool, default=False).default_shown == "no"


def test_the_built_in_exporters_declare_every_option_with_help() -> None:
    manager = sp.get_plugin_manager(autoload=False)
    declared = {
        name: [o.name for o in exporter.options] for name, exporter in manager.exporters.items()
    }
    assert declared == {
        "docx": ["template", "report_to", "author", "meeting_date", "marking"],
        "xlsx": ["lead", "new_review"],
        "md": [],
        "json": [],
    }
    assert all(o.help for exporter in manager.exporters.values() for o in exporter.options)


# --- conversion -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "text", "value", "converted"),
    [
        (str, "  OFFICIAL  ", "OFFICIAL", "OFFICIAL"),
        (int, " 12 ", 12, 12),
        (int, "-3", -3, -3),
        (bool, "Yes", True, True),
        (bool, "off", False, False),
        (date, "2022-03-01", date(2022, 3, 1), date(2022, 3, 1)),
        (File(), "house.dotx", Path("house.dotx"), Path("house.dotx")),
    ],
)
def test_an_option_takes_text_or_a_python_value_alike(
    kind: Any, text: str, value: Any, converted: Any
) -> None:
    option = Option("x", kind)
    assert option.convert(text) == converted
    assert option.convert(value) == converted
    assert type(option.convert(text)) is type(converted)


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        (str, "", "must be non-empty text"),
        (str, 3, "must be non-empty text"),
        (str, "two\nlines", "must be one line"),
        (int, "1.5", "must be a whole number"),
        (int, True, "must be a whole number"),
        (int, "9" * 19, "must be a whole number"),
        (bool, "maybe", "must be yes or no"),
        (bool, 1, "must be yes or no"),
        (date, 20220301, "must be a date"),
        (date, "2022-02-30", "2022-02-30"),
        (File(), "", "must be a path or a file"),
        (File(), b"house.dotx", "must be a path or a file"),
        (File(), 3, "must be a path or a file"),
        (File(), io.StringIO("PK"), r"must be a path or a file opened to read bytes \('rb'\)"),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused_saying_what_it_must_be(
    kind: Any, value: Any, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        Option("x", kind).convert(value)


def test_an_open_binary_file_is_given_as_it_is() -> None:
    stream = io.BytesIO(b"PK")
    assert Option("template", File()).convert(stream) is stream


def test_a_date_option_given_as_text_or_a_date_reaches_write_as_the_same_date(
    make_plugin_manager: Callable[..., PluginManager], birmingham: sp.Plan
) -> None:
    exporter, received = _exporter(Option("meeting_date", date))
    manager = _manager(make_plugin_manager, exporter)
    for value in ("2022-03-01", date(2022, 3, 1)):
        sp.export(
            birmingham,
            "acme",
            io.BytesIO(),
            plugin_manager=manager,
            options={"meeting_date": value},
        )
    assert received == [{"meeting_date": date(2022, 3, 1)}] * 2


def test_write_receives_a_read_only_mapping_with_each_default_and_nothing_for_none(
    make_plugin_manager: Callable[..., PluginManager], birmingham: sp.Plan
) -> None:
    exporter, received = _exporter(
        Option("marking", default="OFFICIAL"), Option("author"), Option("copies", int, default=1)
    )
    manager = _manager(make_plugin_manager, exporter)
    given = {"author": None, "copies": "3"}
    sp.export(birmingham, "acme", io.BytesIO(), plugin_manager=manager, options=given)
    [options] = received
    assert dict(options) == {"marking": "OFFICIAL", "copies": 3}
    with pytest.raises(TypeError):
        options["marking"] = "SECRET"  # type: ignore[index]
    assert given == {"author": None, "copies": "3"}  # the caller's mapping is left alone


def test_choices_refuse_anything_else_with_a_suggestion() -> None:
    exporter, _ = _exporter(Option("paper", str, choices=("a4", "letter"), help="paper size"))
    with pytest.raises(OptionError) as refused:
        checked(exporter, {"paper": "leter "})
    assert refused.value.problems == (
        "option 'paper' of exporter 'acme' must be one of a4, letter (did you mean 'letter'?)",
    )
    assert checked(exporter, {"paper": " letter"}) == {"paper": "letter"}


def test_a_check_of_the_plugins_own_refuses_the_converted_value() -> None:
    def even(number: int) -> None:
        if number % 2:
            raise ValueError(f"must be even, not {number}")

    exporter, _ = _exporter(Option("copies", int, check=even))
    assert checked(exporter, {"copies": "4"}) == {"copies": 4}
    with pytest.raises(
        OptionError, match=r"^option 'copies' of exporter 'acme' must be even, not 3$"
    ):
        checked(exporter, {"copies": " 3"})


def test_a_converter_of_the_plugins_own_takes_what_is_given_and_is_listed_by_its_name() -> None:
    def one_character(value: object) -> str:
        if not isinstance(value, str) or len(value) != 1:
            raise ValueError("must be one character")
        return value

    exporter, _ = _exporter(Option("delimiter", one_character, default=","))
    assert exporter.options[0].type_text == "one character"
    assert checked(exporter, {}) == {"delimiter": ","}
    assert checked(exporter, {"delimiter": "\t"}) == {"delimiter": "\t"}
    with pytest.raises(OptionError, match=r"^option 'delimiter' of exporter 'acme' must be one"):
        checked(exporter, {"delimiter": ";;"})


def test_a_converter_that_fails_otherwise_is_one_line_and_what_it_prints_is_not_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(value: object) -> object:
        print("debugging")
        raise RuntimeError("boom")

    exporter, _ = _exporter(Option("x", broken))
    with pytest.raises(OptionError) as refused:
        checked(exporter, {"x": "1"})
    assert refused.value.problems == (
        "option 'x' of exporter 'acme': could not be checked: RuntimeError: boom",
    )
    assert capsys.readouterr() == ("", "debugging\n")


# --- what is told -----------------------------------------------------------------------------


def test_every_problem_is_one_line_unknown_options_first_then_values_in_declared_order() -> None:
    exporter, _ = _exporter(Option("marking"), Option("meeting_date", date), Option("copies", int))
    with pytest.raises(OptionError) as refused:
        checked(exporter, {"copies": "x", "colour": "red", "markng": "A", "meeting_date": "1/3/22"})
    assert refused.value.problems == (
        "exporter 'acme' takes no option 'colour' (options: marking, meeting_date, copies)",
        "exporter 'acme' takes no option 'markng' (did you mean 'marking'?)",
        "option 'meeting_date' of exporter 'acme': cannot read the date '1/3/22'; write it as "
        "YYYY-MM-DD, e.g. '2022-01-31'",
        "option 'copies' of exporter 'acme' must be a whole number",
    )
    assert str(refused.value) == "\n".join(refused.value.problems)
    assert isinstance(refused.value, sp.ExporterError)


def test_an_exporter_without_options_says_so_and_a_long_name_is_shortened() -> None:
    exporter, _ = _exporter()
    with pytest.raises(OptionError) as refused:
        checked(exporter, {"template": "house.docx", "x" * 500: "1"})
    first, second = refused.value.problems
    assert first == "exporter 'acme' takes no option 'template' (options: none)"
    assert len(second) < 120


@pytest.mark.parametrize(
    ("message", "line"),
    [
        ("must be one line", "option 'a' of exporter 'e' must be one line"),
        ("is 300 characters; it may be at most 255", "option 'a' of exporter 'e' is 300 "),
        ("needs the board audience", "option 'a' of exporter 'e' needs the board audience"),
        ("cannot read the date 'x'", "option 'a' of exporter 'e': cannot read the date 'x'"),
        ("'2022-02' is the review shown", "option 'a' of exporter 'e': '2022-02' is the review"),
        ("mustard", "option 'a' of exporter 'e': mustard"),
        ("", "option 'a' of exporter 'e' is not a value it takes"),
    ],
)
def test_a_message_follows_the_option_as_a_sentence_or_after_a_colon(
    message: str, line: str
) -> None:
    assert option_problem("e", "a", message).startswith(line)


def test_text_option_for_a_writers_own_check_is_the_same_text_kind() -> None:
    assert text_option("e", "a", None) is None
    assert text_option("e", "a", " Board ") == "Board"
    with pytest.raises(OptionError, match=r"^option 'a' of exporter 'e' is 4 characters; it"):
        text_option("e", "a", "long", most=3, because="the most it holds")


def test_an_option_error_keeps_its_lines_through_pickling() -> None:
    error = OptionError("exporter 'e' takes no option 'x' (options: none)", "option 'a' of …")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.problems, str(copy)) == (error.problems, str(error))


# --- the old forms, for one release ---------------------------------------------------------


def test_options_as_keywords_still_work_and_warn_where_the_call_is(
    make_plugin_manager: Callable[..., PluginManager], birmingham: sp.Plan
) -> None:
    exporter, received = _exporter(Option("copies", int))
    manager = _manager(make_plugin_manager, exporter)
    with pytest.warns(
        DeprecationWarning, match=r"pass the exporter's options as options="
    ) as warned:
        sp.export(birmingham, "acme", io.BytesIO(), plugin_manager=manager, copies="2")
    assert received == [{"copies": 2}]
    assert [w.filename for w in warned] == [__file__]


def test_the_same_option_in_options_and_as_a_keyword_is_refused(
    make_plugin_manager: Callable[..., PluginManager], birmingham: sp.Plan
) -> None:
    manager = _manager(make_plugin_manager, _exporter(Option("copies", int))[0])
    with (
        pytest.warns(DeprecationWarning, match="options="),
        pytest.raises(TypeError, match="option 'copies' both in options and as a keyword"),
    ):
        sp.export(
            birmingham, "acme", io.BytesIO(), plugin_manager=manager, options={"copies": 1},
            copies=2,
        )  # fmt: skip


def test_run_exporter_takes_options_as_keywords_too_with_the_same_warning(
    make_plugin_manager: Callable[..., PluginManager], run_exporter: Callable[..., bytes]
) -> None:
    exporter, received = _exporter(Option("copies", int))
    plugin = types.ModuleType("acme_plugin")
    plugin.register_exporters = hookimpl(lambda register: register(exporter))  # type: ignore[attr-defined]
    with pytest.warns(DeprecationWarning, match="options=") as warned:
        assert run_exporter("acme", plugins=[plugin], copies="2") == b"ok"
    assert run_exporter("acme", plugins=[plugin], options={"copies": 3}) == b"ok"
    assert received == [{"copies": 2}, {"copies": 3}]
    assert [w.filename for w in warned] == [__file__]


def test_options_declared_by_name_only_still_work_taking_any_value_as_given(
    make_plugin_manager: Callable[..., PluginManager], birmingham: sp.Plan
) -> None:
    with pytest.warns(DeprecationWarning, match=r"options named only \('delimiter'\)") as warned:
        exporter, received = _exporter("delimiter")
    assert [w.filename for w in warned] == [__file__]
    [delimiter] = exporter.options
    assert (delimiter.name, delimiter.type_text, delimiter.default_shown) == (
        "delimiter",
        "any value",
        "none",
    )
    manager = _manager(make_plugin_manager, exporter)
    for value in (";", ["not", "text"]):
        sp.export(
            birmingham, "acme", io.BytesIO(), plugin_manager=manager, options={"delimiter": value}
        )
    assert received == [{"delimiter": ";"}, {"delimiter": ["not", "text"]}]
    sp.export(birmingham, "acme", io.BytesIO(), plugin_manager=manager)
    assert received[-1] == {}


# --- properties -----------------------------------------------------------------------------


@given(st.text())
def test_text_is_one_clean_trimmed_line_or_refused_and_converting_it_again_changes_nothing(
    text: str,
) -> None:
    line = clean(text).strip()
    if not line:
        with pytest.raises(ValueError, match=r"^must be non-empty text$"):
            Text()(text)
    elif "\n" in line:
        with pytest.raises(ValueError, match=r"^must be one line$"):
            Text()(text)
    else:
        assert Text()(text) == line
        assert Text()(line) == line  # what the command line checked, export checks alike


@given(
    st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1),
    st.integers(1, 40),
)
def test_text_of_at_most_n_characters_is_refused_over_it_never_cut(text: str, most: int) -> None:
    line = clean(text).strip()
    if not line or "\n" in line:
        return
    if len(line) > most:
        with pytest.raises(ValueError, match=r"^is \d+ characters") as refused:
            Text(most=most)(text)
        assert str(refused.value) == f"is {len(line):,} characters; it may be at most {most}"
    else:
        assert Text(most=most)(text) == line


@given(st.text())
def test_exact_text_is_any_non_empty_text_exactly_as_given(text: str) -> None:
    if text:
        assert Text(exact=True)(text) == text
    else:
        with pytest.raises(ValueError, match="must be non-empty text"):
            Text(exact=True)(text)


@given(st.integers(min_value=-(10**18) + 1, max_value=10**18 - 1))
def test_a_whole_number_as_text_is_that_number(number: int) -> None:
    assert Integer()(str(number)) == Integer()(number) == number


@given(st.booleans(), st.sampled_from([str.lower, str.upper, str.title]))
def test_yes_or_no_as_text_in_any_case_is_that_flag(flag: bool, case: Callable[[str], str]) -> None:
    for word in ("yes", "true", "on", "1") if flag else ("no", "false", "off", "0"):
        assert Flag()(case(word)) is flag
    assert Flag()(flag) is flag


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_a_date_as_yyyy_mm_dd_is_that_date(day: date) -> None:
    assert Day()(day.isoformat()) == Day()(day) == day


# --- the documentation ----------------------------------------------------------------------

EXPORTERS_PAGE = Path(__file__).resolve().parent.parent / "docs" / "exporters.md"


def _documented_options() -> dict[str, list[tuple[str, str, str]]]:
    """Each exporter's options table in docs/exporters.md: (option, type, default) rows, by the
    exporter its section heading names."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    exporter = None
    for line in EXPORTERS_PAGE.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## .*\(`([a-z]+)`", line)
        if heading:
            exporter = heading.group(1)
        row = re.match(r"^\| `([a-z_]+)` \| ([^|]+) \| ([^|]+) \|", line)
        if row and exporter:
            name, kind, default = (cell.strip() for cell in row.groups())
            found.setdefault(exporter, []).append((name, kind, default))
    return found


def test_the_documented_options_are_the_declared_ones(
    make_plugin_manager: Callable[..., PluginManager],
) -> None:
    # The built-in exporters' tables; the HTML plugin's own tests check its table, and the
    # listing the page shows (made with the plugin installed, which this suite runs without).
    declared = {
        name: [(o.name, o.type_text, o.default_shown) for o in exporter.options]
        for name, exporter in make_plugin_manager().exporters.items()
        if exporter.options
    }
    documented = _documented_options()
    assert {name: documented.get(name) for name in declared} == declared
    assert set(documented) - set(declared) == {"html"}


def test_the_documented_listing_shows_the_built_in_exporters_options(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["exporters", "--no-plugins"]) == 0
    rows = capsys.readouterr().out.split("\n\n")[1].splitlines()[2:]
    page = EXPORTERS_PAGE.read_text(encoding="utf-8")
    listing = page[page.index("Options (export -O NAME=VALUE):") :].split("```")[0]
    # Column widths differ with a plugin installed; each option's cells are the same.
    assert [row.split() for row in rows] == [
        line.split() for line in listing.splitlines()[2:] if not line.startswith("html ")
    ]
