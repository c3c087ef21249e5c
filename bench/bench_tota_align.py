"""Alignment quality on real treaties: ToTA article titles as the gold standard (issue 9).

    python bench/bench_tota_align.py [--xml /tmp/tota/xml] [--part test|tune|all]
        [--per-family 10] [--seed 9] [--level article paragraph]

Gold: article i of treaty A corresponds to article j of treaty B when their ToTA titles
(the ``heading`` the importer keeps), normalised with ``text.normalize``, are identical
and each is unique in its treaty. The aligners see only the articles: the preamble and
the article titles are not given to them, and an article text that opens with its own
title has the title cut off. Each article keeps its chapter (``Clause.chapter``, as a
real text prints it), which treatycmp's chapter prior reads (``align.chapters``);
``treatycmp without chapters`` is the same aligner with the chapters dropped.

Treaty pairs come from families of agreements that share a party, from ToTA's party
metadata (EFTA, US, EU, Japan, Turkey, Canada, Singapore, Chile, Korea, Australia,
India); each pair needs at least ``MIN_GOLD`` gold pairs. Up to ``--per-family`` pairs
per family are drawn with ``--seed``, and each family's pairs are split with the same
seed into a tuning part and a held-apart test part (alternately, after shuffling).
Tune on ``--part tune``; the issue-9 figures in docs/alignment.md are ``--part test``.

Held-out families (issue 19): ``--holdout`` leaves each family out in turn. Trainable
systems (the learnt pair scorer, ``train_pair_scorer.train``) are trained on the title
gold of the other families' pairs (every part) and run on the held-out family; fixed
systems simply run. ``--fresh-seed S`` draws the pairs with seed S and leaves out every
pair the default seed (9) draws, tuning or test: treaty pairs nothing was ever tuned
on. Each level then gets, per family and overall, P / R / F1 of every system and the
difference of F1 to TF-IDF + Hungarian with a bootstrap 95% range (treaty pairs
resampled, ``--boot`` times), the precision per pair kind, and for systems with
calibrated scores the precision per score band of their one-to-one pairs.

    python bench/bench_tota_align.py --holdout --fresh-seed 19

Scoring. A link is one (left clause, right clause) combination of a pair (a split
into two is two links); at paragraph level a link counts for the articles that hold
the two paragraphs. A link is judged when one of its two articles has a gold
partner: right when the two articles are gold partners. Precision = right / judged
links; recall = gold pairs with at least one link / gold pairs; micro over pairs.
Precision per kind: a pair is judged when one of its links is, and right when every
judged link is right (a split is right when every part lies in the partner article).
A pair with a note (a move, split or merge the aligner does not claim, reported
``changed``: treatycmp.align.claims) counts under "not claimed", not under ``changed``.

Systems, on the same inputs in the same run:
  - treatycmp ``align_clauses`` with its defaults;
  - TF-IDF cosine + Hungarian: word TF-IDF (``text.normalize`` words, smooth IDF
    from the two treaties' clauses, L2 norm), ``scipy.optimize.linear_sum_assignment``
    on the cosine matrix, pairs with cosine >= 0.3 kept;
  - greedy ``fuzz.ratio``: best-first one-to-one pairs with ratio >= 60;
  - candidate defaults: treatycmp with some ``align.tuning`` numbers set for the call
    (``tuned``: ``treatycmp clear 0.05``, ``... clear in paragraphs``, ``... clear 0.05
    both levels``, ``... chapters one to two``; docs/alignment.md, "The leads together";
    ``... tier first``, ``... tier gate`` and the seventh round's best variant with
    either or both: "The eighth round"; ``... optimum 0.05``, with and without the
    tier's gate: "The ninth round").

ToTA is CC BY-NC 4.0: it is read where it lies and never copied into this repository.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from treatycmp.align import tuning  # noqa: E402
from treatycmp.align.aligner import align_clauses  # noqa: E402
from treatycmp.align.pairs import ClausePair  # noqa: E402
from treatycmp.formats.tota import iter_tota  # noqa: E402
from treatycmp.model import Clause, Level, Treaty  # noqa: E402
from treatycmp.text import normalize  # noqa: E402

EU_CORE = {"BEL", "DEU", "FRA", "ITA", "LUX", "NLD"}
EFTA = {"CHE", "ISL", "LIE", "NOR"}
# Family name -> whether a treaty's party codes belong to it (first match names a pair).
FAMILIES: dict[str, Callable[[set[str]], bool]] = {
    "EFTA": lambda p: len(p & EFTA) >= 3 and not p >= EU_CORE,
    "US": lambda p: "USA" in p,
    "EU": lambda p: p >= EU_CORE and not p & EFTA,
    "Japan": lambda p: "JPN" in p,
    "Turkey": lambda p: "TUR" in p and not p >= EU_CORE and not p & EFTA,
    "Canada": lambda p: "CAN" in p,
    "Singapore": lambda p: "SGP" in p,
    "Chile": lambda p: "CHL" in p,
    "Korea": lambda p: "KOR" in p,
    "Australia": lambda p: "AUS" in p,
    "India": lambda p: "IND" in p,
}
MIN_GOLD = 8
KINDS = ("same", "changed", "moved", "split", "merged", "not claimed")
# "not claimed": a pair reported changed with a note (a move, split or merge not claimed).


@dataclass(frozen=True)
class Side:
    """One treaty as the aligners see it: clauses per level, and titles per article."""

    treaty: Treaty
    clauses: dict[str, tuple[Clause, ...]]
    titles: dict[str, str]  # article id -> normalised title, for unique titles only


def strip_title(text: str, heading: str | None) -> str:
    """The text without a copy of its own title at its start."""
    if not heading:
        return text
    words = [re.escape(w) for w in heading.split()]
    m = re.match(r"\s*" + r"\W*\s*".join(words) + r"\W*\s*", text, re.IGNORECASE)
    return text[m.end() :] if m and m.end() < len(text) else text


def side(t: Treaty) -> Side:
    heading = {a.id: a.heading for a in t.article_list}
    clauses: dict[str, tuple[Clause, ...]] = {}
    for level in ("article", "paragraph"):
        out = []
        first: set[str] = set()
        for c in t.clauses(level):  # type: ignore[arg-type]
            if c.article is None:
                continue  # preamble and closing: not articles
            text = c.text
            if c.article not in first:
                first.add(c.article)
                text = strip_title(text, heading[c.article])
            out.append(Clause(c.id, text, c.line, c.article, c.inferred, c.partial, c.chapter))
        clauses[level] = tuple(out)
    norm = {a: normalize(h) for a, h in heading.items() if h and normalize(h)}
    counts = Counter(norm.values())
    titles = {a: h for a, h in norm.items() if counts[h] == 1}
    return Side(t, clauses, titles)


def gold(a: Side, b: Side) -> set[tuple[str, str]]:
    by_title = {t: j for j, t in b.titles.items()}
    return {(i, by_title[t]) for i, t in a.titles.items() if t in by_title}


@dataclass(frozen=True)
class Case:
    family: str
    a: Side
    b: Side
    gold: frozenset[tuple[str, str]]


def cases(
    xml: Path, per_family: int, seed: int, avoid: frozenset[tuple[str, str]] = frozenset()
) -> dict[str, list[tuple[Case, str]]]:
    """Pairs of treaties per family, each with its part ("tune" or "test"); pairs in
    ``avoid`` (by treaty ids) are never drawn."""
    treaties = [t for t in iter_tota(xml) if t.language == "en"]
    sides: dict[str, Side] = {}
    members: dict[str, list[Treaty]] = defaultdict(list)
    for t in treaties:
        for name, test in FAMILIES.items():
            if test(set(t.parties)):
                members[name].append(t)
    seen: set[tuple[str, str]] = set(avoid)
    out: dict[str, list[tuple[Case, str]]] = {}
    for name in FAMILIES:
        ts = members[name]
        candidates = []
        for x in range(len(ts)):
            for y in range(x + 1, len(ts)):
                key = (ts[x].id, ts[y].id)
                if key not in seen:
                    candidates.append(key)
        rng = random.Random(f"{seed}-{name}")
        rng.shuffle(candidates)
        chosen: list[Case] = []
        for ka, kb in candidates:
            if len(chosen) >= per_family:
                break
            for k, t in ((ka, ka), (kb, kb)):
                if k not in sides:
                    sides[k] = side(next(u for u in ts if u.id == t))
            g = gold(sides[ka], sides[kb])
            if len(g) >= MIN_GOLD:
                seen.add((ka, kb))
                chosen.append(Case(name, sides[ka], sides[kb], frozenset(g)))
        if chosen:
            out[name] = [(c, "tune" if k % 2 == 0 else "test") for k, c in enumerate(chosen)]
    return out


def add_draw_options(ap: argparse.ArgumentParser) -> None:
    """The options that choose the treaty pairs, shared by every script of this draw."""
    ap.add_argument("--xml", type=Path, default=Path("/tmp/tota/xml"))
    ap.add_argument("--per-family", type=int, default=10)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument(
        "--fresh-seed",
        type=int,
        default=None,
        help="draw pairs with this seed, none that the default seed draws",
    )


# Seeds kept for a final check on main: the analysis scripts refuse them.
RESERVED_SEED = 39


def refuses_reserved(args: argparse.Namespace) -> bool:
    """True (and says why) when an analysis script is asked for a reserved seed."""
    if max(args.seed, args.fresh_seed or 0) < RESERVED_SEED:
        return False
    print(
        f"seeds {RESERVED_SEED} and up are kept for a final check: use 9, 19, 28, 37 or 38",
        file=sys.stderr,
    )
    return True


def draw(
    xml: Path, per_family: int, seed: int, fresh_seed: int | None = None
) -> tuple[int, dict[str, list[tuple[Case, str]]]]:
    """The seed used and its pairs: a fresh seed leaves out every pair the default seed (9)
    draws, tuning or test, so nothing was ever tuned on them."""
    if fresh_seed is None:
        return seed, cases(xml, per_family, seed)
    old = cases(xml, per_family, 9)
    avoid = {(c.a.treaty.id, c.b.treaty.id) for cs in old.values() for c, _ in cs}
    avoid |= {(b, a) for a, b in avoid}
    return fresh_seed, cases(xml, per_family, fresh_seed, frozenset(avoid))


# ---- baselines ---------------------------------------------------------------


def tfidf_cosines(left: Sequence[str], right: Sequence[str]) -> Any:
    """The baseline's matrix: word TF-IDF (raw tf, smooth idf) cosines, left x right."""
    import numpy as np

    docs = [normalize(t).split() for t in (*left, *right)]
    vocab: dict[str, int] = {}
    for d in docs:
        for w in d:
            vocab.setdefault(w, len(vocab))
    n = len(docs)
    df = Counter(w for d in docs for w in set(d))
    idf = np.zeros(len(vocab))
    for w, k in vocab.items():
        idf[k] = math.log((1 + n) / (1 + df[w])) + 1
    m = np.zeros((n, len(vocab)))
    for r, d in enumerate(docs):
        for w, c in Counter(d).items():
            m[r, vocab[w]] = c * idf[vocab[w]]
    norms = np.linalg.norm(m, axis=1)
    norms[norms == 0] = 1
    m /= norms[:, None]
    return m[: len(left)] @ m[len(left) :].T


