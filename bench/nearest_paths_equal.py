"""Do the two query paths of a stored nearest index give the same answers on a real corpus?

    python bench/nearest_paths_equal.py --corpus DIR [--level article] [--queries 150]

Random clauses of the corpus (seeded) are asked for with ``StoredQuery.nearest`` (the
standard-library path: bitmaps and postings, no numpy) and with the numpy
``ClauseIndex`` over the same stored index, at k 5 and at k 10 with the query's treaty
left out; prints how many answers differ (0 expected) and how many postings entries
the light path read one by one (``postings_read``, against ``LIGHT_LIMIT``). The index
is built and stored first if the cache folder ($TREATYCMP_CACHE) has none for this
corpus state. On the 424 English ToTA (article level) it takes about 2 minutes.
"""

from __future__ import annotations

import argparse
import random
import statistics
from pathlib import Path

from treatycmp.cache import cache_dir
from treatycmp.corpus import Corpus, corpus_files
from treatycmp.similarity import store
from treatycmp.similarity.nearest import ClauseIndex
from treatycmp.similarity.stored_query import LIGHT_LIMIT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--level", choices=("article", "paragraph"), default="article")
    parser.add_argument("--queries", type=int, default=150)
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args()
    folder = cache_dir()
    if folder is None:
        raise SystemExit("caching is off: set TREATYCMP_CACHE to a folder")
    files, user = corpus_files((str(args.corpus),))
    key = store.state_key(files, user, args.level)
    if store.load_light(folder, key) is None:
        corpus = Corpus.load((str(args.corpus),))
        built = ClauseIndex.build(corpus.treaties, level=args.level)
        store.save(folder, key, built, corpus.treaties, user)
    light, full = store.load_light(folder, key), store.load(folder, key)
    if light is None or full is None:
        raise SystemExit(f"no stored index under {folder}")
    query, index = light.query, full.index
    rows = random.Random(args.seed).sample(range(query.size), min(args.queries, query.size))
    differ = asked = 0
    read = []
    for row in rows:
        text = query.string("text", row)
        own = query.treaty_ids[query.arrays["owner"][row]]
        read.append(query.postings_read(text))
        for k, banned in ((5, ()), (10, (own,))):
            asked += 1
            differ += query.nearest(text, k, exclude_treaties=banned) != index.nearest(
                text, k, exclude_treaties=banned
            )
    print(
        f"{asked} queries ({len(rows)} clauses of {query.size}, {args.level} level): "
        f"{differ} differ between the two paths; postings read one by one: median "
        f"{statistics.median(read):.0f}, max {max(read)}, "
        f"{sum(r > LIGHT_LIMIT for r in read)} above LIGHT_LIMIT ({LIGHT_LIMIT})"
    )


if __name__ == "__main__":
    main()
