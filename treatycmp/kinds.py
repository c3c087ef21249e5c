"""The vocabularies every result, renderer, option and schema reads: the kinds of
clause pair and the categories of rule, each written down once.

A new rule category is one name in ``Category`` and one ``RuleCategory`` entry in
``RULE_CATEGORIES`` (its styles and its ``profile`` column with it); a new pair kind is
one name in ``PairKind``. Everything else (``diff --fail-on``, the legends, the
highlighting, the profile's columns, ``check``'s ``aligns``) is derived from these, and
tests/test_kinds.py holds the JSON schemas' descriptions to them. Light on purpose:
``--help`` imports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

PairKind = Literal["same", "changed", "moved", "split", "merged", "corresponds", "added", "removed"]
# ``corresponds``: paired by what the clauses do, not by their words (treatycmp.functional);
# the textual aligner never makes it.
PAIR_KINDS: tuple[PairKind, ...] = get_args(PairKind)
# Kinds of a pair with a clause on both sides: what ``check``'s ``aligns`` can expect.
PAIRED_KINDS: tuple[PairKind, ...] = tuple(k for k in PAIR_KINDS if k not in ("added", "removed"))

Category = Literal["buffer", "intensifier", "trigger", "condition", "modality"]
CATEGORIES: tuple[Category, ...] = get_args(Category)

# The columns of ``profile``, in their order: each shows the rule ids of one category.
Column = Literal["trigger", "conditions", "modality", "intensifiers", "buffers"]
COLUMNS: tuple[Column, ...] = get_args(Column)


@dataclass(frozen=True)
class RuleCategory:
    """A category of rule and how every output shows it.

    ``style`` marks its phrases in ``diff``'s terminal view, ``table_style`` its cell in
    ``buffers``' table ("" plain), ``css`` its ``<mark>`` in the HTML report; ``column``
    is its column in ``profile`` (None: not one).
    """

    name: Category
    style: str
    table_style: str
    css: str
    column: Column | None


# In the order findings are shown when they overlap (the highest wins): buffers are
# what analysts look for first. Legends list them in this order too.
RULE_CATEGORIES: tuple[RuleCategory, ...] = (
    RuleCategory("buffer", "bold magenta", "magenta", "color: #8250df;", "buffers"),
    RuleCategory("trigger", "bold yellow", "yellow", "color: #9a6700;", "trigger"),
    RuleCategory("intensifier", "bold cyan", "red", "color: #0969da;", "intensifiers"),
    RuleCategory("condition", "bold blue", "", "color: #1f6feb;", "conditions"),
    RuleCategory("modality", "italic", "", "font-style: italic;", "modality"),
)
CATEGORY_ORDER: tuple[Category, ...] = tuple(c.name for c in RULE_CATEGORIES)
CATEGORY_RANK: dict[str, int] = {c: i for i, c in enumerate(CATEGORY_ORDER)}
COLUMN_CATEGORY: dict[Column, Category] = {
    c.column: c.name for c in RULE_CATEGORIES if c.column is not None
}


# What ``diff --fail-on`` can count as a difference.
FAIL_KINDS: tuple[str, ...] = (
    *(k for k in PAIR_KINDS if k != "same"),
    *(f"{verb}-{cat}" for cat in CATEGORIES for verb in ("added", "removed")),
    "unknown",
    "modality-shift",
)
