"""The exporter's one option, ``styles``, declared as the library's plugin API declares options:
checked and converted before the page is written, from Python or from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import safeguarding_plan_html
from _htmltree import parse

import safeguarding_plan as sp
import safeguarding_plan.plugin as sp_plugin

PLUGINS = [safeguarding_plan_html]


def test_styles_is_declared_with_its_type_default_and_help(
    make_plugin_manager: Callable[..., sp.PluginManager],
) -> None:
    [styles] = make_plugin_manager(safeguarding_plan_html).exporter("html").options
    assert (styles.name, styles.type_text, styles.default_shown) == ("styles", "yes or no", "yes")
    assert styles.help


@pytest.mark.parametrize("no", [False, "no", "No", "false", "off", "0"])
def test_without_styles_the_page_is_the_same_but_for_its_style_element(
    run_exporter: Callable[..., bytes], no: object
) -> None:
    styled = run_exporter("html", plugins=PLUGINS).decode("utf-8")
    plain = run_exporter("html", plugins=PLUGINS, options={"styles": no}).decode("utf-8")
    assert styled.count("<style>") == 1
    assert "<style" not in plain
    start, end = styled.index("<style>"), styled.index("</style>") + len("</style>\n")
    assert plain == styled[:start] + styled[end:]
    assert parse(plain).find_all("style") == []  # and it still parses, strictly


@pytest.mark.parametrize("yes", [True, "yes", "TRUE", "on", "1"])
def test_styles_given_as_yes_is_the_default_page(
    run_exporter: Callable[..., bytes], yes: object
) -> None:
    styled = run_exporter("html", plugins=PLUGINS)
    assert run_exporter("html", plugins=PLUGINS, options={"styles": yes}) == styled


@pytest.mark.parametrize("value", ["maybe", "", 2, 0.0])
def test_a_value_that_is_not_yes_or_no_is_refused_before_anything_is_written(
    run_exporter: Callable[..., bytes], value: object
) -> None:
    with pytest.raises(sp.OptionError) as refused:
        run_exporter("html", plugins=PLUGINS, options={"styles": value})
    assert refused.value.problems == ("option 'styles' of exporter 'html' must be yes or no",)


# --- the library's documentation of it ---------------------------------------------------------

EXPORTERS_PAGE = Path(__file__).resolve().parents[3] / "docs" / "exporters.md"


def test_the_exporters_page_lists_the_option_as_declared(
    make_plugin_manager: Callable[..., sp.PluginManager],
) -> None:
    [styles] = make_plugin_manager(safeguarding_plan_html).exporter("html").options
    page = EXPORTERS_PAGE.read_text(encoding="utf-8")
    row = f"| `styles` | {styles.type_text} | {styles.default_shown} |"
    assert row in page


def test_the_exporters_page_shows_the_listing_the_command_prints() -> None:
    # The page's listing is made with the example plugins installed, as this one is here.
    env = {k: v for k, v in os.environ.items() if k != sp_plugin.DISABLE_AUTOLOAD}
    done = subprocess.run(
        [str(Path(sys.executable).with_name("safeguarding-plan")), "exporters"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    # Line by line: the page's listing has the other example plugin too, which may or may not
    # be installed here.
    page = EXPORTERS_PAGE.read_text(encoding="utf-8").splitlines()
    assert [line for line in done.stdout.splitlines() if line not in page] == []
    assert any(line.startswith("html ") for line in done.stdout.splitlines())
