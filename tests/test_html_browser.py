"""The HTML pages in a real browser (headless Chromium) at 1280 and 400 px: the diff
report (nothing wider than the window, the legend fits, one column on a phone) and
the line-up (a table that fits, a card per treaty on a phone).

Skipped, with the reason, where no Chromium is installed
(Debian/Ubuntu: ``apt-get install chromium``).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from _treaties import bundled

from treatycmp.analysis import compare
from treatycmp.render.diff.html import render_html

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER = next((b for b in map(shutil.which, BROWSERS) if b), None)

pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no headless Chromium installed (apt-get install chromium)"
)

# The report runs in an iframe of the exact width (a headless window cannot be
# made narrower than 500 px); a script in the outer page measures it once loaded.
PROBE = """<!DOCTYPE html>
<html><head><title>waiting</title></head><body style="margin:0">
<iframe id="report" style="border:0" width="{width}" height="900" srcdoc="{page}"></iframe>
<script>
window.addEventListener("load", () => {{
  const doc = document.getElementById("report").contentDocument;
  const root = doc.documentElement;
  const win = doc.defaultView;
  const wide = [...doc.querySelectorAll("body *")].filter(
    (e) => e.getBoundingClientRect().right > win.innerWidth + 1).map((e) => e.tagName);
  const legend = doc.querySelector(".legend").getBoundingClientRect();
  const sides = win.getComputedStyle(doc.querySelector(".sides")).gridTemplateColumns;
  const closed = [...doc.querySelectorAll("details")].filter((d) => !d.open).length;
  document.title = "PROBE" + JSON.stringify({{
    inner: win.innerWidth, scroll: root.scrollWidth, wide: wide.slice(0, 5),
    legend_right: legend.right, columns: sides.split(" ").length, closed: closed,
    viewport: !!doc.querySelector('meta[name="viewport"]')}});
}});
</script></body></html>
"""


def measure(page: str, width: int, tmp_path: Path, probe_page: str = PROBE) -> dict[str, Any]:
    probe = tmp_path / f"probe-{width}.html"
    probe.write_text(probe_page.format(width=width, page=html.escape(page, quote=True)), "utf-8")
    assert BROWSER is not None
    result = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=1400,1000",
            "--virtual-time-budget=5000",
            "--dump-dom",
            probe.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    m = re.search(r"<title>PROBE(.*?)</title>", result.stdout)
    assert m, f"the browser gave no measurement: {result.stderr[-500:]}"
    data: dict[str, Any] = json.loads(html.unescape(m[1]))
    return data


@pytest.mark.parametrize(("width", "columns"), [(1280, 2), (400, 1)])
def test_report_fits_the_window(tmp_path: Path, width: int, columns: int) -> None:
    page = render_html(compare(bundled("ussr-dprk-1961"), bundled("dprk-russia-2024")))
    got = measure(page, width, tmp_path)
    assert got["inner"] == width
    assert got["viewport"]
    assert got["scroll"] <= width, got
    assert got["wide"] == [], got
    assert got["legend_right"] <= width
    assert got["columns"] == columns
    assert got["closed"] >= 1  # unchanged pairs and gaps start collapsed


# The line-up page: one table at 1280 px (16 columns wrapped to fit), a card per
# treaty at 400 px (each cell on its own line under its column's name).
LINEUP_PROBE = """<!DOCTYPE html>
<html><head><title>waiting</title></head><body style="margin:0">
<iframe id="page" style="border:0" width="{width}" height="900" srcdoc="{page}"></iframe>
<script>
window.addEventListener("load", () => {{
  const doc = document.getElementById("page").contentDocument;
  const win = doc.defaultView;
  const wide = [...doc.querySelectorAll("body *")].filter(
    (e) => e.getBoundingClientRect().right > win.innerWidth + 1).map((e) => e.tagName);
  const rows = [...doc.querySelectorAll("tbody tr")];
  const top = (c) => Math.round(c.getBoundingClientRect().top);
  const tops = rows.map((r) => [...r.children].map(top));
  document.title = "PROBE" + JSON.stringify({{
    inner: win.innerWidth, scroll: doc.documentElement.scrollWidth, wide: wide.slice(0, 5),
    display: win.getComputedStyle(rows[0]).display, rows: rows.length,
    lines_per_row: tops.map((t) => new Set(t).size),
    label: win.getComputedStyle(rows[0].children[1], "::before").content,
    viewport: !!doc.querySelector('meta[name="viewport"]')}});
}});
</script></body></html>
"""


@pytest.mark.parametrize(("width", "cards"), [(1280, False), (400, True)])
def test_lineup_page_reads_at_both_widths(tmp_path: Path, width: int, cards: bool) -> None:
    from treatycmp.analysis import bundled_rules
    from treatycmp.lineup import line_up
    from treatycmp.render.lineup import lineup_html

    reference = bundled("dprk-russia-2024")
    clause = next(c for c in reference.clauses("article") if c.id == "4")
    others = [bundled(t) for t in ("ussr-dprk-1961", "north-atlantic-1949", "us-rok-1953")]
    result = line_up(reference, clause, others, bundled_rules(), level="article")
    page = lineup_html(result)
    got = measure(page, width, tmp_path, LINEUP_PROBE)
    assert got["inner"] == width
    assert got["viewport"]
    assert got["scroll"] <= width, got
    assert got["wide"] == [], got
    assert got["rows"] == len(result.rows)
    if cards:
        assert got["display"] == "block"
        n = 2 + len(result.buffer_labels)  # who, what it does, a cell per buffer
        assert got["lines_per_row"] == [n] * len(result.rows)  # a line (or more) per cell
        assert got["label"] == '"what it does: "'
    else:
        assert got["display"] == "table-row"
        assert got["lines_per_row"] == [1] * len(result.rows)  # cells side by side
