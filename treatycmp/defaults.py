"""Alignment defaults, in a module light enough for ``--help`` to import.

``align`` uses these values (and tests check it does), so the CLI can show its
defaults and choices without importing numpy and rapidfuzz.
"""

from __future__ import annotations

DEFAULT_SCORER = "blend"
DEFAULT_THRESHOLD = 0.6
SCORER_NAMES = ("blend", "indel", "token_set", "token_sort")
