"""Which main-content extractor to use for web pages: trafilatura or readability-lxml.

Each bundled treaty with three or more articles (the UN Charter built from
open-treaties when it is not bundled) is written as five kinds of page (tests/_documents.py):
semantic HTML in a site's chrome, a CMS's divs, a news agency's lines separated
by <br>, a page with teasers and reader comments around the text, and a bare
page. Each extractor's blocks are compared word for word with the treaty:
recall (treaty words found, in order), precision (extracted words that are
treaty words, in order) and whether the articles come back exactly.

    python bench/bench_html_extractors.py
"""

from __future__ import annotations

import difflib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from _documents import layout, to_html, to_html_busy, to_html_lines, un_charter

from treatycmp.corpus import Corpus
from treatycmp.errors import TreatycmpError
from treatycmp.formats.html import EXTRACTORS, html_blocks
from treatycmp.formats.segment import Meta, segment

PAGES = {
    "semantic": lambda t: to_html(t),
    "divs": lambda t: to_html(t, tags="divs"),
    "br-lines": to_html_lines,
    "busy": to_html_busy,
    "bare": lambda t: to_html(t, chrome=False),
}


def main() -> None:
    treaties = [t for t in Corpus.load().treaties if len(t.article_list) >= 3 and "@" not in t.id]
    charter = un_charter() if "un-charter-1945" not in {t.id for t in treaties} else None
    if charter is not None:
        treaties.append(charter)
    print(f"{len(treaties)} treaties x {len(PAGES)} page kinds")
    print("| extractor | page | recall | precision | articles exact | ms/page | not exact |")
    print("|---|---|---|---|---|---|---|")
    totals: dict[str, list[float]] = {}
    for extractor in EXTRACTORS:
        for kind, make in PAGES.items():
            rec = prec = exact = 0.0
            took = 0.0
            missed: list[str] = []
            for t in treaties:
                want = " ".join(line.text for line in layout(t)).split()
                page = make(t)
                start = time.perf_counter()
                try:
                    blocks = html_blocks(page, "page.html", extractor=extractor)
                except TreatycmpError:
                    blocks = []
                took += time.perf_counter() - start
                got = " ".join(b.text for b in blocks).split()
                match = difflib.SequenceMatcher(None, want, got, autojunk=False)
                same = sum(b.size for b in match.get_matching_blocks())
                rec += same / len(want)
                prec += same / max(1, len(got))
                try:
                    back = segment(blocks, treaty_id="x", path="p", meta=Meta(title=t.title))
                    same_articles = [
                        (a.number, [p.text for p in a.paragraphs]) for a in back.article_list
                    ] == [(a.number, [p.text for p in a.paragraphs]) for a in t.article_list]
                except TreatycmpError:
                    same_articles = False
                exact += same_articles
                if not same_articles:
                    missed.append(t.id)
            n = len(treaties)
            row = (rec / n, prec / n, exact / n)
            totals.setdefault(extractor, []).extend(row)
            print(
                f"| {extractor} | {kind} | {row[0]:.3f} | {row[1]:.3f} | "
                f"{int(exact)}/{n} | {1000 * took / n:.0f} | {', '.join(missed)} |"
            )
    for extractor, values in totals.items():
        k = len(values) // 3
        print(
            f"{extractor}: mean recall {sum(values[0::3]) / k:.3f}, "
            f"precision {sum(values[1::3]) / k:.3f}, exact {sum(values[2::3]) / k:.2f}"
        )


if __name__ == "__main__":
    main()
