"""Where TF-IDF + Hungarian is right and treatycmp is not, by kind, at article level
(issue 19, ninth round).

    python bench/tota_baseline_wins.py --fresh-seed 37 --per-family 6 [--system NAME] [--show 40]
    python bench/tota_baseline_wins.py            # seed 9's default draw, every part

On one draw of bench_tota_align.py (every pair, tuning and test: nothing is trained),
the article links of a treatycmp system and of TF-IDF + Hungarian on the same texts,
judged by the title gold as that benchmark judges them, then:

1. the links where the two disagree (gold links only one finds, wrong links only one
   makes);
2. the gold links the baseline finds and the system misses, by kind: what the system
   did with each of the two articles (left free, or linked elsewhere: right, wrong or
   unjudged; by the lexical passes or the character tier), whether the cell is the
   best of its row and column of treatycmp's lexical matrix, and its score;
3. the system's links the baseline does not make, by the same kinds, right / wrong /
   unjudged (a kind pays for its links when more than about F1 / 2 of the judged are
   right);
4. how well each weighting ranks the gold on the same texts: how often a gold cell is
   the best of its row, the mutual best, and how often a mutual best cell at 0.3 or
   more is right (treatycmp's words and 4-grams, sublinear tf; the baseline's words,
   raw tf);
5. candidate rules applied to the system's links (not in the package: the figures say
   whether one is worth building): pairing leftover mutual best cells, keeping a link
   only where it agrees with the Hungarian optimum of the lexical matrix or beats it by
   a margin, and adding the optimum's pairs where both clauses are free.

A link is a character-tier link when its pair's score is not its lexical cell (the tier
scores with ``blend``). Seeds 39 and up are refused (kept for a final check).
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import bench_tota_align as bench
import numpy as np
from scipy.optimize import linear_sum_assignment

from treatycmp.align.lexical import Space
from treatycmp.text import normalize

Link = tuple[int, int]
Rule = Callable[["Row", set[Link]], set[Link]]


@dataclass(frozen=True)
class Row:
    """One treaty pair: the system's and the baseline's links (clause indices), the
    one-to-one links of the system, the gold as indices, and both score matrices."""

    case: bench.Case
    mine: dict[Link, tuple[float, str]]
    one: frozenset[Link]
    base: frozenset[Link]
    gold: frozenset[Link]
    lex: np.ndarray
    words: np.ndarray
    has_l: frozenset[int]
    has_r: frozenset[int]

    def judged(self, k: Link) -> bool:
        return k[0] in self.has_l or k[1] in self.has_r


def baseline_words(left: list[str], right: list[str]) -> np.ndarray:
    """The baseline's cosines (``bench.tfidf_cosines``): words, raw tf, smooth idf."""
    return np.asarray(bench.tfidf_cosines(left, right))


def collect(every: dict[str, list[tuple[bench.Case, str]]], system: str) -> list[Row]:
    rows = []
    for cs in every.values():
        for c, _ in cs:
            left, right = c.a.clauses["article"], c.b.clauses["article"]
            aid = [x.article for x in left]
            bid = [x.article for x in right]
            ln = [normalize(x.text) for x in left]
            rn = [normalize(x.text) for x in right]
            li = {id(x): k for k, x in enumerate(left)}
            ri = {id(x): k for k, x in enumerate(right)}
            mine: dict[Link, tuple[float, str]] = {}
            one = set()
            for p in bench.SYSTEMS[system](left, right):
                for lc in p.left:
                    for rc in p.right:
                        mine[li[id(lc)], ri[id(rc)]] = (p.score, p.kind)
                        if len(p.left) == len(p.right) == 1:
                            one.add((li[id(lc)], ri[id(rc)]))
            base = {
                (li[id(p.left[0])], ri[id(p.right[0])]) for p in bench.tfidf_hungarian(left, right)
            }
            gold = {(aid.index(a), bid.index(b)) for a, b in c.gold if a in aid and b in bid}
            # Judged as bench_tota_align judges: an article with a gold partner, by id.
            golds_l = {a for a, _ in c.gold}
            golds_r = {b for _, b in c.gold}
            lex = np.asarray(Space(ln, rn).matrix(range(len(ln)), range(len(rn))))
            texts_l, texts_r = [x.text for x in left], [x.text for x in right]
            rows.append(
                Row(
                    c,
                    mine,
                    frozenset(one),
                    frozenset(base),
                    frozenset(gold),
                    lex,
                    baseline_words(texts_l, texts_r),
                    frozenset(k for k, a in enumerate(aid) if a in golds_l),
                    frozenset(k for k, b in enumerate(bid) if b in golds_r),
                )
            )
    return rows


def tally(row: Row, links: Iterable[Link], t: list[int]) -> None:
    """Adds right, judged, gold found and gold to ``t`` (bench_tota_align's judging)."""
    links = set(links)
    judged = [k for k in links if row.judged(k)]
    t[0] += sum(k in row.gold for k in judged)
    t[1] += len(judged)
    t[2] += len(links & row.gold)
    t[3] += len(row.case.gold)


