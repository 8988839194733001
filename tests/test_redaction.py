"""Restricted names are withheld as a reader reads them, however they are written.

The checks here read every output back through a reader's view built in this file (NFKC,
case folding, accents and format characters dropped, any white space or dash one space), not
through the library's own ``fold``, so a gap in one is not hidden by the same gap in the other.
"""

from __future__ import annotations

import html
import io
import json
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from strategies import plans

import safeguarding_plan as sp
from safeguarding_plan.cli import default_name
from safeguarding_plan.folding import fold
from safeguarding_plan.reporting.redaction import REDACTED, Redactor

# --- a reader's view, written independently of the library's -----------------------------------

_LOOKALIKES = str.maketrans("аеорсхАЕОРСХ", "aeopcxAEOPCX")  # Cyrillic → Latin


def reader(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_LOOKALIKES).casefold()
    text = "".join(
        c
        for c in unicodedata.normalize("NFD", text)
        if not unicodedata.combining(c) and unicodedata.category(c) != "Cf"
    )
    return re.sub(r"[\s\-\u2010-\u2015]+", " ", text)


def shows(text: str, name: str) -> bool:
    """Whether a reader reads ``name`` (two words) in ``text``, its parts apart or together."""
    first, last = reader(name).split()
    return re.search(f"{re.escape(first)} ?{re.escape(last)}", reader(text)) is not None


def readable(data: bytes) -> str:
    """Everything a reader (or a program) could read in a document: each XML part's text and
    attribute values, a JSON file's keys and strings, Markdown without its escapes."""
    if data.startswith(b"PK"):
        found = []
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for name in package.namelist():
                part = package.read(name)
                if name.endswith((".xml", ".rels")):
                    root = etree.fromstring(part)
                    for element in root.iter():
                        found += [element.text or "", *element.attrib.values(), element.tail or ""]
                else:
                    found.append(part.decode("utf-8", "replace"))
        return " ".join(found)
    text = data.decode("utf-8")
    try:
        return " ".join(_strings(json.loads(text)))
    except ValueError:
        pass
    text = re.sub(r"\\(.)", r"\1", text)  # Markdown escapes
    return html.unescape(re.sub(r"<[^>]*>", " ", text))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


# --- the ways a name is written ---------------------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyzäöüéèçñåøß"
_WORD = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("ABCDEFGHIJKLMNOPRSTVWYÄÖÜÉÇŁØ"),
    st.text(_LETTERS, min_size=3, max_size=8),
)
NAMES = st.builds(lambda a, b: f"{a} {b}", _WORD, _WORD).filter(
    # A name whose folded parts run together into a word of the documents' own is no test.
    lambda n: "withheld" not in reader(n).replace(" ", "")
)
SEPARATORS = (
    " ",
    "\u00a0",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\u2009",
    "\u202f",
    "\u3000",
    "-",
    "\u2013",
    "",
)
INVISIBLE = ("\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
CASES = (str, str.upper, str.lower, str.title, str.swapcase)
FORMS = ("as typed", "NFD", "full width", "Cyrillic look-alikes")


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@st.composite
def written(draw: st.DrawFn, name: str, *, listed: bool = False) -> str:
    """``name`` as a reader would still read it: in any case, with any separator, an invisible
    character inside, decomposed, full width or with Cyrillic look-alike letters."""
    case = draw(st.sampled_from((str, str.upper, str.lower) if listed else CASES))
    first, last = (case(part) for part in name.split(" "))
    if draw(st.booleans()):
        at = draw(st.integers(1, len(first) - 1))
        first = first[:at] + draw(st.sampled_from(INVISIBLE)) + first[at:]
    separators = SEPARATORS[:-1] if listed and case is not str else SEPARATORS
    text = first + draw(st.sampled_from(separators)) + last
    form = draw(st.sampled_from(FORMS))
    if form == "NFD":
        return unicodedata.normalize("NFD", text)
    if form == "full width":
        return _full_width(text)
    if form == "Cyrillic look-alikes":
        return text.translate(str.maketrans("aeopcxAEOPCX", "аеорсхАЕОРСХ"))
    return text


# --- the redactor on its own ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ayesha Khan",
        "AYESHA KHAN",
        "ayesha khan",
        "Ayesha\u00a0Khan",  # Word's no-break space
        "Ayesha  Khan",
        "Ayesha\tKhan",
        "Ayesha\nKhan",
        "Aye\u00adsha Khan",  # a soft hyphen
        "Ayesha\u200bKhan",
        "Aye\u2060sha Khan",
        "Ayesha \ufeffKhan",
        "Ａｙｅｓｈａ Ｋｈａｎ",  # full width
        "\u0410yesha Kh\u0430n",  # Cyrillic А and а
        "Ayesha-Khan",
        "Ayesha – Khan",
        "AyeshaKhan",
        "AYESHA \u039a\u0397\u0391\u039d",  # Greek capitals
        "Aye\U0001d173sha Khan",  # a format character outside the usual blocks
        "A\u0483yesha Khan",  # a combining mark of another script
        "Ayesha\u058aKhan",  # an Armenian hyphen
        "Ayesha\u2800Khan",  # a braille blank
        "ᴀʏᴇꜱʜᴀ ᴋʜᴀɴ",  # small capitals
        "\U0001f170\U0001f188\U0001f174\U0001f182\U0001f177\U0001f170 Khan",  # negative squared
        "ɑyeshɑ Khɑn",  # Latin alpha
        "A y e s h a  K h a n",  # letter-spaced
        "ayesha.khan",  # as in an e-mail address
        "Ayesha_Khan",
        "Ayesha/Khan",
        "Ayesha+Khan",
        "A\u04afesha Khan",  # Cyrillic straight u, read as y
        "Ay\u04bdsha Khan",  # Cyrillic abkhasian che, read as e
        "Ayes\u043da Khan",  # Cyrillic small en, a small capital H
        "Ayesha\u2212Khan",  # a minus sign for the hyphen
        "\u0391YESHA KHAN",  # a Greek capital alpha
        "Ayesha\\ Khan",  # a stray backslash, as a Markdown escape leaves it
        "A\\yesha Khan",
        "Ayesha\\\nKhan",  # a backslash at a line's end
    ],
)
def test_a_name_is_found_however_a_reader_would_still_read_it(text: str) -> None:
    withhold = Redactor(["Ayesha Khan"])
    assert withhold.redact(f"Met {text}'s family.") == f"Met {REDACTED}'s family."


