"""Defaults, in a module light enough for ``--help`` to import.

``align``, ``rules`` and the renderers use these values, so the CLI can show its
defaults and choices without importing numpy, rapidfuzz or the rule library.
"""

from __future__ import annotations

DEFAULT_SCORER = "tfidf"
DEFAULT_THRESHOLD = 0.35
SCORER_NAMES = ("tfidf", "blend", "indel", "token_set", "token_sort")
# Each scorer's scale differs: the character scorers were tuned at 0.6 (docs/alignment.md).
SCORER_THRESHOLDS = {"tfidf": DEFAULT_THRESHOLD, **{name: 0.6 for name in SCORER_NAMES[1:]}}


def default_threshold(scorer: str, threshold: float | None = None) -> float:
    """``threshold`` when given, else the default of ``scorer`` (0.35 for tfidf, 0.6 else).

    >>> default_threshold("blend"), default_threshold("tfidf"), default_threshold("blend", 0.5)
    (0.6, 0.35, 0.5)
    """
    if threshold is not None:
        return threshold
    return SCORER_THRESHOLDS.get(scorer, DEFAULT_THRESHOLD)


#: The clause pairs an alignment may score (``align.aligner.weighed_cells``): the
#: character scorers score the whole left x right matrix, so their time and memory grow
#: with the product of the clause counts (docs/robustness.md: 15,000 a side 90 s and
#: 5 GB); the lexical default scores every pair only up to ``LEXICAL_TIER_CELLS``, then
#: shortlists, a bound linear in the clauses. Past this many ``compare`` refuses with a
#: message instead of running for hours.
MAX_PAIRS = 25_000_000

#: The environment variable naming extra rule files (read by ``rules.load``, named in the
#: rule reader's hints).
RULES_ENV_VAR = "TREATYCMP_RULES"
