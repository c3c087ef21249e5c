"""The bundled rules are compiled with ``re`` and run without a time limit (they are
trusted), so none may hold a repetition that a hostile paragraph (one long token)
makes the engine retry with the square of its length. Checked on the pattern text,
not by timing: a run of non-spaces before a group of words that starts with one
(``\\S*?(?:\\S+ )``) lets every split of the token be tried again."""

from __future__ import annotations

import re

from treatycmp.rules.load import load_rules

# A repetition of non-spaces right before a group that opens with another one.
_DOUBLED = re.compile(r"\\S[*+]\??\((?:\?:)?\\S[*+]")


def test_no_bundled_pattern_repeats_non_spaces_twice_in_a_row() -> None:
    rules = load_rules(env={})
    doubled = [
        (rule.id, p.language, p.source)
        for rule in rules.rules
        for p in (*rule.patterns, *rule.exclude)
        if _DOUBLED.search(p.source)
    ]
    assert doubled == []


def test_the_case_of_an_aggression_is_found_as_before() -> None:
    # The French pattern rewritten without its leading \S*? matches the same spans.
    rule = next(r for r in load_rules(env={}).rules if r.id == "armed-attack")
    pattern = next(p for p in rule.patterns if "victime" in p.source)
    spans = {
        "dans le cas d'une agression armée": [(12, 27)],
        "l'objet d'une agression armée": [(8, 23)],
        "en cas de non agression": [],
        "cas a b c d e agression": [],
        "cas de l'agressionnaire invasion": [(4, 32)],
    }
    assert {t: [m.span() for m in pattern.finditer(t)] for t in spans} == spans
