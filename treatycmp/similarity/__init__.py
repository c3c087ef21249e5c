"""Corpus-scale similarity: whole treaties against each other, one clause against all.

Modules, one job each: ``forms`` (normalised forms, the progress callback), ``shingles``
and ``matrix`` (the whole-treaty Jaccard matrix), ``top_k`` (the k most similar treaties,
blockwise), ``codes`` (word codes), ``columns``, ``shortlist`` and ``nearest`` (the
nearest-clause index), ``store`` (the index kept on disk), ``dask`` (the optional
cluster backend). Nothing is re-exported here.
"""
