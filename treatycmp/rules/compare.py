"""How the findings of two aligned clauses differ: added, removed, kept, a modality shift."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from treatycmp.kinds import CATEGORIES
from treatycmp.rule_model import RuleSet
from treatycmp.rules.findings import Finding, ModalityShift, PairFindings


def compare_findings(
    left: Sequence[Finding],
    right: Sequence[Finding],
    *,
    left_partial: bool = False,
    right_partial: bool = False,
) -> PairFindings:
    """What changed between the findings of two aligned clauses.

    An id found only on one side goes to ``unknown`` instead of added/removed when
    the other side is partial (its missing words may hold it). A modality shift is
    reported when both sides have a modality finding and the strongest one differs
    in strength ("shall provide" -> "shall consult").
    """
    left_ids = {f.rule_id for f in left}
    right_ids = {f.rule_id for f in right}
    added = right_ids - left_ids
    removed = left_ids - right_ids
    unknown: set[str] = set()
    if left_partial:
        unknown |= added
        added = set()
    if right_partial:
        unknown |= removed
        removed = set()
    return PairFindings(
        tuple(sorted(added)),
        tuple(sorted(removed)),
        tuple(sorted(left_ids & right_ids)),
        tuple(left),
        tuple(right),
        tuple(sorted(unknown)),
        modality_shift(left, right),
    )


def modality_shift(left: Sequence[Finding], right: Sequence[Finding]) -> ModalityShift | None:
    """The change in the strongest modality between two clauses, if any."""
    lmod = [f for f in left if f.category == "modality" and f.strength is not None]
    rmod = [f for f in right if f.category == "modality" and f.strength is not None]
    if not lmod or not rmod:
        return None
    lmax = max(cast(int, f.strength) for f in lmod)
    rmax = max(cast(int, f.strength) for f in rmod)
    if lmax == rmax:
        return None
    return ModalityShift(
        tuple(sorted({f.rule_id for f in lmod if f.strength == lmax})),
        tuple(sorted({f.rule_id for f in rmod if f.strength == rmax})),
        lmax,
        rmax,
    )


def summarize(pairs: Sequence[PairFindings], rules: RuleSet) -> dict[str, dict[str, int]]:
    """Totals per category of added, removed, kept and unknown ids (for JSON ``summary``).

    Modality shifts are counted under ``modality`` as ``shifted``.
    """
    category = {r.id: r.category for r in rules}
    totals: dict[str, dict[str, int]] = {
        c: {"added": 0, "removed": 0, "kept": 0, "unknown": 0, "shifted": 0} for c in CATEGORIES
    }
    for pair in pairs:
        for key, ids in (
            ("added", pair.added),
            ("removed", pair.removed),
            ("kept", pair.kept),
            ("unknown", pair.unknown),
        ):
            for rule_id in ids:
                if rule_id in category:
                    totals[category[rule_id]][key] += 1
        if pair.modality_shift is not None:
            totals["modality"]["shifted"] += 1
    return totals
