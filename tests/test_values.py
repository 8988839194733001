"""``Value``: equality, hashing and repr shared by the frozen classes, as attrs' own would be."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguarding_plan.values import Value


def _fields() -> dict[str, Any]:
    """One field of each kind: compared, shown and hashed; not compared; not hashed; not
    shown."""
    return {
        "number": attrs.field(),
        "text": attrs.field(),
        "note": attrs.field(default="", eq=False),
        "mapping": attrs.field(default=(), hash=False),
        "secret": attrs.field(default="", repr=False),
    }


Generated: Any = attrs.make_class("Generated", _fields(), frozen=True)
"""attrs' own methods, compiled for the class."""
Shared: Any = attrs.make_class(
    "Shared", _fields(), bases=(Value,), frozen=True, repr=False, eq=False
)
"""The same fields, with the shared methods."""


@attrs.frozen(repr=False, eq=False)
class Twin(Value):
    """Another class with the same fields as Shared's first two."""

    number: int
    text: str


FIELDS = st.tuples(st.integers(), st.text(), st.text(), st.lists(st.text()).map(tuple), st.text())


@given(FIELDS, FIELDS)
def test_equality_hash_and_repr_are_those_attrs_would_give(
    one: tuple[int, str, str, tuple[str, ...], str],
    other: tuple[int, str, str, tuple[str, ...], str],
) -> None:
    for first, second in ((one, other), (one, one), (one, (*one[:2], "other note", *one[3:]))):
        shared = (Shared(*first), Shared(*second))
        generated = (Generated(*first), Generated(*second))
        assert (shared[0] == shared[1]) is (generated[0] == generated[1])
        assert (shared[0] != shared[1]) is (generated[0] != generated[1])
        if shared[0] == shared[1]:
            assert hash(shared[0]) == hash(shared[1])
        assert repr(shared[0]) == repr(generated[0]).replace("Generated(", "Shared(", 1)


def test_a_value_equals_no_other_class() -> None:
    assert Shared(1, "a") != Twin(1, "a")
    assert Shared(1, "a") != (Shared, 1, "a")
    assert Shared(1, "a").__eq__(Twin(1, "a")) is NotImplemented
    assert len({Shared(1, "a"), Shared(1, "a", note="unequal? no: not compared")}) == 1


def test_a_class_defined_in_a_function_is_shown_by_its_own_name() -> None:
    @attrs.frozen(repr=False, eq=False)
    class Local(Value):
        number: int

    assert repr(Local(3)) == "Local(number=3)"


@pytest.mark.parametrize(
    "modules",
    [
        "safeguarding_plan.scoring.progress, safeguarding_plan.scoring.many",
        # The board paper and the tracker, and the exporters their command registers.
        "safeguarding_plan.formats.docx.paper, safeguarding_plan.formats.xlsx.workbook, "
        "safeguarding_plan.exporting.running, safeguarding_plan.formats.docx.exporter, "
        "safeguarding_plan.formats.xlsx.exporter",
    ],
    ids=["scoring", "documents"],
)
def test_no_class_a_command_imports_has_its_value_methods_compiled(modules: str) -> None:
    # attrs writes each class's generated methods into linecache as it compiles them: those of
    # the classes every command imports (the model, the report, scoring and the exporter seam)
    # must be __init__ alone, which is a third of what they took to define.
    code = """
import json, linecache
import safeguarding_plan.cli, safeguarding_plan.plugin, safeguarding_plan.planfile.loading
import MODULES
compiled = {
    name: [line.split("(")[0][4:] for line in lines if line.startswith("def ")]
    for name, (_, _, lines, _) in linecache.cache.items()
    if name.startswith("<attrs generated")
}
print(json.dumps(compiled))
""".replace("MODULES", modules)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    compiled: dict[str, list[str]] = json.loads(done.stdout)
    ours = {
        name: methods
        for name, methods in compiled.items()
        if " safeguarding_plan." in name and ".yearcontents." not in name
    }
    assert len(ours) > 50
    valued = {name: methods for name, methods in ours.items() if set(methods) - {"__init__"}}
    assert valued == {}, valued


def test_no_field_of_ours_is_converted_by_a_builtin() -> None:
    # attrs reads a converter's signature as its class is made; a builtin's (``tuple``) is
    # parsed from text by tokenize, whose pattern took milliseconds of every export to compile.
    code = """
import json, pkgutil, importlib, inspect
import attrs
import safeguarding_plan
found = []
for module in pkgutil.walk_packages(safeguarding_plan.__path__, "safeguarding_plan."):
    if module.name.endswith("__main__"):  # the command itself, run when imported
        continue
    loaded = importlib.import_module(module.name)
    for value in vars(loaded).values():
        if inspect.isclass(value) and attrs.has(value) and value.__module__ == module.name:
            found += [
                f"{value.__qualname__}.{field.name}"
                for field in attrs.fields(value)
                if field.converter is not None and not inspect.isfunction(field.converter)
            ]
import tokenize
print(json.dumps([found, tokenize._compile.cache_info().currsize]))
"""
    command = [sys.executable, "-c", code]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    builtins, tokenize_patterns = json.loads(done.stdout)
    assert builtins == []
    assert tokenize_patterns == 0  # every class of the package made, none tokenized