@pytest.mark.parametrize(
    "text",
    ["Jürgen Groß", "JÜRGEN GROSS", "jürgen gross", "Ju\u0308rgen Groß", "Jurgen Gross"],
)
def test_accents_sharp_s_and_decomposed_letters_read_as_the_name(text: str) -> None:
    assert Redactor(["Jürgen Groß"]).redact(text) == REDACTED
    assert Redactor([unicodedata.normalize("NFD", "Jürgen Groß")]).redact(text) == REDACTED


def test_a_name_written_with_spaces_around_it_is_still_found() -> None:
    assert Redactor(["  Jo Bloggs\u00a0"]).redact("Jo Bloggs said") == f"{REDACTED} said"


def test_a_name_listed_run_together_is_read_as_its_parts() -> None:
    assert Redactor(["AyeshaKhan"]).redact("Ayesha Khan, Ayesha-Khan") == f"{REDACTED}, {REDACTED}"
    decomposed = unicodedata.normalize("NFD", "JürgenGroß")  # as macOS writes it
    assert Redactor([decomposed]).redact("Jürgen Groß") == REDACTED


def test_curly_and_straight_apostrophes_read_the_same() -> None:
    assert Redactor(["Liam O'Brien"]).redact("Liam O\u2019Brien moved") == f"{REDACTED} moved"


def test_the_rest_of_the_text_is_kept_exactly() -> None:
    text = "Notes\u00a0on  “Ayesha Khan”,\tnot\u00adanyone else – ✔"
    assert Redactor(["ayesha khan"]).redact(text) == (
        f"Notes\u00a0on  “{REDACTED}”,\tnot\u00adanyone else – ✔"
    )


@pytest.mark.parametrize(
    "text",
    ["Ayesa Khan", "Khan Ayesha", "A. Khan", "Ayesha K."],  # misspelt, reordered, abbreviated
)
def test_what_is_not_promised_a_different_spelling_is_not_found(text: str) -> None:
    assert Redactor(["Ayesha Khan"]).redact(text) == text


def test_fold_is_what_a_reader_compares() -> None:
    assert fold("  JÜRGEN\u00a0GROSS ") == fold("Jürgen Groß") == "jurgen gross"
    assert fold("Ａ\u00adb\u200bc") == "abc"


@given(
    st.text(max_size=30),
    NAMES.flatmap(lambda n: st.tuples(st.just(n), written(n))),
    st.text(max_size=30),
)
def test_no_variant_of_a_name_survives_redaction(
    before: str, drawn: tuple[str, str], after: str
) -> None:
    name, variant = drawn
    redacted = Redactor([name]).redact(f"{before} {variant}{after}")
    assert not shows(redacted, name)
    assert REDACTED in redacted


