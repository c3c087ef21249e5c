"""Rule matching over many clauses (figures go in docs/performance.md).

    python bench/bench_rules.py [--treaty FILE ...] [--repeat 3]
    python bench/bench_rules.py --tota 3000      # 3,000 English ToTA paragraphs (seeded)

Times ``find_rules`` on every paragraph of the given treaties (default: the two
largest ToTA agreements, TPP and EU - Ukraine, imported to /tmp/speed with
``treatycmp import --from tota``; or the bundled corpus) against, in the same run:

- ``reference``: what find_rules did before, every pattern of every rule on every
  normalised paragraph with offsets (the per-line, per-pattern loop);
- ``alternation``: one combined regex per language (every pattern as a named
  alternative) as a prefilter: a paragraph the combined search does not match is
  skipped, the others run every pattern as the reference does.

It checks that all three give the same findings.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from _rules_oracle import find_rules_reference  # noqa: E402
from timing import best  # noqa: E402

from treatycmp.corpus import Corpus  # noqa: E402
from treatycmp.formats.treaty_yaml import load_treaty  # noqa: E402
from treatycmp.model import Treaty  # noqa: E402
from treatycmp.rule_model import RuleSet  # noqa: E402
from treatycmp.rules.findings import Finding  # noqa: E402
from treatycmp.rules.load import load_rules  # noqa: E402
from treatycmp.rules.match import find_rules  # noqa: E402
from treatycmp.text import normalize  # noqa: E402


def reference(text: str, language: str, rules: RuleSet) -> tuple[Finding, ...]:
    """find_rules as it was: every pattern on every paragraph."""
    return find_rules_reference(text, language, rules)


def alternation(rules: RuleSet, language: str) -> re.Pattern[str]:
    """Every pattern of one language as one regex (a prefilter: any match at all)."""
    parts = [p.regex.pattern for r in rules for p in r.patterns_for(language)]  # type: ignore[attr-defined]
    return re.compile("|".join(f"(?:{p})" for p in parts))


def with_alternation(
    text: str, language: str, rules: RuleSet, combined: re.Pattern[str]
) -> tuple[Finding, ...]:
    lines = [line for line in text.split("\n") if line.strip()]
    if not any(combined.search(normalize(line, strip_number=False)) for line in lines):
        return ()
    return reference(text, language, rules)


def tota_sample(xml: Path, paragraphs: int) -> list[Treaty]:
    """English ToTA treaties in a seeded order until they hold ``paragraphs`` paragraphs."""
    import random

    from treatycmp.formats.tota import treaty_from_tota

    files = sorted(xml.glob("pta_*.xml"))
    random.Random(20).shuffle(files)
    out: list[Treaty] = []
    count = 0
    for path in files:
        try:
            treaty = treaty_from_tota(path.read_bytes(), str(path))
        except Exception:  # a file the reader refuses is left out of the sample
            continue
        if treaty.language == "en":
            out.append(treaty)
            count += len(treaty.clauses("paragraph"))
            if count >= paragraphs:
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--treaty", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--tota", type=int, metavar="N", help="N English paragraphs of ToTA treaties (seed 20)"
    )
    parser.add_argument("--xml", type=Path, default=Path("/tmp/tota/xml"))
    args = parser.parse_args()
    default = [Path("/tmp/speed/tota-pta-449.yaml"), Path("/tmp/speed/tota-pta-392.yaml")]
    paths = args.treaty if args.treaty else [p for p in default if p.exists()]
    treaties: list[Treaty] = (
        tota_sample(args.xml, args.tota)
        if args.tota
        else [load_treaty(p) for p in paths]
        if paths
        else list(Corpus.load(env={}).treaties)
    )
    rules = load_rules(env={})
    work = [(c.text, t.language) for t in treaties for c in t.clauses("paragraph")]
    if args.tota:
        work = work[: args.tota]
    chars = sum(len(t) for t, _ in work)
    print(f"{len(treaties)} treaties, {len(work)} paragraphs, {chars:,} characters")
    combined = {lang: alternation(rules, lang) for lang in {lang for _, lang in work}}

    fast = [find_rules(t, lang, rules) for t, lang in work]
    ref = [reference(t, lang, rules) for t, lang in work]
    alt = [with_alternation(t, lang, rules, combined[lang]) for t, lang in work]
    assert fast == ref, "find_rules differs from the reference"
    assert alt == ref, "the alternation prefilter differs from the reference"
    print(f"findings: {sum(map(len, fast)):,} (identical on all three paths)")

    t_ref = best(lambda: [reference(t, lang, rules) for t, lang in work], args.repeat)
    t_alt = best(
        lambda: [with_alternation(t, lang, rules, combined[lang]) for t, lang in work],
        args.repeat,
    )
    t_fast = best(lambda: [find_rules(t, lang, rules) for t, lang in work], args.repeat)
    print(f"reference (every pattern, every paragraph): {t_ref:.3f} s")
    print(f"one alternation per language as prefilter:  {t_alt:.3f} s ({t_ref / t_alt:.1f}x)")
    print(f"find_rules (literal prefilter, lazy offsets): {t_fast:.3f} s ({t_ref / t_fast:.1f}x)")


if __name__ == "__main__":
    main()
