"""Evidence across renderings: where a finding is unknown because the text compared has a
gap, which other renderings of the same treaty carry the words, and what they say.

Texts are never merged: the finding on the text compared stays ``unknown``; the
evidence only tells the reader where to look (KCNA's English Article 4 of 2024 breaks
off before Article 51, which the Korean text and Meduza's rendering carry).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from treatycmp.align.pairs import JOINER
from treatycmp.analysis import Comparison, PairResult
from treatycmp.model import Clause, Treaty
from treatycmp.rule_model import RuleSet
from treatycmp.rules.findings import Elsewhere
from treatycmp.rules.match import find_rules


def treaty_group(treaty: Treaty) -> str:
    """The treaty a text renders: ``rendering_of``, else the id before ``@``."""
    return treaty.rendering_of or treaty.id.split("@", 1)[0]


def siblings(treaty: Treaty, treaties: Iterable[Treaty]) -> tuple[Treaty, ...]:
    """The other renderings of ``treaty`` among ``treaties`` (ids sharing the part before
    ``@``, or ``rendering_of``), in id order."""
    group = treaty_group(treaty)
    found = {t.id: t for t in treaties if t.id != treaty.id and treaty_group(t) == group}
    return tuple(found[k] for k in sorted(found))


def carried_elsewhere(
    rule_ids: Sequence[str],
    clauses: Sequence[Clause],
    others: Sequence[Treaty],
    rules: RuleSet,
) -> tuple[Elsewhere, ...]:
    """For each of ``rule_ids``, the renderings in ``others`` whose same article(s) as
    ``clauses`` carry it, with the words. Clauses with no article (preamble, closing)
    have no counterpart to look up."""
    numbers = [c.article for c in clauses if c.article]
    if not rule_ids or not numbers:
        return ()
    wanted = {n.casefold() for n in numbers}
    out: list[Elsewhere] = []
    for other in others:
        same = [c for c in other.clauses("article") if (c.article or "").casefold() in wanted]
        if not same:
            continue
        found = find_rules(JOINER.join(c.text for c in same), other.language, rules)
        for rule_id in rule_ids:
            words = tuple(dict.fromkeys(f.text for f in found if f.rule_id == rule_id))
            if words:
                out.append(Elsewhere(rule_id, other.id, tuple(c.id for c in same), words))
    return tuple(out)


def _pair_evidence(
    pair: PairResult, sides: tuple[Sequence[Treaty], Sequence[Treaty]], rules: RuleSet
) -> PairResult:
    f = pair.findings
    if not f.unknown:
        return pair
    left_ids = {x.rule_id for x in f.left}
    # An id unknown on a side is one that side lacks and may hold in its gap.
    missing_left = [r for r in f.unknown if r not in left_ids]
    missing_right = [r for r in f.unknown if r in left_ids]
    evidence = carried_elsewhere(missing_left, pair.left, sides[0], rules)
    evidence += carried_elsewhere(missing_right, pair.right, sides[1], rules)
    if not evidence:
        return pair
    return replace(pair, findings=replace(f, elsewhere=evidence))


def with_renderings(c: Comparison, treaties: Iterable[Treaty]) -> Comparison:
    """``c`` with, on every pair whose findings are unknown (gap), the other renderings
    of the same treaty (among ``treaties``) that carry the words."""
    pool = tuple(treaties)
    sides = (siblings(c.left, pool), siblings(c.right, pool))
    if not any(sides):
        return c
    pairs = tuple(_pair_evidence(p, sides, c.rules) for p in c.pairs)
    return replace(c, pairs=pairs)