@given(st.text(max_size=60), NAMES)
def test_text_without_the_name_is_unchanged(text: str, name: str) -> None:
    if not shows(text, name) and not Redactor([name]).finds(text):
        assert Redactor([name]).redact(text) == text


# --- every public export, its file name and what the command prints --------------------------


def _every_text_field(plan: sp.Plan, name: str, draw: st.DrawFn) -> sp.Plan:
    def put(text: str | None) -> str:
        return f"{text or ''} {draw(written(name))} end"

    priorities = tuple(
        attrs.evolve(
            p,
            title=put(p.title),
            actions=tuple(
                attrs.evolve(a, text=put(a.text), lead=put(a.lead), restricted=False)
                for a in p.actions
            ),
        )
        for p in plan.priorities
    )
    reviews = tuple(
        attrs.evolve(
            r,
            title=put(r.title),
            updates={i: attrs.evolve(u, note=put(u.note)) for i, u in r.updates.items()},
        )
        for r in plan.reviews
    )
    case_reviews = tuple(
        attrs.evolve(
            c,
            title=put(c.title),
            subject=put(c.subject),
            recommendations=tuple(attrs.evolve(x, text=put(x.text)) for x in c.recommendations),
        )
        for c in plan.case_reviews
    )
    return attrs.evolve(
        plan,
        partnership=attrs.evolve(
            plan.partnership, name=put(plan.partnership.name), short_name=put(None)
        ),
        title=put(plan.title),
        priorities=priorities,
        reviews=reviews,
        case_reviews=case_reviews,
        # As a partnership lists it: its parts apart, or run together with capitals.
        restricted_words=(draw(written(name, listed=True)),),
    )


@st.composite
def named_plans(draw: st.DrawFn) -> tuple[sp.Plan, str]:
    name = draw(NAMES)
    plan = draw(plans(max_priorities=2, max_actions=3, max_reviews=2))
    return _every_text_field(plan, name, draw), name


@settings(max_examples=20, deadline=None)
@given(named_plans())
def test_no_public_export_shows_a_restricted_name_in_any_form(drawn: tuple[sp.Plan, str]) -> None:
    plan, name = drawn
    manager = sp.get_plugin_manager()  # every installed exporter, plugins included
    review = plan.reviews[-1].id if plan.reviews else None
    for exporter in manager.exporters.values():
        out = io.BytesIO()
        sp.export(
            plan,
            exporter.name,
            out,
            audience="public",
            plugin_manager=manager,
        )
        text = readable(out.getvalue())
        assert not shows(text, name), f"the public {exporter.name} shows {name!r}"
        file_name = default_name(plan, review, "public", exporter.suffix)
        assert not shows(file_name, name), file_name
        board = io.BytesIO()
        sp.export(plan, exporter.name, board, plugin_manager=manager)
        assert shows(readable(board.getvalue()), name), f"the board {exporter.name} lacks it"


def test_ids_that_differ_only_in_a_name_stay_apart_in_a_public_document() -> None:
    plan = sp.loads(
        """\
format: safeguarding-plan/1
partnership: {name: Anytown Safeguarding Children Partnership}
plan: {title: Business Improvement Plan}
ratings: faces
restricted_words: [Ayesha Khan]
priorities:
  - id: ayesha-khan
    title: One
    actions: [{id: "1.1", text: Audit}]
  - id: AYESHA-KHAN
    title: Two
    actions: [{id: "2.1", text: Training}]
reviews:
  - id: 2022-02
    title: February 2022 – Update
    as_of: 2022-01-31
    updates:
      "1.1": {progress: complete, rating: happy}
"""
    )
    public = sp.report(plan, audience="public")
    ids = [p.id for p in public.priorities]
    assert len(set(ids)) == 2
    assert all("ayesha" not in fold(i) for i in ids)
    assert sorted(public.score.by_priority) == sorted(ids)
    out = io.BytesIO()
    sp.export(plan, "json", out, audience="public")
    data = json.loads(out.getvalue())
    assert len(data["score"]["by_priority"]) == 2


PLAN = """\
format: safeguarding-plan/1
partnership: {name: Anytown Safeguarding Children Partnership, short_name: ASCP}
plan: {title: Learning from the death of Ayesha Khan}
ratings: faces
restricted_words: [Ayesha Khan]
priorities:
  - id: "1"
    title: Learning
    actions: [{id: "1.1", text: "Review for Ayesha\u00a0Khan", lead: Business Unit}]
reviews:
  - id: 2022-02
    title: February 2022 – Update
    as_of: 2022-01-31
    updates:
      "1.1": {progress: complete, rating: happy, note: "AYESHA KHAN's school"}
"""


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "safeguarding_plan", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"SAFEGUARDING_PLAN_DISABLE_PLUGIN_AUTOLOAD": "1", "PATH": ""},
    )


