"""Measure the obligation profile against types read by hand, article by article.

Every bundled alliance text, plus any alliance text of ../shared/sources that a checkout
has not bundled yet (imported in memory with the same code as ``treatycmp import``), is
profiled at article level; the types found are compared with the types a reader
assigned to each article (TRUTH below, read from the texts). Prints a markdown table
of hits, misses and false alarms per treaty, then the misses and false alarms.

    python bench/measure_profile.py            # bundled + ../shared/sources
    python bench/measure_profile.py --bundled  # bundled only
    python bench/measure_profile.py --tota /tmp/tota/xml  # false alarms on ToTA

ToTA (trade agreements, held apart: never looked at while writing the patterns) has
no reading by hand; ``--tota`` lists every security obligation the profile finds
there, for a reader to check, and counts general consultation apart.

Offence and neutrality appear in none of these texts: for them the table can only
show that they never fire where a reader finds neither.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path

from treatycmp.analysis import bundled_rules
from treatycmp.corpus import Corpus
from treatycmp.errors import TreatyFileError
from treatycmp.formats.importing import import_text
from treatycmp.model import Treaty
from treatycmp.profile import OBLIGATION_TYPES, profile_treaty

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "sources"

D, C, G, N = "defence", "consultation", "general-consultation", "non-aggression"
# Article -> obligation types, as read by hand. An article not listed carries none.
# A "?" key lists articles whose text breaks off before the words that would show
# the type (counted apart, never as a miss of the profile).
TRUTH: dict[str, dict[str, tuple[str, ...]]] = {
    "north-atlantic-1949": {"1": (N,), "4": (C,), "5": (D,)},
    "us-rok-1953": {"I": (N,), "II": (C,), "III": (D,)},
    "us-japan-1960": {"I": (N,), "V": (D,)},
    "ussr-dprk-1961": {"1": (D,), "2": (N,), "3": (G,)},
    "ussr-dprk-1961@ko": {"1": (D,), "2": (N,)},
    "ussr-dprk-1961@meduza": {"1": (D,)},
    "prc-dprk-1961": {"II": (D,)},
    "dprk-russia-2024": {"2": (G,), "3": (C,), "4": (D,)},
    "dprk-russia-2024@ko": {"3": (C,), "4": (D,)},
    "dprk-russia-2024@meduza": {"4": (D,)},
    "dprk-russia-2024@almayadeen": {"4": (D,)},
    "dprk-russia-2024@asian-news": {"4": (D,)},
    "dprk-russia-2024@interfax": {"4": (D,)},
    # Art. 4 (ru) breaks off after the trigger ("... и окажется таким"): the promise
    # of help that makes it a defence clause is in the gap.
    "dprk-russia-2024@ru": {"?": ("4",)},
    "anzus-1951": {"I": (N,), "III": (C,), "IV": (D,)},
    "seato-1954": {"I": (N,), "IV": (D, C), "V": (G,)},
    "rio-1947": {"1": (N,), "3": (D,)},
    "us-philippines-1951": {"I": (N,), "IV": (D,)},
    # Art. 2: 2.1 consult on all important issues (general), 2.2 consult in case of
    # threat (crisis); at article level the crisis obligation is the one that counts.
    "csto-1992": {"1": (N,), "2": (C,)},
    "csto-1992@ru": {"1": (N,), "4": (D,)},
    "teu-2007": {"42": (D,)},
    # Renderings bundled after the cues were written (held apart):
    "dprk-russia-2024@k4s": {},
    "dprk-russia-2024@moneytimes": {"3": (C,), "4": (D,)},
    "dprk-russia-2024@pravda": {"4": (D,)},
    "dprk-russia-2024@sputnik": {"2": (G,)},
    # Fourth pass (bundled after the cues were written; held apart):
    "prc-dprk-1961@zh": {"2": (D,)},
    "russia-belarus-2024": {"4": (D,)},
}
# Bundled ids that are not alliance texts (the Charter) or have no text.
NOT_ALLIANCES = {"un-charter-51", "un-charter-1945", "russia-dprk-2000"}
# The source file of each text, for a checkout whose bundle does not have it yet.
SOURCE_FILES = {
    "anzus-1951": ("1951-anzus", "en"),
    "seato-1954": ("1954-seato", "en"),
    "rio-1947": ("1947-rio-treaty", "en"),
    "us-philippines-1951": ("1951-us-philippines", "en"),
    "csto-1992": ("1992-csto", "en"),
    "csto-1992@ru": ("1992-csto.ru", "ru"),
    "teu-2007": ("2007-teu-art42", "en"),
}


def source_treaties(bundled: Mapping[str, Treaty]) -> list[tuple[str, Treaty]]:
    """The alliance texts of ../shared/sources that TRUTH knows and the bundle lacks."""
    out: list[tuple[str, Treaty]] = []
    for tid, (stem, language) in SOURCE_FILES.items():
        path = SOURCES / f"{stem}.txt"
        if tid in bundled or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        slug = tid.replace("@", "-")
        try:
            treaty = import_text(text, treaty_id=slug, language=language, path=str(path))
        except TreatyFileError:
            # A header date the importer cannot read (metadata only): drop that line.
            text = "\n".join(x for x in text.splitlines() if not x.startswith("# Signed:"))
            treaty = import_text(text, treaty_id=slug, language=language, path=str(path))
        out.append((tid, treaty))
    return out


def measure(treaties: list[tuple[str, Treaty]]) -> tuple[list[str], list[str]]:
    """The markdown table rows and the list of every miss and false alarm."""
    rules = bundled_rules()
    rows: list[str] = []
    notes: list[str] = []
    totals = dict.fromkeys(("articles", "hits", "misses", "false", "cut"), 0)
    by_type = {t: [0, 0, 0] for t in OBLIGATION_TYPES}
    for name, treaty in treaties:
        truth = TRUTH[name]
        cut = set(truth.get("?", ()))
        found = {r.clause_id: set(r.obligations) for r in profile_treaty(treaty, rules).rows}
        hits = misses = false = 0
        for article in treaty.article_list:
            if not article.text or article.number in cut:
                continue
            want = set(truth.get(article.number, ()))
            got = found.get(article.number, set())
            for t in OBLIGATION_TYPES:
                if t in want and t in got:
                    hits += 1
                    by_type[t][0] += 1
                elif t in want:
                    misses += 1
                    by_type[t][1] += 1
                    notes.append(f"miss: {name} {article.number} {t}")
                elif t in got:
                    false += 1
                    by_type[t][2] += 1
                    notes.append(f"false alarm: {name} {article.number} {t}")
        articles = sum(1 for a in treaty.article_list if a.text)
        rows.append(
            f"| {name} | {treaty.language} | {articles} | {hits} | {misses} | {false} | "
            f"{len(cut) or ''} |"
        )
        for key, value in (
            ("articles", articles),
            ("hits", hits),
            ("misses", misses),
            ("false", false),
            ("cut", len(cut)),
        ):
            totals[key] += value
    rows.append(
        f"| **all** | | {totals['articles']} | {totals['hits']} | {totals['misses']} | "
        f"{totals['false']} | {totals['cut']} |"
    )
    rows.append("")
    rows.append("| type | hits | misses | false alarms |")
    rows.append("|---|---:|---:|---:|")
    rows.extend(f"| {t} | {h} | {m} | {f} |" for t, (h, m, f) in by_type.items())
    return rows, notes


def tota_alarms(folder: str) -> int:
    """Every security obligation found in a ToTA folder, one line each, then counts."""
    from treatycmp.formats.tota import iter_tota
    from treatycmp.profile import SECURITY_TYPES

    rules = bundled_rules()
    treaties = articles = general = 0
    found: list[str] = []
    for treaty in iter_tota(folder):
        treaties += 1
        articles += len(treaty.article_list)
        for row in profile_treaty(treaty, rules).rows:
            general += "general-consultation" in row.obligations
            for kind in row.obligations:
                if kind in SECURITY_TYPES:
                    words = "; ".join(e.text for e in row.evidence if e.obligation == kind)
                    found.append(f"- {treaty.id} ({treaty.title}) {row.clause_id}: {kind}: {words}")
    print(f"{treaties} treaties, {articles} articles: {len(found)} security obligation(s)")
    print("\n".join(found))
    print(f"general consultation (not a security obligation): {general} articles")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundled", action="store_true", help="bundled texts only")
    parser.add_argument("--tota", metavar="DIR", help="list what fires on a ToTA folder")
    args = parser.parse_args(argv)
    if args.tota:
        return tota_alarms(args.tota)
    corpus = Corpus.load(env={})
    bundled = {t.id: t for t in corpus.treaties if t.id not in NOT_ALLIANCES}
    treaties = [(tid, t) for tid, t in bundled.items() if tid in TRUTH]
    unknown = sorted(set(bundled) - set(TRUTH))
    if unknown:
        sys.stderr.write(f"no hand reading for: {', '.join(unknown)} (left out)\n")
    if not args.bundled:
        treaties += source_treaties(bundled)
    rows, notes = measure(treaties)
    print("| treaty | lang | articles | hits | misses | false alarms | cut off |")
    print("|---|---|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    if notes:
        print()
        print("\n".join(f"- {n}" for n in notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
