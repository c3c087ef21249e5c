"""Where two rule sets differ beyond the labelled units: the bundled corpus and ToTA.

Runs the bundled rules and an older rule file (``--rules OLD``, which replaces every
rule by id, as in measure_rules.py) on every paragraph of every bundled text and, with
``--tota DIR``, of every ToTA agreement; prints, per rule, how many paragraphs fire
with each set and the paragraphs that fire only with one of them, with their words in
context, for a reader to judge (no label exists there: a new finding is not a false
alarm until read). Only the rule FILE differs between the two runs: code changes (the
subject check of modal verbs) count for both.

    python bench/compare_rule_hits.py --rules OLD --tota /tmp/tota/xml --show 10
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Iterable, Iterator

from treatycmp import Corpus, find_rules, load_rules
from treatycmp.model import Treaty
from treatycmp.rule_model import RuleSet

Hits = dict[str, dict[str, str]]  # rule id -> paragraph key -> words in context


def treaties(tota: str | None) -> Iterator[tuple[str, Treaty]]:
    """Every bundled text, then every ToTA agreement of ``tota``."""
    corpus = Corpus.load(env={})
    for tid in corpus.ids:
        yield "bundled", corpus.get(tid)
    if tota:
        from treatycmp.formats.tota import iter_tota

        for treaty in iter_tota(tota):
            yield "tota", treaty


def hits(texts: Iterable[tuple[str, Treaty]], rules: RuleSet) -> Hits:
    """Per rule, the paragraphs it fires on (first finding's words in context)."""
    found: Hits = defaultdict(dict)
    for source, treaty in texts:
        for clause in treaty.clauses("paragraph"):
            for f in find_rules(clause.text, treaty.language, rules):
                key = f"{source} {treaty.id}:{clause.id}"
                context = clause.text[max(0, f.start - 60) : f.end + 60]
                found[f.rule_id].setdefault(key, f"[{f.text}] ...{' '.join(context.split())}...")
    return found


def report(old: Hits, new: Hits, show: int) -> list[str]:
    """Per rule with a difference: counts, then up to ``show`` paragraphs each way."""
    lines: list[str] = []
    for rule in sorted(set(old) | set(new)):
        gained = sorted(set(new.get(rule, {})) - set(old.get(rule, {})))
        lost = sorted(set(old.get(rule, {})) - set(new.get(rule, {})))
        if not gained and not lost:
            continue
        before, after = len(old.get(rule, {})), len(new.get(rule, {}))
        lines.append(f"{rule}: {before} -> {after} paragraphs (+{len(gained)} / -{len(lost)})")
        lines += [f"  + {k}: {new[rule][k]}" for k in gained[:show]]
        lines += [f"  - {k}: {old[rule][k]}" for k in lost[:show]]
    return lines or ["no rule fires on a different paragraph"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rules", required=True, help="the older rule file (YAML)")
    parser.add_argument("--tota", metavar="DIR", help="a ToTA XML folder to read as well")
    parser.add_argument("--show", type=int, default=5, help="paragraphs listed per rule")
    args = parser.parse_args(argv)
    texts = list(treaties(args.tota))
    old = hits(texts, load_rules([args.rules], env={}))
    new = hits(texts, load_rules([], env={}))
    print("\n".join(report(old, new, args.show)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
