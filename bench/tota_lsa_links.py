"""Latent semantics (LSA) for articles the aligner leaves unpaired, at article level
(issue 19, eleventh round).

    python bench/tota_lsa_links.py --fresh-seed 37 --per-family 6 [--system NAME]
    python bench/tota_lsa_links.py            # seed 9's default draw, every part

On one draw of bench_tota_align.py (every pair), the article links of a treatycmp system
(the gate by default) and of TF-IDF + Hungarian on the same texts, judged by the title
gold as that benchmark judges them. Each pair of treaties gets latent cosines: a
truncated SVD of word TF-IDF (sublinear tf, smooth idf, rows of unit length), the
articles projected on its first k axes, cosines of the projections. Two fits:

- ``pair``: the two treaties' articles alone (transductive: nothing outside the pair,
  nothing to ship), k a fraction of their number of articles;
- ``families``: the articles of every treaty of the draw outside the held-out family
  (a treaty counts as the family's when its parties pass the family's test, whichever
  family drew it), one fit per family, k axes; the held-out family's words never reach
  the fit. ToTA is CC BY-NC: such a fit could never ship; it says whether more data
  would.

Then rules that add links between articles the system leaves free, on the latent cosine
alone (with a lexical floor) or on a blend ``(1 - w) lex + w lsa`` of it with treatycmp's
lexical cell; with ``w`` 0 the same rules on the lexical cell alone are the control (what
the rule does without latent semantics). Adding links to the system's is exact at
article level (the benchmark judges links one by one). Seeds 39 and up are refused.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

import bench_tota_align as bench
import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.linalg import svds
from tota_baseline_wins import Link, Row, drawn_rows, f1, tally, verdict
from tota_gap_links import gaps

from treatycmp.align.lexical import words
from treatycmp.text import normalize

Fit = tuple[dict[str, int], np.ndarray, np.ndarray]  # vocabulary, idf, axes (k x vocab)
PAIR_FRACTIONS = (0.1, 0.2, 0.35)
FAMILY_AXES = (50, 100, 200)


def counts(texts: Sequence[str]) -> list[Counter[str]]:
    return [Counter(words(normalize(t))) for t in texts]


def weigh(cs: Sequence[Counter[str]], vocab: dict[str, int], idf: np.ndarray) -> csr_matrix:
    """Sublinear tf times idf, rows of unit length, over ``vocab`` (other words dropped)."""
    data, cols, ptr = [], [], [0]
    for c in cs:
        for w, n in c.items():
            k = vocab.get(w)
            if k is not None:
                cols.append(k)
                data.append((1 + math.log(n)) * idf[k])
        ptr.append(len(cols))
    m = csr_matrix((data, cols, ptr), shape=(len(cs), len(vocab)))
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return csr_matrix(m.multiply(1 / norms[:, None]))


def fit(cs: Sequence[Counter[str]], k: int) -> Fit:
    """The first ``k`` right singular vectors of the weighted matrix of ``cs``."""
    df = Counter(w for c in cs for w in c)
    vocab = {w: n for n, w in enumerate(sorted(df))}
    n = len(cs)
    idf = np.array([math.log((1 + n) / (1 + df[w])) + 1 for w in sorted(df)])
    x = weigh(cs, vocab, idf)
    k = max(1, min(k, min(x.shape) - 1))
    if min(x.shape) <= 600:
        _, s, vt = np.linalg.svd(x.toarray(), full_matrices=False)
    else:
        _, s, vt = svds(x, k=k, random_state=0)
        vt = vt[np.argsort(-s)]
    return vocab, idf, vt[:k]


def latent(
    f: Fit, k: int, left: Sequence[Counter[str]], right: Sequence[Counter[str]]
) -> np.ndarray:
    """Cosines of the two sides' projections on the fit's first ``k`` axes."""
    vocab, idf, vt = f
    out = []
    for cs in (left, right):
        p = np.asarray(weigh(cs, vocab, idf) @ vt[:k].T)
        norms = np.linalg.norm(p, axis=1)
        norms[norms == 0] = 1
        out.append(p / norms[:, None])
    return np.clip(out[0] @ out[1].T, 0, 1)


def second_order(left: Sequence[Counter[str]], right: Sequence[Counter[str]]) -> np.ndarray:
    """Word co-occurrence expansion within the pair: each article as its row of cosines
    to every article of both treaties (``X Xᵀ``), cosines of those rows."""
    cs = [*left, *right]
    df = Counter(w for c in cs for w in c)
    vocab = {w: n for n, w in enumerate(sorted(df))}
    idf = np.array([math.log((1 + len(cs)) / (1 + df[w])) + 1 for w in sorted(df)])
    x = weigh(cs, vocab, idf)
    p = np.asarray((x @ x.T).todense())
    p /= np.maximum(np.linalg.norm(p, axis=1), 1e-12)[:, None]
    return np.clip(p[: len(left)] @ p[len(left) :].T, 0, 1)


def matrices(rows: list[Row]) -> list[dict[str, np.ndarray]]:
    """Per row, its latent cosines by fit name (and ``lex``: the lexical cell itself)."""
    sides = [
        (
            counts([x.text for x in r.case.a.clauses["article"]]),
            counts([x.text for x in r.case.b.clauses["article"]]),
        )
        for r in rows
    ]
    out: list[dict[str, np.ndarray]] = [{"lex": r.lex} for r in rows]
    for (cl, cr), m in zip(sides, out, strict=True):
        n = len(cl) + len(cr)
        f = fit([*cl, *cr], max(int(x * n + 0.5) for x in PAIR_FRACTIONS))
        for x in PAIR_FRACTIONS:
            m[f"pair {x:.2f}"] = latent(f, int(x * n + 0.5), cl, cr)
        m["pair second order"] = second_order(cl, cr)
    treaties = {}
    for r, (cl, cr) in zip(rows, sides, strict=True):
        treaties[r.case.a.treaty.id] = (r.case.a.treaty, cl)
        treaties[r.case.b.treaty.id] = (r.case.b.treaty, cr)
    for fam in sorted({r.case.family for r in rows}):
        test = bench.FAMILIES[fam]
        corpus = [c for t, cs in treaties.values() if not test(set(t.parties)) for c in cs]
        f = fit(corpus, max(FAMILY_AXES))
        print(f"- fit without {fam}: {len(corpus)} articles, {len(f[0])} words", file=sys.stderr)
        for r, (cl, cr), m in zip(rows, sides, out, strict=True):
            if r.case.family == fam:
                for k in FAMILY_AXES:
                    m[f"families {k}"] = latent(f, k, cl, cr)
    return out


Rule = Callable[[Row, np.ndarray, set[Link]], set[Link]]


def free(row: Row, links: set[Link]) -> tuple[list[int], list[int]]:
    used_l = {i for i, _ in links}
    used_r = {j for _, j in links}
    n, m = row.lex.shape
    return [i for i in range(n) if i not in used_l], [j for j in range(m) if j not in used_r]


def mutual(floor: float, lex_floor: float) -> Rule:
    """Free pairs whose score is the mutual best among the free articles, at ``floor``
    and a lexical cell at ``lex_floor``."""

    def rule(row: Row, s: np.ndarray, links: set[Link]) -> set[Link]:
        fl, fr = free(row, links)
        if not fl or not fr:
            return links
        box = s[np.ix_(fl, fr)]
        ra, ca = box.argmax(axis=1), box.argmax(axis=0)
        add = {
            (fl[i], fr[int(ra[i])])
            for i in range(len(fl))
            if ca[ra[i]] == i
            and box[i, ra[i]] >= floor
            and row.lex[fl[i], fr[int(ra[i])]] >= lex_floor
        }
        return links | add

    return rule


def optimum(floor: float) -> Rule:
    """The optimum one-to-one assignment of the free articles on the score, at ``floor``."""

    def rule(row: Row, s: np.ndarray, links: set[Link]) -> set[Link]:
        fl, fr = free(row, links)
        if not fl or not fr:
            return links
        box = s[np.ix_(fl, fr)]
        ri, ci = linear_sum_assignment(-box)
        return links | {(fl[i], fr[j]) for i, j in zip(ri, ci, strict=True) if box[i, j] >= floor}

    return rule


def both_mutual(floor: float) -> Rule:
    """Free pairs that are the mutual best among the free articles on the latent cosine
    and on the lexical cell alike, at a lexical cell of ``floor``."""

    def rule(row: Row, s: np.ndarray, links: set[Link]) -> set[Link]:
        on_lex = mutual(floor, floor)(row, row.lex, links)
        return links | (on_lex & mutual(0.0, floor)(row, s, links))

    return rule


def replaced(floor: float) -> Rule:
    """Not added: the optimum one-to-one assignment of the whole score matrix at
    ``floor`` in place of the system's links (the score in the cost of the optimum)."""

    def rule(row: Row, s: np.ndarray, links: set[Link]) -> set[Link]:
        ri, ci = linear_sum_assignment(-s)
        return {(int(i), int(j)) for i, j in zip(ri, ci, strict=True) if s[i, j] >= floor}

    return rule