def f1(t: list[int]) -> float:
    p, r = t[0] / max(1, t[1]), t[2] / max(1, t[3])
    return 2 * p * r / (p + r) if p + r else 0.0


def rank_kind(m: np.ndarray, i: int, j: int) -> str:
    row_best = m[i].max() <= m[i, j]
    col_best = m[:, j].max() <= m[i, j]
    return (
        "mutual best"
        if row_best and col_best
        else "best one way"
        if row_best or col_best
        else "best of neither"
    )


def band(x: float) -> str:
    for hi, name in ((0.3, "< 0.30"), (0.35, "0.30-0.35"), (0.5, "0.35-0.50")):
        if x < hi:
            return name
    return ">= 0.50"


def verdict(row: Row, k: Link) -> int:
    """0 right, 1 wrong, 2 unjudged."""
    return 0 if k in row.gold else 1 if row.judged(k) else 2


def tier(row: Row, k: Link) -> str:
    score, kind = row.mine[k]
    return "tier" if kind != "same" and abs(score - row.lex[k]) > 1e-6 else "lexical"


def what_became(row: Row, clause: int, side: int) -> str:
    """What the system did with one clause of a gold link it missed."""
    links = [k for k in row.mine if k[side] == clause]
    if not links:
        return "free"
    k = links[0]
    return f"{('right', 'wrong', 'unjudged')[verdict(row, k)]} ({tier(row, k)})"


def report(rows: list[Row], system: str, show: int) -> None:
    mine_t, base_t = [0] * 4, [0] * 4
    four: Counter[str] = Counter()
    wins: Counter[tuple[str, ...]] = Counter()
    only: dict[tuple[str, ...], list[int]] = defaultdict(lambda: [0, 0, 0])
    examples = []
    for row in rows:
        mine = set(row.mine)
        tally(row, mine, mine_t)
        tally(row, row.base, base_t)
        four["gold links only the baseline finds"] += len((row.base - mine) & row.gold)
        four["gold links only treatycmp finds"] += len((mine - row.base) & row.gold)
        four["wrong links only treatycmp makes"] += sum(
            verdict(row, k) == 1 for k in mine - row.base
        )
        four["wrong links only the baseline makes"] += sum(
            verdict(row, k) == 1 for k in row.base - mine
        )
        for i, j in sorted((row.base - mine) & row.gold):
            key = (
                what_became(row, i, 0),
                what_became(row, j, 1),
                rank_kind(row.lex, i, j),
                band(row.lex[i, j]),
            )
            wins[key] += 1
            examples.append((row, i, j, key))
        for k in mine - row.base:
            v = verdict(row, k)
            for key in ((tier(row, k),), (tier(row, k), rank_kind(row.lex, *k), band(row.lex[k]))):
                only[key][v] += 1
    print(f"\n## {system} against TF-IDF + Hungarian, article level\n")
    for name, t in ((system, mine_t), ("TF-IDF + Hungarian", base_t)):
        print(
            f"- {name}: P {t[0] / t[1]:.4f} ({t[0]} / {t[1]}), R {t[2] / t[3]:.4f}"
            f" ({t[2]} / {t[3]}), F1 {f1(t):.4f}"
        )
    for name, n in four.items():
        print(f"- {name}: {n}")
    print("\n### Gold links the baseline finds and treatycmp misses\n")
    print("| left article in treatycmp | right article | lexical cell | score | links |")
    print("|---|---|---|---|---|")
    for key, n in wins.most_common():
        print("| " + " | ".join(key) + f" | {n} |")
    print("\n### treatycmp's links the baseline does not make (right / wrong / unjudged)\n")
    print("| pass | lexical cell | score | right | wrong | unjudged | precision |")
    print("|---|---|---|---|---|---|---|")
    for key, (r, w, u) in sorted(only.items(), key=lambda kv: (len(kv[0]), -sum(kv[1]))):
        cells = [*key, "all", "all"][:3] if len(key) == 1 else list(key)
        print("| " + " | ".join(cells) + f" | {r} | {w} | {u} | {r / max(1, r + w):.2f} |")
    for row, i, j, key in examples[:show]:
        c = row.case
        head_l = {a.id: a.heading for a in c.a.treaty.article_list}
        head_r = {a.id: a.heading for a in c.b.treaty.article_list}
        left, right = c.a.clauses["article"], c.b.clauses["article"]
        print(
            f"\n* {c.family} {c.a.treaty.id}:{left[i].article} [{head_l.get(str(left[i].article))}]"
            f" / {c.b.treaty.id}:{right[j].article} [{head_r.get(str(right[j].article))}]"
            f" · cell {row.lex[i, j]:.2f} · " + ", ".join(key)
        )
        for x in (left[i], right[j]):
            print("    " + textwrap.shorten(x.text, 200))


