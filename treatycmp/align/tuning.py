"""The aligner's numbers: thresholds, margins and the sizes where the fast paths start.

In one module, each with why it is what it is (docs/alignment.md, docs/performance.md).
``small`` reads ``SMALL_CELLS`` here at call time, so that a test or a benchmark forces
a scoring path by setting it (bench/bench_align.py --crossover).
"""

from __future__ import annotations

import sys

# ---- the character-level scorers (treatycmp.align.matching) ----------------------------

# A joined run must beat each of its parts alone by this much (0-1 scale) to be a
# split or merge; below it the run is one changed pair plus an added/removed clause.
SPLIT_MARGIN = 0.03
# Up to this many left x right cells (or pairs to score), scores are computed in Python
# lists without numpy; above it with numpy and cdist/cpdist on all cores, which is about
# twice as fast per cell. Crossover measured with bench/bench_align.py --crossover
# (docs/performance.md): about 400 cells once numpy is loaded; about 20,000 while it is
# not, as importing it costs 0.07-0.1 s, what the pure path loses on some 25,000 cells.
SMALL_CELLS = 400
SMALL_CELLS_COLD = 20_000
# Above this many left x right cells, a word-level prefilter picks what to score.
FULL_MATRIX_LIMIT = 40_000
# How many best counterparts per clause the prefilter keeps for full scoring.
SHORTLIST = 6
# How many of those may start a split or merge candidate.
SEEDS = 2
# In the full matrix, cells at or above this are always kept as candidates.
THRESHOLD_FLOOR = 0.3
# Second tier: once some pair clears the threshold (the texts are related), a pair
# down to this score is accepted too when each clause is the other's best match.
MUTUAL_FLOOR = 0.5

# ---- the lexical aligner, the default scorer (treatycmp.align.edges) -------------------