def in_gaps(floor: float) -> Rule:
    """In each gap of the chain, pairs in order, best first, at ``floor``."""

    def rule(row: Row, s: np.ndarray, links: set[Link]) -> set[Link]:
        out = set(links)
        for a, c, b, d in gaps(row, links):
            cells = sorted(
                (
                    (float(s[i, j]), i, j)
                    for i in range(a + 1, c)
                    for j in range(b + 1, d)
                    if s[i, j] >= floor
                ),
                reverse=True,
            )
            taken: list[Link] = []
            for _, i, j in cells:
                if all((i - x) * (j - y) > 0 for x, y in taken):
                    taken.append((i, j))
            out |= set(taken)
        return out

    return rule


BLENDS = (0.0, 0.25, 0.5, 0.75)
RULES: dict[str, Rule] = {
    **{
        f"latent mutual best >= {t:.2f}, lex >= {f:.2f}": mutual(t, f)
        for t in (0.6, 0.7, 0.8, 0.9)
        for f in (0.0, 0.1, 0.2)
    },
    **{f"latent and lex mutual best, lex >= {f:.2f}": both_mutual(f) for f in (0.15, 0.2, 0.25)},
    **{f"blend mutual best >= {t:.2f}": mutual(t, 0.0) for t in (0.25, 0.3, 0.35, 0.4, 0.5)},
    **{f"blend optimum >= {t:.2f}": optimum(t) for t in (0.3, 0.35, 0.4, 0.5)},
    **{f"blend in gaps >= {t:.2f}": in_gaps(t) for t in (0.25, 0.3, 0.35)},
    **{f"blend optimum in place of the links >= {t:.2f}": replaced(t) for t in (0.2, 0.25, 0.3)},
}


