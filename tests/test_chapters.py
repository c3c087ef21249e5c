"""Chapters as a prior in the article step (issue 19, ``align.chapters``): an exact
chapter assignment, a prior that re-orders and never admits, and texts without chapters
aligned exactly as before."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace

import pytest
from _treaties import bundled, tota_dir

from treatycmp.align import tuning
from treatycmp.align.aligner import align_clauses
from treatycmp.align.chapters import assignment, chapter_prior, second_partners
from treatycmp.align.edges import lexical_edges
from treatycmp.align.lexical import Space
from treatycmp.align.pairs import ClausePair
from treatycmp.analysis import CompareOptions, compare
from treatycmp.formats.tota import load_tota
from treatycmp.model import Article, Clause, Level, Treaty
from treatycmp.rule_model import RuleSet
from treatycmp.text import normalize

CUSTOMS = (
    "The customs authorities of each Party shall exchange information on tariff "
    "classification and valuation of imported goods."
)
SERVICES = (
    "Each Party shall accord to services and service suppliers of the other Party treatment "
    "no less favourable than that it accords to its own like services and service suppliers."
)
PUBLISH_CUSTOMS = (
    "Each Party shall publish its laws and regulations on customs matters promptly, "
    "including on the internet."
)
PUBLISH_SERVICES = "Each Party shall publish its laws and regulations on services matters promptly."
CUSTOMS_ONLINE = (
    "Each Party shall make its customs laws available promptly on the internet, and publish them."
)


PAIRS = [
    ("north-atlantic-1949", "seato-1954"),
    ("ussr-dprk-1961", "dprk-russia-2024"),
    ("un-charter-51", "un-charter-1945"),
    ("un-charter-51", "un-charter-51"),
    ("teu-2007", "north-atlantic-1949"),
]


def _articles(items: list[tuple[str | None, str]]) -> list[Clause]:
    return [Clause(str(k + 1), t, k + 1, str(k + 1), chapter=c) for k, (c, t) in enumerate(items)]


def _plain(clauses: list[Clause] | tuple[Clause, ...]) -> list[Clause]:
    return [replace(c, chapter=None) for c in clauses]


def _chaptered(clauses: tuple[Clause, ...], rng: random.Random, k: int) -> list[Clause]:
    """The clauses with each article in one of ``k`` chapters, in runs as texts print them."""
    arts = list(dict.fromkeys(c.article for c in clauses if c.article is not None))
    cuts = sorted(rng.sample(range(1, len(arts)), min(k, len(arts)) - 1)) if k > 1 else []
    chapter = {a: f"Chapter {sum(n >= x for x in cuts) + 1}" for n, a in enumerate(arts)}
    return [replace(c, chapter=chapter.get(c.article) if c.article else None) for c in clauses]


@pytest.mark.parametrize("seed", range(40))
def test_assignment_is_the_best_one_to_one(seed: int) -> None:
    rng = random.Random(seed)
    n, m = rng.randint(1, 5), rng.randint(1, 5)
    sim = [[round(rng.random(), 2) for _ in range(m)] for _ in range(n)]
    got = assignment(sim)
    assert len(got) == min(n, m)
    assert len({a for a, _ in got}) == len({b for _, b in got}) == len(got)
    best = max(
        sum(sim[a][b] for a, b in zip(rows, cols, strict=False))
        for rows in itertools.permutations(range(n), min(n, m))
        for cols in itertools.permutations(range(m), min(n, m))
    )
    assert sum(sim[a][b] for a, b in got) == pytest.approx(best)


def test_no_prior_under_two_chapters_a_side() -> None:
    space = Space(["a b c", "d e f"], ["a b c", "d e f"])
    assert chapter_prior(["I", "I"], ["I", "II"], space) is None
    assert chapter_prior(["I", None], ["I", "II"], space) is None
    assert chapter_prior([None, None], [None, None], space) is None
    assert chapter_prior(["I", "II"], ["I", "II"], space) is not None


def test_the_aligned_chapter_wins_a_close_choice() -> None:
    """Left 2 (publication, in Goods) scores 0.73 with a Services article and 0.58 with a
    Goods one that its neighbour supports: nearly a tie in rank, which the chapters
    decide; without them the Services article wins. Both cells pass on their own."""
    left = _articles([("Goods", CUSTOMS), ("Goods", PUBLISH_CUSTOMS), ("Services", SERVICES)])
    right = _articles(
        [
            ("Services", SERVICES),
            ("Services", PUBLISH_SERVICES),
            ("Goods", CUSTOMS),
            ("Goods", CUSTOMS_ONLINE),
        ]
    )

    def partner(pairs: tuple[ClausePair, ...]) -> str:
        return next(p.right[0].id for p in pairs if p.left and p.left[0].id == "2")

    assert partner(align_clauses(_plain(left), _plain(right))) == "2"
    with_chapters = align_clauses(left, right)
    assert partner(with_chapters) == "4"
    got = next(p for p in with_chapters if p.left and p.left[0].id == "2")
    space = Space([normalize(c.text) for c in left], [normalize(c.text) for c in right])
    assert got.score == pytest.approx(space.score(1, 3))  # its own score, not boosted


@pytest.mark.parametrize(("a", "b"), PAIRS)
@pytest.mark.parametrize("level", ["article", "paragraph"])
def test_texts_without_chapters_on_both_sides_align_as_before(a: str, b: str, level: Level) -> None:
    """Chapters on one side only, or one chapter a side, change nothing."""
    left, right = bundled(a).clauses(level), bundled(b).clauses(level)
    before = align_clauses(_plain(left), _plain(right))
    rng = random.Random(f"{a}/{b}/{level}")
    assert align_clauses(_chaptered(left, rng, 4), _plain(right)) == _with_chapters_of(
        before, _chaptered(left, random.Random(f"{a}/{b}/{level}"), 4), []
    )
    one_l, one_r = _chaptered(left, rng, 1), _chaptered(right, rng, 1)
    assert align_clauses(one_l, one_r) == _with_chapters_of(before, one_l, one_r)


def _with_chapters_of(
    pairs: tuple[ClausePair, ...], left: list[Clause], right: list[Clause]
) -> tuple[ClausePair, ...]:
    """``pairs`` with each clause replaced by its chaptered copy (same id)."""
    lmap = {c.id: c for c in left}
    rmap = {c.id: c for c in right}
    return tuple(
        replace(
            p,
            left=tuple(lmap.get(c.id, c) for c in p.left),
            right=tuple(rmap.get(c.id, c) for c in p.right),
        )
        for p in pairs
    )


@pytest.mark.parametrize(("a", "b"), PAIRS[:3])
@pytest.mark.parametrize("seed", range(3))
def test_the_prior_ranks_and_never_admits(
    a: str, b: str, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the chapters, each cell the article step pairs passes the threshold on
    its own rank (score plus the order prior) and keeps its own score."""
    monkeypatch.setattr(tuning, "CHAPTER_FLOOR", 0.0)  # made-up chapters: align them all
    rng = random.Random(seed)
    left = _chaptered(bundled(a).clauses("article"), rng, rng.randint(2, 5))
    right = _chaptered(bundled(b).clauses("article"), rng, rng.randint(2, 5))
    ln, rn = [normalize(c.text) for c in left], [normalize(c.text) for c in right]
    space = Space(ln, rn)
    prior = chapter_prior([c.chapter for c in left], [c.chapter for c in right], space)
    assert prior is not None
    assert not prior.admits
    threshold = 0.35
    sim = space.rows(range(len(ln)), range(len(rn)))

    def at(i: int, j: int) -> float:
        return sim[i][j] if 0 <= i < len(ln) and 0 <= j < len(rn) else 0.0

    for e in lexical_edges(space, range(len(ln)), range(len(rn)), threshold, False, prior):
        (i,), (j,) = e.lefts, e.rights
        assert e.score == sim[i][j]
        assert at(i, j) + tuning.SUPPORT * (at(i - 1, j - 1) + at(i + 1, j + 1)) / 2 >= threshold


