"""Typed exporter options: each exporter declares its options (``Option``: name, type, default,
help), and one place checks and converts what a caller gives, text from the command line or a
Python value, before the exporter's ``write`` runs."""

from __future__ import annotations

import enum
import io
import itertools
import pickle
import re
import types
from collections.abc import Callable, Collection, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from conftest import BIRMINGHAM, EntryPoint
from hypothesis import given
from hypothesis import strategies as st

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.exporting.exporter import option_problem, text_option
from safeguarding_plan.exporting.hookspecs import hookimpl
from safeguarding_plan.exporting.kinds import Day, File, Flag, Integer, Text
from safeguarding_plan.exporting.options import checked, texts
from safeguarding_plan.plugin import Exporter, Option, OptionError, PluginManager
from safeguarding_plan.reporting.redaction import Redactor
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
        sp.ExporterError, match=r"^exporter 'acme': its options are Option\(\.\.\.\), not 3$"
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
            "option 'copies' of exporter 'acme': its default 'many' is refused: must be a whole "
            "number",
        ),
        (
            lambda: Option("paper", str, choices=("a4", "")),
            "option 'paper' of exporter 'acme': its choice '' is refused: must be non-empty text",
        ),
        (
            lambda: Option("paper", str, choices=("a4", "letter"), default="a5"),
            "option 'paper' of exporter 'acme': its default 'a5' is refused: must be one of a4, "
            "letter",
        ),
        (
            lambda: Option("note", Text(most=3), default="x" * 500),
            f"option 'note' of exporter 'acme': its default '{'x' * 59}…' is refused: is 500 "
            "characters; it may be at most 3",
        ),
    ],
)
def test_a_default_or_choice_its_type_refuses_is_refused_naming_the_exporter_and_option(
    declaration: Callable[[], Option], message: str
) -> None:
    # Told as the exporter is made, which knows its name: still as the plugin registers.
    option = declaration()
    with pytest.raises(sp.ExporterError) as refused:
        _exporter(option)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("declaration", "message"),
    [
        (lambda: Option("paper", help=3), "an option's help must be text, not 3"),
        (
            lambda: Option("paper", check="nope"),
            "option 'paper': its check must be a function that raises ValueError to refuse a "
            "value, not 'nope'",
        ),
        (lambda: Text(most=0), "Text(most=...) must be a whole number of at least 1, not 0"),
        (lambda: Text(most=True), "Text(most=...) must be a whole number of at least 1, not True"),
        (lambda: Text(most=2.5), "Text(most=...) must be a whole number of at least 1, not 2.5"),
        (lambda: Text(because=3), "Text(because=...) must be text, not 3"),
        (lambda: Text(exact="yes"), "Text(exact=...) must be True or False, not 'yes'"),
        (
            lambda: Exporter(name="acme", title="A", suffix=".a", media_type="a", write=None),
            "exporter 'acme': write must be a function write(report, stream, options), not None",
        ),
        (
            lambda: Exporter(
                name="acme", title="A", suffix=".a", media_type="a", write=print, options=None
            ),
            "exporter 'acme': its options are a tuple of Option(...), not None",
        ),
        (
            lambda: Exporter(name=None, title="A", suffix=".a", media_type="a", write=print),
            "exporter name None must be lower-case letters, digits, '-' or '_'",
        ),
    ],
)
def test_a_slip_in_a_declaration_is_the_librarys_declaration_error_as_it_is_made(
    declaration: Callable[[], object], message: str
) -> None:
    # Never a plain ValueError or TypeError, and never found only when a user exports.
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


def test_a_plugin_whose_default_is_refused_cannot_register_and_the_warning_names_both(
    make_plugin_manager: Callable[..., PluginManager],
) -> None:
    plugin = types.ModuleType("sloppy")

    @hookimpl
    def register_exporters(register: Callable[[Exporter], None]) -> None:
        register(_exporter(Option("copies", int, default="abc"), name="sloppy")[0])

    plugin.register_exporters = register_exporters  # type: ignore[attr-defined]
    with pytest.warns(sp.PluginWarning) as warned:
        assert "sloppy" not in make_plugin_manager(plugin).exporters
    [warning] = warned
    assert str(warning.message).endswith(
        "could not register its exporters: option 'copies' of exporter 'sloppy': its default "
        "'abc' is refused: must be a whole number"
    )


