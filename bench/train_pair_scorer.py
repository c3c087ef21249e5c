"""Train the learnt pair scorer (bench/pair_scorer.py) on ToTA's article-title gold.

    python bench/train_pair_scorer.py [--xml /tmp/tota/xml] [--per-family 10]
        [--seed 9] [--write /tmp/pair_scorer.json]

Measured and not adopted (docs/alignment.md): nothing of it is in the package.

Examples: every candidate cell (``learnt.cell_features``) of the article-level block
of each treaty pair drawn by bench_tota_align.py (every family, both parts), with the
aligner's own inputs (titles stripped, ``text.normalize``); label 1 when the two
articles are title-gold partners, 0 when one of them has another gold partner; cells
whose articles both lack gold are left out (their truth is unknown). A logistic
regression (Newton's method, L2 penalty ``L2`` on every weight but the bias) gives
the weights. Only weights are written: no ToTA text (CC BY-NC 4.0) leaves /tmp.

``train(cases)`` is what the family hold-out of bench_tota_align.py calls on the
families it does not hold out.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_tota_align as bench  # noqa: E402
import pair_scorer as learnt  # noqa: E402

from treatycmp.align.aligner import align_clauses  # noqa: E402
from treatycmp.align.lexical import Space  # noqa: E402
from treatycmp.align.pairs import ClausePair  # noqa: E402
from treatycmp.model import Clause  # noqa: E402
from treatycmp.text import normalize  # noqa: E402

L2 = 1.0


_CACHE: dict[tuple[str, str], tuple[list[list[float]], list[float]]] = {}


def examples(cases: Sequence[bench.Case]) -> tuple[list[list[float]], list[float]]:
    """Features and labels of the candidate cells of every case (article level); each
    case's are computed once (the hold-out trains eleven times on overlapping sets)."""
    xs: list[list[float]] = []
    ys: list[float] = []
    for c in cases:
        key = (c.a.treaty.id, c.b.treaty.id)
        if key not in _CACHE:
            _CACHE[key] = _case_examples(c)
        xs.extend(_CACHE[key][0])
        ys.extend(_CACHE[key][1])
    return xs, ys


def _case_examples(c: bench.Case) -> tuple[list[list[float]], list[float]]:
    xs: list[list[float]] = []
    ys: list[float] = []
    left, right = c.a.clauses["article"], c.b.clauses["article"]
    space = Space([normalize(x.text) for x in left], [normalize(x.text) for x in right])
    has_l = {i for i, _ in c.gold}
    has_r = {j for _, j in c.gold}
    cells, feats = learnt.cell_features(space, range(len(left)), range(len(right)))
    for (a, b), f in zip(cells, feats, strict=True):
        la, rb = str(left[a].article), str(right[b].article)
        if la in has_l or rb in has_r:
            xs.append(f)
            ys.append(1.0 if (la, rb) in c.gold else 0.0)
    return xs, ys


def fit(xs: list[list[float]], ys: list[float], l2: float = L2) -> dict[str, float]:
    """Logistic regression by Newton's method (bias not penalised)."""
    import numpy as np

    x = np.asarray(xs, dtype=np.float64)
    y = np.asarray(ys, dtype=np.float64)
    w = np.zeros(x.shape[1])
    pen = np.full(x.shape[1], l2)
    pen[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + pen * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(pen + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {name: round(float(v), 6) for name, v in zip(learnt.FEATURES, w, strict=True)}


def train(cases: Sequence[bench.Case]) -> bench.Aligner:
    """The aligner with weights learnt on ``cases`` (the family hold-out's training set)."""
    weights = fit(*examples(cases))

    def run(left: Sequence[Clause], right: Sequence[Clause]) -> Sequence[ClausePair]:
        with learnt.scoring_with(weights):
            return align_clauses(left, right)

    return run


bench.TRAINABLE["learnt"] = train


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--xml", type=Path, default=Path("/tmp/tota/xml"))
    ap.add_argument("--per-family", type=int, default=10)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--write", type=Path, default=None)
    args = ap.parse_args(argv)
    every = bench.cases(args.xml, args.per_family, args.seed)
    cs = [c for pairs in every.values() for c, _ in pairs]
    xs, ys = examples(cs)
    weights = fit(xs, ys)
    doc = {
        "about": "Weights of treatycmp.align.learnt (logistic regression), trained by "
        f"bench/train_pair_scorer.py --per-family {args.per_family} --seed {args.seed} on "
        f"{len(cs)} ToTA treaty pairs ({len(xs)} candidate cells, {int(sum(ys))} gold)",
        "features": list(learnt.FEATURES),
        "weights": weights,
    }
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if args.write:
        args.write.write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
