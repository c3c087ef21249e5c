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


# A look-ahead over the rest of the line (``(?=.*…)``, ``(?!.*…)``) is read again for every
# place the pattern is tried: on one line of 8,000 repeated Korean clauses that made the
# obligatory and hortatory patterns cost the square of the line (7.8 s). Only a pattern
# anchored at the start of the paragraph (``^``), tried once, may look to its end.
_OPEN_LOOKAHEAD = re.compile(r"\(\?[=!]\.\*")


def test_no_bundled_pattern_looks_to_the_end_of_the_line_from_every_place() -> None:
    rules = load_rules(env={})
    open_ended = [
        (rule.id, p.language, p.source)
        for rule in rules.rules
        for p in (*rule.patterns, *rule.exclude)
        if _OPEN_LOOKAHEAD.search(p.source) and not p.source.startswith("^")
    ]
    assert open_ended == []


def test_the_korean_directive_and_its_declared_intent_are_found_as_before() -> None:
    # The sentence-bounded look-aheads give the spans the open ones gave on these clauses.
    rules = {r.id: r for r in load_rules(env={}).rules}
    korean = {
        rid: [p for p in rules[rid].patterns if p.language == "ko" and "것" in p.source]
        for rid in ("obligatory", "hortatory")
    }
    spans = {
        "일본국 정부는 대한제국의 독립을 확실히 보증할 것": ([(22, 27)], []),
        "양국은 참가할 것이며 평화에 기여할 것을 성명한다.": ([], [(4, 11), (16, 27)]),
        "보증할 것이며 또한 취할 것.": ([(0, 5)], []),
    }
    for text, (obligatory, hortatory) in spans.items():
        found = {
            rid: sorted(m.span() for p in pats for m in p.finditer(text))
            for rid, pats in korean.items()
        }
        assert found == {"obligatory": obligatory, "hortatory": hortatory}, text