def test_a_default_and_choices_are_kept_converted() -> None:
    when = Option("when", date, default="2022-03-01")
    assert when.default == date(2022, 3, 1)
    assert (when.type_text, when.default_shown) == ("date (YYYY-MM-DD or DD/MM/YYYY)", "2022-03-01")
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
        "xlsx": ["lead", "new_review", "return_by"],
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
        (bool, "1", 1, True),
        (bool, "0", 0, False),
        (int, "-000000000000000000000012", -12, -12),
        (int, "999999999999999999", 10**18 - 1, 10**18 - 1),
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
        (int, 10**18, "must be a whole number of at most 18 digits"),
        (int, -(2**63), "must be a whole number of at most 18 digits"),
        (int, "-" + "9" * 19, "must be a whole number of at most 18 digits"),
        (bool, "maybe", "must be yes or no"),
        (bool, 2, "must be yes or no"),
        (bool, -1, "must be yes or no"),
        (bool, 1.0, "must be yes or no"),
        (date, 20220301, "must be a date"),
        (date, "2022-02-30", "2022-02-30"),
        (date, date(1, 1, 1), "^'0001-01-01' needs a year from 1900 to 2200$"),
        (date, date(2201, 1, 1), "^'2201-01-01' needs a year from 1900 to 2200$"),
        (date, datetime(2022, 3, 1, 10, 30), "^must be a date, not a date and time$"),
        (date, datetime(2022, 3, 1), "^must be a date, not a date and time$"),
        (str, "OFFICIAL\u2028SENSITIVE", "^must be one line$"),
        (str, "OFFICIAL\u2029SENSITIVE", "^must be one line$"),
        (str, "OFFICIAL\x85SENSITIVE", "^must be one line$"),
        (str, "OFFICIAL\x0bSENSITIVE", "^must be one line$"),
        (str, "OFFICIAL\rSENSITIVE", "^must be one line$"),
        (Text(most=3, exact=True), "abcdef", "^is 6 characters; it may be at most 3$"),
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
        checked(exporter, {"copies": "x", "colour": "red", "markng": "A", "meeting_date": "1 Mar"})
    assert refused.value.problems == (
        "exporter 'acme' takes no option 'colour' (options: marking, meeting_date, copies)",
        "exporter 'acme' takes no option 'markng' (did you mean 'marking'?)",
        "option 'meeting_date' of exporter 'acme': cannot read the date '1 Mar'; write a day as "
        "YYYY-MM-DD or DD/MM/YYYY, e.g. '2022-01-31' or '31/01/2022'",
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


# --- restricted names, for a public export -----------------------------------------------------

NAME = "Ayesha Khan"
RESTRICTED = (
    "holds a restricted name, which a public document may not show; leave it out, or export "
    "for the board"
)


def _restricting(plan: sp.Plan) -> sp.Plan:
    return attrs.evolve(plan, restricted_words=(NAME,))


def test_an_old_style_option_holding_a_restricted_name_in_a_list_is_refused_for_the_public(
    make_plugin_manager: Callable[..., PluginManager], birmingham: sp.Plan
) -> None:
    with pytest.warns(DeprecationWarning, match="options named only"):
        exporter, received = _exporter("delimiter")
    manager = _manager(make_plugin_manager, exporter)
    plan, stream = _restricting(birmingham), io.BytesIO()
    with pytest.raises(OptionError) as refused:
        sp.export(
            plan, "acme", stream, plugin_manager=manager, audience="public",
            options={"delimiter": [NAME]},
        )  # fmt: skip
    assert refused.value.problems == (f"option 'delimiter' of exporter 'acme' {RESTRICTED}",)
    assert (received, stream.getvalue()) == ([], b"")
    # The board sees everything, options included.
    sp.export(plan, "acme", stream, plugin_manager=manager, options={"delimiter": [NAME]})
    assert received == [{"delimiter": [NAME]}]


def test_what_a_converter_makes_of_a_value_is_what_is_looked_at(
    make_plugin_manager: Callable[..., PluginManager], birmingham: sp.Plan
) -> None:
    exporter, received = _exporter(
        Option("names", lambda value: [value]), Option("initials", lambda value: "A. K.")
    )
    manager = _manager(make_plugin_manager, exporter)
    with pytest.raises(OptionError) as refused:
        sp.export(
            _restricting(birmingham), "acme", io.BytesIO(), plugin_manager=manager,
            audience="public", options={"names": NAME, "initials": NAME},
        )  # fmt: skip
    # What reaches write is what counts: the initials it would receive hold no name.
    assert refused.value.problems == (f"option 'names' of exporter 'acme' {RESTRICTED}",)
    assert received == []


def test_every_option_holding_a_restricted_name_is_told_with_the_other_option_problems(
    make_plugin_manager: Callable[..., PluginManager], birmingham: sp.Plan
) -> None:
    options = {
        "author": NAME,
        "colour": "red",
        "marking": "OFFICIAL for ayesha.khan",
        "meeting_date": "10 Mar",
        "report_to": "Executive Board",
    }
    with pytest.raises(OptionError) as refused:
        sp.export(
            _restricting(birmingham), "docx", io.BytesIO(), audience="public", options=options,
            plugin_manager=make_plugin_manager(),
        )  # fmt: skip
    assert refused.value.problems == (
        "exporter 'docx' takes no option 'colour' (options: template, report_to, author, "
        "meeting_date, marking)",
        f"option 'author' of exporter 'docx' {RESTRICTED}",
        "option 'meeting_date' of exporter 'docx': cannot read the date '10 Mar'; write a day as "
        "YYYY-MM-DD or DD/MM/YYYY, e.g. '2022-01-31' or '31/01/2022'",
        f"option 'marking' of exporter 'docx' {RESTRICTED}",
    )


def test_the_command_line_tells_every_problem_at_once_without_the_name(
    birmingham: sp.Plan, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan = tmp_path / "plan.yaml"
    sp.dump(_restricting(birmingham), plan)
    args = ["-O", f"author={NAME}", "-O", "meeting_date=03/31/22", "-O", "marking=AYESHA KHAN"]
    out = tmp_path / "paper.docx"
    assert main(["export", str(plan), "-f", "docx", "--audience", "public", "--no-plugins",
                 *args, "-o", str(out)]) == 2  # fmt: skip
    assert capsys.readouterr().err.splitlines() == [
        f"safeguarding-plan: option 'author' of exporter 'docx' {RESTRICTED}",
        "safeguarding-plan: option 'meeting_date' of exporter 'docx': '03/31/22' is not a real "
        "date; write the day first (did you mean '31/03/22'?)",
        f"safeguarding-plan: option 'marking' of exporter 'docx' {RESTRICTED}",
    ]
    assert not out.exists()


def test_a_default_holding_a_restricted_name_is_refused_for_the_public(
    make_plugin_manager: Callable[..., PluginManager], birmingham: sp.Plan
) -> None:
    exporter, received = _exporter(Option("marking", default=f"OFFICIAL: {NAME}"))
    manager = _manager(make_plugin_manager, exporter)
    plan = _restricting(birmingham)
    with pytest.raises(OptionError) as refused:
        sp.export(plan, "acme", io.BytesIO(), plugin_manager=manager, audience="public")
    assert refused.value.problems == (
        "option 'marking' of exporter 'acme': its default holds a restricted name, which a "
        "public document may not show; give the option another value, or export for the board",
    )
    sp.export(
        plan, "acme", io.BytesIO(), plugin_manager=manager, audience="public",
        options={"marking": "OFFICIAL"},
    )  # fmt: skip
    assert received == [{"marking": "OFFICIAL"}]


def test_a_file_options_path_is_read_never_shown_and_is_not_looked_at(
    make_plugin_manager: Callable[..., PluginManager], birmingham: sp.Plan
) -> None:
    exporter, received = _exporter(Option("template", File()))
    manager = _manager(make_plugin_manager, exporter)
    path = Path("cases", NAME, "house.dotx")
    sp.export(
        _restricting(birmingham), "acme", io.BytesIO(), plugin_manager=manager,
        audience="public", options={"template": path},
    )  # fmt: skip
    assert received == [{"template": path}]


class _Unshowable:
    def __str__(self) -> str:
        raise RuntimeError("boom")


class _Endless(Collection[int]):
    """A collection that never ends, as a plugin's own type could be."""

    def __len__(self) -> int:
        return 10**18

    def __iter__(self) -> Iterator[int]:
        return itertools.count()

    def __contains__(self, item: object) -> bool:
        return True


def test_a_value_that_cannot_be_looked_at_is_refused_for_the_public_and_taken_for_the_board(
    birmingham: sp.Plan,
) -> None:
    cycle: list[Any] = ["x"]
    cycle.append(cycle)
    exporter, _ = _exporter(Option("a", lambda v: v), Option("b", lambda v: v), Option("c"))
    given = {"a": _Unshowable(), "b": _Endless(), "c": "fine"}
    with pytest.raises(OptionError) as refused:
        checked(exporter, given, restricted=Redactor([NAME]).finds)
    assert refused.value.problems == (
        "option 'a' of exporter 'acme': could not be checked for restricted names: "
        "RuntimeError: boom",
        "option 'b' of exporter 'acme': could not be checked for restricted names: "
        "ValueError: it holds more than 1,000,000 values",
    )
    assert dict(checked(exporter, given)) == given
    assert dict(checked(exporter, {"a": cycle}, restricted=Redactor([NAME]).finds)) == {"a": cycle}


class _Holder:
    """An object of a plugin's own whose text shows what it holds."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return f"holder of {self.text}"


class _Quiet(str):
    """A string whose str() says nothing of what it holds."""

    __slots__ = ()

    def __str__(self) -> str:
        return "nothing"


class _Loud(int):
    """A number whose text is a name."""

    def __str__(self) -> str:
        return NAME


class _Named(enum.Enum):
    CHILD = NAME


# Every form the name may take in a value: as text in any case or spacing, as bytes, as an
# object's text, inside a subclass of str, as a number's text, as an enum's value, in two parts
# a writer could join.
FORMS: tuple[Any, ...] = (
    NAME,
    "AYESHA KHAN",
    "ayesha_khan",
    "Ayesha\u00a0Khan",
    "AyeshaKhan",
    NAME.encode(),
    _Holder(NAME),
    _Quiet(NAME),
    _Loud(3),
    _Named.CHILD,
    ("Ayesha", "Khan"),
)

# Values that hold no name: digits and punctuation, numbers, dates, yes or no.
_PLAIN = st.one_of(
    st.text("0123456789 -_.,;:/", max_size=8),
    st.integers(),
    st.dates(),
    st.booleans(),
    st.text("0123456789", max_size=4).map(str.encode),
    st.text("0123456789", max_size=4).map(_Holder),
)


def _values(named: bool) -> st.SearchStrategy[Any]:
    leaves = st.one_of(_PLAIN, st.sampled_from(FORMS)) if named else _PLAIN
    keys = st.one_of(st.text("0123456789", max_size=3), st.sampled_from(FORMS)) if named else (
        st.text("0123456789", max_size=3)
    )  # fmt: skip
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.lists(inner, max_size=4).map(tuple),
            st.dictionaries(keys, inner, max_size=3),
            st.frozensets(leaves, max_size=3),
            st.sets(keys, max_size=3),
        ),
        max_leaves=12,
    )


def _holds_a_form(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_holds_a_form(k) or _holds_a_form(v) for k, v in value.items())
    if isinstance(value, list | frozenset | set) or (
        isinstance(value, tuple) and not any(value is form for form in FORMS)
    ):
        return any(map(_holds_a_form, value))
    return any(value is form for form in FORMS)


@given(_values(named=True))
def test_a_value_holding_a_restricted_name_anywhere_is_refused_and_one_without_is_taken(
    value: Any,
) -> None:
    # However deep, in a list, tuple, set or mapping (its keys too), in whatever form: what
    # write would receive is refused for the public exactly when a name is in it.
    exporter, _ = _exporter(Option("value", lambda v: v))
    finds = Redactor([NAME]).finds
    if _holds_a_form(value):
        with pytest.raises(OptionError) as refused:
            checked(exporter, {"value": value}, restricted=finds)
        assert refused.value.problems == (f"option 'value' of exporter 'acme' {RESTRICTED}",)
    else:
        assert dict(checked(exporter, {"value": value}, restricted=finds)) == {"value": value}


@given(_values(named=False))
def test_a_value_without_a_restricted_name_reaches_write_as_it_was(value: Any) -> None:
    exporter, _ = _exporter(Option("value", lambda v: v))
    assert dict(checked(exporter, {"value": value}, restricted=Redactor([NAME]).finds)) == {
        "value": value
    }


# --- how many lines, how long ----------------------------------------------------------------


def test_a_hundred_problems_are_told_then_how_many_more(
    entry_points: list[Any], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    problems = [f"option 'x' of exporter 'acme': problem {n}" for n in range(100_000)]

    def write(report: sp.Report, stream: Any, given: Mapping[str, Any]) -> None:
        raise OptionError(*problems)

    plugin = types.ModuleType("acme_plugin")
    plugin.register_exporters = hookimpl(  # type: ignore[attr-defined]
        lambda register: register(
            Exporter(name="acme", title="A", suffix=".txt", media_type="text/plain", write=write)
        )
    )
    entry_points.append(EntryPoint("acme", lambda: plugin))
    assert main(["export", str(BIRMINGHAM), "-f", "acme", "-o", str(tmp_path / "out.txt")]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines == [f"safeguarding-plan: {p}" for p in problems[:100]] + [
        "safeguarding-plan: … and 99,900 more problems"
    ]
    error = OptionError(*problems)
    assert error.problems == tuple(problems)  # every one is kept, for a caller to look at
    assert str(error).splitlines() == [*problems[:100], "… and 99,900 more problems"]
    assert str(OptionError(*problems[:101])).endswith("\n… and 1 more problem")
    assert str(OptionError(*problems[:100])).splitlines() == problems[:100]


def test_a_long_problem_is_shortened_to_a_line_of_1000_characters_keeping_its_end(
    birmingham: sp.Plan,
) -> None:
    def long_winded(value: object) -> object:
        raise ValueError("must be " + "very " * 400_000 + "short (did you mean 'x'?)")

    exporter, _ = _exporter(Option("x", long_winded))
    with pytest.raises(OptionError) as refused:
        checked(exporter, {"x": "1"})
    [line] = str(refused.value).splitlines()
    assert len(line) == 1_000
    assert line.startswith("option 'x' of exporter 'acme' must be very very")
    assert line.endswith("very short (did you mean 'x'?)")
    assert "…" in line
    assert len(refused.value.problems[0]) > 2_000_000  # kept whole, for a caller
    # What the command line prints is withheld first, then cut: no name is cut in two, to
    # leave a part of it shown.
    text = "a " * 398 + NAME + " b" * 200
    [told] = OptionError(text).told(Redactor([NAME]).redact)
    assert len(told) == 1_000
    assert told.startswith("a " * 398 + "[wi")
    assert "Aye" not in told


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
    with pytest.warns(DeprecationWarning, match="options="), pytest.raises(OptionError) as refused:
        sp.export(
            birmingham, "acme", io.BytesIO(), plugin_manager=manager, options={"copies": 1},
            copies=2, colour="red",
        )  # fmt: skip
    # Told as every other option problem is, with the others.
    assert refused.value.problems == (
        "option 'copies' of exporter 'acme' is given twice, in options and as a keyword; give "
        "it once",
        "exporter 'acme' takes no option 'colour' (options: copies)",
    )


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


# Every character str.splitlines ends a line at, and text around them.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


@given(st.text(st.one_of(st.characters(), st.sampled_from(LINE_BREAKS))))
def test_text_is_one_clean_trimmed_line_or_refused_and_converting_it_again_changes_nothing(
    text: str,
) -> None:
    # A line break is a line break, whichever it is: one inside the text refuses it, as a
    # document would show two lines; one at either end is trimmed with the spaces.
    given = text.strip()
    line = clean(given).strip()
    if not line:
        with pytest.raises(ValueError, match=r"^must be non-empty text$"):
            Text()(text)
    elif len(given.splitlines()) > 1:
        with pytest.raises(ValueError, match=r"^must be one line$"):
            Text()(text)
    elif line != given:  # a character no document carries: refused, never swapped unseen
        with pytest.raises(ValueError, match=r"^holds a character no document can carry \(U\+"):
            Text()(text)
    else:
        assert Text()(text) == line
        assert len(line.splitlines()) == 1
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


@given(st.text(), st.one_of(st.none(), st.integers(1, 40)))
def test_exact_text_is_any_non_empty_text_exactly_as_given_of_at_most_its_most(
    text: str, most: int | None
) -> None:
    if not text:
        with pytest.raises(ValueError, match="must be non-empty text"):
            Text(exact=True, most=most)(text)
    elif most is not None and len(text) > most:
        with pytest.raises(ValueError, match=rf"^is {len(text)} characters; it may be at most"):
            Text(exact=True, most=most)(text)
    else:
        assert Text(exact=True, most=most)(text) == text


def _outcome(convert: Callable[[Any], Any], value: Any) -> tuple[str, Any]:
    try:
        return "taken", convert(value)
    except ValueError as err:
        return "refused", str(err)


@given(st.integers(min_value=-(10**25), max_value=10**25))
def test_a_whole_number_as_text_or_an_int_is_taken_or_refused_alike(number: int) -> None:
    # One bound, said: at most 18 digits either way.
    expected = (
        ("taken", number)
        if abs(number) < 10**18
        else ("refused", "must be a whole number of at most 18 digits")
    )
    assert _outcome(Integer(), number) == _outcome(Integer(), str(number)) == expected


def test_an_int_of_a_subclass_reaches_write_as_a_plain_int() -> None:
    class Sneaky(int):
        def __str__(self) -> str:
            return "Ayesha Khan"

    assert type(Integer()(Sneaky(3))) is int


@given(st.booleans(), st.sampled_from([str.lower, str.upper, str.title]))
def test_yes_or_no_as_text_in_any_case_is_that_flag(flag: bool, case: Callable[[str], str]) -> None:
    for word in ("yes", "true", "on", "1") if flag else ("no", "false", "off", "0"):
        assert Flag()(case(word)) is flag
    assert Flag()(flag) is flag


@given(st.integers(-3, 3))
def test_a_number_is_yes_or_no_as_text_or_an_int_alike(number: int) -> None:
    assert _outcome(Flag(), number) == _outcome(Flag(), str(number))


@given(st.dates())
def test_a_date_as_yyyy_mm_dd_or_a_date_is_taken_or_refused_alike(day: date) -> None:
    # The same years either way, 1900 to 2200, as a plan file's dates.
    text, value = _outcome(Day(), day.isoformat()), _outcome(Day(), day)
    if 1900 <= day.year <= 2200:
        assert text == value == ("taken", day)
    else:
        assert text[0] == value[0] == "refused"
        assert text[1].startswith(value[1])  # the text's says "written in full" too


def test_a_date_of_a_subclass_reaches_write_as_a_plain_date() -> None:
    class Day2(date):
        pass

    converted = Day()(Day2(2022, 3, 1))
    assert (type(converted), converted) == (date, date(2022, 3, 1))


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
    # The built-in exporters' tables; the example plugins' own tests check theirs, and the
    # listing the page shows (made with them installed, which this suite runs without).
    declared = {
        name: [(o.name, o.type_text, o.default_shown) for o in exporter.options]
        for name, exporter in make_plugin_manager().exporters.items()
        if exporter.options
    }
    documented = _documented_options()
    assert {name: documented.get(name) for name in declared} == declared
    assert set(documented) - set(declared) == {"html", "pptx"}


def test_the_documented_listing_shows_the_built_in_exporters_options(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["exporters", "--no-plugins"]) == 0
    rows = capsys.readouterr().out.split("\n\n")[1].splitlines()[2:]
    page = EXPORTERS_PAGE.read_text(encoding="utf-8")
    listing = page[page.index("Options (export -O NAME=VALUE):") :].split("```")[0]
    # Column widths differ with a plugin installed; each option's cells are the same.
    assert [row.split() for row in rows] == [
        line.split() for line in listing.splitlines()[2:] if not line.startswith(("html ", "pptx "))
    ]


def test_decimals_and_fractions_are_numbers_but_a_subclass_of_ones_is_read() -> None:
    # Known by name, so that checking options imports neither module.
    assert list(texts([Decimal("1.5"), Fraction(1, 3), 2.5])) == []

    class Named(Decimal):
        def __str__(self) -> str:
            return "Jo Bloggs"

    assert list(texts(Named("2"))) == ["Jo Bloggs"]
