"""The words one bundled rule finds in a text: what the rule-meaning tests assert on."""

from __future__ import annotations

from treatycmp.analysis import bundled_rules
from treatycmp.rules.match import find_rules


def rule_words(text: str, language: str, rule_id: str) -> list[str]:
    """The texts of the findings of ``rule_id`` in ``text``, in order."""
    return [f.text for f in find_rules(text, language, bundled_rules()) if f.rule_id == rule_id]