def blended(m: dict[str, np.ndarray], name: str, w: float) -> np.ndarray:
    return (1 - w) * m["lex"] + w * m[name]


def candidates(rows: list[Row], ms: list[dict[str, np.ndarray]]) -> list[tuple[str, str, float]]:
    """(fit, rule, blend weight) triples: latent rules on the cosine itself, blend rules
    at each weight (weight 0, the lexical cell alone, once)."""
    fits = [k for k in ms[0] if k != "lex" and all(k in m for m in ms)]
    out = [("lex", r, 0.0) for r in RULES if r.startswith("blend")]
    for name in fits:
        out += [(name, r, 1.0) for r in RULES if r.startswith("latent")]
        out += [(name, r, w) for r in RULES if r.startswith("blend") for w in BLENDS if w > 0]
    return out


def score(rows: list[Row], ms: list[dict[str, np.ndarray]], system: str) -> None:
    mine_t, base_t = [0] * 4, [0] * 4
    for row in rows:
        tally(row, row.mine, mine_t)
        tally(row, row.base, base_t)
    print(f"\n- {system}: F1 {f1(mine_t):.4f}; TF-IDF + Hungarian {f1(base_t):.4f}")
    print("\n### Rules adding links between free articles (F1)\n")
    print("| fit | rule | w | F1 | minus the system | minus TF-IDF + H | right | judged | added |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, rule_name, w in candidates(rows, ms):
        t = [0] * 4
        added = 0
        for row, m in zip(rows, ms, strict=True):
            s = m[name] if rule_name.startswith("latent") else blended(m, name, w)
            got = RULES[rule_name](row, s, set(row.mine))
            added += len(got) - len(row.mine)
            tally(row, got, t)
        print(
            f"| {name} | {rule_name} | {w:.2f} | {f1(t):.4f} | {f1(t) - f1(mine_t):+.4f} "
            f"| {f1(t) - f1(base_t):+.4f} | {t[0] - mine_t[0]:+d} | {t[1] - mine_t[1]:+d} "
            f"| {added} |"
        )


def bands(rows: list[Row], ms: list[dict[str, np.ndarray]]) -> None:
    """Right / wrong / unjudged of free mutual best pairs by latent cosine band, per fit:
    does the latent cosine rank the pairs the lexical cell leaves?"""
    t: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for row, m in zip(rows, ms, strict=True):
        for name, s in m.items():
            for k in mutual(0.0, 0.0)(row, s, set(row.mine)) - set(row.mine):
                x = float(s[k])
                b = (
                    "< 0.3"
                    if x < 0.3
                    else "0.3-0.5"
                    if x < 0.5
                    else "0.5-0.7"
                    if x < 0.7
                    else ">= 0.7"
                )
                t[name, b][verdict(row, k)] += 1
    print("\n### Free mutual best pairs by score band: right / wrong / unjudged\n")
    print("| fit | band | right | wrong | unjudged | precision |")
    print("|---|---|---|---|---|---|")
    for (name, b), (r, w, u) in sorted(t.items()):
        print(f"| {name} | {b} | {r} | {w} | {u} | {r / max(1, r + w):.2f} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    bench.add_draw_options(ap)
    ap.add_argument("--system", default="treatycmp tier gate", choices=sorted(bench.SYSTEMS))
    drawn = drawn_rows(ap, argv, "gold")
    if drawn is None:
        return 2
    args, rows = drawn
    np.seterr(all="ignore")
    ms = matrices(rows)
    bands(rows, ms)
    score(rows, ms, args.system)
    return 0


if __name__ == "__main__":
    sys.exit(main())
