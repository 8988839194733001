"""The page as a browser renders it: headless Chromium at a phone's width and a desktop's.

These tests need Chromium (Debian: ``apt-get install -y chromium``; or set ``CHROMIUM`` to a
Chromium or Chrome binary). Without it they FAIL, never skip: CI must install it. Set
``HTML_SCREENSHOT_DIR`` to keep the screenshots for a person to look at.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import _png
import pytest
from _htmltree import Document, parse, table_parts

import safeguarding_plan as sp

Export = Callable[..., bytes]

pytestmark = pytest.mark.browser

PHONE = (390, 2400)
DESKTOP = (1280, 2400)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
]
TIMEOUT = 180

# Measured in the browser on a test-only copy of the page (the page itself has no script),
# shown in an iframe as wide as the screen measured: a headless window is at least 500px wide.
# The results go to the parent page, for --dump-dom.
PROBE = """<script>
(function () {
  function rgba(value) {
    var m = value.match(/[\\d.]+/g).map(Number);
    return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1};
  }
  function luminance(c) {
    function lin(v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  }
  function background(el) {
    for (; el && el.nodeType === 1; el = el.parentElement) {
      var c = rgba(getComputedStyle(el).backgroundColor);
      if (c.a > 0) { return c; }
    }
    return {r: 255, g: 255, b: 255, a: 1};
  }
  function contrast(style, el) {
    var a = luminance(rgba(style.color)), b = luminance(background(el));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }
  var html = document.documentElement, main = document.querySelector('main');
  var widest = 0, smallest = 1e9, worst = 1e9, worstText = '';
  main.querySelectorAll('*').forEach(function (el) {
    var box = el.getBoundingClientRect();
    if (box.width > 0) { widest = Math.max(widest, box.right); }
    var styles = [[getComputedStyle(el), el.textContent]];
    var before = getComputedStyle(el, '::before');
    if (before.content && before.content !== 'none' && before.display !== 'none') {
      styles.push([before, before.content]);
    }
    var ownText = Array.prototype.some.call(el.childNodes, function (n) {
      return n.nodeType === 3 && n.textContent.trim();
    });
    styles.forEach(function (pair, i) {
      if (i === 0 && !ownText) { return; }
      if (pair[0].display === 'none' || box.width <= 1) { return; }
      smallest = Math.min(smallest, parseFloat(pair[0].fontSize));
      var ratio = contrast(pair[0], el);
      if (ratio < worst) { worst = ratio; worstText = pair[1].slice(0, 60); }
    });
  });
  // A priority's table, which a yearly report has none of.
  var row = document.querySelector('table.actions tbody tr');
  var head = document.querySelector('table.actions thead');
  // How much of its row the narrowest cell of a stacked table takes (1 for a card's item).
  var narrowestCell = 1;
  document.querySelectorAll('table.stack td').forEach(function (td) {
    var share = td.getBoundingClientRect().width / td.parentElement.clientWidth;
    narrowestCell = Math.min(narrowestCell, share);
  });
  var probe = window.parent.document.createElement('pre');
  probe.id = 'probe';
  probe.textContent = JSON.stringify({
    innerWidth: window.innerWidth,
    scrollWidth: html.scrollWidth,
    widest: widest,
    bodyFont: parseFloat(getComputedStyle(document.body).fontSize),
    smallestFont: smallest,
    worstContrast: worst,
    worstText: worstText,
    rowDisplay: row ? getComputedStyle(row).display : null,
    narrowestCell: narrowestCell,
    headerHeight: head ? head.getBoundingClientRect().height : null
  });
  window.parent.document.body.appendChild(window.parent.document.importNode(probe, true));
})();
</script>
"""


def chromium() -> str:
    """The Chromium binary; fails (never skips) the test when there is none."""
    found = os.environ.get("CHROMIUM") or next(
        filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None
    )
    if not found:
        pytest.fail(
            "Chromium is not installed, so the rendered page cannot be checked. Install it "
            "(Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM=/path/to/chrome.",
            pytrace=False,
        )
    return found


def run_chromium(page: Path, size: tuple[int, int], *args: str) -> bytes:
    """Run headless Chromium on ``page`` at a window ``size``; its standard output."""
    profile = page.parent / f"profile-{size[0]}-{'-'.join(a.lstrip('-')[:6] for a in args)}"
    command = [
        chromium(),
        *FLAGS,
        f"--user-data-dir={profile}",
        f"--window-size={size[0]},{size[1]}",
        *args,
        page.resolve().as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
    if result.returncode != 0:
        pytest.fail(
            f"chromium exited with {result.returncode}: {' '.join(command)}\n"
            + result.stderr.decode("utf-8", "replace")[-2000:],
            pytrace=False,
        )
    return result.stdout


@pytest.fixture
def page_file(export_html: Export, tmp_path: Path) -> Path:
    path = tmp_path / "progress.html"
    path.write_bytes(export_html())
    return path


def dump_dom(page: Path, size: tuple[int, int]) -> Document:
    return parse(run_chromium(page, size, "--dump-dom").decode("utf-8"), strict=False)


def probe(page: Path, size: tuple[int, int]) -> dict[str, Any]:
    """Layout measured in Chromium with the page ``size[0]`` CSS pixels wide."""
    probed = page.read_text("utf-8").replace("</body>", PROBE + "</body>")
    frame = (
        '<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">'
        f'<iframe style="width:{size[0]}px;height:{size[1]}px;border:0" '
        f'srcdoc="{html.escape(probed, quote=True)}"></iframe></body></html>'
    )
    wrapper = page.with_name(f"probe-{size[0]}.html")
    wrapper.write_text(frame, "utf-8")
    window = (max(size[0], DESKTOP[0]) + 40, size[1] + 40)
    found = dump_dom(wrapper, window).find_all("pre")
    assert found, "the probe did not run"
    result: dict[str, Any] = json.loads(found[0].text)
    return result


def assert_fits(page: Path, size: tuple[int, int]) -> None:
    """Nothing wider than the screen, body text of 16px or more, text contrast of 4.5:1 or
    more, and on a phone every table's rows as cards."""
    measured = probe(page, size)
    assert measured["scrollWidth"] <= size[0], measured
    assert measured["widest"] <= size[0], measured
    assert measured["bodyFont"] >= 16, measured
    assert measured["worstContrast"] >= 4.5, measured
    if size == PHONE:
        assert measured["narrowestCell"] >= 0.95, measured  # every table's rows are cards


