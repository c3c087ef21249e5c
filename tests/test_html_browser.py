"""The HTML report in a real browser (headless Chromium) at 1280 and 400 px:
nothing wider than the window, the legend fits, one column on a phone.

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


def measure(page: str, width: int, tmp_path: Path) -> dict[str, Any]:
    probe = tmp_path / f"probe-{width}.html"
    probe.write_text(PROBE.format(width=width, page=html.escape(page, quote=True)), "utf-8")
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