def weighting(rows: list[Row]) -> None:
    """How each weighting ranks the gold on the same texts."""
    print("\n### How each weighting ranks the gold (same texts)\n")
    print("| matrix | gold row best | gold mutual best | mutual best >= 0.3: right / judged |")
    print("|---|---|---|---|")
    for name, get in (
        ("treatycmp (words + 4-grams, sublinear tf)", lambda r: r.lex),
        ("the baseline's (words, raw tf)", lambda r: r.words),
    ):
        s: Counter[str] = Counter()
        for row in rows:
            m = get(row)
            ra, ca = m.argmax(axis=1), m.argmax(axis=0)
            for i, j in row.gold:
                s["gold"] += 1
                s["row"] += ra[i] == j
                s["mutual"] += ra[i] == j and ca[j] == i
            for i in range(m.shape[0]):
                j = int(ra[i])
                if ca[j] == i and m[i, j] >= 0.3 and row.judged((i, j)):
                    s["judged"] += 1
                    s["right"] += (i, j) in row.gold
        print(
            f"| {name} | {s['row'] / s['gold']:.4f} | {s['mutual'] / s['gold']:.4f} | "
            f"{s['right']} / {s['judged']} ({s['right'] / max(1, s['judged']):.4f}) |"
        )


def leftover_mutual(floor: float) -> Rule:
    """Pair free clauses whose cell is the mutual best of the whole matrix."""

    def rule(row: Row, links: set[Link]) -> set[Link]:
        used_l = {i for i, _ in links}
        used_r = {j for _, j in links}
        m = row.lex
        ra, ca = m.argmax(axis=1), m.argmax(axis=0)
        add = {
            (i, int(ra[i]))
            for i in range(m.shape[0])
            if i not in used_l
            and int(ra[i]) not in used_r
            and ca[ra[i]] == i
            and m[i, ra[i]] >= floor
        }
        return links | add

    return rule


def optimum(row: Row) -> dict[int, int]:
    rows, cols = linear_sum_assignment(-row.lex)
    return dict(zip(rows.tolist(), cols.tolist(), strict=True))


def agrees(margin: float, add: float | None) -> Rule:
    """Keep a one-to-one link only where it is the optimum's, or beats the optimum's
    cells of its two clauses by ``margin``; with ``add``, the optimum's pairs at ``add``
    or more whose clauses are both free are added."""

    def rule(row: Row, links: set[Link]) -> set[Link]:
        hl = optimum(row)
        hr = {j: i for i, j in hl.items()}
        m = row.lex
        out = set(links)
        for i, j in row.one:
            if hl.get(i) == j:
                continue
            alt = max(m[i, hl[i]] if i in hl else 0.0, m[hr[j], j] if j in hr else 0.0)
            if m[i, j] - alt < margin:
                out.discard((i, j))
        if add is not None:
            used_l = {i for i, _ in out}
            used_r = {j for _, j in out}
            out |= {
                (i, j)
                for i, j in hl.items()
                if i not in used_l and j not in used_r and m[i, j] >= add
            }
        return out

    return rule


RULES: dict[str, Rule] = {
    **{f"leftover mutual best >= {f}": leftover_mutual(f) for f in (0.25, 0.3, 0.35)},
    **{
        f"agrees with the optimum or beats it by {x:+.2f}": agrees(x, None)
        for x in (-0.1, 0.0, 0.05)
    },
    **{
        f"agrees (margin {x:+.2f}), optimum's free pairs >= {a}": agrees(x, a)
        for x in (-0.1, 0.0)
        for a in (0.3, 0.35)
    },
}


def rules(rows: list[Row]) -> None:
    mine_t, base_t = [0] * 4, [0] * 4
    for row in rows:
        tally(row, row.mine, mine_t)
        tally(row, row.base, base_t)
    print("\n### Candidate rules on the system's links (F1, against the system and the baseline)\n")
    print("| rule | F1 | minus the system | minus TF-IDF + H | right | judged |")
    print("|---|---|---|---|---|---|")
    for name, rule in RULES.items():
        t = [0] * 4
        for row in rows:
            tally(row, rule(row, set(row.mine)), t)
        print(
            f"| {name} | {f1(t):.4f} | {f1(t) - f1(mine_t):+.4f} | {f1(t) - f1(base_t):+.4f} "
            f"| {t[0] - mine_t[0]:+d} | {t[1] - mine_t[1]:+d} |"
        )


def drawn_rows(
    ap: argparse.ArgumentParser, argv: list[str] | None, gold: str = "gold links"
) -> tuple[argparse.Namespace, list[Row]] | None:
    """The options parsed and the draw's rows collected for ``--system`` (which ``ap``
    defines), with the draw's line printed; None for a reserved seed (refused, said),
    the shared start of this family of analysis scripts."""
    args = ap.parse_args(argv)
    if bench.refuses_reserved(args):
        return None
    seed, every = bench.draw(args.xml, args.per_family, args.seed, args.fresh_seed)
    rows = collect(every, args.system)
    print(f"seed {seed}: {len(rows)} treaty pairs, {sum(len(r.case.gold) for r in rows)} {gold}")
    return args, rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    bench.add_draw_options(ap)
    ap.add_argument("--system", default="treatycmp", choices=sorted(bench.SYSTEMS))
    ap.add_argument("--show", type=int, default=0, help="print this many missed links")
    drawn = drawn_rows(ap, argv)
    if drawn is None:
        return 2
    args, rows = drawn
    report(rows, args.system, args.show)
    weighting(rows)
    rules(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