@pytest.mark.parametrize("exporter", ["md", "docx", "xlsx", "json"])
def test_a_public_file_name_and_the_wrote_line_never_show_a_restricted_name(
    tmp_path: Path, exporter: str
) -> None:
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    done = _cli("export", "plan.yaml", "-f", exporter, "--audience", "public", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written_files = [p.name for p in tmp_path.iterdir() if p.name != "plan.yaml"]
    assert written_files == [f"ascp-learning-from-the-death-of-withheld-2022-02-public.{exporter}"]
    assert not shows(done.stderr + done.stdout, "Ayesha Khan")
    assert not shows(readable((tmp_path / written_files[0]).read_bytes()), "Ayesha Khan")
    # The board's own file is named as the plan is.
    board = _cli("export", "plan.yaml", "-f", exporter, cwd=tmp_path)
    assert board.returncode == 0, board.stderr
    assert (tmp_path / f"ascp-learning-from-the-death-of-ayesha-khan-2022-02.{exporter}").exists()


def test_a_public_file_named_with_a_restricted_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    for output in (
        "AyeshaKhan.md", "notes/ayesha-khan.md", "AYESHA_KHAN.md", "ayesha.khan.md",
        "Ayesha-Khan.md",
    ):  # fmt: skip
        done = _cli(
            "export", "plan.yaml", "-f", "md", "--audience", "public", "-o", output, cwd=tmp_path
        )
        assert done.returncode == 2, output
        assert done.stderr == (
            "safeguarding-plan: -o: the file name holds a restricted name, which a public "
            "document's name may not show; choose another name\n"
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def test_an_exporter_option_holding_a_restricted_name_is_refused_for_the_public(
    tmp_path: Path,
) -> None:
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    for option in ("author=Ayesha\u00a0Khan", "report_to=Board (for ayesha khan)"):
        done = _cli(
            "export", "plan.yaml", "-f", "docx", "--audience", "public", "-o", "paper.docx",
            "-O", option, cwd=tmp_path,
        )  # fmt: skip
        assert done.returncode == 2
        name = option.split("=")[0]
        assert done.stderr == (
            f"safeguarding-plan: option '{name}' of exporter 'docx' holds a restricted name, "
            "which a public document may not show; leave it out, or export for the board\n"
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]
    # For the board, the option is shown as given, in the paper and its properties.
    done = _cli(
        "export", "plan.yaml", "-f", "docx", "-o", "paper.docx", "-O", "author=Ayesha Khan",
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(tmp_path / "paper.docx") as package:
        assert "<dc:creator>Ayesha Khan</dc:creator>" in package.read("docProps/core.xml").decode()


def test_a_restricted_person_must_have_a_name_that_can_be_withheld() -> None:
    text = """\
format: safeguarding-plan/1
partnership:
  name: Anytown
  people: [{role: Designated Nurse, name: "I", restricted: true}]
plan: {title: Plan}
ratings: faces
priorities: []
"""
    with pytest.raises(sp.PlanError) as caught:
        sp.loads(text, "plan.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "plan.yaml:4:43: the name of restricted person 'I' is too short to withhold; give a "
        "name of at least two letters"
    ]


def test_a_subject_naming_two_people_withholds_each() -> None:
    withhold = Redactor(["Arthur Labinjo-Hughes and Star Hobson"])
    assert withhold.redact("learning from the Star Hobson review") == (
        f"learning from the {REDACTED} review"
    )
    assert withhold.redact("ARTHUR LABINJO HUGHES") == REDACTED


def test_a_name_repeated_in_one_long_word_is_withheld_in_one_pass() -> None:
    text = "x," + "AyeshaKhan," * 2000
    assert Redactor(["Ayesha Khan"]).redact(text) == "x," + f"{REDACTED}," * 2000


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Li Ma", "Climate of learning"),
        ("Tom Hall", "Custom Hallmark"),
        ("Ian Lee", "Christian Leeds"),
        ("Jo", "Jojo attended the Joint Board"),
        ("Li", "Limited progress in Lichfield"),
        ("Child C", "child criminal exploitation"),
        ("Al Ma", "Almanac"),
        ("Mea", "Meaning of the ratings"),
    ],
)
def test_a_name_is_not_found_inside_another_word(name: str, text: str) -> None:
    assert Redactor([name]).redact(text) == text


@given(
    st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True),
    st.from_regex(r"[a-z]{1,6}", fullmatch=True).filter(lambda rest: rest != "s"),
)
def test_a_one_word_name_never_takes_the_start_of_a_longer_word(name: str, rest: str) -> None:
    text = f"The {name}{rest} panel"
    assert Redactor([name]).redact(text) == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("the Khans' house", f"the {REDACTED}s' house"),
        ("Mea's school", f"{REDACTED}'s school"),
        ("MEA’S school", f"{REDACTED}’S school"),
        ("Mea, aged 9", f"{REDACTED}, aged 9"),
    ],
)
def test_a_name_is_found_with_an_s_or_an_apostrophe_s(text: str, shown: str) -> None:
    assert Redactor(["Mea", "Khan"]).redact(text) == shown