def _unchaptered(t: Treaty) -> Treaty:
    return replace(
        t,
        articles=tuple(
            replace(a, chapter=None) if isinstance(a, Article) else a for a in t.articles
        ),
    )


@pytest.mark.skipif(tota_dir() is None, reason="ToTA is not unpacked on this machine")
def test_real_treaties_taxation_pairs_inside_the_exceptions_chapters() -> None:
    """ToTA pta_104 / pta_144 (Canada's agreements), as imported, through ``compare``:
    Article 10.3 (taxation, in Chapter Ten: Exceptions) pairs with 2204 (taxation, in
    Chapter Twenty-Two: Exceptions) only when the chapters reach the aligner; without
    them it took 1014 of the telecommunications chapter at article level (0.46 against
    0.39), and at paragraph level 10.3(2) stayed unpaired though 2204(2) reads the same
    (0.96)."""
    folder = tota_dir()
    assert folder is not None
    a, b = load_tota(folder / "pta_104.xml"), load_tota(folder / "pta_144.xml")

    def partners(left: Treaty, right: Treaty, level: Level) -> dict[str, list[str]]:
        opts = CompareOptions(level=level, functional=False)
        pairs = compare(left, right, opts, rules=RuleSet(())).pairs
        return {
            x.id: [y.id for y in p.right]
            for p in pairs
            for x in p.left
            if x.id == "10.3" or x.id.startswith("10.3.")
        }

    assert partners(a, b, "article") == {"10.3": ["2204"]}
    assert partners(_unchaptered(a), _unchaptered(b), "article") == {"10.3": ["1014"]}
    para = partners(a, b, "paragraph")
    assert para["10.3.2"] == ["2204.2"]
    assert partners(_unchaptered(a), _unchaptered(b), "paragraph")["10.3.2"] == []


def test_second_partners_pair_a_chapter_left_alone_with_its_best_above_the_floor() -> None:
    # Left chapters 0 and 1 are both about what right chapter 0 holds whole.
    sim = [[0.8, 0.1], [0.5, 0.2], [0.1, 0.9]]
    pairs = frozenset(assignment(sim))
    assert pairs == {(0, 0), (2, 1)}
    assert second_partners(sim, pairs, 0.3) == {(1, 0)}
    assert second_partners(sim, pairs, 0.6) == frozenset()  # under the floor: alone
    # Columns too: the transpose mirrors it.
    cols = [list(r) for r in zip(*sim, strict=True)]
    assert second_partners(cols, frozenset(assignment(cols)), 0.3) == {(0, 1)}