def tfidf_hungarian(
    left: Sequence[Clause], right: Sequence[Clause], threshold: float = 0.3
) -> list[ClausePair]:
    """Word TF-IDF cosine, maximum-weight one-to-one assignment, pairs >= threshold."""
    from scipy.optimize import linear_sum_assignment

    if not left or not right:
        return []
    sim = tfidf_cosines([c.text for c in left], [c.text for c in right])
    rows, cols = linear_sum_assignment(-sim)
    return [
        ClausePair("changed", (left[i],), (right[j],), float(sim[i, j]))
        for i, j in zip(rows, cols, strict=True)
        if sim[i, j] >= threshold
    ]


def greedy_ratio(
    left: Sequence[Clause], right: Sequence[Clause], threshold: float = 60
) -> list[ClausePair]:
    """Best-first one-to-one pairs by ``fuzz.ratio`` on normalised text, >= threshold."""
    import numpy as np
    from rapidfuzz import fuzz, process

    if not left or not right:
        return []
    sim = process.cdist(
        [normalize(c.text) for c in left],
        [normalize(c.text) for c in right],
        scorer=fuzz.ratio,
        workers=-1,
    )
    order = np.argsort(-sim, axis=None, kind="stable")
    used_l: set[int] = set()
    used_r: set[int] = set()
    out = []
    for flat in order.tolist():
        i, j = divmod(flat, len(right))
        if sim[i, j] < threshold:
            break
        if i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        out.append(ClausePair("changed", (left[i],), (right[j],), float(sim[i, j]) / 100))
    return out