@pytest.mark.parametrize(
    "text",
    ["Mary Smith's school", "Child Q's family", "CHILD Q"],
)
def test_each_name_of_a_subject_with_another_in_brackets_is_withheld(text: str) -> None:
    assert REDACTED in Redactor(["Child Q (Mary Smith)"]).redact(text)


@pytest.mark.parametrize("text", ["Siobhan ONeill", "SIOBHÁN O’NEILL", "siobhan o'neill"])
def test_an_apostrophe_may_be_left_out(text: str) -> None:
    assert Redactor(["Siobhán O'Neill"]).redact(text) == REDACTED


SIDE_BY_SIDE = """\
format: safeguarding-plan/1
partnership: {name: Anytown Safeguarding Children Partnership}
plan: {title: Business Improvement Plan}
ratings: faces
restricted_words: [Ayesha Khan, Jo Bloggs, Sam Lee]
priorities:
  - id: Ayesha
    title: Khan family, a review of neglect
    actions:
      - {id: "1.1", text: Strategy meeting for Ayesha Khan}
      - {id: "1.2", text: Strategy meeting for Jo Bloggs}
      - {id: "1.3", text: Strategy meeting for AYESHA KHAN}
      - {id: "1.4", text: Strategy meeting for Sam Lee}
  - id: "[withheld]"
    title: Literal
    actions: [{id: "2.1", text: Audit}]
  - id: Jo Bloggs
    title: Named
    actions: [{id: "3.1", text: Audit}]
"""


def test_an_id_that_reads_as_a_name_with_the_text_beside_it_is_withheld() -> None:
    public = sp.report(sp.loads(SIDE_BY_SIDE), audience="public")
    first = public.priorities[0]
    assert not shows(f"Priority {first.id} – {first.title}", "Ayesha Khan")
    assert first.id.startswith(REDACTED[:-1])
    assert first.title == "Khan family, a review of neglect"
    # The score's keys are the sections' ids, and no two priorities merge.
    assert list(public.score.by_priority) == [p.id for p in public.priorities]
    assert len(set(public.score.by_priority)) == 3


def test_placeholders_never_tell_which_records_are_about_the_same_person() -> None:
    public = sp.report(sp.loads(SIDE_BY_SIDE), audience="public")
    texts = [row.text for row in public.priorities[0].rows]
    assert texts == [f"Strategy meeting for {REDACTED}"] * 4


def test_what_a_public_export_prints_on_failure_withholds_names_too(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(
        PLAN.replace("id: 2022-02", "id: ayesha-khan-review"), encoding="utf-8"
    )
    public = _cli(
        "export", "plan.yaml", "-f", "md", "--audience", "public", "--review", "nosuch",
        cwd=tmp_path,
    )  # fmt: skip
    assert public.returncode == 2
    assert "withheld" in public.stderr
    assert not shows(public.stderr, "Ayesha Khan")
    board = _cli("export", "plan.yaml", "-f", "md", "--review", "nosuch", cwd=tmp_path)
    assert "ayesha-khan-review" in board.stderr


def test_a_name_split_between_a_rating_symbol_and_its_label_is_withheld() -> None:
    plan = sp.loads(
        """\
format: safeguarding-plan/1
partnership: {name: Test Partnership}
plan: {title: Plan}
ratings:
  - {key: good, label: Khan, symbol: Ayesha, rag: green}
  - {key: bad, label: Bad, rag: red}
restricted_words: [Ayesha Khan]
priorities:
  - id: "1"
    title: One
    actions: [{id: "1.1", text: Audit}]
reviews:
  - {id: r1, title: Review, as_of: 2022-01-31, updates: {"1.1": {progress: complete, rating: good}}}
"""
    )
    public = sp.report(plan, audience="public")
    assert not shows(public.rows[0].status, "Ayesha Khan")
    for exporter in ("md", "json", "docx"):
        out = io.BytesIO()
        sp.export(plan, exporter, out, audience="public")
        assert not shows(readable(out.getvalue()), "Ayesha Khan"), exporter
