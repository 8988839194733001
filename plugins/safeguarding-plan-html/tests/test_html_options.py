"""The exporter's one option, ``styles``, declared as the library's plugin API declares options:
checked and converted before the page is written, from Python or from the command line."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import safeguarding_plan_html
from _htmltree import parse

import safeguarding_plan as sp

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