# ---- scoring -----------------------------------------------------------------


@dataclass
class Tally:
    right: int = 0
    judged: int = 0
    found: int = 0
    gold: int = 0

    def add(self, other: Tally) -> None:
        self.right += other.right
        self.judged += other.judged
        self.found += other.found
        self.gold += other.gold

    @property
    def p(self) -> float:
        return self.right / self.judged if self.judged else 0.0

    @property
    def r(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


def judge(
    pairs: Sequence[ClausePair], g: frozenset[tuple[str, str]], kinds: dict[str, list[int]]
) -> Tally:
    has_l = {i for i, _ in g}
    has_r = {j for _, j in g}
    t = Tally(gold=len(g))
    linked: set[tuple[str, str]] = set()
    for p in pairs:
        if not p.left or not p.right:
            continue
        judged = right = 0
        for lc in p.left:
            for rc in p.right:
                link = (str(lc.article), str(rc.article))
                linked.add(link)
                if link[0] in has_l or link[1] in has_r:
                    judged += 1
                    right += link in g
        t.judged += judged
        t.right += right
        if judged:
            tally = kinds.setdefault("not claimed" if p.note else p.kind, [0, 0])
            tally[0] += right == judged
            tally[1] += 1
    t.found = len(linked & g)
    return t


Aligner = Callable[[Sequence[Clause], Sequence[Clause]], Sequence[ClausePair]]


def unchaptered(clauses: Sequence[Clause]) -> list[Clause]:
    """The clauses with their chapters dropped (the aligner as before chapters)."""
    return [replace(c, chapter=None) for c in clauses]


def tuned(**values: float | bool | None) -> Aligner:
    """treatycmp with some of ``align.tuning``'s numbers set for the call (read at call
    time there): a candidate default, scored on the same texts in the same run."""

    def fn(a: Sequence[Clause], b: Sequence[Clause]) -> Sequence[ClausePair]:
        old = {k: getattr(tuning, k) for k in values}
        for k, v in values.items():
            setattr(tuning, k, v)
        try:
            return align_clauses(a, b)
        finally:
            for k, v in old.items():
                setattr(tuning, k, v)

    return fn


SYSTEMS: dict[str, Aligner] = {
    "treatycmp": lambda a, b: align_clauses(a, b),
    "treatycmp without chapters": lambda a, b: align_clauses(unchaptered(a), unchaptered(b)),
    # Issue 19's seventh round: the fourth round's lead (CLEAR_MARGIN 0.05) and the clear
    # cells in the paragraph level's article step (CLEAR_PARAGRAPHS), apart and together.
    "treatycmp clear 0.05": tuned(CLEAR_MARGIN=0.05),
    "treatycmp clear in paragraphs": tuned(CLEAR_PARAGRAPHS=True),
    "treatycmp clear 0.05 both levels": tuned(CLEAR_MARGIN=0.05, CLEAR_PARAGRAPHS=True),
    "treatycmp chapters one to two": tuned(CHAPTER_SECOND_FLOOR=0.3),
    # Issue 19's eighth round: the character tier before the clear pairs (CHAR_TIER_FIRST),
    # with the default's clear pairs and with the seventh round's best variant.
    "treatycmp tier first": tuned(CHAR_TIER_FIRST=True),
    "treatycmp clear 0.05 both levels tier first": tuned(
        CLEAR_MARGIN=0.05, CLEAR_PARAGRAPHS=True, CHAR_TIER_FIRST=True
    ),
    "treatycmp tier gate": tuned(CHAR_TIER_GATE=True),
    "treatycmp clear 0.05 both levels tier gate": tuned(
        CLEAR_MARGIN=0.05, CLEAR_PARAGRAPHS=True, CHAR_TIER_GATE=True
    ),
    "treatycmp clear 0.05 both levels tier first gate": tuned(
        CLEAR_MARGIN=0.05, CLEAR_PARAGRAPHS=True, CHAR_TIER_FIRST=True, CHAR_TIER_GATE=True
    ),
    # Issue 19's ninth round: a one-to-one pair at article level only where the optimum
    # assignment of the lexical matrix agrees or it beats the optimum by 0.05.
    "treatycmp optimum 0.05": tuned(OPTIMUM_MARGIN=0.05),
    "treatycmp tier gate optimum 0.05": tuned(CHAR_TIER_GATE=True, OPTIMUM_MARGIN=0.05),
    # Issue 19's tenth round: articles left unpaired in a gap of the chain pair in order
    # at 0.25 (GAP_FLOOR), alone and with the gate.
    "treatycmp gap 0.25": tuned(GAP_FLOOR=0.25),
    "treatycmp tier gate gap 0.25": tuned(CHAR_TIER_GATE=True, GAP_FLOOR=0.25),
    "treatycmp tier gate optimum 0.05 gap 0.25": tuned(
        CHAR_TIER_GATE=True, OPTIMUM_MARGIN=0.05, GAP_FLOOR=0.25
    ),
    "tfidf+hungarian 0.3": tfidf_hungarian,
    "greedy fuzz.ratio>=60": greedy_ratio,
}


def run(
    selected: dict[str, list[Case]], levels: Sequence[Level], systems: dict[str, Aligner]
) -> None:
    total_gold = sum(len(c.gold) for cs in selected.values() for c in cs)
    total_pairs = sum(len(cs) for cs in selected.values())
    print(f"{total_pairs} treaty pairs, {total_gold} gold article pairs")
    for level in levels:
        print(f"\n## {level} level\n")
        results: dict[str, dict[str, Tally]] = {}
        kinds: dict[str, dict[str, list[int]]] = {}
        secs: dict[str, float] = {}
        for name, fn in systems.items():
            per: dict[str, Tally] = {}
            kinds[name] = {}
            start = time.perf_counter()
            for fam, cs in selected.items():
                per[fam] = Tally()
                for c in cs:
                    got = fn(c.a.clauses[level], c.b.clauses[level])
                    per[fam].add(judge(got, c.gold, kinds[name]))
            secs[name] = time.perf_counter() - start
            overall = Tally()
            for x in per.values():
                overall.add(x)
            per["all"] = overall
            results[name] = per
        print("| family | pairs | gold | " + " | ".join(f"{s} P / R / F1" for s in systems) + " |")
        print("|---|---|---|" + "---|" * len(systems))
        for fam in [*selected, "all"]:
            n = total_pairs if fam == "all" else len(selected[fam])
            g = results[next(iter(systems))][fam].gold
            cells = [
                f"{r.p:.3f} / {r.r:.3f} / **{r.f1:.3f}**"
                if fam == "all"
                else f"{r.p:.3f} / {r.r:.3f} / {r.f1:.3f}"
                for r in (results[s][fam] for s in systems)
            ]
            print(f"| {fam} | {n} | {g} | " + " | ".join(cells) + " |")
        print("\nPrecision per pair kind (right / judged):\n")
        print("| system | " + " | ".join(KINDS) + " |")
        print("|---|" + "---|" * len(KINDS))
        for s in systems:
            row = []
            for k in KINDS:
                ok, n = kinds[s].get(k, [0, 0])
                row.append(f"{ok / n:.3f} ({ok}/{n})" if n else "-")
            print(f"| {s} | " + " | ".join(row) + " |")
        print("\nSeconds: " + ", ".join(f"{s} {t:.1f}" for s, t in secs.items()))


def score_table(selected: dict[str, list[Case]], seed: int) -> None:
    """Score quantiles of gold pairs and of unrelated article pairs, by length ratio."""
    from treatycmp.align.lexical import Space
    from treatycmp.align.scorers import SCORERS

    rng = random.Random(seed)
    rows: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    for cs in selected.values():
        for c in cs:
            left, right = c.a.clauses["article"], c.b.clauses["article"]
            li = {x.article: k for k, x in enumerate(left)}
            ri = {x.article: k for k, x in enumerate(right)}
            ln = [normalize(x.text) for x in left]
            rn = [normalize(x.text) for x in right]
            space = Space(ln, rn)
            partner = dict(c.gold)
            golds = [(li[a], ri[b]) for a, b in c.gold if a in li and b in ri]
            others = []
            for a, b in c.gold:
                if a in li:
                    wrong = [j for j in ri if j != b and j in partner.values()]
                    if wrong:
                        others.append((li[a], ri[rng.choice(wrong)]))
            for label, cells in (("true pairs", golds), ("unrelated", others)):
                for i, j in cells:
                    ratio = min(len(ln[i]), len(rn[j])) / max(len(ln[i]), len(rn[j]), 1)
                    band = "length ratio < 0.5" if ratio < 0.5 else "length ratio >= 0.5"
                    rows[label, band, "tfidf"].append(space.score(i, j))
                    rows[label, band, "blend"].append(SCORERS["blend"].score(ln[i], rn[j]))
    print("| clauses | lengths | scorer | n | 5% | 10% | 25% | 50% | 75% | 90% | 95% |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for key in sorted(rows, key=lambda k: (k[0] != "true pairs", k[1], k[2])):
        v = sorted(rows[key])
        qs = [v[min(len(v) - 1, int(q * len(v)))] for q in (0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95)]
        print(
            f"| {key[0]} | {key[1]} | {key[2]} | {len(v)} | "
            + " | ".join(f"{x:.2f}" for x in qs)
            + " |"
        )


# ---- held-out families (issue 19) ----------------------------------------------

Trainable = Callable[[list[Case]], Aligner]
"""A system trained on cases (the other families) that returns the aligner to run."""
TRAINABLE: dict[str, Trainable] = {}
BASELINE = "tfidf+hungarian 0.3"
CURRENT = "treatycmp"
BANDS = (0.0, 0.35, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01)


def _f1(ts: Sequence[Tally]) -> float:
    total = Tally()
    for t in ts:
        total.add(t)
    return total.f1


def boot_range(
    mine: Sequence[Tally], base: Sequence[Tally], rng: random.Random, times: int
) -> tuple[float, float]:
    """Bootstrap 95% range of F1(mine) - F1(base), treaty pairs resampled together."""
    n = len(mine)
    diffs = []
    for _ in range(times):
        pick = [rng.randrange(n) for _ in range(n)]
        diffs.append(_f1([mine[k] for k in pick]) - _f1([base[k] for k in pick]))
    diffs.sort()
    return diffs[int(0.025 * times)], diffs[min(times - 1, int(0.975 * times))]


def band_table(links: list[tuple[float, bool]]) -> None:
    """Precision of one-to-one pairs per score band (a pair right when its link is gold)."""
    print("\n| score band | pairs | right | precision |")
    print("|---|---|---|---|")
    for lo, hi in itertools.pairwise(BANDS):
        got = [ok for s, ok in links if lo <= s < hi]
        if got:
            print(
                f"| {lo:.2f}-{min(hi, 1.0):.2f} | {len(got)} | {sum(got)} | "
                f"{sum(got) / len(got):.3f} |"
            )


def holdout(
    selected: dict[str, list[Case]],
    levels: Sequence[Level],
    systems: dict[str, Aligner],
    trainable: dict[str, Trainable],
    boot: int,
    seed: int,
) -> None:
    """Every family held out in turn: trainable systems learn on the others."""
    names = [*trainable, *systems]
    print(
        f"{sum(map(len, selected.values()))} treaty pairs, "
        f"{sum(len(c.gold) for cs in selected.values() for c in cs)} gold article pairs"
    )
    for level in levels:
        per: dict[str, dict[str, list[Tally]]] = {s: defaultdict(list) for s in names}
        kinds: dict[str, dict[str, list[int]]] = {s: {} for s in names}
        bands: dict[str, list[tuple[float, bool]]] = defaultdict(list)
        secs: dict[str, float] = defaultdict(float)
        for fam, cs in selected.items():
            train = [c for f, o in selected.items() if f != fam for c in o]
            fns = {s: trainable[s](train) for s in trainable}
            fns.update(systems)
            for s, fn in fns.items():
                for c in cs:
                    start = time.perf_counter()
                    got = fn(c.a.clauses[level], c.b.clauses[level])
                    secs[s] += time.perf_counter() - start
                    per[s][fam].append(judge(got, c.gold, kinds[s]))
                    bands[s].extend(_band_links(got, c.gold))
        _holdout_tables(level, selected, names, per, kinds, boot, seed)
        for s in names:  # every system: the default's scores need a meaning too
            print(f"\nScore bands of {s} ({level} level, held-out families):")
            band_table(bands[s])
        print("\nSeconds: " + ", ".join(f"{s} {t:.1f}" for s, t in secs.items()))


def _band_links(
    pairs: Sequence[ClausePair], g: frozenset[tuple[str, str]]
) -> list[tuple[float, bool]]:
    has_l = {i for i, _ in g}
    has_r = {j for _, j in g}
    out = []
    for p in pairs:
        if len(p.left) == 1 and len(p.right) == 1:
            link = (str(p.left[0].article), str(p.right[0].article))
            if link[0] in has_l or link[1] in has_r:
                out.append((p.score, link in g))
    return out


def _holdout_tables(
    level: str,
    selected: dict[str, list[Case]],
    names: list[str],
    per: dict[str, dict[str, list[Tally]]],
    kinds: dict[str, dict[str, list[int]]],
    boot: int,
    seed: int,
) -> None:
    rng = random.Random(seed)
    others = [s for s in names if s != BASELINE]
    print(f"\n## {level} level, each family held out\n")
    print(
        "| family | pairs | gold | "
        + " | ".join(f"{s} P / R / F1" for s in names)
        + " | "
        + " | ".join(f"{s} - baseline F1 [95%]" for s in others)
        + " |"
    )
    print("|---|---|---|" + "---|" * (len(names) + len(others)))
    every = {s: [t for fam in selected for t in per[s][fam]] for s in names}
    for fam in [*selected, "all"]:
        rows = {s: (every[s] if fam == "all" else per[s][fam]) for s in names}
        tot = {s: Tally() for s in names}
        for s in names:
            for t in rows[s]:
                tot[s].add(t)
        cells = [f"{tot[s].p:.3f} / {tot[s].r:.3f} / {tot[s].f1:.3f}" for s in names]
        for s in others:
            lo, hi = boot_range(rows[s], rows[BASELINE], rng, boot)
            cells.append(f"{tot[s].f1 - tot[BASELINE].f1:+.3f} [{lo:+.3f}, {hi:+.3f}]")
        n = len(rows[names[0]])
        print(f"| {fam} | {n} | {tot[names[0]].gold} | " + " | ".join(cells) + " |")
    if CURRENT in names:
        for s in names:
            if s not in (CURRENT, BASELINE):
                lo, hi = boot_range(every[s], every[CURRENT], rng, boot)
                d = _f1(every[s]) - _f1(every[CURRENT])
                print(f"\n{s} - {CURRENT} F1, all families: {d:+.3f} [{lo:+.3f}, {hi:+.3f}]")
    print("\nPrecision per pair kind (right / judged):\n")
    print("| system | " + " | ".join(KINDS) + " |")
    print("|---|" + "---|" * len(KINDS))
    for s in names:
        row = []
        for k in KINDS:
            ok, n = kinds[s].get(k, [0, 0])
            row.append(f"{ok / n:.3f} ({ok}/{n})" if n else "-")
        print(f"| {s} | " + " | ".join(row) + " |")


def main(argv: list[str] | None = None) -> int:
    try:
        import train_pair_scorer  # registers the learnt system (trained per fold)
    except ImportError:
        pass
    else:
        TRAINABLE.update(train_pair_scorer.bench.TRAINABLE)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_draw_options(ap)
    ap.add_argument("--part", choices=("test", "tune", "all"), default="test")
    ap.add_argument(
        "--level", nargs="+", choices=("article", "paragraph"), default=["article", "paragraph"]
    )
    ap.add_argument("--system", nargs="+", choices=sorted([*SYSTEMS, *TRAINABLE]), default=None)
    ap.add_argument("--holdout", action="store_true", help="leave each family out in turn")
    ap.add_argument("--boot", type=int, default=1000, help="bootstrap resamples")
    ap.add_argument(
        "--scores", action="store_true", help="print score distributions instead (article level)"
    )
    args = ap.parse_args(argv)
    if not args.xml.is_dir():
        print(f"{args.xml}: no ToTA XML folder (unpack tota-xml.tar.xz there)", file=sys.stderr)
        return 2
    args.seed, every = draw(args.xml, args.per_family, args.seed, args.fresh_seed)
    if args.fresh_seed is not None:
        args.part = "all"
    if args.holdout:
        args.part = "all"
    selected = {
        fam: [c for c, part in cs if args.part in ("all", part)] for fam, cs in every.items()
    }
    selected = {f: cs for f, cs in selected.items() if cs}
    print(f"part: {args.part}, seed {args.seed}, up to {args.per_family} pairs per family")
    for fam, cs in selected.items():
        print(f"  {fam}: " + ", ".join(f"{c.a.treaty.id[9:]}/{c.b.treaty.id[9:]}" for c in cs))
    if args.scores:
        score_table(selected, args.seed)
        return 0
    chosen = args.system or [*SYSTEMS, *TRAINABLE]
    systems = {s: SYSTEMS[s] for s in chosen if s in SYSTEMS}
    if args.holdout:
        systems.setdefault(BASELINE, SYSTEMS[BASELINE])
        trainable = {s: TRAINABLE[s] for s in chosen if s in TRAINABLE}
        holdout(selected, args.level, systems, trainable, args.boot, args.seed)
        return 0
    run(selected, args.level, systems)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
