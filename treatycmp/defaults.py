"""Defaults and vocabularies, in a module light enough for ``--help`` to import.

``align``, ``rules`` and the renderers use these values, so the CLI can show its
defaults and choices without importing numpy, rapidfuzz or the rule library.
"""

from __future__ import annotations

from typing import Literal, get_args

DEFAULT_SCORER = "tfidf"
DEFAULT_THRESHOLD = 0.35
SCORER_NAMES = ("tfidf", "blend", "indel", "token_set", "token_sort")

Category = Literal["buffer", "intensifier", "trigger", "condition", "modality"]
CATEGORIES: tuple[Category, ...] = get_args(Category)

# What ``diff --fail-on`` can count as a difference.
FAIL_KINDS: tuple[str, ...] = (
    "changed",
    "moved",
    "split",
    "merged",
    "corresponds",
    "added",
    "removed",
    *(f"{verb}-{cat}" for cat in CATEGORIES for verb in ("added", "removed")),
    "unknown",
    "modality-shift",
)
