"""What matching found: findings per clause and per treaty, and how a pair's changed.

Frozen results that every renderer reads; ``start``/``end`` of a finding index the
original clause text, so a highlight covers exactly the matched words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from treatycmp.kinds import Category
from treatycmp.model import Clause, Level


@dataclass(frozen=True)
class Finding:
    """A rule matched in a clause; ``start``/``end`` index the ORIGINAL clause text."""

    rule_id: str
    category: Category
    label: str
    start: int
    end: int
    text: str
    strength: int | None = None


@dataclass(frozen=True)
class ClauseFindings:
    """The findings in one clause."""

    clause: Clause
    findings: tuple[Finding, ...]

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.rule_id for f in self.findings))


@dataclass(frozen=True)
class TreatyFindings:
    """Every finding in one treaty, by clause, and the rules that could not look."""

    treaty_id: str
    language: str
    level: Level
    clauses: tuple[ClauseFindings, ...]
    missing: tuple[str, ...]

    @property
    def warning(self) -> str | None:
        """A sentence for stderr when some rules have no patterns for this language."""
        return missing_warning(self.language, self.missing)


@dataclass(frozen=True)
class ModalityShift:
    """The verb got weaker or stronger between two aligned clauses."""

    from_ids: tuple[str, ...]
    to_ids: tuple[str, ...]
    from_strength: int
    to_strength: int

    @property
    def direction(self) -> Literal["weaker", "stronger"]:
        return "weaker" if self.to_strength < self.from_strength else "stronger"


@dataclass(frozen=True)
class Elsewhere:
    """Words of a rule in another rendering of the same treaty, where the text compared
    has a gap that may hold them (evidence only: texts are never merged)."""

    rule_id: str
    treaty: str
    clauses: tuple[str, ...]
    words: tuple[str, ...]

    def __str__(self) -> str:
        quoted = "; ".join(f"“{w}”" for w in self.words)
        return f"{self.treaty} {', '.join(self.clauses)}: {quoted}"


@dataclass(frozen=True)
class PairFindings:
    """How the findings changed between two aligned clauses (rule ids, sorted).

    ``unknown`` holds ids found on one side only where the other side is partial:
    the missing words may hold them, so they are neither added nor removed.
    """

    added: tuple[str, ...]
    removed: tuple[str, ...]
    kept: tuple[str, ...]
    left: tuple[Finding, ...] = ()
    right: tuple[Finding, ...] = ()
    unknown: tuple[str, ...] = ()
    modality_shift: ModalityShift | None = None
    # For ids in ``unknown``: other renderings of the treaty that carry the words.
    elsewhere: tuple[Elsewhere, ...] = ()


def missing_warning(language: str, missing: Sequence[str]) -> str | None:
    """The stderr sentence for rules that have no patterns for ``language``."""
    if not missing:
        return None
    return (
        f"{len(missing)} rule(s) have no patterns for language '{language}' and cannot "
        f"fire: {', '.join(missing)}"
    )
