"""Obligation profiles: one row per clause that obliges a party to help or to talk.

ATOP codes what *triggers* an alliance obligation and the conditions on it; it has
no variable for discretion over the *response* ("as it deems necessary",
"constitutional processes"). A profile row puts both layers side by side: the
obligation type, trigger and conditions as ATOP sees them, then modality,
intensifiers and buffers from the rule library.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .model import Clause, Level, Treaty
from .rules import Finding, RuleSet, find_rules, language_key, missing_warning

ObligationType = Literal["defence", "consultation", "non-aggression", "neutrality"]
OBLIGATION_TYPES: tuple[ObligationType, ...] = (
    "defence",
    "consultation",
    "non-aggression",
    "neutrality",
)
Column = Literal["trigger", "conditions", "modality", "intensifiers", "buffers"]
COLUMNS: tuple[Column, ...] = ("trigger", "conditions", "modality", "intensifiers", "buffers")
_COLUMN_CATEGORY = {
    "trigger": "trigger",
    "conditions": "condition",
    "modality": "modality",
    "intensifiers": "intensifier",
    "buffers": "buffer",
}

# An attack sets off defence only when the clause also promises help or action.
_ATTACK_TRIGGERS = frozenset({"armed-attack", "state-of-war"})
_ASSISTANCE = {
    "en": r"\b(?:assist\w*|aid|help|support|act to meet|defend)\b",
    "ko": r"원조|지원|협조|대처|방위",
    "ru": r"помощ|содейств|поддержк|защит",
}
_NON_AGGRESSION = {
    "en": r"\b(?:not to|shall not|will not|never) (?:\w+ ){0,2}(?:attack|commit aggression)"
    r"|\brefrain from (?:any )?(?:attack|aggression|the use of force) against "
    r"(?:each other|one another|the other)",
    "ko": r"불가침|침략하지 않",
    "ru": r"ненападени|не нападать",
}
_NEUTRALITY = {
    "en": r"\b(?:remain neutral|neutrality|not (?:to )?(?:assist|aid|support|help) "
    r"(?:the )?(?:aggressor|attacker|attacking))",
    "ko": r"중립",
    "ru": r"нейтралитет",
}
_TEXT_TYPES: tuple[tuple[ObligationType, dict[str, str]], ...] = (
    ("non-aggression", _NON_AGGRESSION),
    ("neutrality", _NEUTRALITY),
)
_CONSULTATION_RULES = frozenset({"consultation", "consultative"})


@dataclass(frozen=True)
class ProfileRow:
    """One obligation clause: its type, trigger, conditions, modality, intensifiers, buffers."""

    treaty_id: str
    clause_id: str
    obligations: tuple[ObligationType, ...]
    findings: tuple[Finding, ...]
    text: str
    partial: bool = False
    inferred: bool = False

    def column(self, column: Column) -> tuple[Finding, ...]:
        """The findings that belong in ``column``, in text order."""
        category = _COLUMN_CATEGORY[column]
        return tuple(f for f in self.findings if f.category == category)

    def ids(self, column: Column) -> tuple[str, ...]:
        """The rule ids in ``column``, each once, in text order."""
        return tuple(dict.fromkeys(f.rule_id for f in self.column(column)))


@dataclass(frozen=True)
class Profile:
    """The obligation rows of one treaty, and the rules that could not look."""

    treaty_id: str
    short_title: str
    language: str
    level: Level
    rows: tuple[ProfileRow, ...]
    missing: tuple[str, ...]
    partial: bool = False

    @property
    def warning(self) -> str | None:
        return missing_warning(self.language, self.missing)


def obligation_types(
    text: str, language: str, findings: Sequence[Finding]
) -> tuple[ObligationType, ...]:
    """Which of ATOP's obligation types a clause carries (may be none)."""
    lang = language_key(language)
    ids = {f.rule_id for f in findings}
    folded = text.casefold()
    out: list[ObligationType] = []
    assistance = _ASSISTANCE.get(lang)
    if ids & _ATTACK_TRIGGERS and (
        "all-means" in ids or (assistance is not None and re.search(assistance, folded))
    ):
        out.append("defence")
    if ids & _CONSULTATION_RULES:
        out.append("consultation")
    for kind, table in _TEXT_TYPES:
        pattern = table.get(lang)
        if pattern is not None and re.search(pattern, folded):
            out.append(kind)
    return tuple(out)


def profile_clause(
    treaty_id: str, clause: Clause, language: str, rules: RuleSet
) -> ProfileRow | None:
    """The profile row of one clause, or None when it carries no obligation."""
    findings = find_rules(clause.text, language, rules)
    kinds = obligation_types(clause.text, language, findings)
    if not kinds:
        return None
    return ProfileRow(
        treaty_id, clause.id, kinds, findings, clause.text, clause.partial, clause.inferred
    )


def profile_treaty(treaty: Treaty, rules: RuleSet, level: Level = "article") -> Profile:
    """Every obligation clause of ``treaty`` (preamble and closing carry none).

    Args:
        treaty: the treaty; only its real text is read, gaps never.
        rules: the rule set, from ``load_rules``.
        level: ``article`` (default: one row per article) or ``paragraph``.
    """
    rows = []
    for clause in treaty.clauses(level):
        if clause.article is None:
            continue
        row = profile_clause(treaty.id, clause, treaty.language, rules)
        if row is not None:
            rows.append(row)
    return Profile(
        treaty.id,
        treaty.short_title,
        treaty.language,
        level,
        tuple(rows),
        rules.languages_missing(treaty.language),
        treaty.completeness == "partial",
    )


def profile_record(row: ProfileRow) -> dict[str, Any]:
    """A row as plain data in a stable key order (for JSON and tables)."""
    record: dict[str, Any] = {
        "treaty": row.treaty_id,
        "clause": row.clause_id,
        "obligation": list(row.obligations),
    }
    for column in COLUMNS:
        record[column] = list(row.ids(column))
    record["partial"] = row.partial
    record["inferred"] = row.inferred
    record["findings"] = [
        {"rule": f.rule_id, "category": f.category, "start": f.start, "end": f.end, "text": f.text}
        for f in row.findings
    ]
    return record


def profiles_record(profiles: Sequence[Profile]) -> dict[str, Any]:
    """Several treaties side by side as plain data (what ``profile -f json`` writes)."""
    return {
        "treaties": [
            {
                "id": p.treaty_id,
                "short_title": p.short_title,
                "language": p.language,
                "level": p.level,
                "partial": p.partial,
                "rules_without_patterns": list(p.missing),
                "rows": [profile_record(r) for r in p.rows],
            }
            for p in profiles
        ]
    }
