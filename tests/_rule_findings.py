"""The words one bundled rule finds in a text: what the rule-meaning tests assert on."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from treatycmp.analysis import bundled_rules
from treatycmp.rules.match import find_rules


def rule_words(text: str, language: str, rule_id: str) -> list[str]:
    """The texts of the findings of ``rule_id`` in ``text``, in order."""
    return [f.text for f in find_rules(text, language, bundled_rules()) if f.rule_id == rule_id]


Found = list[tuple[str, str, str, str]]
Absent = list[tuple[str, str, str]]


def meaning_tests(
    found: Found, absent: Absent
) -> tuple[Callable[[str, str, str, str], None], Callable[[str, str, str], None]]:
    """The two tests every rule pass repeats: each FOUND case yields its words, each
    NOT_FOUND case nothing. Bind them in the test module under ``test_`` names."""

    @pytest.mark.parametrize(("text", "language", "rule_id", "words"), found)
    def test_found_by_meaning(text: str, language: str, rule_id: str, words: str) -> None:
        assert words in rule_words(text, language, rule_id)

    @pytest.mark.parametrize(("text", "language", "rule_id"), absent)
    def test_not_where_the_meaning_is_absent(text: str, language: str, rule_id: str) -> None:
        assert rule_words(text, language, rule_id) == []

    return test_found_by_meaning, test_not_where_the_meaning_is_absent