def test_rendered_dom_has_the_tables_and_headline(
    page_file: Path, sample_report: sp.Report
) -> None:
    dom = dump_dom(page_file, PHONE)
    tables = dom.find_all("table", "actions")
    assert [len(table_parts(t)[2]) for t in tables] == [10, 10, 5, 8]
    assert dom.find("p", "headline").text == sample_report.headline
    assert "73% of the actions have been completed" in sample_report.headline
    assert dom.find_all("h1")[0].text == sample_report.title
    assert dom.find("p", "partnership").text == "Birmingham Safeguarding Children Partnership"
    assert dom.find_all("script") == []


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_screenshot_is_the_width_asked_for_and_not_blank(
    page_file: Path, size: tuple[int, int]
) -> None:
    shot = page_file.with_name(f"page-{size[0]}.png")
    run_chromium(page_file, size, f"--screenshot={shot}")
    assert shot.exists(), "chromium wrote no screenshot"
    keep = os.environ.get("HTML_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)
    assert _png.size(shot) == size
    image = _png.read(shot)
    pixels = [
        image.pixel(x, y) for y in range(0, image.height, 3) for x in range(0, image.width, 3)
    ]
    dark = sum(1 for p in pixels if max(p[:3]) < 100)  # text
    colours = {p[:3] for p in pixels}
    assert dark / len(pixels) > 0.01, "the screenshot has (almost) no text on it"
    assert len(colours) > 20, "the screenshot is (almost) one colour"
    # The heading's first line is at the top: some dark pixels in the first 120px.
    assert any(max(image.pixel(x, y)[:3]) < 100 for y in range(120) for x in range(image.width))


def test_phone_layout(page_file: Path) -> None:
    measured = probe(page_file, PHONE)
    assert measured["innerWidth"] == PHONE[0]
    # Nothing scrolls sideways: every row is a card that fits the screen.
    assert measured["scrollWidth"] <= PHONE[0], measured
    assert measured["widest"] <= PHONE[0], measured
    assert measured["rowDisplay"] == "block", measured
    assert measured["narrowestCell"] >= 0.95, measured  # each item spans its card
    assert measured["headerHeight"] <= 1, measured  # column headings visually hidden
    assert measured["bodyFont"] >= 16, measured
    assert measured["smallestFont"] >= 14, measured
    assert measured["worstContrast"] >= 4.5, measured


def test_desktop_layout(page_file: Path) -> None:
    measured = probe(page_file, DESKTOP)
    assert measured["scrollWidth"] <= DESKTOP[0], measured
    assert measured["rowDisplay"] == "table-row", measured
    assert measured["headerHeight"] > 20, measured
    assert measured["bodyFont"] >= 16, measured
    assert measured["worstContrast"] >= 4.5, measured


# Each chart's lines of text as Chromium draws them: their boxes and the size their text is
# drawn at (the style's size, scaled as the drawing is).
CHART_PROBE = """<script>
(function () {
  var charts = [];
  document.querySelectorAll('figure.chart svg').forEach(function (svg) {
    var scale = svg.getScreenCTM().a, edge = svg.getBoundingClientRect(), lines = [];
    svg.querySelectorAll('text').forEach(function (text) {
      var parts = text.querySelectorAll('tspan');
      (parts.length ? Array.prototype.slice.call(parts) : [text]).forEach(function (line) {
        var box = line.getBoundingClientRect();
        lines.push({text: line.textContent, left: box.left, top: box.top, right: box.right,
                    bottom: box.bottom, size: parseFloat(getComputedStyle(line).fontSize) * scale});
      });
    });
    charts.push({left: edge.left, top: edge.top, right: edge.right, bottom: edge.bottom,
                 lines: lines});
  });
  var probe = document.createElement('pre');
  probe.id = 'charts';
  probe.textContent = JSON.stringify(charts);
  document.body.appendChild(probe);
})();
</script>
"""


@pytest.mark.parametrize("reviews", [8, 20])
def test_the_trend_as_drawn_keeps_its_text_one_size_and_its_labels_apart(
    export_html: Export, reviewed: Callable[[int], sp.Plan], tmp_path: Path, reviews: int
) -> None:
    page = tmp_path / f"trend-{reviews}.html"
    page.write_bytes(export_html(reviewed(reviews)))
    shot = tmp_path / f"trend-{reviews}.png"
    run_chromium(page, (1000, 2000), f"--screenshot={shot}")
    keep = os.environ.get("HTML_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)
    probed = page.with_name(f"probe-trend-{reviews}.html")
    probed.write_text(page.read_text("utf-8").replace("</body>", CHART_PROBE + "</body>"), "utf-8")
    charts = json.loads(dump_dom(probed, DESKTOP).find("pre").text)
    assert len(charts) == 2  # by priority, and the trend
    sizes = {round(line["size"], 2) for chart in charts for line in chart["lines"]}
    assert len(sizes) == 1, sizes  # one size, the by-priority chart's
    assert sizes.pop() >= 14
    for chart in charts:
        lines = chart["lines"]
        for line in lines:
            assert chart["left"] <= line["left"] <= line["right"] <= chart["right"], line
            assert chart["top"] <= line["top"] <= line["bottom"] <= chart["bottom"], line
        for one, other in itertools.combinations(lines, 2):
            apart = (
                one["right"] <= other["left"] + 0.5
                or other["right"] <= one["left"] + 0.5
                or one["bottom"] <= other["top"] + 0.5
                or other["bottom"] <= one["top"] + 0.5
            )
            assert apart, (one, other)
