"""The plain rule matcher that ``find_rules`` is held to (tests and bench/bench_rules.py)."""

from __future__ import annotations

from collections.abc import Callable

from treatycmp.rule_model import RuleSet
from treatycmp.rules.findings import Finding
from treatycmp.rules.subject import binds_party
from treatycmp.text import normalize_with_offsets

# ``find_rules_reference`` with the bundled rules, worked out once a session (the
# ``reference`` fixture of conftest.py): text, language -> findings.
Reference = Callable[[str, str], tuple[Finding, ...]]


def find_rules_reference(text: str, language: str, rules: RuleSet) -> tuple[Finding, ...]:
    """``find_rules`` without its prefilter: every pattern on every normalised paragraph.

    Slow and plain on purpose: the oracle that tests and bench/bench_rules.py hold the
    fast path to (the two must return identical findings).
    """
    found: list[Finding] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            norm, offsets = normalize_with_offsets(line, strip_number=False)
            for rule in rules:
                patterns, exclude = rule.patterns_for(language), rule.exclude_for(language)
                blocked = [m.span() for p in exclude for m in p.regex.finditer(norm)]
                spans = sorted(
                    {
                        m.span()
                        for p in patterns
                        for m in p.regex.finditer(norm)
                        if m.end() > m.start()
                        and not any(m.start() < be and bs < m.end() for bs, be in blocked)
                    }
                )
                merged: list[tuple[int, int]] = []
                for s, e in spans:
                    if merged and s < merged[-1][1]:
                        merged[-1] = (merged[-1][0], max(merged[-1][1], e))
                    else:
                        merged.append((s, e))
                for s, e in merged:
                    start, end = offset + offsets[s], offset + offsets[e - 1] + 1
                    found.append(
                        Finding(
                            rule.id,
                            rule.category,
                            rule.label,
                            start,
                            end,
                            text[start:end],
                            rule.strength,
                        )
                    )
        offset += len(line) + 1
    found.sort(key=lambda f: (f.start, f.end, f.rule_id))
    # the subject check is shared, not re-implemented: the oracle holds the matching to it
    return tuple(
        f for f in found if f.category != "modality" or binds_party(text, f.start, f.end, language)
    )
