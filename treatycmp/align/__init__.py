"""Clause alignment: which clauses of two texts correspond, and how.

The entry point is ``treatycmp.align.aligner.align_clauses`` (also ``treatycmp.align_clauses``).
Its modules, one job each: ``pairs`` (``ClausePair``, the pair kinds), ``scorers`` (the
character-level scorers, ``similarity_matrix``), ``lexical`` (TF-IDF cosines, the default
score), ``matching`` (candidates and greedy choice for a character scorer), ``edges``
(the same for the lexical default), ``order`` (the in-order chain, ``moved``),
``tuning`` (the thresholds and crossovers) and ``work`` (counts of cells scored, for
tests). Nothing is re-exported here, so that a module needing only ``pairs`` does not
import the scorers.
"""
