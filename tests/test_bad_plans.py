"""The corpus of malformed plan files: each must be refused with exactly the expected problems.

Every ``tests/bad_plans/NAME.yaml`` has a ``NAME.expected`` beside it holding the lines
``NAME.yaml:LINE:COLUMN: message`` that ``sp.load`` reports for it, all of them, in order. Each
file is one realistic mistake (or a hostile input) in an otherwise good plan, so the expected
lines are also a review of the wording a partnership business manager sees.

A few files are deliberately not UTF-8 text (or hold control characters, or are not text at
all: random bytes, an image, a zip archive); they are stored as bytes and checked to still be
so, in case an editor "repairs" them. The size limit is tested with files written at test time.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

import safeguarding_plan as sp
from safeguarding_plan.cli import main
from safeguarding_plan.planfile import loading
from safeguarding_plan.planfile import nodes as yamlnodes

CORPUS = Path(__file__).resolve().parent / "bad_plans"
CASES = sorted(path.stem for path in CORPUS.glob("*.yaml"))
LINE = re.compile(r"(?P<file>[^:]+):(?P<line>[0-9]+):(?P<column>[0-9]+): (?P<message>.+)")

# What the files stored as bytes must still contain to test what they test.
RAW = {
    "invalid_utf8": b"(Caf\xe9 Forum)",
    "nul_character": b"Annual\x00 Accountability",
    "control_characters": b"Annual\x1b[1m Accountability\x1b[0m Report",
    "line_separator": "Annual\u2028Accountability".encode(),
    "utf16": b"\xff\xfef\x00o\x00r\x00m\x00",
    "utf32": b"\xff\xfe\x00\x00f\x00\x00\x00o\x00\x00\x00",
    "utf32_big_endian": b"\x00\x00\xfe\xff\x00\x00\x00f\x00\x00\x00o",
    "binary_random_bytes": b"6k\x135\xba\xdf\x15\x19#d\xb8\xa3",
    "png_image": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "zip_archive": b"PK\x03\x04",
    "bom_then_binary": b"\xef\xbb\xbf",
    "bom_then_not_utf8": b"\xef\xbb\xbfformat: safeguarding-plan/1\n",
    "bom_then_closing_brackets": b"\xef\xbb\xbf}}}",
}
NOT_UTF8 = [
    "invalid_utf8",
    "binary_random_bytes",
    "png_image",
    "zip_archive",
    "bom_then_binary",
    "bom_then_not_utf8",
    "utf32",
    "utf32_big_endian",
]


def expected_lines(name: str) -> list[str]:
    return (CORPUS / f"{name}.expected").read_text(encoding="utf-8").splitlines()


def refused(name: str) -> sp.PlanError:
    with pytest.raises(sp.PlanError) as caught:
        sp.load(f"{name}.yaml")
    return caught.value


@pytest.fixture(autouse=True)
def _in_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    # Problems name the file as it was given, so loading by relative path keeps machine
    # paths out of the expected text.
    monkeypatch.chdir(CORPUS)


def test_the_corpus_is_large_and_every_case_has_its_expected_lines() -> None:
    assert len(CASES) >= 30
    expected = sorted(path.stem for path in CORPUS.glob("*.expected"))
    assert expected == CASES
    assert [
        path.name for path in CORPUS.iterdir() if path.suffix not in (".yaml", ".expected")
    ] == []


@pytest.mark.parametrize("name", CASES)
def test_bad_plan_is_refused_with_the_expected_problems(name: str) -> None:
    error = refused(name)
    assert str(error).splitlines() == expected_lines(name)


@pytest.mark.parametrize("name", CASES)
def test_the_pure_python_yaml_reader_gives_the_same_problems(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without libyaml, PyYAML reads with its own Python code, whose error texts and marks
    # differ; the messages and locations users see must not.
    monkeypatch.setattr(yamlnodes, "_Loader", yaml.SafeLoader)
    assert str(refused(name)).splitlines() == expected_lines(name)


@pytest.mark.parametrize("name", CASES)
def test_problems_carry_their_file_line_and_column(name: str) -> None:
    error = refused(name)
    wanted = []
    for text in expected_lines(name):
        match = LINE.fullmatch(text)
        assert match is not None, text
        wanted.append((match["file"], int(match["line"]), int(match["column"]), match["message"]))
    assert [(p.file, p.line, p.column, p.message) for p in error.problems] == wanted


@pytest.mark.parametrize("name", CASES)
def test_problems_point_inside_the_file(name: str) -> None:
    text = (CORPUS / f"{name}.yaml").read_bytes().decode("utf-8", "replace")
    lines = text.split("\n")
    for problem in refused(name).problems:
        assert 1 <= problem.line <= len(lines), problem
        assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1, problem


@pytest.mark.parametrize("name", CASES)
def test_messages_are_written_for_people(name: str) -> None:
    for problem in refused(name).problems:
        message = problem.message
        assert message == message.strip()
        assert not message[0].isupper(), message
        assert not message.endswith("."), message
        assert "\n" not in message
        for jargon in ("Error", "Traceback", "scalar", "token", "<unicode string>"):
            assert jargon not in message, message


@pytest.mark.parametrize(("name", "raw"), sorted(RAW.items()))
def test_byte_cases_still_hold_their_bytes(name: str, raw: bytes) -> None:
    assert raw in (CORPUS / f"{name}.yaml").read_bytes()


@pytest.mark.parametrize("name", NOT_UTF8)
def test_byte_cases_are_not_utf8(name: str) -> None:
    with pytest.raises(UnicodeDecodeError):
        (CORPUS / f"{name}.yaml").read_bytes().decode("utf-8-sig")


# -- the acceptance case ------------------------------------------------------------------


def test_three_mistakes_give_three_located_problems() -> None:
    error = refused("three_mistakes")
    assert len(error.problems) == 3
    assert [(p.line, p.column) for p in error.problems] == [(8, 10), (20, 14), (34, 7)]
    scale, due, update = (p.message for p in error.problems)
    assert "'face'" in scale
    assert "(did you mean 'faces'?)" in scale
    assert "(did you mean 'November 2021'?)" in due
    assert "(did you mean '1.6'?)" in update


def test_a_problem_with_an_action_does_not_make_its_updates_unknown() -> None:
    # 'txt' for 'text' drops action 1.6 from the model, but its update is still for a real
    # action: one problem, not a second, misleading one.
    error = refused("misspelt_key_hides_no_update")
    assert [p.message for p in error.problems] == [
        "unknown key 'txt' in action '1.6' (did you mean 'text'?)"
    ]


def test_a_misspelt_required_key_is_not_also_reported_missing() -> None:
    messages = [p.message for p in refused("unknown_key_priority").problems]
    assert messages == ["unknown key 'titel' in priority '2' (did you mean 'title'?)"]


def test_the_same_file_read_as_bytes_or_stream_gives_the_same_problems() -> None:
    data = (CORPUS / "three_mistakes.yaml").read_bytes()
    with pytest.raises(sp.PlanError) as from_bytes:
        sp.loads(data, "three_mistakes.yaml")
    with (
        open("three_mistakes.yaml", encoding="utf-8") as stream,
        pytest.raises(sp.PlanError) as from_stream,
    ):
        sp.load(stream)
    assert str(from_bytes.value).splitlines() == expected_lines("three_mistakes")
    assert str(from_stream.value).splitlines() == expected_lines("three_mistakes")


# -- hostile shapes -----------------------------------------------------------------------


def test_deeply_nested_lists_give_one_located_problem() -> None:
    depth = 10_000
    text = "format: safeguarding-plan/1\npriorities: " + "[" * depth + "]" * depth + "\n"
    with pytest.raises(sp.PlanError) as caught:
        sp.loads(text, "deep.yaml")
    (problem,) = caught.value.problems
    assert problem.file == "deep.yaml"
    assert problem.line == 2
    assert 13 < problem.column <= 13 + depth
    assert problem.message.startswith("lists and sections are nested too deeply here")


def test_deep_nesting_is_a_problem_with_the_pure_python_reader_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # PyYAML without libyaml composes recursively and would raise RecursionError.
    monkeypatch.setattr(yamlnodes, "_Loader", yaml.SafeLoader)
    depth = sys.getrecursionlimit() * 2
    text = "format: safeguarding-plan/1\npriorities: " + "[" * depth + "]" * depth + "\n"
    with pytest.raises(sp.PlanError) as caught:
        sp.loads(text, "deep.yaml")
    (problem,) = caught.value.problems
    assert problem.message.startswith("lists and sections are nested too deeply")


def test_nesting_the_reader_accepts_is_one_problem_at_the_outer_list() -> None:
    text = "format: safeguarding-plan/1\npriorities: " + "[" * 500 + "]" * 500 + "\n"
    with pytest.raises(sp.PlanError) as caught:
        sp.loads(text, "deep.yaml")
    assert [(p.line, p.column, p.message) for p in caught.value.problems] == [
        (1, 1, "the plan file is missing 'partnership'"),
        (1, 1, "the plan file is missing 'plan'"),
        (1, 1, "the plan file is missing 'ratings'"),
        (2, 14, "a priority must be 'key: value' pairs (id, title, actions), not a list"),
    ]


def test_a_flat_mapping_of_ten_thousand_junk_keys_is_reported() -> None:
    text = "".join(f"junk{i}: {i}\n" for i in range(10_000))
    with pytest.raises(sp.PlanError) as caught:
        sp.loads(text, "junk.yaml")
    problems = caught.value.problems
    unknown = [p for p in problems if p.message.startswith("unknown key 'junk")]
    missing = [p.message for p in problems if "is missing" in p.message]
    assert len(unknown) == 10_000
    assert [p.line for p in unknown] == list(range(1, 10_001))
    assert missing == [
        f"the plan file is missing {key!r}"
        for key in ("format", "partnership", "plan", "ratings", "priorities")
    ]
    assert len(problems) == 10_005


def test_an_alias_bomb_is_refused_without_expanding_it() -> None:
    # Nine levels of nine: expanded, 9**9 strings. Refused from the event stream instead.
    lines = ["format: safeguarding-plan/1", 'a0: &a0 ["lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    with pytest.raises(sp.PlanError) as caught:
        sp.loads("\n".join(lines) + "\n", "bomb.yaml")
    messages = [p.message for p in caught.value.problems]
    assert len(messages) == 19  # ten anchors, and the first use of each of nine aliases
    assert messages.count("anchors ('&a9') are not allowed; remove '&a9'") == 1
    assert (
        "aliases ('*a0') are not allowed; write the value out (here and in 8 other places)"
        in messages
    )


# -- the size limit -----------------------------------------------------------------------

TOO_BIG = (
    "the file is over 32 MB, far more than any plan; is it the right file? (A larger plan is "
    "read with a larger limit: --max-plan-size on the command line, max_bytes in Python.)"
)
COMMENT = b"# " + b"x" * 61 + b"\n"


def comments(size: int) -> bytes:
    """``size`` bytes of YAML comment lines: a file that holds only comments."""
    lines = COMMENT * ((size - 1) // len(COMMENT))
    return lines + b"#" * (size - len(lines) - 1) + b"\n"


def test_a_file_just_over_the_limit_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert loading.MAX_BYTES == 32 * 1024 * 1024
    path = tmp_path / "huge.yaml"
    path.write_bytes(comments(loading.MAX_BYTES + 1))
    assert main(["validate", str(path)]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"{path}:1:1: {TOO_BIG}\n")
    with pytest.raises(sp.PlanError) as caught:
        sp.load(path)
    assert [str(p) for p in caught.value.problems] == [f"{path}:1:1: {TOO_BIG}"]
    with path.open("rb") as stream, pytest.raises(sp.PlanError) as from_stream:
        sp.load(stream)
    assert str(from_stream.value) == f"{path}:1:1: {TOO_BIG}"


def test_a_file_just_under_the_limit_is_read(tmp_path: Path) -> None:
    # Refused for what it holds (only comments), not for its size.
    path = tmp_path / "large.yaml"
    path.write_bytes(comments(loading.MAX_BYTES))
    with pytest.raises(sp.PlanError) as caught:
        sp.load(path)
    assert str(caught.value) == (
        f"{path}:1:1: the file holds only comments; a plan starts with "
        "'format: safeguarding-plan/1'"
    )


@pytest.mark.parametrize("data", [comments(1024), comments(1024).decode()])
def test_the_limit_is_exact(data: str | bytes) -> None:
    with pytest.raises(sp.PlanError, match="holds only comments"):
        sp.loads(data, "at.yaml", max_bytes=1024)
    over = data + data[-1:]
    with pytest.raises(sp.PlanError) as caught:
        sp.loads(over, "over.yaml", max_bytes=1024)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("over.yaml", 1, 1)
    assert problem.message.startswith("the file is over 1,024 bytes, far more than any plan")