# Order prior: a cell's score plus this share of the mean score of its two diagonal
# neighbours (the clauses before and after on both sides) decides, so that a clause
# between two firmly paired neighbours is more likely their neighbours' partner.
SUPPORT = 0.3
# A joined run must beat each of its parts alone by this much to be a split or merge.
LEXICAL_SPLIT_MARGIN = 0.05
# Every part of a split or merge must reach this score with the single clause.
PART_FLOOR = 0.15
# Paragraphs left over once paired articles are aligned inside pair across articles
# only at this score: boilerplate paragraphs stay in their article.
LEFTOVER_THRESHOLD = 0.7
# A pair out of order (moved) is kept only at this score: an order-consistent pair has
# its neighbours' support, a moved one must stand on its own words.
MOVED_FLOOR = 0.4
# A pair out of order is claimed as moved (``align.claims``) only when no other pair ties
# its articles elsewhere and either it scores MOVED_ALONE, or a neighbouring pair moved
# with it or another pair links the same two articles and it scores
# MOVED_WITH_NEIGHBOURS; otherwise it is changed with a note. Chosen on the seed-9 ToTA
# pairs (tuning families' pairs; right .954/.940 of moved claims at article/paragraph
# level against .855/.827 before), checked on held-out families (docs/alignment.md).
MOVED_ALONE = 0.75
MOVED_WITH_NEIGHBOURS = 0.5
# A split or merge inside one article is claimed only at this score; below it the pair is
# changed with a note. On the seed-9 ToTA pairs at paragraph level (tuning families'
# pairs) claimed splits were right .929 and merges .956 with no floor, .969 and .972
# from 0.65 (126 of 170 right splits still claimed); held-out families ran about .05
# below the tuning pairs last round (split .877), so the floor is the lowest that lifts
# both above .965 on the tuning pairs (docs/alignment.md has the held-out check).
SPLIT_CLAIM_FLOOR = 0.65
# Clear pairs (``align.clear``, article level only): a cell at CLEAR_FLOOR or above that
# beats every other cell of its row and column by CLEAR_MARGIN pairs even out of order
# or under the threshold. On the seed-9 ToTA pairs the clear cells left over at
# 0.25-0.40 were right .88 of the time (docs/alignment.md, "Clear pairs"); a floor of
# 0.2 or a margin inside the leftovers gave the same F1 there (within 0.0006).
CLEAR_FLOOR = 0.25
CLEAR_MARGIN = 0.1
# The same for the paragraph level's articles (``clear.clear_runs``: whole articles
# pooled as the article step pools them). Issue 19's seventh round measures it
# (docs/alignment.md, "The leads together").
CLEAR_PARAGRAPHS = False
# Issue 19's eighth round (measured, off): the character tier pairs what the lexical
# passes leave before the clear pairs are kept (``aligner._tier_first``), so that clear
# pairs never make it re-pair their leftovers; the clear pairs take what it leaves.
CHAR_TIER_FIRST = False
# Chapter prior (``align.chapters``, the article step of both levels): chapters aligned
# one to one by their pooled articles' score at CHAPTER_FLOOR or more; a cell inside an
# aligned pair ranks CHAPTER_INSIDE higher, one across chapters CHAPTER_OUTSIDE lower.
# With CHAPTER_ADMITS false the prior re-orders the choice only; each cell is admitted
# by its own rank. The numbers are issue 19's fifth round's (docs/alignment.md,
# "Chapters as a prior"), fixed, not fitted.
CHAPTER_FLOOR = 0.3
CHAPTER_INSIDE = 0.05
CHAPTER_OUTSIDE = 0.05
CHAPTER_ADMITS = False
# One to two (issue 19, seventh round, measured): a chapter the one-to-one assignment
# leaves alone also aligns with its best chapter on the other side when their pooled
# score reaches this; None: one to one only (shipped).
CHAPTER_SECOND_FLOOR: float | None = None
# Character-level tier, on what the lexical passes leave, once some lexical pair reaches
# MOVED_FLOOR: two leftover clauses whose ``blend`` score is at least this and each
# other's unique best among the leftovers pair too, if they end up in the in-order
# chain (different translations of one clause share letters more than rare words).
CHAR_TIER = 0.5
# Up to this many leftover cells the character tier scores every one (about 0.2 s);
# above it, each leftover clause's CHAR_SHORTLIST best partners by lexical score, both
# ways (docs/performance.md, "Issue 22": what that changes on ToTA pairs). 8 and not
# 32: F1 within every bootstrap range on the three tuning seeds' ToTA pairs (article
# level within 0.0002, paragraph level -0.0008 to +0.0004; bench/bench_char_tier.py,
# docs/performance.md, "The character tier's worth"), and
# about a quarter of the cells (TPP vs EU - Ukraine: 13,884 instead of 52,619).
CHAR_TIER_CELLS = 10_000
# Issue 19's eighth round (measured, off): a tier pair only where its lexical cell is the
# best of its row or of its column over the whole matrix (``edges._gated``).
CHAR_TIER_GATE = False
CHAR_SHORTLIST = 8
# Issue 19's ninth round (measured, off): at article level a one-to-one pair stays only
# where the optimum one-to-one assignment of the lexical matrix (what TF-IDF + Hungarian
# computes on its own matrix) pairs the same two articles, or where its cell beats the
# optimum's cells of its two articles by this margin (``align.optimum``); None: no check.
OPTIMUM_MARGIN: float | None = None
# Issue 19's tenth round (measured, off): at article level, articles left unpaired in a
# gap of the in-order chain (between two consecutive chain pairs, every clause between
# them free on both sides) pair in order, best first, at this lexical score or the
# threshold if lower (``align.gaps``); None: no gap is filled.
GAP_FLOOR: float | None = None


def small(work: int) -> bool:
    """Whether ``work`` cells or pairs are scored faster without numpy (same floats)."""
    return work <= (SMALL_CELLS if "numpy" in sys.modules else SMALL_CELLS_COLD)


# The lexical tier scores every cell of a block up to this many (every bundled pair
# and every ToTA benchmark pair: the largest is about 1,300 x 1,000 clauses); above
# it only candidates (align.shortlist): each clause's LEXICAL_SHORTLIST best partners
# both ways by shared rare words and word n-grams, equal texts and the order prior's
# diagonal neighbours, so that its cost grows with the clauses (docs/performance.md).
LEXICAL_TIER_CELLS = 2_000_000
LEXICAL_SHORTLIST = 16
# The cells a clause costs above LEXICAL_TIER_CELLS (all passes, candidates, their
# neighbours, the character tier's shortlist), over two exhaustive blocks' worth: the
# bound ``--max-pairs`` weighs (aligner.weighed_cells), held by tests/test_work.py.
LEXICAL_CELLS_PER_CLAUSE = 400
